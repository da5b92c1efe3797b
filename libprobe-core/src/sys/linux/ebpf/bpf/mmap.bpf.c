/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `mmap` tracer: mmap() calls per process, counted at entry (failed calls too).
 *
 * Hooks: raw_syscalls/sys_enter filtered on the mmap syscall number (tp_btf and raw_tp:
 * this program runs at every system call, and returns at once for all but mmap), or
 * syscalls/sys_enter_mmap (tracepoint: runs only for mmap, but needs tracefs for its id
 * and costs more per call); sched/sched_process_exit marks a process whose last thread
 * exited, so the reader deletes its entry after its last interval.
 *
 * Native calls only: a 32-bit process's mmap2/old_mmap (other numbers) is not counted.
 *
 * `mmap_pids` is a hash keyed by process (tgid and start time) whose counts only grow
 * (atomic adds: a process's threads share it); a process that finds it full is counted in
 * `dropped`.
 */
#include "common.h"

struct mmap_proc {
	__u64 calls;
	char comm[16]; /* the process's main thread's name when first seen */
	__u32 flags;   /* PROC_EXITED */
	__u32 pad;
};

/* The native mmap syscall number, set by the loader. */
const volatile __u32 mmap_nr = 9;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* set by the loader (option max_pids) */
	__type(key, struct proc_key);
	__type(value, struct mmap_proc);
} mmap_pids SEC(".maps");

static __always_inline int counted(void)
{
	struct proc_key key = current_process_key();
	struct mmap_proc *p = bpf_map_lookup_elem(&mmap_pids, &key), fresh = {};

	if (!p) {
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();

		BPF_CORE_READ_STR_INTO(&fresh.comm, t, group_leader, comm);
		bpf_map_update_elem(&mmap_pids, &key, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&mmap_pids, &key);
		if (!p) {
			drop(DROP_MAP_FULL);
			return 0;
		}
	}
	__sync_fetch_and_add(&p->calls, 1);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)
{
	if (id != mmap_nr)
		return 0;
	return counted();
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	if (id != mmap_nr)
		return 0;
	return counted();
}

SEC("tracepoint/syscalls/sys_enter_mmap")
int sys_enter_mmap_tp(void *ctx)
{
	return counted();
}

static __always_inline int on_exit_task(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct proc_key key;
	struct mmap_proc *p;

	if (group_dead(t)) {
		key = current_process_key();
		p = bpf_map_lookup_elem(&mmap_pids, &key);
		if (p)
			__sync_fetch_and_or(&p->flags, PROC_EXITED);
	}
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
