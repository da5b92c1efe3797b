// Command crosslang-driver is the Go face's cross-language driver
// (tests/cross_language/README.md):
//
//	crosslang-driver ROOT [DOMAINS]
//
// keeps one Probe on the fixture tree ROOT with every field group (and the domains named
// in the comma-separated DOMAINS, else the default set); each "snapshot" line read from
// stdin prints that snapshot as one JSON line rendered from the Go values
// (Snapshot.MarshalJSON walks the structs, not the core's JSON writer).
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	libprobe "github.com/libprobe/libprobe/bindings/go"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "crosslang-driver: "+format+"\n", args...)
	os.Exit(2)
}

// domains turns "process,network" into DomainNames, by the names the enum prints.
func domains(list string) []libprobe.DomainName {
	out := []libprobe.DomainName{}
	for _, name := range strings.Split(list, ",") {
		found := false
		for code := libprobe.DomainName(1); code < 32; code++ {
			if code.String() == name {
				out = append(out, code)
				found = true
			}
		}
		if !found {
			fail("unknown domain %q", name)
		}
	}
	return out
}

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fail("usage: crosslang-driver ROOT [DOMAINS]")
	}
	yes := libprobe.Bool(true)
	opts := &libprobe.Options{
		Fixture: os.Args[1],
		Process: libprobe.ProcessOptions{SmapsRollup: yes, Maps: yes, Fds: yes, Environ: yes, Taskstats: yes},
		Network: libprobe.NetworkOptions{Conntrack: yes},
	}
	if len(os.Args) == 3 {
		opts.Domains = domains(os.Args[2])
	}
	probe, err := libprobe.New(opts)
	if err != nil {
		fail("%v", err)
	}
	defer probe.Close()
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		if strings.TrimSpace(in.Text()) != "snapshot" {
			continue
		}
		snap, err := probe.Snapshot()
		if err != nil {
			fail("snapshot: %v", err)
		}
		line, err := snap.MarshalJSON()
		if err != nil {
			fail("%v", err)
		}
		out.Write(line)
		out.WriteByte('\n')
		if err := out.Flush(); err != nil {
			fail("%v", err)
		}
	}
}
