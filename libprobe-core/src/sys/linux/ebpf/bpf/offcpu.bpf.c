/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `offcpu` tracer: per process, the time its threads spent off a CPU, from being
 * switched out to being switched back in, split by why they left: voluntarily (they
 * slept or blocked) or involuntarily (preempted while still runnable). The split is the
 * kernel's own for voluntary_ctxt_switches / nonvoluntary_ctxt_switches.
 *
 * Hooks: sched/sched_switch, and sched/sched_process_exit (forget an exiting thread;
 * mark a process whose last thread exits, so user space reads its last interval and
 * deletes it).
 *
 * Processes are keyed by pid and start time (a reused pid is a new process). Both maps are
 * bounded: a thread switched out while `off_start` is full, or a process
 * new to a full `off_pids`, is not measured and counts in `dropped`.
 */
#include "common.h"

struct off_start {
	__u64 ts;
	struct proc_key proc;
	__u32 voluntary;
	__u32 pad;
};

/* Per process, shared by every CPU: updated with atomic adds. */
struct off_pid {
	__u64 voluntary_ns;
	__u64 involuntary_ns;
	__u64 voluntary_switches;
	__u64 involuntary_switches;
	char comm[16]; /* the process's (group leader's) name when first seen */
	__u32 flags;   /* PROC_EXITED */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536); /* option max_threads */
	__type(key, __u32);
	__type(value, struct off_start);
} off_start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_pids */
	__type(key, struct proc_key);
	__type(value, struct off_pid);
} off_pids SEC(".maps");

static __always_inline void switched_out(__u32 tid, struct task_struct *prev, bool voluntary)
{
	struct off_start s = { .voluntary = voluntary };

	if (!tid)
		return;
	s.proc.tgid = BPF_CORE_READ(prev, tgid);
	s.proc.start = process_start(prev);
	s.ts = bpf_ktime_get_ns();
	if (bpf_map_update_elem(&off_start, &tid, &s, BPF_ANY))
		drop(DROP_MAP_FULL);
}

/* The process's name is read only when it is new here: from `next`'s group leader, or
 * (a tracepoint has no task pointer) the thread's own name, `next_comm`. */
static __always_inline void switched_in(__u32 tid, struct task_struct *next, const char *next_comm)
{
	struct off_start *s;
	struct off_pid *p, fresh = {};
	struct proc_key key;
	__u64 now, d;

	if (!tid)
		return;
	s = bpf_map_lookup_elem(&off_start, &tid);
	if (!s)
		return;
	now = bpf_ktime_get_ns();
	d = now > s->ts ? now - s->ts : 0;
	key = s->proc;
	p = bpf_map_lookup_elem(&off_pids, &key);
	if (!p) {
		if (next)
			BPF_CORE_READ_STR_INTO(&fresh.comm, next, group_leader, comm);
		else if (next_comm)
			__builtin_memcpy(fresh.comm, next_comm, sizeof(fresh.comm));
		bpf_map_update_elem(&off_pids, &key, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&off_pids, &key);
		if (!p) {
			drop(DROP_MAP_FULL);
			bpf_map_delete_elem(&off_start, &tid);
			return;
		}
	}
	if (s->voluntary) {
		__sync_fetch_and_add(&p->voluntary_ns, d);
		__sync_fetch_and_add(&p->voluntary_switches, 1);
	} else {
		__sync_fetch_and_add(&p->involuntary_ns, d);
		__sync_fetch_and_add(&p->involuntary_switches, 1);
	}
	bpf_map_delete_elem(&off_start, &tid);
}

static __always_inline int on_switch(bool preempt, struct task_struct *prev, struct task_struct *next)
{
	bool voluntary = !preempt && task_state(prev) != 0;

	switched_out(BPF_CORE_READ(prev, pid), prev, voluntary);
	switched_in(BPF_CORE_READ(next, pid), next, NULL);
	return 0;
}

static __always_inline int on_exit_task(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 tid = bpf_get_current_pid_tgid();
	struct proc_key key;
	struct off_pid *p;

	bpf_map_delete_elem(&off_start, &tid);
	if (group_dead(t)) {
		key = current_process_key();
		p = bpf_map_lookup_elem(&off_pids, &key);
		if (p)
			__sync_fetch_and_or(&p->flags, PROC_EXITED);
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
	struct task_struct *prev = (struct task_struct *)bpf_get_current_task();
	char comm[16];

	switched_out(ctx->prev_pid, prev, !tp_still_runnable(ctx->prev_state));
	__builtin_memcpy(comm, ctx->next_comm, sizeof(comm));
	switched_in(ctx->next_pid, NULL, comm);
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
