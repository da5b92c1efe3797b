package main

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	"github.com/prometheus/client_golang/prometheus"
)

// collector takes one snapshot per scrape and turns it into metrics.
type collector struct {
	mu       sync.Mutex
	probe    *libprobe.Probe
	maxProcs int
}

func newCollector(fixture string, maxProcs int) (*collector, error) {
	no := libprobe.Bool(false)
	p, err := libprobe.New(&libprobe.Options{
		Domains: []libprobe.DomainName{libprobe.DomainSystem, libprobe.DomainProcess, libprobe.DomainNetwork},
		// Cheap process fields only (no cgroup limits); socket tables and interfaces, no owners.
		Process: libprobe.ProcessOptions{CgroupLimits: no},
		Network: libprobe.NetworkOptions{Owners: no, TCPInfo: no, Routes: no, Neighbours: no},
		Fixture: fixture,
	})
	if err != nil {
		return nil, err
	}
	return &collector{probe: p, maxProcs: maxProcs}, nil
}

func (c *collector) Close() error { return c.probe.Close() }

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc("libprobe_"+name, help, labels, nil)
}

var (
	dDomainUp       = desc("domain_up", "1 when the domain was collected, 0 when skipped or failed.", "domain")
	dScrapeDuration = desc("snapshot_duration_seconds", "Time the snapshot took.")
	dCPUSeconds     = desc("cpu_seconds_total", "CPU time of all CPUs, by mode.", "mode")
	dCPUUsage       = desc("cpu_usage_ratio", "Busy share of all CPUs since the previous scrape (0-1).")
	dMemTotal       = desc("memory_total_bytes", "Usable RAM (MemTotal).")
	dMemAvailable   = desc("memory_available_bytes", "Memory available for new work without swapping (MemAvailable).")
	dMemUsed        = desc("memory_used_bytes", "Memory in use, as free(1) shows it.")
	dSwapUsed       = desc("swap_used_bytes", "Swap in use.")
	dLoad1          = desc("load1", "Load average over 1 minute.")
	dLoad5          = desc("load5", "Load average over 5 minutes.")
	dLoad15         = desc("load15", "Load average over 15 minutes.")
	dBootTime       = desc("boot_time_seconds", "Boot time as a Unix timestamp.")
	dCtxSwitches    = desc("context_switches_total", "Context switches since boot.")
	dForks          = desc("forks_total", "Processes and threads created since boot.")
	dDiskRead       = desc("disk_read_bytes_total", "Bytes read from a block device.", "device")
	dDiskWritten    = desc("disk_written_bytes_total", "Bytes written to a block device.", "device")
	dFsSize         = desc("filesystem_size_bytes", "Size of a mounted filesystem.", "mountpoint", "fstype")
	dFsAvail        = desc("filesystem_available_bytes", "Space available to unprivileged users.", "mountpoint", "fstype")
	dProcesses      = desc("processes", "Processes in the snapshot.")
	dProcRSS        = desc("process_resident_memory_bytes", "Resident memory of a process.", "pid", "name")
	dProcCPU        = desc("process_cpu_seconds_total", "User and system CPU time of a process.", "pid", "name")
	dProcThreads    = desc("process_threads", "Threads of a process.", "pid", "name")
	dProcFDs        = desc("process_open_fds", "Open file descriptors of a process.", "pid", "name")
	dProcDropped    = desc("process_series_dropped", "Processes left out of the per-process series (cardinality bound).")
	dSockets        = desc("sockets", "Sockets in each table of the network namespace.", "table")
	dTCPByState     = desc("tcp_connections", "TCP sockets by state.", "state")
	dNetRx          = desc("network_receive_bytes_total", "Bytes received on an interface.", "interface")
	dNetTx          = desc("network_transmit_bytes_total", "Bytes sent on an interface.", "interface")
)

// Bounds on label values from the kernel's tables (devices, mounts).
const maxDevices = 64

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dDomainUp, dScrapeDuration, dCPUSeconds, dCPUUsage, dMemTotal, dMemAvailable,
		dMemUsed, dSwapUsed, dLoad1, dLoad5, dLoad15, dBootTime, dCtxSwitches, dForks, dDiskRead, dDiskWritten,
		dFsSize, dFsAvail, dProcesses, dProcRSS, dProcCPU, dProcThreads, dProcFDs, dProcDropped, dSockets,
		dTCPByState, dNetRx, dNetTx} {
		ch <- d
	}
}

// label makes bytes from the kernel a valid label value: valid UTF-8, no control
// characters (a process names itself anything), at most 64 bytes.
func label(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 64; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case unicode.IsControl(r):
			b.WriteString(`\u` + strconv.FormatUint(uint64(r), 16))
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

func gauge(ch chan<- prometheus.Metric, d *prometheus.Desc, v float64, labels ...string) {
	ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
}

func counter(ch chan<- prometheus.Metric, d *prometheus.Desc, v float64, labels ...string) {
	ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	snap, err := c.probe.Snapshot()
	c.mu.Unlock()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(dScrapeDuration, err)
		return
	}
	gauge(ch, dScrapeDuration, float64(snap.DurationNS)/1e9)
	for _, d := range snap.Domains {
		up := 0.0
		if d.State == libprobe.DomainStateCollected {
			up = 1
		}
		gauge(ch, dDomainUp, up, d.Domain.String())
	}
	if sys, ok := snap.System.Get(); ok {
		collectSystem(ch, &sys)
	}
	if net, ok := snap.Network.Get(); ok {
		collectNetwork(ch, &net)
	}
	if procs, ok := snap.Processes.Get(); ok {
		ticks := 100.0
		if sys, ok := snap.System.Get(); ok && sys.ClockTicks > 0 {
			ticks = float64(sys.ClockTicks)
		}
		c.collectProcesses(ch, procs, ticks)
	}
}

func collectSystem(ch chan<- prometheus.Metric, sys *libprobe.System) {
	ticks := float64(sys.ClockTicks)
	if ticks > 0 {
		if t, ok := sys.CPUTotal.Get(); ok {
			for mode, v := range map[string]uint64{"user": t.User, "nice": t.Nice, "system": t.System, "idle": t.Idle,
				"iowait": t.Iowait, "irq": t.Irq, "softirq": t.Softirq, "steal": t.Steal} {
				counter(ch, dCPUSeconds, float64(v)/ticks, mode)
			}
		}
	}
	if pct, ok := sys.CPUPercent.Get(); ok {
		gauge(ch, dCPUUsage, pct/100)
	}
	if m, ok := sys.Memory.Get(); ok {
		gauge(ch, dMemTotal, float64(m.Total))
		if v, ok := m.Used.Get(); ok {
			gauge(ch, dMemUsed, float64(v))
		}
		if v, ok := m.Available.Get(); ok {
			gauge(ch, dMemAvailable, float64(v))
		}
		if v, ok := m.SwapUsed.Get(); ok {
			gauge(ch, dSwapUsed, float64(v))
		}
	}
	if l, ok := sys.Load.Get(); ok {
		for _, a := range []struct {
			d *prometheus.Desc
			v libprobe.Field[float64]
		}{{dLoad1, l.Load1}, {dLoad5, l.Load5}, {dLoad15, l.Load15}} {
			if v, ok := a.v.Get(); ok {
				gauge(ch, a.d, v)
			}
		}
	}
	if v, ok := sys.BootTime.Get(); ok {
		gauge(ch, dBootTime, float64(v))
	}
	if v, ok := sys.ContextSwitches.Get(); ok {
		counter(ch, dCtxSwitches, float64(v))
	}
	if v, ok := sys.Forks.Get(); ok {
		counter(ch, dForks, float64(v))
	}
	if disks, ok := sys.Disks.Get(); ok {
		for i, d := range disks {
			if i == maxDevices {
				break
			}
			if v, ok := d.ReadBytes.Get(); ok {
				counter(ch, dDiskRead, float64(v), label(d.Name))
			}
			if v, ok := d.WriteBytes.Get(); ok {
				counter(ch, dDiskWritten, float64(v), label(d.Name))
			}
		}
	}
	if fss, ok := sys.Filesystems.Get(); ok {
		seen := map[string]bool{}
		for _, f := range fss {
			size, ok := f.TotalBytes.Get()
			if !ok || size == 0 || len(seen) == maxDevices {
				continue
			}
			mp := label(f.MountPoint)
			if seen[mp] { // a mount point mounted over: one series
				continue
			}
			seen[mp] = true
			gauge(ch, dFsSize, float64(size), mp, label(f.FsType))
			if avail, ok := f.AvailableBytes.Get(); ok {
				gauge(ch, dFsAvail, float64(avail), mp, label(f.FsType))
			}
		}
	}
}

func (c *collector) collectProcesses(ch chan<- prometheus.Metric, procs []libprobe.ProcessFull, ticks float64) {
	gauge(ch, dProcesses, float64(len(procs)))
	order := make([]int, len(procs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return procs[order[a]].MemoryRSS.Value > procs[order[b]].MemoryRSS.Value })
	kept := len(order)
	if kept > c.maxProcs {
		kept = c.maxProcs
	}
	for _, i := range order[:kept] {
		p := &procs[i]
		pid, name := strconv.Itoa(int(p.PID)), label(p.Name)
		if v, ok := p.MemoryRSS.Get(); ok {
			gauge(ch, dProcRSS, float64(v), pid, name)
		}
		if u, ok := p.CPUUserTicks.Get(); ok {
			if s, ok := p.CPUSystemTicks.Get(); ok {
				counter(ch, dProcCPU, float64(u+s)/ticks, pid, name)
			}
		}
		if v, ok := p.NumThreads.Get(); ok {
			gauge(ch, dProcThreads, float64(v), pid, name)
		}
		if n, ok := p.NumFds.Get(); ok {
			gauge(ch, dProcFDs, float64(n), pid, name)
		}
	}
	gauge(ch, dProcDropped, float64(len(procs)-kept))
}

func collectNetwork(ch chan<- prometheus.Metric, net *libprobe.Network) {
	for _, t := range []struct {
		name  string
		count int
		ok    bool
	}{
		{"tcp", len(net.TCP.Value), net.TCP.Valid},
		{"udp", len(net.UDP.Value), net.UDP.Valid},
		{"unix", len(net.UnixSockets.Value), net.UnixSockets.Valid},
		{"raw", len(net.Raw.Value), net.Raw.Valid},
		{"netlink", len(net.Netlink.Value), net.Netlink.Valid},
		{"packet", len(net.Packet.Value), net.Packet.Valid},
	} {
		if t.ok {
			gauge(ch, dSockets, float64(t.count), t.name)
		}
	}
	if tcp, ok := net.TCP.Get(); ok {
		byState := map[libprobe.TCPState]int{}
		for i := range tcp {
			byState[tcp[i].State]++
		}
		for st, n := range byState { // a bounded set: the kernel's TCP states
			gauge(ch, dTCPByState, float64(n), st.String())
		}
	}
	if ifs, ok := net.Interfaces.Get(); ok {
		for i, ifc := range ifs {
			if i == maxDevices {
				break
			}
			if stats, ok := ifc.Stats.Get(); ok {
				counter(ch, dNetRx, float64(stats.RxBytes), label(ifc.Name))
				counter(ch, dNetTx, float64(stats.TxBytes), label(ifc.Name))
			}
		}
	}
}
