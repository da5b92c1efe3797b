/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The kernel types libprobe's BPF programs read, written by hand (not a vmlinux.h dump).
 *
 * Every struct carries `preserve_access_index`, so each field access is a CO-RE
 * relocation: libbpf moves it to the field's offset in the running kernel's BTF
 * (/sys/kernel/btf/vmlinux) at load time, and a struct here lists only the fields we read,
 * in any order. A field that moved or was renamed between kernels has a `___flavour`
 * struct beside it (`task_struct___pre514`), tested with bpf_core_field_exists().
 */
#ifndef LIBPROBE_KERNEL_H
#define LIBPROBE_KERNEL_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
#define true 1
#define false 0
typedef int pid_t;
typedef __u32 dev_t;
typedef __u64 sector_t;

/* The map and program type numbers of include/uapi/linux/bpf.h that the programs name. */
enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERCPU_HASH = 5,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_RINGBUF = 27,
};

/* Map flags. */
enum {
	BPF_F_NO_PREALLOC = 1U << 0,
	BPF_F_MMAPABLE = 1U << 10,
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
	BPF_EXIST = 2,
};

/* Helpers' argument types (bpf_helper_defs.h names them). */
struct bpf_map;
struct pt_regs;
struct seq_file;
struct task_struct;
struct sk_buff;
struct xdp_md;
struct __sk_buff;
struct bpf_perf_event_data;
struct bpf_sock;
struct bpf_sock_addr;
struct bpf_sock_ops;
struct sock_ops;
struct bpf_sock_tuple;
struct bpf_spin_lock;
struct bpf_sysctl;
struct bpf_tcp_sock;
struct bpf_redir_neigh;
struct bpf_pidns_info;
struct bpf_perf_event_value;
struct bpf_fib_lookup;
struct sk_reuseport_md;
struct sk_msg_md;
struct btf_ptr;
struct linux_binprm;
struct path;
struct file;
struct inode;
struct socket;
struct sockaddr;
struct tcphdr;
struct tcp6_sock;
struct tcp_sock;
struct tcp_timewait_sock;
struct tcp_request_sock;
struct udp6_sock;
struct unix_sock;
struct mptcp_sock;
struct ipv6hdr;
struct iphdr;
struct bpf_timer;
struct bpf_dynptr;
struct bpf_list_head;
struct bpf_list_node;
struct bpf_rb_root;
struct bpf_rb_node;
struct bpf_refcount;
struct cgroup;
struct bpf_iter_num;
struct user_namespace;
struct bpf_cpumask;

typedef struct {
	int counter;
} atomic_t;

struct signal_struct {
	/* Threads of the group still alive: 0 once the last one has exited (do_exit). */
	atomic_t live;
} __attribute__((preserve_access_index));

/* task_struct.flags */
#define PF_EXITING 0x00000004 /* getting shut down */

struct task_struct {
	unsigned int __state; /* 5.14+; `state` before (task_struct___pre514) */
	unsigned int flags;   /* PF_* */
	pid_t pid;            /* thread id */
	pid_t tgid;           /* process id */
	char comm[16];
	struct task_struct *group_leader;
	struct signal_struct *signal;
	__u64 start_boottime; /* 5.5+: boot-based start time, ns (`starttime` of /proc/<pid>/stat) */
} __attribute__((preserve_access_index));

struct task_struct___pre514 {
	long state;
} __attribute__((preserve_access_index));

struct task_struct___pre55 {
	__u64 real_start_time;
} __attribute__((preserve_access_index));

struct block_device {
	dev_t bd_dev;
} __attribute__((preserve_access_index));

struct gendisk {
	int major;
	int first_minor;
} __attribute__((preserve_access_index));

struct request_queue {
	struct gendisk *disk;
} __attribute__((preserve_access_index));

struct request {
	struct request_queue *q;
	unsigned int cmd_flags; /* blk_opf_t: REQ_OP_* in the low 8 bits */
	unsigned int __data_len;
	sector_t __sector;
	struct block_device *part; /* 5.15+: the partition (or whole disk) */
} __attribute__((preserve_access_index));

struct request___pre515 {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

/* kernel/trace/trace_syscalls.c: one per SYSCALL_DEFINE, in the __syscalls_metadata
 * section; init_ftrace_syscalls() sets syscall_nr from the running kernel's table. */
struct syscall_metadata {
	const char *name;
	int syscall_nr;
} __attribute__((preserve_access_index));

/* BPF iterators (kernel/bpf/task_iter.c). */
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));

/* The records of classic (perf) tracepoints, as their format files describe them. */
struct trace_entry {
	unsigned short type;
	unsigned char flags;
	unsigned char preempt_count;
	int pid;
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_enter {
	struct trace_entry ent;
	long id;
} __attribute__((preserve_access_index));

struct trace_event_raw_sys_exit {
	struct trace_entry ent;
	long id;
	long ret;
} __attribute__((preserve_access_index));

struct trace_event_raw_sched_switch {
	struct trace_entry ent;
	char prev_comm[16];
	pid_t prev_pid;
	long prev_state;
	char next_comm[16];
	pid_t next_pid;
} __attribute__((preserve_access_index));

struct trace_event_raw_sched_wakeup_template {
	struct trace_entry ent;
	pid_t pid;
} __attribute__((preserve_access_index));

struct trace_event_raw_sched_process_template {
	struct trace_entry ent;
	pid_t pid;
} __attribute__((preserve_access_index));

struct trace_event_raw_block_rq {
	struct trace_entry ent;
	dev_t dev;
	sector_t sector;
	unsigned int nr_sector;
	unsigned int bytes;
	char rwbs[8];
} __attribute__((preserve_access_index));

struct trace_event_raw_block_rq_completion {
	struct trace_entry ent;
	dev_t dev;
	sector_t sector;
	unsigned int nr_sector;
	int error;
} __attribute__((preserve_access_index));

#endif
