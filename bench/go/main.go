// Command procs is the Go anchors of bench/run_bindings.py: the process table through the
// Go binding, or through gopsutil with the same fields.
//
//	procs [--repeat N] [--gopsutil]
//
// libprobe: one libprobe.New(&Options{Domains: process}) (the default field set), N
// snapshots, each also reading every process's fields below from the Go structs.
//
// gopsutil: process.Processes(), then per process the fields psutil_procs.py asks psutil
// for: ppid, name, exe, cmdline, cwd, status, uids, gids, nice, threads, create time, CPU
// times, affinity, memory info and percent, I/O counters, fds, context switches, and the
// sixteen rlimits (gopsutil reads them all from /proc/<pid>/limits in one call). Errors
// (another user's process, a process gone mid-scan) are counted, not fatal.
//
// Prints one JSON line: tool, version, rows, errors, inner_s (first iteration), iters_s,
// iters_cpu_s (process CPU time, every thread), checksum.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	"github.com/shirou/gopsutil/v4/process"
)

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

type result struct {
	Tool     string    `json:"tool"`
	Version  string    `json:"version,omitempty"`
	Rows     int       `json:"rows"`
	Errors   int       `json:"errors"`
	InnerS   float64   `json:"inner_s"`
	ItersS   []float64 `json:"iters_s"`
	ItersCPU []float64 `json:"iters_cpu_s"`
	Checksum uint64    `json:"checksum"`
}

// withLibprobe reads one snapshot's process table and every field gopsutil is asked for.
func withLibprobe(p *libprobe.Probe) (rows, errors int, acc uint64) {
	snap, err := p.Snapshot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	procs, _ := snap.Processes.Get()
	for i := range procs {
		q := &procs[i]
		acc ^= uint64(q.PID) ^ uint64(q.PPID.Value) ^ uint64(len(q.Name)) ^ q.StartTime
		acc ^= q.CPUUserTicks.Value ^ q.CPUSystemTicks.Value ^ q.MemoryRSS.Value ^ q.MemoryVMS.Value
		acc ^= uint64(q.Nice.Value) ^ uint64(q.NumThreads.Value)
		for _, f := range []libprobe.Field[uint32]{q.UIDReal, q.UIDEffective, q.GIDReal} {
			if v, ok := f.Get(); ok {
				acc ^= uint64(v)
			} else {
				errors++
			}
		}
		for _, f := range []libprobe.Field[uint64]{q.IOReadBytes, q.IOWriteBytes, q.VoluntaryCtxSwitches} {
			if v, ok := f.Get(); ok {
				acc ^= v
			} else {
				errors++
			}
		}
		if argv, ok := q.Cmdline.Get(); ok {
			acc ^= uint64(len(argv))
		}
		if exe, ok := q.Exe.Get(); ok {
			acc ^= uint64(len(exe))
		}
		if cwd, ok := q.Cwd.Get(); ok {
			acc ^= uint64(len(cwd))
		}
		if n, ok := q.NumFds.Get(); ok {
			acc ^= uint64(n)
		}
		if l, ok := q.Limits.Get(); ok {
			acc ^= l.MaxOpenFiles.Value.Soft ^ l.MaxStackSize.Value.Hard
		}
	}
	return len(procs), errors, acc
}

// withGopsutil reads the same fields through gopsutil.
func withGopsutil() (rows, errors int, acc uint64) {
	procs, err := process.Processes()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	count := func(err error) {
		if err != nil {
			errors++
		}
	}
	for _, p := range procs {
		acc ^= uint64(p.Pid)
		ppid, err := p.Ppid()
		count(err)
		name, err := p.Name()
		count(err)
		exe, err := p.Exe()
		count(err)
		argv, err := p.CmdlineSlice()
		count(err)
		cwd, err := p.Cwd()
		count(err)
		_, err = p.Status()
		count(err)
		uids, err := p.Uids()
		count(err)
		gids, err := p.Gids()
		count(err)
		nice, err := p.Nice()
		count(err)
		threads, err := p.NumThreads()
		count(err)
		created, err := p.CreateTime()
		count(err)
		times, err := p.Times()
		count(err)
		_, err = p.CPUAffinity()
		count(err)
		mem, err := p.MemoryInfo()
		count(err)
		_, err = p.MemoryPercent()
		count(err)
		io, err := p.IOCounters()
		count(err)
		fds, err := p.NumFDs()
		count(err)
		ctx, err := p.NumCtxSwitches()
		count(err)
		limits, err := p.Rlimit()
		count(err)
		acc ^= uint64(ppid) ^ uint64(len(name)) ^ uint64(len(exe)) ^ uint64(len(argv)) ^ uint64(len(cwd))
		acc ^= uint64(nice) ^ uint64(threads) ^ uint64(created) ^ uint64(fds) ^ uint64(len(limits))
		if len(uids) > 0 && len(gids) > 0 {
			acc ^= uint64(uids[0]) ^ uint64(gids[0])
		}
		if times != nil {
			acc ^= uint64(times.User * 100)
		}
		if mem != nil {
			acc ^= mem.RSS ^ mem.VMS
		}
		if io != nil {
			acc ^= io.ReadBytes
		}
		if ctx != nil {
			acc ^= uint64(ctx.Voluntary)
		}
	}
	return len(procs), errors, acc
}

func main() {
	repeat, gops := 1, false
	usage := func() {
		fmt.Fprintln(os.Stderr, "usage: procs [--repeat N] [--gopsutil]")
		os.Exit(2)
	}
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--gopsutil":
			gops = true
		case args[i] == "--repeat" && i+1 < len(args):
			n, err := strconv.Atoi(args[i+1])
			if err != nil || n < 0 {
				usage()
			}
			repeat, i = n, i+1
		default:
			usage()
		}
	}
	r := result{Tool: "go"}
	var probe *libprobe.Probe
	if gops {
		r.Tool, r.Version = "gopsutil", "v4.26.10"
	} else {
		var err error
		probe, err = libprobe.New(&libprobe.Options{Domains: []libprobe.DomainName{libprobe.DomainProcess}})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer probe.Close()
	}
	for i := 0; i < repeat; i++ {
		t, c := time.Now(), cpuSeconds()
		var rows, errors int
		var acc uint64
		if gops {
			rows, errors, acc = withGopsutil()
		} else {
			rows, errors, acc = withLibprobe(probe)
		}
		r.ItersCPU = append(r.ItersCPU, cpuSeconds()-c)
		r.ItersS = append(r.ItersS, time.Since(t).Seconds())
		r.Rows, r.Errors, r.Checksum = rows, errors, r.Checksum^acc
	}
	if len(r.ItersS) > 0 {
		r.InnerS = r.ItersS[0]
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}
