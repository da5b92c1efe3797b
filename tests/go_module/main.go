// A Go agent in its own module, as a user writes one: `make test-go-module` copies it into
// a temporary module outside the repository and builds it with plain `go build`.
package main

import (
	"fmt"
	"log"

	libprobe "github.com/libprobe/libprobe/bindings/go"
)

func main() {
	p, err := libprobe.New(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close()
	snap, err := p.Snapshot()
	if err != nil {
		log.Fatal(err)
	}
	procs, _ := snap.Processes.Get()
	fmt.Printf("libprobe %s\nprocesses %d\n", libprobe.Version(), len(procs))
	if sys, ok := snap.System.Get(); ok {
		fmt.Printf("cpus %d\n", sys.CPUCount)
	}
}
