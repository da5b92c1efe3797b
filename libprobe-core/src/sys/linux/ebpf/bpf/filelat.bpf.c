/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `filelat` tracer: the latency of reads and writes of regular files, system call
 * entry to exit, in two log2 histograms (reads: read, pread64, readv; writes: write,
 * pwrite64, writev).
 *
 * Hooks: raw_syscalls/sys_enter and sys_exit, filtered on those six numbers (x86-64, as
 * the object is built for x86); they run at every system call and return at once for the
 * others. At entry the descriptor is looked up in the caller's file table: only a regular
 * file (S_IFREG) is timed, so pipes, sockets, terminals and devices are left out. No VFS
 * hook here (no fentry or kprobes on this kernel): the time is the whole call's, page cache
 * hits included, and I/O the kernel does on its own (writeback, readahead) is not seen.
 *
 * The entry time waits in the thread's slot (common.h's THREAD_SLOTS: `io_slots`,
 * `io_slots_extra`), claimed at its first call on a regular file and kept until it exits
 * (sched/sched_process_exit frees it; its record in the `io_exits` ring carries nothing
 * user space needs, and is drained). A slot is written only by its own thread.
 */
#include "common.h"

#define NR_READ 0
#define NR_WRITE 1
#define NR_PREAD64 17
#define NR_PWRITE64 18
#define NR_READV 19
#define NR_WRITEV 20

#define OP_READ 0
#define OP_WRITE 1

#define S_IFMT 0170000
#define S_IFREG 0100000

/* Flavours (CO-RE matches each with the kernel type of its name before `___`). */
struct inode___filelat {
	unsigned short i_mode;
} __attribute__((preserve_access_index));

struct file___filelat {
	struct inode___filelat *f_inode;
} __attribute__((preserve_access_index));

struct fdtable___filelat {
	unsigned int max_fds;
	struct file___filelat **fd;
} __attribute__((preserve_access_index));

struct files_struct___filelat {
	struct fdtable___filelat *fdt;
} __attribute__((preserve_access_index));

struct task_struct___filelat {
	struct files_struct___filelat *files;
} __attribute__((preserve_access_index));

struct pt_regs___filelat {
	unsigned long di;
	unsigned long orig_ax;
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_enter___filelat {
	long id;
	unsigned long args[6];
} __attribute__((preserve_access_index));

/* A thread's call in progress. */
struct io_slot {
	struct slot_head h;
	__u32 op;
	__u32 pad;
	__u64 enter_ns; /* 0: none */
};

THREAD_SLOTS(struct io_slot, io_slots, io_slots_extra, io_exits);

static __always_inline struct io_slot *find(__u32 tid)
{
	return slot_find(&io_slots, &io_slots_extra, thread_mask, tid);
}

/* [OP_READ], [OP_WRITE] */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct hist);
} file_hists SEC(".maps");

static __always_inline int op_of(long nr)
{
	switch (nr) {
	case NR_READ:
	case NR_PREAD64:
	case NR_READV:
		return OP_READ;
	case NR_WRITE:
	case NR_PWRITE64:
	case NR_WRITEV:
		return OP_WRITE;
	}
	return -1;
}

/* Whether descriptor `fd` of the current task is a regular file. */
static __always_inline bool regular_file(unsigned long fd)
{
	struct task_struct___filelat *t = (void *)bpf_get_current_task();
	struct fdtable___filelat *fdt = BPF_CORE_READ(t, files, fdt);
	struct file___filelat **fds, *f = NULL;

	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return false;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), fds + fd) || !f)
		return false;
	return (BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) == S_IFREG;
}

static __always_inline int entered(long nr, unsigned long fd)
{
	int op = op_of(nr);
	__u32 tid;
	struct io_slot *s;

	if (op < 0 || !regular_file(fd))
		return 0;
	tid = bpf_get_current_pid_tgid();
	s = find(tid);
	if (!s)
		s = SLOT_CLAIM(io_slots, io_slots_extra, tid, (struct task_struct *)bpf_get_current_task());
	if (!s)
		return 0;
	s->op = op;
	s->enter_ns = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int returned(long nr)
{
	struct io_slot *s;
	struct hist *h;
	__u64 now, start;
	__u32 key;

	if (op_of(nr) < 0)
		return 0;
	s = find(bpf_get_current_pid_tgid());
	if (!s || !s->enter_ns)
		return 0; /* not a regular file, or entered before attach */
	now = bpf_ktime_get_ns();
	start = s->enter_ns;
	key = s->op;
	s->enter_ns = 0;
	h = bpf_map_lookup_elem(&file_hists, &key);
	if (h && now >= start)
		hist_add(h, now - start);
	return 0;
}

static __always_inline int on_exit_task(void)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct io_slot *s = find(tid);

	if (s)
		SLOT_RELEASE(io_slots, io_slots_extra, io_exits, tid, s);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	if (op_of(id) < 0)
		return 0;
	return entered(id, BPF_CORE_READ((struct pt_regs___filelat *)regs, di));
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	if (op_of(id) < 0)
		return 0;
	return entered(id, BPF_CORE_READ((struct pt_regs___filelat *)regs, di));
}

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter_tp(struct trace_event_raw_sys_enter___filelat *ctx)
{
	return entered(ctx->id, ctx->args[0]);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)
{
	return returned(BPF_CORE_READ((struct pt_regs___filelat *)regs, orig_ax));
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)
{
	return returned(BPF_CORE_READ((struct pt_regs___filelat *)regs, orig_ax));
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return returned(ctx->id);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(task_exit_btf)
{
	return on_exit_task();
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(task_exit_raw)
{
	return on_exit_task();
}

SEC("tracepoint/sched/sched_process_exit")
int task_exit_tp(void *ctx)
{
	return on_exit_task();
}
