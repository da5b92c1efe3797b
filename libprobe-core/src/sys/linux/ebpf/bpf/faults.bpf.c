/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `faults` tracer: page faults per process, minor and major, as the kernel itself
 * counts them.
 *
 * No tracepoint tells a minor fault from a major one: exceptions/page_fault_user and
 * page_fault_kernel fire when a fault is taken, before it is handled (they carry the
 * address, the ip and the error code, not the outcome), and a fault retried or ending in
 * SIGSEGV fires them too. The kernel's verdict is mm_account_fault(), which adds 1 to the
 * faulting task's `maj_flt` (it waited for I/O: VM_FAULT_MAJOR, or a retried fault) or
 * `min_flt` — the counters getrusage() and /proc/<pid>/stat report. So the events here are
 * only moments to read those two counters: at each fault of a thread (user or kernel mode)
 * and at its exit. A thread's counts are its counters minus what they were at its first
 * fault after attach; the fault being taken at that moment is counted at the thread's
 * next fault or at its exit (a thread alive at a snapshot may have its last fault in the
 * next interval).
 *
 * Hooks: exceptions/page_fault_user, exceptions/page_fault_kernel (x86), sched/
 * sched_process_exec (a thread that execs takes the new program's name), sched/
 * sched_process_exit (a thread's last counts).
 *
 * Per-thread slots (common.h's THREAD_SLOTS: `fault_threads`, read by user space through a
 * memory mapping, `fault_threads_extra`, and the `fault_exits` ring that gets a thread's
 * last counts), and `fault_threads_used` (SLOTS_USED: which slots are held, so that a read
 * visits those only). A slot is written only by its own thread.
 */
#include "common.h"

/* The fault counters of task_struct (include/linux/sched.h), under a flavour name so that
 * kernel.h stays as it is: CO-RE matches `task_struct___faults` with `task_struct`. */
struct task_struct___faults {
	unsigned long min_flt;
	unsigned long maj_flt;
} __attribute__((preserve_access_index));

struct fault_thread {
	struct slot_head h;
	__u64 base_minor; /* min_flt and maj_flt when the slot was claimed */
	__u64 base_major;
	__u64 minor;      /* faults since: min_flt - base_minor when last read */
	__u64 major;
};

THREAD_SLOTS(struct fault_thread, fault_threads, fault_threads_extra, fault_exits);
SLOTS_USED(fault_threads_used);

static __always_inline struct fault_thread *find(__u32 tid)
{
	return slot_find(&fault_threads, &fault_threads_extra, thread_mask, tid);
}

/* A new slot for thread `tid`, with its base read (its counters are zero); none when there
 * is no room (counted in `dropped`). */
static __always_inline void claim(__u32 tid, struct task_struct *t)
{
	struct task_struct___faults *f = (void *)t;
	__u32 idx = tid & thread_mask;
	struct fault_thread *s = SLOT_CLAIM(fault_threads, fault_threads_extra, tid, t);
	struct fault_thread *a;

	if (!s)
		return;
	s->base_minor = BPF_CORE_READ(f, min_flt);
	s->base_major = BPF_CORE_READ(f, maj_flt);
	a = bpf_map_lookup_elem(&fault_threads, &idx);
	if (a && a->h.tid == tid) /* claimed in the array: marked once its base is set */
		slot_mark(&fault_threads_used, idx, 1);
}

static __always_inline void update(struct fault_thread *s, struct task_struct *t)
{
	struct task_struct___faults *f = (void *)t;
	__u64 minor = BPF_CORE_READ(f, min_flt), major = BPF_CORE_READ(f, maj_flt);

	s->minor = minor > s->base_minor ? minor - s->base_minor : 0;
	s->major = major > s->base_major ? major - s->base_major : 0;
}

/* At a fault: the thread's counts so far, or its slot claimed (nothing to count yet). */
static __always_inline int on_fault(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 tid = bpf_get_current_pid_tgid();
	struct fault_thread *s;

	if (!tid)
		return 0;
	s = find(tid);
	if (s)
		update(s, t);
	else
		claim(tid, t);
	return 0;
}

/* At exit: the thread's last counts to the ring, its slot freed. */
static __always_inline int on_exit_task(void)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct fault_thread *s = find(tid), *a;
	__u32 idx = tid & thread_mask;

	if (s) {
		update(s, (struct task_struct *)bpf_get_current_task());
		a = bpf_map_lookup_elem(&fault_threads, &idx);
		if (a && a->h.tid == tid) /* its array slot: unmarked before it is freed */
			slot_mark(&fault_threads_used, idx, 0);
		SLOT_RELEASE(fault_threads, fault_threads_extra, fault_exits, tid, s);
	}
	return 0;
}

SEC("tp_btf/page_fault_user")
int BPF_PROG(fault_user_btf)
{
	return on_fault();
}

SEC("raw_tp/page_fault_user")
int BPF_PROG(fault_user_raw)
{
	return on_fault();
}

SEC("tracepoint/exceptions/page_fault_user")
int fault_user_tp(void *ctx)
{
	return on_fault();
}

SEC("tp_btf/page_fault_kernel")
int BPF_PROG(fault_kernel_btf)
{
	return on_fault();
}

SEC("raw_tp/page_fault_kernel")
int BPF_PROG(fault_kernel_raw)
{
	return on_fault();
}

SEC("tracepoint/exceptions/page_fault_kernel")
int fault_kernel_tp(void *ctx)
{
	return on_fault();
}

/* A thread that execs takes the new program's name. */
static __always_inline int on_exec(void)
{
	slot_exec(&fault_threads, &fault_threads_extra, thread_mask);
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
