/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `biolatency` tracer: block I/O latency from issue to the driver to completion,
 * per device and operation in log2 histograms with the bytes moved, and per process
 * (the one that submitted the request) its reads, writes, bytes and time waited.
 *
 * Hooks: block/block_io_start (optional, 6.5+: runs in the submitting process, so the
 * request is attributed to it; without it, to the process that issues it),
 * block/block_rq_issue, block/block_rq_complete, and sched/sched_process_exit (mark a
 * process whose last thread exits).
 *
 * Requests are keyed by their address (tp_btf, raw_tp) or, for classic tracepoints which
 * do not carry it, by device and first sector. Every map is bounded; a request or a
 * device or a process that finds its map full is not measured and counts in `dropped`.
 */
#include "common.h"

/* REQ_OP_* (include/linux/blk_types.h): the low 8 bits of cmd_flags. */
#define REQ_OP_MASK 0xff
#define OP_READ 0
#define OP_WRITE 1
#define OP_FLUSH 2
#define OP_DISCARD 3
#define OP_SECURE_ERASE 5
#define OP_UNKNOWN 0xff

struct bio_key {
	__u64 a; /* the request's address, or its device */
	__u64 b; /* 0, or its first sector */
};

struct bio_start {
	__u64 issue_ns;       /* 0 until issued */
	struct proc_key proc; /* the submitting process */
	__u32 dev;            /* kernel dev_t: major << 20 | minor */
	__u32 op;
	__u32 bytes;
	__u32 pad;
	char comm[16];
};

struct bio_dev_key {
	__u32 dev;
	__u32 op;
};

/* Per device and operation, per CPU. */
struct bio_dev {
	__u64 bytes;
	__u64 pad;
	struct hist lat;
};

/* Per process, shared by every CPU: updated with atomic adds. */
struct bio_pid {
	__u64 reads;
	__u64 writes;
	__u64 read_bytes;
	__u64 write_bytes;
	__u64 read_ns;
	__u64 write_ns;
	char comm[16];
	__u32 flags; /* PROC_EXITED */
	__u32 pad;
};

/* A new device's first value (too large for the stack). In .rodata: .bss is the epoch. */
static const struct bio_dev zero_dev = {};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_requests */
	__type(key, struct bio_key);
	__type(value, struct bio_start);
} bio_start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, struct bio_dev_key);
	__type(value, struct bio_dev);
} bio_devs SEC(".maps");
HELD(bio_devs);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_pids */
	__type(key, struct proc_key);
	__type(value, struct bio_pid);
} bio_pids SEC(".maps");
HELD(bio_pids);

static __always_inline void current_process(struct bio_start *s)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();

	s->proc = current_process_key();
	BPF_CORE_READ_STR_INTO(&s->comm, t, group_leader, comm);
}

/* A request starts, in the context of the process that submitted it. */
static __always_inline void started(struct bio_key *k)
{
	struct bio_start s = {};

	current_process(&s);
	if (bpf_map_update_elem(&bio_start, k, &s, BPF_ANY))
		drop(DROP_MAP_FULL);
}

static __always_inline void issued(struct bio_key *k, __u32 dev, __u32 op, __u32 bytes)
{
	struct bio_start *s = bpf_map_lookup_elem(&bio_start, k), fresh = {};

	if (!s) {
		/* Started before attach, or without block_io_start: the issuer it is. */
		current_process(&fresh);
		if (bpf_map_update_elem(&bio_start, k, &fresh, BPF_NOEXIST)) {
			drop(DROP_MAP_FULL);
			return;
		}
		s = bpf_map_lookup_elem(&bio_start, k);
		if (!s)
			return;
	}
	s->dev = dev;
	s->op = op;
	s->bytes = bytes;
	s->issue_ns = bpf_ktime_get_ns();
}

static __always_inline void completed(struct bio_key *k)
{
	struct bio_start *s = bpf_map_lookup_elem(&bio_start, k);
	struct bio_dev_key dk;
	struct bio_dev *dv;
	struct bio_pid *p, fresh = {};
	struct proc_key key;
	__u64 now, d;

	if (!s || !s->issue_ns)
		return;
	now = bpf_ktime_get_ns();
	d = now > s->issue_ns ? now - s->issue_ns : 0;
	dk.dev = s->dev;
	dk.op = s->op;
	dv = bpf_map_lookup_elem(&bio_devs, &dk);
	if (!dv) {
		HELD_INSERT(bio_devs, &dk, &zero_dev);
		dv = bpf_map_lookup_elem(&bio_devs, &dk);
	}
	if (dv) {
		dv->bytes += s->bytes;
		hist_add(&dv->lat, d);
	} else {
		drop(DROP_MAP_FULL);
	}
	key = s->proc;
	if (key.tgid && (s->op == OP_READ || s->op == OP_WRITE)) {
		p = bpf_map_lookup_elem(&bio_pids, &key);
		if (!p) {
			__builtin_memcpy(fresh.comm, s->comm, sizeof(fresh.comm));
			HELD_INSERT(bio_pids, &key, &fresh);
			p = bpf_map_lookup_elem(&bio_pids, &key);
		}
		if (!p) {
			drop(DROP_MAP_FULL);
		} else if (s->op == OP_READ) {
			__sync_fetch_and_add(&p->reads, 1);
			__sync_fetch_and_add(&p->read_bytes, s->bytes);
			__sync_fetch_and_add(&p->read_ns, d);
		} else {
			__sync_fetch_and_add(&p->writes, 1);
			__sync_fetch_and_add(&p->write_bytes, s->bytes);
			__sync_fetch_and_add(&p->write_ns, d);
		}
	}
	bpf_map_delete_elem(&bio_start, k);
}

static __always_inline __u32 rq_dev(struct request *rq)
{
	struct request___pre515 *old = (void *)rq;
	struct gendisk *disk;

	if (bpf_core_field_exists(rq->part)) {
		struct block_device *part = BPF_CORE_READ(rq, part);

		if (part)
			return BPF_CORE_READ(part, bd_dev);
		disk = BPF_CORE_READ(rq, q, disk);
	} else {
		disk = BPF_CORE_READ(old, rq_disk);
	}
	if (!disk)
		return 0;
	return (BPF_CORE_READ(disk, major) << 20) | BPF_CORE_READ(disk, first_minor);
}

static __always_inline int rq_issued(struct request *rq)
{
	struct bio_key k = { .a = (__u64)rq };

	issued(&k, rq_dev(rq), BPF_CORE_READ(rq, cmd_flags) & REQ_OP_MASK, BPF_CORE_READ(rq, __data_len));
	return 0;
}

/* The operation from the tracepoint's rwbs text (blk_fill_rwbs): an optional leading F
 * (preflush), then R, W, D (DE: secure erase), F (flush) or N. */
static __always_inline __u32 rwbs_op(const char *rwbs)
{
	char c = rwbs[0];

	if (c == 'F' && (rwbs[1] == 'R' || rwbs[1] == 'W' || rwbs[1] == 'D'))
		c = rwbs[1];
	switch (c) {
	case 'R':
		return OP_READ;
	case 'W':
		return OP_WRITE;
	case 'F':
		return OP_FLUSH;
	case 'D':
		return OP_DISCARD;
	default:
		return OP_UNKNOWN;
	}
}

static __always_inline int on_exit_task(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct proc_key key;
	struct bio_pid *p;

	if (group_dead(t)) {
		key = current_process_key();
		p = bpf_map_lookup_elem(&bio_pids, &key);
		if (p)
			__sync_fetch_and_or(&p->flags, PROC_EXITED);
	}
	return 0;
}

SEC("tp_btf/block_io_start")
int BPF_PROG(block_io_start_btf, struct request *rq)
{
	struct bio_key k = { .a = (__u64)rq };

	started(&k);
	return 0;
}

SEC("raw_tp/block_io_start")
int BPF_PROG(block_io_start_raw, struct request *rq)
{
	struct bio_key k = { .a = (__u64)rq };

	started(&k);
	return 0;
}

SEC("tracepoint/block/block_io_start")
int block_io_start_tp(struct trace_event_raw_block_rq *ctx)
{
	struct bio_key k = { .a = ctx->dev, .b = ctx->sector };

	started(&k);
	return 0;
}

SEC("tp_btf/block_rq_issue")
int BPF_PROG(block_rq_issue_btf, struct request *rq)
{
	return rq_issued(rq);
}

SEC("raw_tp/block_rq_issue")
int BPF_PROG(block_rq_issue_raw, struct request *rq)
{
	return rq_issued(rq);
}

SEC("tracepoint/block/block_rq_issue")
int block_rq_issue_tp(struct trace_event_raw_block_rq *ctx)
{
	struct bio_key k = { .a = ctx->dev, .b = ctx->sector };
	char rwbs[8];

	__builtin_memcpy(rwbs, ctx->rwbs, sizeof(rwbs));
	issued(&k, ctx->dev, rwbs_op(rwbs), ctx->bytes);
	return 0;
}

SEC("tp_btf/block_rq_complete")
int BPF_PROG(block_rq_complete_btf, struct request *rq)
{
	struct bio_key k = { .a = (__u64)rq };

	completed(&k);
	return 0;
}

SEC("raw_tp/block_rq_complete")
int BPF_PROG(block_rq_complete_raw, struct request *rq)
{
	struct bio_key k = { .a = (__u64)rq };

	completed(&k);
	return 0;
}

SEC("tracepoint/block/block_rq_complete")
int block_rq_complete_tp(struct trace_event_raw_block_rq_completion *ctx)
{
	struct bio_key k = { .a = ctx->dev, .b = ctx->sector };

	completed(&k);
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
