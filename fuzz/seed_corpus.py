#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the fixture trees, this machine and hand-written edge
cases. Adds files, never removes them; the names say where each seed came from.

    python3 fuzz/seed_corpus.py [OUT_DIR]

Reads no other process's files (their environ may hold secrets): only the system files,
this script's own /proc/self, cgroup values, and its own taskstats over netlink (root).
"""
import glob, hashlib, os, re, socket, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "tests", "fixtures")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")
MAX = 64 * 1024  # bigger files (the 1 MiB cmdline) are left out: the corpus stays small

seen = {}


def task_thread(tgid, kind=2):
    return struct.pack("=Ii5Q", kind, tgid, 30_000_000, 10_000_000, 40_000_000, 100, 2)


def task_leader(tgid, state, comm, flags=0x400100):
    """A leader record (360 bytes): thread part, ids, flags, state, prio, policy, counters,
    ids, ns, comm, tty, cpu, blkio delay, run delay, timeslices, oom_score_adj."""
    head = task_thread(tgid, 1)[:48]
    ints = struct.pack("=iiiIIIiiIIiI", 1, tgid, tgid, flags, state, 0, 120, 120, 0, 0, 1, 31 | 256)
    longs = struct.pack("=Q12Q3q", 123_456_789_000, 0, 0, 0, 0, 0, 20_000_000, 0, 0, 0, 7, 1, 5000, 100, 200, -3)
    ids = struct.pack("=8I10I", *([1000] * 8), *range(4026531834, 4026531844))
    tail = struct.pack("=16s4iQ", comm, 136, 3, 1, 0, 50_000_000) + struct.pack("=QQiI", 70_000, 12, -1000, 0)
    return head + ints + longs + ids + tail


def kthread_name(tgid, name):
    """The name record (72 bytes) after a kernel thread's leader record."""
    return struct.pack("=Ii64s", 3, tgid, name)


def add(target, name, data):
    if data is None or len(data) > MAX:
        return
    key = (target, hashlib.sha1(data).hexdigest())
    d = f"{OUT}/{target}"
    os.makedirs(d, exist_ok=True)
    if key in seen or any(rd(f"{d}/{f}") == data for f in os.listdir(d)):
        return
    seen[key] = name
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    with open(f"{d}/{name}", "wb") as f:
        f.write(data)


def rd(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def link(path):
    try:
        return os.readlink(path).encode()
    except OSError:
        return None


def scen(path):
    rel = os.path.relpath(path, FIX)
    return rel.replace("/proc/", "_").replace("/sys/", "_").replace("/", "_")


# --- fixture trees ---------------------------------------------------------------------
per_pid = {
    "stat": "pid_stat", "status": "pid_status", "io": "pid_io", "cmdline": "pid_cmdline", "environ": "pid_cmdline",
    "limits": "pid_limits", "cgroup": "pid_cgroup", "maps": "pid_maps", "smaps_rollup": "pid_smaps_rollup",
    "schedstat": "pid_schedstat", "oom_score": "pid_oom_score", "oom_score_adj": "pid_oom_score",
}
system = {
    "stat": "stat", "meminfo": "meminfo", "vmstat": "vmstat", "loadavg": "loadavg", "uptime": "uptime",
    "diskstats": "diskstats", "cpuinfo": "cpuinfo", "self/mountinfo": "pid_mountinfo",
}
for root in sorted(glob.glob(f"{FIX}/*/") + glob.glob(f"{FIX}/*/t[01]/")):
    if not os.path.isdir(f"{root}proc"):
        continue
    for rel, target in system.items():
        add(target, scen(f"{root}proc/{rel}"), rd(f"{root}proc/{rel}"))
    for p in glob.glob(f"{root}proc/pressure/*"):
        add("pressure", scen(p), rd(p))
    for pid in glob.glob(f"{root}proc/[0-9]*"):
        for f, target in per_pid.items():
            add(target, scen(f"{pid}/{f}"), rd(f"{pid}/{f}"))
        for f in glob.glob(f"{pid}/fdinfo/*"):
            add("pid_fdinfo", scen(f), rd(f))
            if b"drm-" in (rd(f) or b""):
                add("pid_fdinfo_drm", scen(f), rd(f))
        for f in glob.glob(f"{pid}/ns/*"):
            add("pid_ns", scen(f), link(f))
        st = rd(f"{pid}/status") or b""
        m = re.search(rb"Cpus_allowed_list:\s*(\S*)", st)
        if m:
            add("cpu_list", scen(f"{pid}/Cpus_allowed_list"), m.group(1) + b"\n")
    for f in glob.glob(f"{root}sys/devices/system/cpu/**", recursive=True):
        if os.path.isfile(f):
            add("cpu_list", scen(f), rd(f))
    for f in glob.glob(f"{root}sys/class/drm/**", recursive=True):
        if not os.path.isfile(f):
            continue
        base = os.path.basename(f)
        if base == "gpu_metrics":
            add("gpu_metrics", scen(f), rd(f))
        elif "/hwmon/" in f:
            add("class_drm_hwmon", scen(f) + "_name", base.encode())
            if base.endswith("_label") or base == "name":
                add("class_drm_hwmon", scen(f), rd(f))
            else:
                add("class_drm", scen(f), rd(f))
        else:
            add("class_drm", scen(f), rd(f))
    for f in glob.glob(f"{root}sys/fs/cgroup/**", recursive=True):
        if not os.path.isfile(f):
            continue
        base = os.path.basename(f)
        if base.endswith(".pressure"):
            add("pressure", scen(f), rd(f))
        elif base == "io.max":
            add("fs_cgroup_io_max", scen(f), rd(f))
        else:
            add("fs_cgroup_values", scen(f), rd(f))

# --- power classes (sysfs): attribute values, directory listings and uevents --------------
power_classes = {"powercap": "class_powercap", "power_supply": "class_power_supply",
                 "hwmon": "class_hwmon", "thermal": "class_thermal"}
for root in sorted(glob.glob(f"{FIX}/*/") + glob.glob(f"{FIX}/*/t[01]/")):
    for cls, target in power_classes.items():
        base = f"{root}sys/class/{cls}"
        if not os.path.isdir(base):
            continue
        add(target, scen(base) + "_listing", "\n".join(sorted(os.listdir(base))).encode() + b"\n")
        for entry in sorted(os.listdir(base)):
            d = f"{base}/{entry}"
            add(target, scen(d) + "_listing", "\n".join(sorted(os.listdir(d))).encode() + b"\n")
            for f in sorted(os.listdir(d)):
                if os.path.isfile(f"{d}/{f}") and not os.path.islink(f"{d}/{f}"):
                    add(target, scen(f"{d}/{f}"), rd(f"{d}/{f}"))
# --- storage fixture trees: device answers, sysfs and kstat files, PV labels --------------
ioctl_targets = {"nvme_": "nvme", "ata_": "ata", "scsi_": "scsi", "fs_info": "btrfs_ioctl", "dev_info": "btrfs_ioctl",
                 "dev_stats": "btrfs_ioctl", "pool_": "nvlist", "objset_stats": "nvlist"}
for f in sorted(glob.glob(f"{FIX}/storage-*/ioctl/**/*.bin", recursive=True)):
    for prefix, target in ioctl_targets.items():
        if os.path.basename(f).startswith(prefix):
            add(target, os.path.relpath(f, FIX).replace("/", "_"), rd(f))
for f in sorted(glob.glob(f"{FIX}/storage-*/sys/fs/btrfs/**", recursive=True)):
    if os.path.isfile(f):
        add("fs_btrfs", os.path.relpath(f, FIX).replace("/", "_"), rd(f))
for f in sorted(glob.glob(f"{FIX}/storage-*/sys/class/**", recursive=True)):
    if os.path.isfile(f):
        add("class_block", os.path.relpath(f, FIX).replace("/", "_"), rd(f))
for f in sorted(glob.glob(f"{FIX}/storage-*/proc/spl/kstat/zfs/**", recursive=True)):
    if os.path.isfile(f):
        add("spl_kstat_zfs", os.path.relpath(f, FIX).replace("/", "_"), rd(f))
for f in sorted(glob.glob(f"{FIX}/storage-*/dev/*")):
    dev = rd(f) or b""
    name = os.path.relpath(f, FIX).replace("/", "_")
    add("lvm2_label", name, dev[:4608])
    if len(dev) >= 4608:
        start, size = struct.unpack_from("<QQ", dev, 4096 + 24)
        offset, length = struct.unpack_from("<QQ", dev, 4096 + 40)
        if length and start + offset + length <= len(dev):
            add("lvm2_metadata", name + "_metadata", dev[start + offset:start + offset + length])
# eBPF: recorded map dumps and the text tables of the ebpf fixture.
for path in sorted(glob.glob(f"{FIX}/ebpf-*/t*/ebpf/*/*")):
    add("ebpf_maps", scen(path), rd(path))
for path in sorted(glob.glob(f"{FIX}/ebpf-*/t*/ebpf/*")):
    if os.path.isfile(path):
        add("ebpf_tables", scen(path), rd(path))
for path in sorted(glob.glob(f"{FIX}/ebpf-*/t*/sys/kernel/btf/vmlinux")):
    add("ebpf_tables", scen(path), rd(path))

# --- this machine (no environ: it may hold secrets) ---------------------------------------
for rel, target in system.items():
    if rel != "self/mountinfo":  # the fixtures have mount tables; this one may name private paths
        add(target, f"live_{rel}", rd(f"/proc/{rel}"))
for p in glob.glob("/proc/pressure/*"):
    add("pressure", f"live_pressure_{os.path.basename(p)}", rd(p))
me = str(os.getpid())
for f, target in per_pid.items():
    add(target, f"live_self_{f}", rd(f"/proc/{me}/{f}"))
for f in glob.glob(f"/proc/{me}/fdinfo/*"):
    add("pid_fdinfo", f"live_self_fdinfo_{os.path.basename(f)}", rd(f))
# --- hand-written edge cases ------------------------------------------------------------
for name, data in {
    "pid_fdinfo_drm": [b"drm-driver:\ti915\ndrm-engine-render:\t18446744073709551615 ns\n",
                       b"drm-driver:\txe\ndrm-total-vram0:\t17179869184 GiB\n", b"drm-driver:\n"],
    "class_drm": [b"S: 19Mhz *\n0: 500Mhz\n", b"64.0 GT/s PCIe\n", b"Unknown\n", b"PCI_ID=1002:73BF\nDRIVER=amdgpu\n"],
    "class_drm_hwmon": [b"temp4294967296_input", b"pwm1", b"power1_cap_default"],
}.items():
    for i, d in enumerate(data):
        add(name, f"edge_{i}", d)

for f in ("cpu.max", "cpu.weight", "memory.max", "memory.current", "pids.max", "cgroup.controllers",
          "cpu.cfs_quota_us", "memory.limit_in_bytes"):
    for path in glob.glob(f"/sys/fs/cgroup/*/{f}") + glob.glob(f"/sys/fs/cgroup/{f}"):
        add("fs_cgroup_values", "live_" + path[len("/sys/fs/cgroup/"):], rd(path))



def taskstats_of_self():
    """This process's `struct taskstats`, asked over generic netlink (needs root)."""
    def attrs(data):
        while len(data) >= 4:
            n, t = struct.unpack("HH", data[:4])
            if n < 4:
                return
            yield t & 0x3FFF, data[4:n]
            data = data[(n + 3) & ~3:]

    def ask(sock, family, cmd, attr, value, seq):
        a = struct.pack("HH", 4 + len(value), attr) + value
        a += b"\0" * (-len(a) % 4)
        body = struct.pack("BBH", cmd, 1, 0) + a
        sock.send(struct.pack("IHHII", 16 + len(body), family, 1, seq, 0) + body)
        return dict(attrs(sock.recv(65536)[20:]))

    try:
        with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16) as sock:
            family = struct.unpack("H", ask(sock, 0x10, 3, 2, b"TASKSTATS\0", 1)[1][:2])[0]
            reply = ask(sock, family, 1, 1, struct.pack("I", os.getpid()), 2)
            return dict(attrs(reply[4])).get(3)
    except (OSError, KeyError, struct.error):
        return None


add("taskstats", "live_self", taskstats_of_self())

# The lines of /proc/kallsyms the syscall table scan reads (the whole file is 5 MB).
kallsyms = rd("/proc/kallsyms") or b""
wanted = [l for l in kallsyms.split(b"\n") if b"__x64_sys_" in l or b"rodata" in l or b"ro_after_init" in l]
add("ebpf_tables", "live_kallsyms", b"\n".join(wanted[:600]) + b"\n")

# --- hand-written edge cases ---------------------------------------------------------------
edges = {
    "pid_stat": [b"584 ((a b ) ( c d) ) R 1 584 584 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n",
                 b"1 (init) S 0 1 1 0 -1 4194560 100", b"12 )(", b"(", b")", b"1 () S", b""],
    "pid_status": [b"Uid:\t0\t0\n", b"VmRSS:\t99999999999999999999 kB\n", b"Cpus_allowed_list:\t0-4294967295\n",
                   b"Groups:\t\n"],
    "pid_cmdline": [b"", b"\0", b"a\0\0b\0", b"no nul at all", b"=\0==\0A=b=c\0"],
    "pid_smaps_rollup": [b"Shared_Dirty: 18014398509481983 kB\nPrivate_Clean: 18014398509481983 kB\n"
                         b"Private_Dirty: 18014398509481983 kB\n"],
    "pid_ns": [b"net:[4026531840]", b"net:[]", b"[", b"]["],
    "pid_mountinfo": [b"36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n",
                      b"1 0 8:1 / / rw shared:1 ext4 /dev/sda1 rw\n", b"1 0 8:1 /\\ /\\04 rw - x y\n"],
    "pressure": [b"full avg10=0.00 avg60=0.00 avg300=0.00 total=9\n", b"some avg10=1e308 avg60=0 avg300=0 total=0\n"],
    "fs_cgroup_values": [b"max\n", b"max 100000\n", b"-1\n", b"9223372036854771712\n"],
    "fs_cgroup_io_max": [b"8:16 rbps=2097152 wbps=max riops=max wiops=120\n253:0 riops=10\n", b"8:0 rbps\n"],
    "taskstats": [bytes(n) for n in (0, 8, 64, 328, 336, 344, 432, 440)],
    "cpu_list": [b"0-3,8,10-11\n", b"3-1", b"0-65535", b"\n", b"-", b"1\n", b"-1\n", b"2600000\n", b"schedutil\n"],
    "uptime": [b"2029.08 3881.54\n", b"inf nan\n"],
    "loadavg": [b"1.82 0.62 0.23 1/86 12133\n", b"0 0 0 /\n"],
    "class_powercap": [b"intel-rapl:0:1\nintel-rapl\nintel-rapl:\n:0\nt:1:2:3:4:5:6:7:8:9\n",
                       b"262143328850 15000000 262143328850\n", b"4294967296\n", b"-1\n", b"18446744073709551616\n",
                       b"constraint_0_power_limit_uw\nconstraint_99999999999_name\nconstraint_1_\n"],
    "class_power_supply": [b"POWER_SUPPLY_STATUS=Not charging\nPOWER_SUPPLY_CURRENT_NOW=-1450000\n",
                           b"POWER_SUPPLY_CURRENT_NOW=\nPOWER_SUPPLY_CAPACITY=300\nPOWER_SUPPLY_=\n=\n",
                           b"Not charging\n", b"Exploding\n", b"POWER_SUPPLY_SERIAL_NUMBER=  123\n"],
    "class_hwmon": [b"temp1_input\nin0_lcrit\ntemp99999999999_input\nintrusion0_alarm\ntemp1_auto_point1_pwm\n",
                    b"-273150\n", b"-62000\n", b"48000\n\0", b"Package id 0\n", b"temp007_max_hyst\n"],
    "class_thermal": [b"thermal_zone0\ncooling_device12\ntrip_point_0_temp\ntrip_point_x_type\n",
                      b"-273200\n", b"enabled\n", b"18446744073709551615\n"],
    "lvm2_metadata": [b"vg { id = \"x\" extent_size = 8 physical_volumes { pv0 { id = \"p\" pe_count = 4 } }\n"
                      b"logical_volumes { l { id = \"l\" status = [\"VISIBLE\"] segment1 { extent_count = 4\n"
                      b"type = \"striped\" stripe_count = 2 stripes = [\"pv0\", 0, \"pv9\", 2] } } } }\n",
                      b"a { b { c = [1, \"x\", 2.5] } }", b"x = \"\\\"\"", b"# only a comment\n", b"[", b"{"],
    "scsi": [bytes([0x0d, 0, 0, 8, 0, 0, 3, 2, 0, 27, 0, 1, 3, 2, 0, 68]), bytes([0x2f, 0, 0xff, 0xff, 0, 0, 3, 4])],
    "ata": [bytes([0x72, 1, 0, 0x1d, 0, 0, 0, 14, 9, 12, 0, 0, 0, 0, 0, 0, 0, 0x4f, 0, 0xc2, 0x40, 0x50]),
            bytes([0x70, 0, 1, 0, 0x50, 0x40, 0x80, 10, 0, 0, 0xf4, 0x2c])],
    "ebpf_maps": [b"# kind=percpu cpus=3 key=4 value=480\n00000000 z60 | 1 2 3 | z1\n",
                  b"# kind=hash cpus=1 key=16 value=72\n0100000000000000ffffffffffffffff z9\n",
                  b"# kind=ring cpus=1 key=0 value=72\n- 18446744073709551615 z8\n",
                  b"# kind=array cpus=1 key=4 value=72\nffffffff 1 2 3\n", b"# kind=hash key=0 value=0\n-\n"],
    "ebpf_tables": [b"0 read\n4095 x\n", b"110 ffffffff81000000\n", b"syscalls failed error\n",
                    b"offcpu attached tracepoint tracefs=yes sched/sched_switch\n",
                    b"ffffffff82400000 D __start_rodata\n0000000000000000 T __x64_sys_read\n"],
    # (inode u64, pid i32, fd i32, comm[16]) records of the socket owners' BPF iterator
    "bpf_owners": [struct.pack("=Qii16s", 21394, 13267, 3, b"python3") + struct.pack("=Qii16s", 21394, 13270, 3, b"python3"),
                   struct.pack("=Qii16s", 0, 1, 2, b"x") + struct.pack("=Qii16s", 7, -1, 2, b"y") + b"\x01\x02",
                   struct.pack("=Qii16s", 2**64 - 1, 2**31 - 1, 2**31 - 1, b"sixteen-chars-xx")],
    # records of the process table's BPF iterator (task.bpf.c): a 360-byte leader (kind 1)
    # and a 48-byte thread (kind 2); a torn record; an unknown kind; a kernel thread's
    # leader, its 72-byte name record (kind 3), and a torn copy of it
    "bpf_tasks": [task_leader(42, 1, b"python3") + task_thread(42) + task_leader(43, 0x82, b"kworker/0:1"),
                  task_leader(7, 0x20, b"zombie")[:100],
                  struct.pack("=Ii", 9, 1) + bytes(40),
                  task_leader(2**31 - 1, 0xffffffff, b"sixteen-chars-xx") + task_thread(-5),
                  task_leader(12, 1, b"rcu_exp_par_gp_", 0x00208040)
                  + kthread_name(12, b"rcu_exp_par_gp_kthread_worker/0")
                  + kthread_name(12, b"torn")[:30]],
}
for target, cases in edges.items():
    for i, data in enumerate(cases):
        add(target, f"edge_{i}", data)

total = 0
for t in sorted(os.listdir(OUT)):
    files = os.listdir(f"{OUT}/{t}")
    size = sum(os.path.getsize(f"{OUT}/{t}/{f}") for f in files)
    total += size
    print(f"{t:20} {len(files):4} files {size:8} bytes")
print("total", total)
