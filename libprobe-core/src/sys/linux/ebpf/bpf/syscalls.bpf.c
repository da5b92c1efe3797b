/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `syscalls` tracer: every system call counted by number, its latency (entry to
 * exit) in a log2 histogram, and per thread its count, errors and time in syscalls.
 *
 * Hooks: raw_syscalls/sys_enter, raw_syscalls/sys_exit (only with latency on),
 * sched/sched_process_exec (a thread that execs takes the new program's name),
 * sched/sched_process_exit (a thread's last counts, so no exited thread is lost), and
 * sched/sched_switch (which thread each CPU runs, see below).
 *
 * The hot path has no hash: `sys_stats` is a per-CPU array indexed by the syscall
 * number, and each thread's counters live in its slot of `sys_threads` (common.h's
 * THREAD_SLOTS), claimed on its first syscall. A thread without a slot (both the array's
 * and the overflow hash's taken) still has its syscalls counted by number; its
 * per-thread counts are dropped (counted in `dropped`).
 *
 * With latency on, the entry only notes the syscall and the time in the slot, and the
 * exit does all the counting, so each syscall visits its per-number counters once. The
 * two clock reads are most of the cost (bench/run_ebpf.py's clock floor).
 *
 * The hot path calls no helper to know its thread: sched/sched_switch notes, per CPU,
 * the thread it switches to (`sys_current`), and a syscall reads that with an inlined
 * per-CPU lookup. The call and return of bpf_get_current_pid_tgid() were the whole of the
 * count mode's cost over an empty program on this kind of machine (72 against 53 ns per
 * getppid inside the programs, bench/run_ebpf.py's run-time statistics: the return
 * thunks of the speculation mitigations make every call dear). Until a CPU has switched
 * once since attach, the helper answers there.
 */
#include "common.h"

/* Per syscall number, per CPU. */
struct sys_stat {
	__u64 calls;
	__u64 errors;
	struct hist lat;
};

/* One thread's counters since it was first seen. */
struct thread_slot {
	struct slot_head h;
	__u64 enter_ns; /* the entry time of its syscall in progress (with latency on); 0: none */
	__s32 nr;       /* that syscall's number */
	__u32 pad;
	__u64 calls;
	__u64 errors;
	__u64 latency_ns;
};

/* Set by the loader before load. */
const volatile bool with_latency = true;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 512); /* the kernel's highest syscall number + 1, set by the loader */
	__type(key, __u32);
	__type(value, struct sys_stat);
} sys_stats SEC(".maps");

/* Which syscall numbers were ever counted, one byte each, 64 to an entry (numbers / 64
 * entries, set by the loader): user space looks up only those rows of `sys_stats`,
 * instead of copying every number of every CPU. Set when a number is first counted on a
 * CPU (its calls there still 0, a value the count reads anyway): off the hot path. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct slots_used);
} sys_seen SEC(".maps");

/* The thread each CPU runs (its tid), noted at every switch to it; 0: not known yet. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} sys_current SEC(".maps");

/* The running thread's tid: as noted at the switch to it, else from the helper. A thread
 * runs on its CPU from the switch to it until the next switch there, and a program runs
 * without migrating: what this CPU noted is the caller. */
static __always_inline __u32 current_tid(void)
{
	__u32 k = 0;
	__u32 *c = bpf_map_lookup_elem(&sys_current, &k);

	if (c && *c)
		return *c;
	return bpf_get_current_pid_tgid();
}

static __always_inline void note_current(__u32 tid)
{
	__u32 k = 0;
	__u32 *c = bpf_map_lookup_elem(&sys_current, &k);

	if (c)
		*c = tid;
}

THREAD_SLOTS(struct thread_slot, sys_threads, sys_threads_extra, sys_exits);
SLOTS_USED(sys_threads_used);

static __always_inline struct thread_slot *find(__u32 tid)
{
	return slot_find(&sys_threads, &sys_threads_extra, thread_mask, tid);
}

/* The current thread's slot, claimed on its first syscall. */
static __always_inline struct thread_slot *claim(__u32 tid)
{
	__u32 idx = tid & thread_mask;
	struct thread_slot *s = bpf_map_lookup_elem(&sys_threads, &idx);

	struct thread_slot *t;

	if (s && s->h.tid == tid)
		return s;
	t = SLOT_CLAIM(sys_threads, sys_threads_extra, tid, (struct task_struct *)bpf_get_current_task());
	if (s && s->h.tid == tid) /* claimed in the array */
		slot_mark(&sys_threads_used, idx, 1);
	return t;
}

static __always_inline void count_call(__u32 nr)
{
	struct sys_stat *st = bpf_map_lookup_elem(&sys_stats, &nr);

	if (st) {
		if (!st->calls)
			slot_mark(&sys_seen, nr, 1);
		st->calls += 1;
	} else
		drop(DROP_OUT_OF_RANGE);
}

/*
 * With latency on, entry only notes the syscall and its time in the thread's slot, and
 * exit counts it (call, error, latency): one visit to the per-number counters per
 * syscall. A syscall that never returns (exit, exit_group) is counted when its thread
 * exits (on_task_exit); a thread that found no slot is counted at entry, by number only.
 * With latency off, entry counts.
 */
static __always_inline int on_enter(long id)
{
	struct thread_slot *t;
	__u32 nr = id;

	if (id < 0) /* a syscall skipped by seccomp or ptrace */
		return 0;
	t = claim(current_tid());
	if (!t) {
		count_call(nr);
		return 0;
	}
	if (with_latency) {
		t->nr = nr;
		t->enter_ns = bpf_ktime_get_ns();
	} else {
		count_call(nr);
		t->calls += 1;
	}
	return 0;
}

static __always_inline int on_sys_exit(long ret)
{
	struct thread_slot *t = find(current_tid());
	struct sys_stat *st;
	__u64 d;
	__u32 nr;
	bool failed = ret < 0 && ret >= -4095;

	if (!t || !t->enter_ns)
		return 0;
	d = bpf_ktime_get_ns() - t->enter_ns;
	nr = t->nr;
	t->enter_ns = 0;
	t->calls += 1;
	t->errors += failed;
	t->latency_ns += d;
	st = bpf_map_lookup_elem(&sys_stats, &nr);
	if (!st) {
		drop(DROP_OUT_OF_RANGE);
		return 0;
	}
	if (!st->calls)
		slot_mark(&sys_seen, nr, 1);
	st->calls += 1;
	st->errors += failed;
	hist_add(&st->lat, d);
	return 0;
}

static __always_inline int on_task_exit(void)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct thread_slot *s = find(tid), *a;
	__u32 idx;

	if (!s)
		return 0;
	if (with_latency && s->enter_ns) {
		/* The syscall that ended the thread (exit, exit_group) returns no more. */
		count_call(s->nr);
		s->calls += 1;
		s->enter_ns = 0;
	}
	idx = tid & thread_mask;
	a = bpf_map_lookup_elem(&sys_threads, &idx);
	if (a && a->h.tid == tid) /* its array slot: unmarked before it is freed */
		slot_mark(&sys_threads_used, idx, 0);
	SLOT_RELEASE(sys_threads, sys_threads_extra, sys_exits, tid, s);
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

/* A thread that execs takes the new program's name (its slot was claimed before). A
 * thread other than the leader that execs takes the leader's tid (de_thread): noted. */
static __always_inline int on_exec(void)
{
	note_current(bpf_get_current_pid_tgid());
	slot_exec(&sys_threads, &sys_threads_extra, thread_mask);
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

/* The thread each CPU switches to (the idle task is 0: not known, no syscalls). */
SEC("tp_btf/sched_switch")
int BPF_PROG(switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	note_current(next->pid);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(switch_raw, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	note_current(BPF_CORE_READ(next, pid));
	return 0;
}

SEC("tracepoint/sched/sched_switch")
int switch_tp(struct trace_event_raw_sched_switch *ctx)
{
	note_current(ctx->next_pid);
	return 0;
}
