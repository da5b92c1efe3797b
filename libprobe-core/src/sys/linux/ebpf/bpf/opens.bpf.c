/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `opens` tracer: every file open as an event — the path as the caller gave it (bytes,
 * at most 255), the flags, the time of entry and the result (a descriptor, or -errno) —
 * through a ring buffer that user space drains at each snapshot.
 *
 * Hooks: raw_syscalls/sys_enter and sys_exit, filtered on the open syscalls' numbers
 * (open, creat, openat, openat2; x86-64 numbers, as the object is built for x86). These
 * run at every system call and return at once for the others. No VFS hook: this kernel
 * refuses fentry and kprobes, so an open made inside the kernel (exec, a module) is not
 * seen, and the path is the caller's (relative to its cwd or dfd), not a resolved one.
 * sched/sched_process_exit forgets a thread killed inside an open.
 *
 * At entry the path and flags go to `open_pending` (by thread, bounded: full counts in
 * `dropped`); at exit the event is written to the `open_events` ring (full: `dropped`).
 */
#include "common.h"

#define NR_OPEN 2
#define NR_CREAT 85
#define NR_OPENAT 257
#define NR_OPENAT2 437

/* O_CREAT | O_WRONLY | O_TRUNC: what creat() is. */
#define CREAT_FLAGS 01101

/* A path read from the caller: 255 bytes and the NUL. */
#define PATH_BYTES 256

/* The argument registers of x86-64 (arch/x86/include/asm/ptrace.h), under a flavour name:
 * CO-RE matches it with `pt_regs`. */
struct pt_regs___opens {
	unsigned long di;
	unsigned long si;
	unsigned long dx;
	unsigned long orig_ax;
} __attribute__((preserve_access_index));

/* raw_syscalls/sys_enter's record with its arguments. */
struct trace_event_raw_sys_enter___opens {
	long id;
	unsigned long args[6];
} __attribute__((preserve_access_index));

struct open_pending {
	__u64 ts_ns;
	__u32 flags;
	__u32 path_len; /* bytes of path, without the NUL */
	__u32 truncated;
	__u32 pad;
	char path[PATH_BYTES];
};

struct open_event {
	__u64 ts_ns;     /* entry, CLOCK_MONOTONIC */
	__u64 start;     /* its process's start time (process_start), ns */
	__s64 ret;       /* the descriptor, or -errno */
	__u32 tgid;
	__u32 tid;
	__u32 flags;     /* O_* as passed */
	__u32 path_len;
	__u32 truncated; /* the path was longer than 255 bytes: its first 255 are kept */
	__u32 pad;
	char comm[16];   /* the calling thread's name */
	char path[PATH_BYTES];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct open_pending);
} open_pending SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 21); /* set by the loader (option max_open_events) */
} open_events SEC(".maps");

static const struct open_pending zero_pending = {};

static __always_inline bool is_open(long nr)
{
	return nr == NR_OPEN || nr == NR_CREAT || nr == NR_OPENAT || nr == NR_OPENAT2;
}

/* An open entered with these (user) path and flags. */
static __always_inline int entered(const char *path, __u32 flags)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct open_pending *p;
	long n;
	char next;

	if (bpf_map_update_elem(&open_pending, &tid, &zero_pending, BPF_ANY)) {
		drop(DROP_MAP_FULL);
		return 0;
	}
	p = bpf_map_lookup_elem(&open_pending, &tid);
	if (!p)
		return 0;
	p->ts_ns = bpf_ktime_get_ns();
	p->flags = flags;
	n = bpf_probe_read_user_str(p->path, sizeof(p->path), path);
	p->path_len = n > 0 ? n - 1 : 0;
	/* Filled: longer than 255 bytes unless the next byte ends it. */
	if (n == PATH_BYTES && (bpf_probe_read_user(&next, 1, path + PATH_BYTES - 1) || next))
		p->truncated = 1;
	return 0;
}

static __always_inline int on_enter(long nr, unsigned long a0, unsigned long a1, unsigned long a2)
{
	__u64 how_flags = 0;

	switch (nr) {
	case NR_OPEN:
		return entered((const char *)a0, a1);
	case NR_CREAT:
		return entered((const char *)a0, CREAT_FLAGS);
	case NR_OPENAT:
		return entered((const char *)a1, a2);
	case NR_OPENAT2:
		/* struct open_how starts with its u64 flags. */
		bpf_probe_read_user(&how_flags, sizeof(how_flags), (void *)a2);
		return entered((const char *)a1, how_flags);
	}
	return 0;
}

/* Not inlined, so that the object's BTF describes struct open_event (its layout is
 * checked against the reader's). */
static __noinline void fill(struct open_event *e, struct open_pending *p, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();

	e->ts_ns = p->ts_ns;
	e->start = process_start((struct task_struct *)bpf_get_current_task());
	e->ret = ret;
	e->tgid = id >> 32;
	e->tid = id;
	e->flags = p->flags;
	e->path_len = p->path_len;
	e->truncated = p->truncated;
	e->pad = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	__builtin_memcpy(e->path, p->path, sizeof(e->path));
}

static __always_inline int returned(long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = id;
	struct open_pending *p = bpf_map_lookup_elem(&open_pending, &tid);
	struct open_event *e;

	if (!p)
		return 0;
	e = bpf_ringbuf_reserve(&open_events, sizeof(*e), 0);
	if (!e) {
		drop(DROP_RING_FULL);
		bpf_map_delete_elem(&open_pending, &tid);
		return 0;
	}
	fill(e, p, ret);
	bpf_ringbuf_submit(e, 0);
	bpf_map_delete_elem(&open_pending, &tid);
	return 0;
}

static __always_inline int regs_enter(struct pt_regs *regs, long id)
{
	struct pt_regs___opens *r = (void *)regs;

	if (!is_open(id))
		return 0;
	return on_enter(id, BPF_CORE_READ(r, di), BPF_CORE_READ(r, si), BPF_CORE_READ(r, dx));
}

static __always_inline int regs_exit(struct pt_regs *regs, long ret)
{
	struct pt_regs___opens *r = (void *)regs;

	if (!is_open(BPF_CORE_READ(r, orig_ax)))
		return 0;
	return returned(ret);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	return regs_enter(regs, id);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	return regs_enter(regs, id);
}

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter_tp(struct trace_event_raw_sys_enter___opens *ctx)
{
	long id = ctx->id;

	if (!is_open(id))
		return 0;
	return on_enter(id, ctx->args[0], ctx->args[1], ctx->args[2]);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)
{
	return regs_exit(regs, ret);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)
{
	return regs_exit(regs, ret);
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	if (!is_open(ctx->id))
		return 0;
	return returned(ctx->ret);
}

static __always_inline int on_exit_task(void)
{
	__u32 tid = bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&open_pending, &tid);
	return 0;
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
