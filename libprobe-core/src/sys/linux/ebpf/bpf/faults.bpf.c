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
 * Per-thread slots as in offcpu.bpf.c: `fault_threads`, a direct-mapped array indexed by
 * tid & thread_mask and read by user space through a memory mapping; `fault_threads_extra`
 * for a thread whose slot another live thread holds (full: counted in `dropped`); the
 * `fault_exits` ring gets a thread's last counts. A slot is written only by its own thread.
 */
#include "common.h"

/* The fault counters of task_struct (include/linux/sched.h), under a flavour name so that
 * kernel.h stays as it is: CO-RE matches `task_struct___faults` with `task_struct`. */
struct task_struct___faults {
	unsigned long min_flt;
	unsigned long maj_flt;
} __attribute__((preserve_access_index));

struct fault_thread {
	__u32 tid;        /* 0: free */
	__u32 tgid;
	__u64 start;      /* its process's start time (process_start), ns */
	char comm[16];    /* its process's name when claimed, or its own after an exec */
	__u64 base_minor; /* min_flt and maj_flt when the slot was claimed */
	__u64 base_major;
	__u64 minor;      /* faults since: min_flt - base_minor when last read */
	__u64 major;
};

const volatile __u32 thread_mask = 0xffff; /* fault_threads has thread_mask + 1 slots */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, struct fault_thread);
} fault_threads SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct fault_thread);
} fault_threads_extra SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} fault_exits SEC(".maps");

static const struct fault_thread zero_thread = {};

static __always_inline void fill(struct fault_thread *s, __u32 tid, struct task_struct *t)
{
	struct task_struct___faults *f = (void *)t;

	s->tgid = BPF_CORE_READ(t, tgid);
	s->start = process_start(t);
	BPF_CORE_READ_STR_INTO(&s->comm, t, group_leader, comm);
	s->base_minor = BPF_CORE_READ(f, min_flt);
	s->base_major = BPF_CORE_READ(f, maj_flt);
	s->minor = 0;
	s->major = 0;
}

static __always_inline struct fault_thread *find(__u32 tid)
{
	__u32 idx = tid & thread_mask;
	struct fault_thread *s = bpf_map_lookup_elem(&fault_threads, &idx);

	if (s && s->tid == tid)
		return s;
	return bpf_map_lookup_elem(&fault_threads_extra, &tid);
}

/* The thread's slot, claimed (and its base read) if it has none: NULL when claimed now
 * (nothing to count yet) or when there is no room. */
static __always_inline struct fault_thread *slot(__u32 tid, struct task_struct *t)
{
	__u32 idx = tid & thread_mask;
	struct fault_thread *s = bpf_map_lookup_elem(&fault_threads, &idx);

	if (!s)
		return NULL;
	if (s->tid == tid)
		return s;
	if (s->tid == 0 && __sync_val_compare_and_swap(&s->tid, 0, tid) == 0) {
		fill(s, tid, t);
		return NULL;
	}
	s = bpf_map_lookup_elem(&fault_threads_extra, &tid);
	if (s)
		return s;
	if (bpf_map_update_elem(&fault_threads_extra, &tid, &zero_thread, BPF_NOEXIST)) {
		drop(DROP_MAP_FULL);
		return NULL;
	}
	s = bpf_map_lookup_elem(&fault_threads_extra, &tid);
	if (s) {
		fill(s, tid, t);
		s->tid = tid;
	}
	return NULL;
}

static __always_inline void update(struct fault_thread *s, struct task_struct *t)
{
	struct task_struct___faults *f = (void *)t;
	__u64 minor = BPF_CORE_READ(f, min_flt), major = BPF_CORE_READ(f, maj_flt);

	s->minor = minor > s->base_minor ? minor - s->base_minor : 0;
	s->major = major > s->base_major ? major - s->base_major : 0;
}

static __always_inline int on_fault(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 tid = bpf_get_current_pid_tgid();
	struct fault_thread *s;

	if (!tid)
		return 0;
	s = slot(tid, t);
	if (s)
		update(s, t);
	return 0;
}

static __always_inline int on_exit_task(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 tid = bpf_get_current_pid_tgid(), idx = tid & thread_mask;
	struct fault_thread *s = bpf_map_lookup_elem(&fault_threads, &idx);
	bool in_array = s && s->tid == tid;

	if (!in_array) {
		s = bpf_map_lookup_elem(&fault_threads_extra, &tid);
		if (!s)
			return 0;
	}
	update(s, t);
	if (s->minor || s->major) {
		if (bpf_ringbuf_output(&fault_exits, s, sizeof(*s), 0))
			drop(DROP_RING_FULL);
	}
	if (in_array) {
		/* Counts first, the tid last (see syscalls.bpf.c). */
		s->minor = 0;
		s->major = 0;
		__sync_lock_test_and_set(&s->tid, 0);
	} else {
		bpf_map_delete_elem(&fault_threads_extra, &tid);
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
	struct fault_thread *s = find(bpf_get_current_pid_tgid());

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
