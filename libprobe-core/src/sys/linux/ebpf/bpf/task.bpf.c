/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The process table's cheap fields from the kernel's own task list (iter/task) instead of
 * one open+read+close of /proc/<pid>/stat (and status, the ns links) per process. Loaded once per
 * probe, read once per snapshot: one read() stream.
 *
 * Fixed-layout records, each starting with a kind and a tgid (the kind tells them apart),
 * bpf_seq_write'n in the iterator's order:
 *   - kind 2, `struct thread_part` (48 bytes): every thread that is not its group's
 *     leader: its own CPU times and faults, which /proc/<pid>/stat adds over the live
 *     threads of the group;
 *   - kind 1, `struct task_rec`: every group leader: its own thread part, then the raw
 *     values /proc/<pid>/stat and /proc/<pid>/status compute from (nothing is converted
 *     here: the decoder applies the kernel's formulas, so that they are tested in Rust);
 *   - kind 3, `struct kthread_name` (72 bytes), right after a kernel thread's leader
 *     record: the name /proc prints for it (see kthread_name()).
 *
 * Only the initial pid namespace (level 0) and the initial user namespace are described:
 * the loader refuses elsewhere, so ids are the kernel's own numbers.
 *
 * Decoded by `sys/linux/process/task_bpf.rs`, which documents which field is exact.
 */
#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>
#include <bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define KIND_LEADER 1
#define KIND_THREAD 2

/* has: which pointers the leader had (a zombie has no mm, no nsproxy). */
#define HAS_MM 1
#define HAS_NSPROXY 2
#define HAS_CRED 4
#define HAS_SIGNAL 8
#define HAS_TIME_NS 16
#define HAS_TTY 32
#define HAS_DELAYS 64
/* A kernel thread whose /proc name is its comm (see kthread_name). */
#define HAS_COMM_NAME 128
/* run_delay and pcount were read (CONFIG_SCHED_INFO). */
#define HAS_SCHED_INFO 256

#define KIND_KTHREAD_NAME 3
#define KTHREAD_NAME_LEN 64

#define PF_WQ_WORKER 0x00000020
#define PF_KTHREAD 0x00200000

struct ns_common___task {
	unsigned int inum;
} __attribute__((preserve_access_index));

struct uts_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct ipc_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct mnt_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct pid_namespace___task {
	struct ns_common___task ns;
	void *child_reaper; /* struct task_struct * */
} __attribute__((preserve_access_index));
struct net___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct time_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct cgroup_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));
struct user_namespace___task {
	struct ns_common___task ns;
} __attribute__((preserve_access_index));

struct nsproxy___task {
	struct uts_namespace___task *uts_ns;
	struct ipc_namespace___task *ipc_ns;
	struct mnt_namespace___task *mnt_ns;
	struct pid_namespace___task *pid_ns_for_children;
	struct net___task *net_ns;
	struct time_namespace___task *time_ns;
	struct time_namespace___task *time_ns_for_children;
	struct cgroup_namespace___task *cgroup_ns;
} __attribute__((preserve_access_index));

struct upid___task {
	int nr;
	struct pid_namespace___task *ns;
} __attribute__((preserve_access_index));

struct pid___task {
	unsigned int level;
	struct upid___task numbers[1];
} __attribute__((preserve_access_index));

typedef struct {
	unsigned int val;
} kid_t___task;

struct cred___task {
	kid_t___task uid;
	kid_t___task gid;
	kid_t___task suid;
	kid_t___task sgid;
	kid_t___task euid;
	kid_t___task egid;
	kid_t___task fsuid;
	kid_t___task fsgid;
	struct user_namespace___task *user_ns;
} __attribute__((preserve_access_index));

struct percpu_counter___task {
	__s64 count;
} __attribute__((preserve_access_index));

struct mm_struct___task {
	unsigned long total_vm;
	struct percpu_counter___task rss_stat[4];
} __attribute__((preserve_access_index));

/* The kernel's mm counters are an anonymous enum (no CO-RE relocation by name): these
 * indices have held since Linux 4.5 (MM_SWAPENTS is 2). */
#define MM_FILEPAGES 0
#define MM_ANONPAGES 1
#define MM_SHMEMPAGES 3

struct prev_cputime___task {
	__u64 utime;
	__u64 stime;
} __attribute__((preserve_access_index));

struct tty_driver___task {
	int major;
	int minor_start;
} __attribute__((preserve_access_index));

struct tty_struct___task {
	struct tty_driver___task *driver;
	int index;
} __attribute__((preserve_access_index));

struct task_delay_info___task {
	__u64 blkio_delay;
} __attribute__((preserve_access_index));

/* kernel/kthread.c's struct kthread: the name given at creation when comm truncated it. */
struct kthread___task {
	char *full_name;
} __attribute__((preserve_access_index));

struct thread_info___task {
	__u32 cpu;
} __attribute__((preserve_access_index));

struct signal_struct___task {
	int nr_threads;
	struct tty_struct___task *tty;
	struct pid___task *pids[4];
	__u64 utime;
	__u64 stime;
	__u64 cutime;
	__u64 cstime;
	struct prev_cputime___task prev_cputime;
	unsigned long min_flt;
	unsigned long maj_flt;
	unsigned long cmin_flt;
	unsigned long cmaj_flt;
	unsigned long long sum_sched_runtime;
	short oom_score_adj;
} __attribute__((preserve_access_index));

struct sched_entity___task {
	__u64 sum_exec_runtime;
} __attribute__((preserve_access_index));

struct sched_info___task {
	unsigned long pcount;
	unsigned long long run_delay;
} __attribute__((preserve_access_index));

struct task_struct___task {
	unsigned int __state;
	unsigned int flags;
	int exit_state;
	pid_t pid;
	pid_t tgid;
	int prio;
	int static_prio;
	unsigned int rt_priority;
	unsigned int policy;
	struct sched_entity___task se;
	struct sched_info___task sched_info; /* CONFIG_SCHED_INFO */
	struct mm_struct___task *mm;
	struct task_struct___task *real_parent;
	struct pid___task *thread_pid;
	struct signal_struct___task *signal;
	const struct cred___task *real_cred;
	struct nsproxy___task *nsproxy;
	__u64 utime;
	__u64 stime;
	unsigned long min_flt;
	unsigned long maj_flt;
	__u64 start_boottime;
	char comm[16];
	struct thread_info___task thread_info; /* x86-64: CONFIG_THREAD_INFO_IN_TASK */
	struct task_delay_info___task *delays;  /* CONFIG_TASK_DELAY_ACCT */
	void *worker_private;			/* a kernel thread's struct kthread (5.17+) */
} __attribute__((preserve_access_index));

/* PIDTYPE_PGID and PIDTYPE_SID of enum pid_type. */
#define PIDTYPE_PGID 2
#define PIDTYPE_SID 3

struct thread_part {
	__u32 kind;
	__s32 tgid;
	__u64 utime;	       /* ns */
	__u64 stime;	       /* ns */
	__u64 sum_exec_runtime; /* ns */
	__u64 min_flt;
	__u64 maj_flt;
};

struct task_rec {
	struct thread_part t;
	__s32 ppid;
	__s32 pgid;
	__s32 sid;
	__u32 flags;
	__u32 state;
	__u32 exit_state;
	__s32 prio;
	__s32 static_prio;
	__u32 policy;
	__u32 rt_priority;
	__s32 nr_threads;
	__u32 has;
	__u64 start_boottime; /* ns */
	__u64 sig_utime;
	__u64 sig_stime;
	__u64 sig_sum_sched_runtime;
	__u64 prev_utime;
	__u64 prev_stime;
	__u64 cutime;
	__u64 cstime;
	__u64 sig_min_flt;
	__u64 sig_maj_flt;
	__u64 cmin_flt;
	__u64 cmaj_flt;
	__u64 total_vm; /* pages */
	__s64 rss_file; /* pages, percpu_counter's count */
	__s64 rss_anon;
	__s64 rss_shmem;
	__u32 uid[4];	/* real, effective, saved, filesystem */
	__u32 gid[4];
	/* cgroup ipc mnt net pid pid_for_children time time_for_children user uts */
	__u32 ns[10];
	char comm[16];
	/* The controlling terminal: its driver's major, and minor_start + index. */
	__s32 tty_major;
	__s32 tty_minor;
	__s32 processor; /* task_cpu() */
	__u32 pad;
	__u64 blkio_delay; /* ns, delay accounting */
	/* /proc/<pid>/schedstat's last two: the leader's run-queue wait (ns) and timeslices
	 * (its first is the thread part's sum_exec_runtime). */
	__u64 run_delay;
	__u64 pcount;
	__s32 oom_score_adj;
	__u32 pad2;
};

/* kind 3: a kernel thread's /proc name (72 bytes), after its leader record. */
struct kthread_name {
	__u32 kind;
	__s32 tgid;
	char name[KTHREAD_NAME_LEN];
};

/* The number a pid has in the initial namespace; 0 when none. */
static __always_inline __s32 pid_nr0(struct pid___task *p)
{
	if (!p)
		return 0;
	return p->numbers[0].nr;
}

/*
 * Every field is read with a plain load through the task's BTF pointer, not a
 * bpf_probe_read_kernel() call each: an iterator's task is a trusted BTF pointer, and the
 * pointers loaded from it are BTF pointers too, whose loads the JIT turns into plain moves
 * with an exception-table entry (a faulting load reads 0). The helper calls cost a quarter
 * of a 1 000-process table (`perf record` of `libprobe_procs_stat`, process.via = bpf:
 * copy_from_kernel_nofault 21 %). CO-RE still relocates every offset.
 */
/*
 * A kernel thread's /proc name, when it is not a workqueue worker: proc_task_name()
 * prints get_kthread_comm(), the full name kept in its struct kthread (every kernel
 * thread has one on 6.18, short names too), else comm; 63 bytes at most (/proc's 64-byte
 * buffer). A workqueue worker's name adds its current work's "+desc", read under the
 * pool's lock: left to /proc, as is any kernel whose layout is not the one known here.
 * Returns 1 when `name` holds the name, 2 when comm is the name, 0 when /proc must say.
 */
static __always_inline int kthread_name(struct task_struct___task *task, __u32 flags, char *name)
{
	char *full_name = NULL;
	void *kthread;

	if (flags & PF_WQ_WORKER)
		return 0;
	if (!bpf_core_field_exists(task->worker_private) ||
	    !bpf_core_field_exists(struct kthread___task, full_name))
		return 0;
	/* worker_private is a void pointer: its target is read through the helper. */
	kthread = task->worker_private;
	if (!kthread)
		return 2;
	if (bpf_probe_read_kernel(&full_name, sizeof(full_name),
				  kthread + bpf_core_field_offset(struct kthread___task, full_name)))
		return 0;
	if (!full_name)
		return 2;
	return bpf_probe_read_kernel_str(name, KTHREAD_NAME_LEN, full_name) > 0 ? 1 : 0;
}

/* A namespace's inode number; 0 without one. */
#define inum(ns_ptr) ((ns_ptr) ? (ns_ptr)->ns.inum : 0)

static __always_inline void thread_part(struct thread_part *t, struct task_struct___task *task)
{
	t->tgid = task->tgid;
	t->utime = task->utime;
	t->stime = task->stime;
	t->sum_exec_runtime = task->se.sum_exec_runtime;
	t->min_flt = task->min_flt;
	t->maj_flt = task->maj_flt;
}

SEC("iter/task")
int task_table(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct___task *task = (void *)ctx->task;
	struct task_rec rec = {};
	struct signal_struct___task *sig;
	struct mm_struct___task *mm;
	const struct cred___task *cred;
	struct nsproxy___task *nsp;
	struct pid_namespace___task *pidc;
	struct pid___task *tp;
	const __u64 *comm;

	if (!task)
		return 0;
	if (task->pid != task->tgid) {
		struct thread_part t = { .kind = KIND_THREAD };

		thread_part(&t, task);
		bpf_seq_write(seq, &t, sizeof(t));
		return 0;
	}
	rec.t.kind = KIND_LEADER;
	thread_part(&rec.t, task);
	rec.ppid = task->real_parent->tgid;
	rec.flags = task->flags;
	rec.state = task->__state;
	rec.exit_state = task->exit_state;
	rec.prio = task->prio;
	rec.static_prio = task->static_prio;
	rec.policy = task->policy;
	rec.rt_priority = task->rt_priority;
	rec.start_boottime = task->start_boottime;
	/* Two 8-byte loads within the 16-byte array (the verifier allows any load inside an
	 * array of integers). */
	comm = (const __u64 *)task->comm;
	__builtin_memcpy(&rec.comm[0], &(__u64){ comm[0] }, 8);
	__builtin_memcpy(&rec.comm[8], &(__u64){ comm[1] }, 8);

	rec.processor = task->thread_info.cpu;
	if (bpf_core_field_exists(task->sched_info)) {
		rec.has |= HAS_SCHED_INFO;
		rec.run_delay = task->sched_info.run_delay;
		rec.pcount = task->sched_info.pcount;
	}
	if (bpf_core_field_exists(task->delays)) {
		struct task_delay_info___task *d = task->delays;

		if (d) {
			rec.has |= HAS_DELAYS;
			rec.blkio_delay = d->blkio_delay;
		}
	}

	sig = task->signal;
	if (sig) {
		struct tty_struct___task *tty = sig->tty;

		if (tty) {
			/* No test of the driver pointer: a load through a null BTF pointer reads 0. */
			struct tty_driver___task *driver = tty->driver;

			rec.has |= HAS_TTY;
			rec.tty_major = driver->major;
			rec.tty_minor = driver->minor_start + tty->index;
		}
		rec.has |= HAS_SIGNAL;
		rec.nr_threads = sig->nr_threads;
		rec.pgid = pid_nr0(sig->pids[PIDTYPE_PGID]);
		rec.sid = pid_nr0(sig->pids[PIDTYPE_SID]);
		rec.sig_utime = sig->utime;
		rec.sig_stime = sig->stime;
		rec.sig_sum_sched_runtime = sig->sum_sched_runtime;
		rec.prev_utime = sig->prev_cputime.utime;
		rec.prev_stime = sig->prev_cputime.stime;
		rec.cutime = sig->cutime;
		rec.cstime = sig->cstime;
		rec.sig_min_flt = sig->min_flt;
		rec.sig_maj_flt = sig->maj_flt;
		rec.cmin_flt = sig->cmin_flt;
		rec.cmaj_flt = sig->cmaj_flt;
		rec.oom_score_adj = sig->oom_score_adj;
	}

	mm = task->mm;
	if (mm) {
		rec.has |= HAS_MM;
		rec.total_vm = mm->total_vm;
		rec.rss_file = mm->rss_stat[MM_FILEPAGES].count;
		rec.rss_anon = mm->rss_stat[MM_ANONPAGES].count;
		rec.rss_shmem = mm->rss_stat[MM_SHMEMPAGES].count;
	}

	cred = task->real_cred;
	if (cred) {
		struct user_namespace___task *user_ns = cred->user_ns;

		rec.has |= HAS_CRED;
		rec.uid[0] = cred->uid.val;
		rec.uid[1] = cred->euid.val;
		rec.uid[2] = cred->suid.val;
		rec.uid[3] = cred->fsuid.val;
		rec.gid[0] = cred->gid.val;
		rec.gid[1] = cred->egid.val;
		rec.gid[2] = cred->sgid.val;
		rec.gid[3] = cred->fsgid.val;
		if (user_ns)
			rec.ns[8] = user_ns->ns.inum;
	}

	/* The active pid namespace: the one of the task's own pid at its level (a load at a
	 * variable offset: through the helper, for tasks below the initial namespace only). */
	tp = task->thread_pid;
	if (tp) {
		unsigned int level = tp->level;

		if (level == 0) {
			rec.ns[4] = inum(tp->numbers[0].ns);
		} else {
			struct pid_namespace___task *pns = NULL;

			bpf_probe_read_kernel(&pns, sizeof(pns),
					      (void *)tp + bpf_core_field_offset(struct pid___task, numbers) +
						      (__u64)level * bpf_core_type_size(struct upid___task) +
						      bpf_core_field_offset(struct upid___task, ns));
			if (pns)
				rec.ns[4] = BPF_CORE_READ(pns, ns.inum);
		}
	}

	nsp = task->nsproxy;
	if (nsp) {
		rec.has |= HAS_NSPROXY;
		rec.ns[0] = inum(nsp->cgroup_ns);
		rec.ns[1] = inum(nsp->ipc_ns);
		rec.ns[2] = inum(nsp->mnt_ns);
		rec.ns[3] = inum(nsp->net_ns);
		/* /proc shows no pid namespace for children until it has a first process, its
		 * child reaper (pidns_for_children_get: ENOENT): none here either. */
		pidc = nsp->pid_ns_for_children;
		if (pidc && pidc->child_reaper)
			rec.ns[5] = pidc->ns.inum;
		if (bpf_core_field_exists(nsp->time_ns)) {
			rec.has |= HAS_TIME_NS;
			rec.ns[6] = inum(nsp->time_ns);
			rec.ns[7] = inum(nsp->time_ns_for_children);
		}
		rec.ns[9] = inum(nsp->uts_ns);
	}
	if (rec.flags & PF_KTHREAD) {
		struct kthread_name kn = { .kind = KIND_KTHREAD_NAME, .tgid = rec.t.tgid };
		int named = kthread_name(task, rec.flags, kn.name);

		if (named == 2)
			rec.has |= HAS_COMM_NAME;
		bpf_seq_write(seq, &rec, sizeof(rec));
		/* Right after its leader's record. */
		if (named == 1)
			bpf_seq_write(seq, &kn, sizeof(kn));
		return 0;
	}
	bpf_seq_write(seq, &rec, sizeof(rec));
	return 0;
}
