/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Socket owners: one record per socket descriptor of every process, from the kernel's own
 * task and file lists (iter/task_file) instead of one readlink per descriptor of
 * /proc/<pid>/fd. Loaded once per probe, read once per snapshot.
 *
 * Each record is `struct owner_rec` (32 bytes, bpf_seq_write): the socket's inode, the
 * process id as the reader's pid namespace numbers it, the descriptor, and the process's
 * command name (what `/proc/<pid>/stat` shows between its parentheses). Only group
 * leaders are listed: /proc/<pid>/fd is the leader's table, and the kernel already skips
 * threads that share it; a thread with a table of its own (unshare(CLONE_FILES)) is not
 * in /proc/<pid>/fd either.
 *
 * The record layout is decoded by `Owners::from_bpf` (sys/linux/network/owners.rs).
 */
#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>
#include <bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* The level of the reader's pid namespace (0: the initial one), set before load. */
const volatile __u32 pid_level = 0;

#define S_IFMT 0170000
#define S_IFSOCK 0140000

struct inode {
	unsigned short i_mode;
	unsigned long i_ino;
} __attribute__((preserve_access_index));

struct file {
	struct inode *f_inode;
} __attribute__((preserve_access_index));

struct upid {
	int nr;
} __attribute__((preserve_access_index));

struct pid {
	unsigned int level;
	struct upid numbers[1];
} __attribute__((preserve_access_index));

/* task_struct's fields beyond kernel.h's (a flavour: relocated against task_struct). */
struct task_struct___owners {
	struct pid *thread_pid;
} __attribute__((preserve_access_index));

struct bpf_iter__task_file {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
	__u32 fd;
	struct file *file;
} __attribute__((preserve_access_index));

struct owner_rec {
	__u64 ino;
	__s32 pid;
	__s32 fd;
	char comm[16];
};

/* The leader's pid in the reader's namespace; 0 when it has none there. */
static __always_inline __s32 ns_pid(struct task_struct *task)
{
	struct task_struct___owners *t = (void *)task;
	struct pid *p;
	unsigned int level;
	int nr = 0;

	if (pid_level == 0)
		return task->tgid;
	p = BPF_CORE_READ(t, thread_pid);
	if (!p)
		return 0;
	level = BPF_CORE_READ(p, level);
	if (level < pid_level)
		return 0;
	bpf_probe_read_kernel(&nr, sizeof(nr),
			      (void *)p + bpf_core_field_offset(struct pid, numbers) +
				      (__u64)pid_level * bpf_core_type_size(struct upid) +
				      bpf_core_field_offset(struct upid, nr));
	return nr;
}

SEC("iter/task_file")
int task_file_owners(struct bpf_iter__task_file *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;
	struct file *file = ctx->file;
	struct owner_rec rec = {};
	struct inode *inode;
	const __u64 *comm;

	if (!task || !file)
		return 0;
	if (task->pid != task->tgid)
		return 0;
	/* Plain loads through the file's and the inode's BTF pointers (the JIT makes them
	 * moves with an exception-table entry), not a bpf_probe_read_kernel() call each:
	 * this runs for every descriptor of every process. */
	inode = file->f_inode;
	if (!inode || (inode->i_mode & S_IFMT) != S_IFSOCK)
		return 0;
	rec.ino = inode->i_ino;
	rec.pid = ns_pid(task);
	if (rec.pid <= 0)
		return 0;
	rec.fd = ctx->fd;
	comm = (const __u64 *)task->comm;
	__builtin_memcpy(&rec.comm[0], &(__u64){ comm[0] }, 8);
	__builtin_memcpy(&rec.comm[8], &(__u64){ comm[1] }, 8);
	bpf_seq_write(seq, &rec, sizeof(rec));
	return 0;
}
