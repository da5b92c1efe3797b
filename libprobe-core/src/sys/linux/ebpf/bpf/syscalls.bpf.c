/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `syscalls` tracer: every system call counted by number, its latency (entry to
 * exit) in a log2 histogram, and per thread its count, errors and time in syscalls.
 *
 * Hooks: raw_syscalls/sys_enter, raw_syscalls/sys_exit (only with latency on),
 * sched/sched_process_exec (a thread that execs takes the new program's name), and
 * sched/sched_process_exit (a thread's last counts, so no exited thread is lost).
 *
 * The hot path has no hash: `sys_stats` is a per-CPU array indexed by the syscall
 * number, and each thread's counters live in `sys_threads`, a direct-mapped array
 * indexed by tid & thread_mask (a thread claims its slot on its first syscall and frees
 * it when it exits). Only a thread whose slot another live thread holds goes to the
 * `sys_threads_extra` hash; when that is full too, its syscalls are still counted by
 * number, and its per-thread counts are dropped (counted in `dropped`).
 */
#include "common.h"

/* Per syscall number, per CPU. Errors and latency are counted at exit, calls at entry
 * (exit and exit_group never return). */
struct sys_stat {
	__u64 calls;
	__u64 errors;
	struct hist lat;
};

/* One thread's counters since it was first seen. */
struct thread_slot {
	__u32 tid;      /* 0: free */
	__u32 tgid;
	__s32 nr;       /* the syscall in progress (with latency on) */
	__u32 pad;
	__u64 enter_ns; /* its entry time; 0 when none is in progress */
	__u64 calls;
	__u64 errors;
	__u64 latency_ns;
	char comm[16];  /* the thread's name when it claimed the slot or last exec'd */
	__u64 start;    /* its process's start time (process_start), ns */
};

/* Set by the loader before load. */
const volatile __u32 thread_mask = 0xffff; /* sys_threads has thread_mask + 1 slots */
const volatile bool with_latency = true;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 512); /* the kernel's highest syscall number + 1, set by the loader */
	__type(key, __u32);
	__type(value, struct sys_stat);
} sys_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, struct thread_slot);
} sys_threads SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct thread_slot);
} sys_threads_extra SEC(".maps");

/* The final counters of each thread that exits. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} sys_exits SEC(".maps");

static __always_inline struct thread_slot *claim(__u64 pid_tgid)
{
	__u32 tid = pid_tgid, idx = tid & thread_mask;
	struct thread_slot *s = bpf_map_lookup_elem(&sys_threads, &idx);
	struct thread_slot fresh = {};

	if (!s)
		return NULL;
	if (s->tid == tid)
		return s;
	if (s->tid == 0 && __sync_val_compare_and_swap(&s->tid, 0, tid) == 0) {
		/* A freed slot has its counters zeroed (task_exit). */
		s->tgid = pid_tgid >> 32;
		s->nr = -1;
		s->start = process_start((struct task_struct *)bpf_get_current_task());
		bpf_get_current_comm(s->comm, sizeof(s->comm));
		return s;
	}
	s = bpf_map_lookup_elem(&sys_threads_extra, &tid);
	if (s)
		return s;
	fresh.tid = tid;
	fresh.tgid = pid_tgid >> 32;
	fresh.nr = -1;
	fresh.start = process_start((struct task_struct *)bpf_get_current_task());
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	if (bpf_map_update_elem(&sys_threads_extra, &tid, &fresh, BPF_NOEXIST)) {
		drop(DROP_MAP_FULL);
		return NULL;
	}
	return bpf_map_lookup_elem(&sys_threads_extra, &tid);
}

static __always_inline struct thread_slot *find(__u32 tid)
{
	__u32 idx = tid & thread_mask;
	struct thread_slot *s = bpf_map_lookup_elem(&sys_threads, &idx);

	if (s && s->tid == tid)
		return s;
	return bpf_map_lookup_elem(&sys_threads_extra, &tid);
}

static __always_inline int on_enter(long id)
{
	struct thread_slot *t;
	struct sys_stat *st;
	__u32 nr = id;

	if (id < 0) /* a syscall skipped by seccomp or ptrace */
		return 0;
	st = bpf_map_lookup_elem(&sys_stats, &nr);
	if (!st) {
		drop(DROP_OUT_OF_RANGE);
		return 0;
	}
	st->calls += 1;
	t = claim(bpf_get_current_pid_tgid());
	if (!t)
		return 0;
	t->calls += 1;
	if (with_latency) {
		t->nr = nr;
		t->enter_ns = bpf_ktime_get_ns();
	}
	return 0;
}

static __always_inline int on_sys_exit(long ret)
{
	struct thread_slot *t = find(bpf_get_current_pid_tgid());
	struct sys_stat *st;
	__u64 start, d;
	__u32 nr;

	if (!t || !t->enter_ns)
		return 0;
	start = t->enter_ns;
	nr = t->nr;
	t->enter_ns = 0;
	d = bpf_ktime_get_ns() - start;
	t->latency_ns += d;
	st = bpf_map_lookup_elem(&sys_stats, &nr);
	if (ret < 0 && ret >= -4095) {
		t->errors += 1;
		if (st)
			st->errors += 1;
	}
	if (st)
		hist_add(&st->lat, d);
	return 0;
}

static __always_inline int on_task_exit(void)
{
	__u32 tid = bpf_get_current_pid_tgid(), idx = tid & thread_mask;
	struct thread_slot *s = bpf_map_lookup_elem(&sys_threads, &idx), *rec;
	bool in_array = s && s->tid == tid;

	if (!in_array) {
		s = bpf_map_lookup_elem(&sys_threads_extra, &tid);
		if (!s)
			return 0;
	}
	if (s->calls) {
		rec = bpf_ringbuf_reserve(&sys_exits, sizeof(*rec), 0);
		if (rec) {
			__builtin_memcpy(rec, s, sizeof(*rec));
			bpf_ringbuf_submit(rec, 0);
		} else {
			drop(DROP_RING_FULL);
		}
	}
	if (in_array) {
		/* Counters first, the tid last: a reader that sees the tid sees them whole, and
		 * the next thread to claim the slot finds them zero. */
		s->calls = 0;
		s->errors = 0;
		s->latency_ns = 0;
		s->enter_ns = 0;
		__sync_lock_test_and_set(&s->tid, 0);
	} else {
		bpf_map_delete_elem(&sys_threads_extra, &tid);
	}
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	return on_enter(id);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	return on_enter(id);
}

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter_tp(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(ctx->id);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)
{
	return on_sys_exit(ret);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)
{
	return on_sys_exit(ret);
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit_tp(struct trace_event_raw_sys_exit *ctx)
{
	return on_sys_exit(ctx->ret);
}

/* A thread that execs takes the new program's name (its slot was claimed before). */
static __always_inline int on_exec(void)
{
	struct thread_slot *s = find(bpf_get_current_pid_tgid());

	if (s)
		bpf_get_current_comm(s->comm, sizeof(s->comm));
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(task_exec_btf)
{
	return on_exec();
}

SEC("raw_tp/sched_process_exec")
int BPF_PROG(task_exec_raw)
{
	return on_exec();
}

SEC("tracepoint/sched/sched_process_exec")
int task_exec_tp(void *ctx)
{
	return on_exec();
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(task_exit_btf)
{
	return on_task_exit();
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(task_exit_raw)
{
	return on_task_exit();
}

SEC("tracepoint/sched/sched_process_exit")
int task_exit_tp(void *ctx)
{
	return on_task_exit();
}
