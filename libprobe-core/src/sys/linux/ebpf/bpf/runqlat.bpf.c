/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `runqlat` tracer: run-queue latency, the time a runnable thread waits for a CPU,
 * from its wakeup (or its preemption) to the moment it runs, in one log2 histogram.
 *
 * Hooks: sched/sched_wakeup, sched/sched_wakeup_new (a thread becomes runnable),
 * sched/sched_switch (a preempted thread stays runnable; the next thread runs), and
 * sched/sched_process_exit (forget an exiting thread's pending wakeup).
 *
 * `runq_start` (tid -> time it became runnable) is bounded; a wakeup that finds it full
 * is not measured and counts in `dropped`.
 */
#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536); /* set by the loader (option max_threads) */
	__type(key, __u32);
	__type(value, __u64);
} runq_start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hist);
} runq_hist SEC(".maps");

static __always_inline void enqueued(__u32 tid)
{
	__u64 now;

	if (!tid) /* the idle task */
		return;
	now = bpf_ktime_get_ns();
	if (bpf_map_update_elem(&runq_start, &tid, &now, BPF_ANY))
		drop(DROP_MAP_FULL);
}

static __always_inline void runs(__u32 tid)
{
	__u32 zero = 0;
	__u64 *start, now;
	struct hist *h;

	if (!tid)
		return;
	start = bpf_map_lookup_elem(&runq_start, &tid);
	if (!start)
		return;
	now = bpf_ktime_get_ns();
	h = bpf_map_lookup_elem(&runq_hist, &zero);
	if (h && now >= *start)
		hist_add(h, now - *start);
	bpf_map_delete_elem(&runq_start, &tid);
}

static __always_inline int on_switch(struct task_struct *prev, struct task_struct *next)
{
	/* Switched out while still runnable (preempted, or yielding): it waits again. */
	if (task_state(prev) == 0)
		enqueued(BPF_CORE_READ(prev, pid));
	runs(BPF_CORE_READ(next, pid));
	return 0;
}

static __always_inline int on_exit_task(void)
{
	__u32 tid = bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&runq_start, &tid);
	return 0;
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(sched_wakeup_btf, struct task_struct *p)
{
	enqueued(BPF_CORE_READ(p, pid));
	return 0;
}

SEC("raw_tp/sched_wakeup")
int BPF_PROG(sched_wakeup_raw, struct task_struct *p)
{
	enqueued(BPF_CORE_READ(p, pid));
	return 0;
}

SEC("tracepoint/sched/sched_wakeup")
int sched_wakeup_tp(struct trace_event_raw_sched_wakeup_template *ctx)
{
	enqueued(ctx->pid);
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(sched_wakeup_new_btf, struct task_struct *p)
{
	enqueued(BPF_CORE_READ(p, pid));
	return 0;
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(sched_wakeup_new_raw, struct task_struct *p)
{
	enqueued(BPF_CORE_READ(p, pid));
	return 0;
}

SEC("tracepoint/sched/sched_wakeup_new")
int sched_wakeup_new_tp(struct trace_event_raw_sched_wakeup_template *ctx)
{
	enqueued(ctx->pid);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev, next);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(sched_switch_raw, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev, next);
}

SEC("tracepoint/sched/sched_switch")
int sched_switch_tp(struct trace_event_raw_sched_switch *ctx)
{
	if (tp_still_runnable(ctx->prev_state))
		enqueued(ctx->prev_pid);
	runs(ctx->next_pid);
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
