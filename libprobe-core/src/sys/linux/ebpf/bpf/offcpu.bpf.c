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
 * Each thread has a slot (common.h's THREAD_SLOTS: `off_threads`, `off_threads_extra`,
 * `off_exits`), claimed when it is first switched out; it keeps its switch-out time and
 * its sums there.
 *
 * A slot is written only at its thread's own transitions (switched out, switched in,
 * exit), which the scheduler serialises: no atomics.
 */
#include "common.h"

struct off_thread {
	struct slot_head h;
	__u64 out_ns;     /* when it was switched out; 0 while it runs */
	__u32 voluntary;  /* how it was switched out */
	__u32 pad;
	__u64 voluntary_ns;
	__u64 involuntary_ns;
	__u64 voluntary_switches;
	__u64 involuntary_switches;
};

THREAD_SLOTS(struct off_thread, off_threads, off_threads_extra, off_exits);
SLOTS_USED(off_threads_used);

static __always_inline struct off_thread *find(__u32 tid)
{
	return slot_find(&off_threads, &off_threads_extra, thread_mask, tid);
}

static __always_inline struct off_thread *claim(__u32 tid, struct task_struct *t)
{
	__u32 idx = tid & thread_mask;
	struct off_thread *s = bpf_map_lookup_elem(&off_threads, &idx), *r;

	if (s && s->h.tid == tid)
		return s;
	r = SLOT_CLAIM(off_threads, off_threads_extra, tid, t);
	if (s && s->h.tid == tid) /* claimed in the array */
		slot_mark(&off_threads_used, idx, 1);
	return r;
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
	__u32 tid = bpf_get_current_pid_tgid();
	__u32 idx = tid & thread_mask;
	struct off_thread *s = find(tid), *a;

	if (!s)
		return 0;
	a = bpf_map_lookup_elem(&off_threads, &idx);
	if (a && a->h.tid == tid) /* its array slot: unmarked before it is freed */
		slot_mark(&off_threads_used, idx, 0);
	SLOT_RELEASE(off_threads, off_threads_extra, off_exits, tid, s);
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
	slot_exec(&off_threads, &off_threads_extra, thread_mask);
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
