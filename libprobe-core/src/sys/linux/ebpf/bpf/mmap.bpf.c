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
 * Native calls only. A 32-bit (compat) call has the compat table's numbers, and on x86-64
 * since Linux 6.9 that table is no longer an array in the kernel's read-only data (calls
 * are dispatched by a switch, ia32_sys_call()), so libprobe cannot read its mmap2 and
 * old_mmap numbers at run time, and it hard-codes none: a 32-bit process's mmap2/old_mmap
 * is not counted. A compat call with the native mmap number (ia32 `link`) is left out too:
 * the task's TS_COMPAT status tells it (raw_syscalls reports compat numbers as they are;
 * the syscalls/ tracepoints do not fire for compat calls).
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

/* x86's thread_info status (arch/x86/include/asm/thread_info.h), under flavour names:
 * TS_COMPAT is set while a task runs a 32-bit system call. */
#define TS_COMPAT 0x0002

struct thread_info___mmap {
	__u32 status;
} __attribute__((preserve_access_index));

struct task_struct___mmap {
	struct thread_info___mmap thread_info;
} __attribute__((preserve_access_index));

/* Whether the current system call is a 32-bit (compat) one (false where the kernel has no
 * such status). */
static __always_inline bool compat_call(void)
{
	struct task_struct___mmap *t = (void *)bpf_get_current_task();

	if (!bpf_core_field_exists(t->thread_info.status))
		return false;
	return BPF_CORE_READ(t, thread_info.status) & TS_COMPAT;
}

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* set by the loader (option max_pids) */
	__type(key, struct proc_key);
	__type(value, struct mmap_proc);
} mmap_pids SEC(".maps");
HELD(mmap_pids);

static __always_inline int counted(void)
{
	struct proc_key key = current_process_key();
	struct mmap_proc *p = bpf_map_lookup_elem(&mmap_pids, &key), fresh = {};

	if (!p) {
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();

		BPF_CORE_READ_STR_INTO(&fresh.comm, t, group_leader, comm);
		HELD_INSERT(mmap_pids, &key, &fresh);
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
	if (id != mmap_nr || compat_call())
		return 0;
	return counted();
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)
{
	if (id != mmap_nr || compat_call())
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
