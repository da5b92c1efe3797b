/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `offcpu` tracer: per process, the time its threads spent off a CPU, from being
 * switched out to being switched back in, split by why they left: voluntarily (they
 * slept or blocked) or involuntarily (preempted while still runnable). The split is the
 * kernel's own for voluntary_ctxt_switches / nonvoluntary_ctxt_switches.
 *
 * Hooks: sched/sched_switch, sched/sched_process_exec (a thread that execs takes the new
 * program's name), and sched/sched_process_exit (a thread's last counts).
 *
 * Each thread has a slot, as in syscalls.bpf.c: `off_threads` is a direct-mapped array
 * indexed by tid & thread_mask that user space reads through a memory mapping (no syscall,
 * no hash: cheap at tens of thousands of threads). A thread claims its slot when it is
 * first switched out, keeps its switch-out time and its sums there, and at exit sends its
 * last sums to the `off_exits` ring and frees the slot. A thread whose slot another live
 * thread holds goes to the `off_threads_extra` hash; when that is full, its time is not
 * measured and counts in `dropped`.
 *
 * A slot is written only at its thread's own transitions (switched out, switched in,
 * exit), which the scheduler serialises: no atomics.
 */
#include "common.h"

struct off_thread {
	__u32 tid;        /* 0: free */
	__u32 tgid;
	__u64 start;      /* its process's start time (process_start), ns */
	char comm[16];    /* its process's name when claimed, or its own after an exec */
	__u64 out_ns;     /* when it was switched out; 0 while it runs */
	__u32 voluntary;  /* how it was switched out */
	__u32 pad;
	__u64 voluntary_ns;
	__u64 involuntary_ns;
	__u64 voluntary_switches;
	__u64 involuntary_switches;
};

const volatile __u32 thread_mask = 0xffff; /* off_threads has thread_mask + 1 slots */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, struct off_thread);
} off_threads SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct off_thread);
} off_threads_extra SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} off_exits SEC(".maps");

/* A new thread's slot (too large to build on the stack twice). In .rodata. */
static const struct off_thread zero_thread = {};

static __always_inline struct off_thread *find(__u32 tid)
{
	__u32 idx = tid & thread_mask;
	struct off_thread *s = bpf_map_lookup_elem(&off_threads, &idx);

	if (s && s->tid == tid)
		return s;
	return bpf_map_lookup_elem(&off_threads_extra, &tid);
}

static __always_inline struct off_thread *claim(__u32 tid, struct task_struct *t)
{
	__u32 idx = tid & thread_mask;
	struct off_thread *s = bpf_map_lookup_elem(&off_threads, &idx);

	if (!s)
		return NULL;
	if (s->tid == tid)
		return s;
	if (s->tid == 0 && __sync_val_compare_and_swap(&s->tid, 0, tid) == 0) {
		/* A freed slot has its sums zeroed (exited). */
		s->tgid = BPF_CORE_READ(t, tgid);
		s->start = process_start(t);
		BPF_CORE_READ_STR_INTO(&s->comm, t, group_leader, comm);
		return s;
	}
	s = bpf_map_lookup_elem(&off_threads_extra, &tid);
	if (s)
		return s;
	if (bpf_map_update_elem(&off_threads_extra, &tid, &zero_thread, BPF_NOEXIST)) {
		drop(DROP_MAP_FULL);
		return NULL;
	}
	s = bpf_map_lookup_elem(&off_threads_extra, &tid);
	if (s) {
		s->tid = tid;
		s->tgid = BPF_CORE_READ(t, tgid);
		s->start = process_start(t);
		BPF_CORE_READ_STR_INTO(&s->comm, t, group_leader, comm);
	}
	return s;
}

static __always_inline void switched_out(struct task_struct *prev, bool voluntary)
{
	__u32 tid = BPF_CORE_READ(prev, pid);
	struct off_thread *s;

	/* The idle task; and a thread's last switch, after its exit was counted. */
	if (!tid || (BPF_CORE_READ(prev, flags) & PF_EXITING))
		return;
	s = claim(tid, prev);
	if (!s)
		return;
	s->out_ns = bpf_ktime_get_ns();
	s->voluntary = voluntary;
}

static __always_inline void switched_in(__u32 tid)
{
	struct off_thread *s;
	__u64 now, d;

	if (!tid)
		return;
	s = find(tid);
	if (!s || !s->out_ns)
		return;
	now = bpf_ktime_get_ns();
	d = now > s->out_ns ? now - s->out_ns : 0;
	s->out_ns = 0;
	if (s->voluntary) {
		s->voluntary_ns += d;
		s->voluntary_switches += 1;
	} else {
		s->involuntary_ns += d;
		s->involuntary_switches += 1;
	}
}

static __always_inline int on_switch(bool preempt, struct task_struct *prev, struct task_struct *next)
{
	bool voluntary = !preempt && task_state(prev) != 0;

	switched_out(prev, voluntary);
	switched_in(BPF_CORE_READ(next, pid));
	return 0;
}

static __always_inline int on_exit_task(void)
{
	__u32 tid = bpf_get_current_pid_tgid(), idx = tid & thread_mask;
	struct off_thread *s = bpf_map_lookup_elem(&off_threads, &idx);
	bool in_array = s && s->tid == tid;

	if (!in_array) {
		s = bpf_map_lookup_elem(&off_threads_extra, &tid);
		if (!s)
			return 0;
	}
	if (s->voluntary_switches || s->involuntary_switches) {
		if (bpf_ringbuf_output(&off_exits, s, sizeof(*s), 0))
			drop(DROP_RING_FULL);
	}
	if (in_array) {
		/* Sums first, the tid last (see syscalls.bpf.c). */
		s->out_ns = 0;
		s->voluntary_ns = 0;
		s->involuntary_ns = 0;
		s->voluntary_switches = 0;
		s->involuntary_switches = 0;
		__sync_lock_test_and_set(&s->tid, 0);
	} else {
		bpf_map_delete_elem(&off_threads_extra, &tid);
	}
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(preempt, prev, next);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(sched_switch_raw, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(preempt, prev, next);
}

SEC("tracepoint/sched/sched_switch")
int sched_switch_tp(struct trace_event_raw_sched_switch *ctx)
{
	/* The tracepoint runs on prev: the current task. */
	switched_out((struct task_struct *)bpf_get_current_task(), !tp_still_runnable(ctx->prev_state));
	switched_in(ctx->next_pid);
	return 0;
}

/* A thread that execs takes the new program's name (its slot was claimed before). */
static __always_inline int on_exec(void)
{
	struct off_thread *s = find(bpf_get_current_pid_tgid());

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
