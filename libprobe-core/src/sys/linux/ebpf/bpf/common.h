/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What every libprobe tracer shares: the log2 latency histogram, the dropped-event
 * counter, and the epoch user space advances at each snapshot.
 *
 * The layouts here are read byte for byte by the Rust decoders
 * (sys/linux/ebpf/decode.rs); a test compares both with this object's BTF, so change
 * them together.
 */
#ifndef LIBPROBE_COMMON_H
#define LIBPROBE_COMMON_H

#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>
#include <bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* Buckets of a latency histogram: bucket 0 holds 0 and 1 ns, bucket i (1 <= i < 47)
 * holds [2^i, 2^(i+1)) ns, and bucket 47 everything from 2^47 ns (39 hours) up. */
#define HIST_BUCKETS 48

/* Minimum and maximum of the values added while the epoch had one parity. */
struct hist_window {
	__u64 epoch;
	__u64 min_inv; /* ~minimum, so that an all-zero window holds no minimum */
	__u64 max;
};

/* A latency histogram since attach. Per-CPU (never shared), so plain adds suffice. The
 * count is the sum of the buckets. */
struct hist {
	__u64 sum_ns;
	__u64 min_inv; /* ~minimum since attach (0: none yet) */
	__u64 max_ns;
	__u64 pad;
	struct hist_window win[2];
	__u64 buckets[HIST_BUCKETS];
};

/* The snapshot epoch: user space writes it (the whole .bss is this one variable) before
 * it reads the maps, so each interval's minimum and maximum land in their own window. */
volatile __u64 epoch;

/* Why an event was not counted: each reason has its own slot of the `dropped` map. */
enum drop_reason {
	DROP_MAP_FULL = 0,  /* a bounded map had no room for a new key */
	DROP_RING_FULL = 1, /* the exit ring buffer was full */
	DROP_OUT_OF_RANGE = 2, /* a value outside the map's index range (a syscall number) */
	DROP_REASONS = 4,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, DROP_REASONS);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

static __always_inline void drop(__u32 reason)
{
	__u64 *n = bpf_map_lookup_elem(&dropped, &reason);
	if (n)
		*n += 1;
}

static __always_inline __u32 log2_u32(__u32 v)
{
	__u32 r, shift;

	r = (v > 0xFFFF) << 4;
	v >>= r;
	shift = (v > 0xFF) << 3;
	v >>= shift;
	r |= shift;
	shift = (v > 0xF) << 2;
	v >>= shift;
	r |= shift;
	shift = (v > 0x3) << 1;
	v >>= shift;
	r |= shift;
	r |= (v >> 1);
	return r;
}

static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 hi = v >> 32;

	return hi ? log2_u32(hi) + 32 : log2_u32(v);
}

static __always_inline void hist_add(struct hist *h, __u64 v)
{
	__u64 e = epoch;
	__u32 b = log2_u64(v);
	struct hist_window *w;

	if (b >= HIST_BUCKETS)
		b = HIST_BUCKETS - 1;
	h->buckets[b] += 1;
	h->sum_ns += v;
	if (~h->min_inv > v)
		h->min_inv = ~v;
	if (h->max_ns < v)
		h->max_ns = v;
	w = &h->win[e & 1];
	if (w->epoch != e) {
		w->epoch = e;
		w->min_inv = ~v;
		w->max = v;
	} else {
		if (~w->min_inv > v)
			w->min_inv = ~v;
		if (w->max < v)
			w->max = v;
	}
}

/* The state a task was switched out in: 0 (TASK_RUNNING) when it is still runnable. */
static __always_inline long task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___pre514 *)t, state);
}

/* prev_state as the sched_switch tracepoint reports it (__trace_sched_switch_state): 0
 * running (a yield), TASK_REPORT_MAX (0x100, "R+") preempted, a lower bit a sleep. */
static __always_inline bool tp_still_runnable(long prev_state)
{
	return prev_state == 0 || prev_state >= 0x100;
}

/* Whether the exiting task `t` was the last thread of its process. */
static __always_inline bool group_dead(struct task_struct *t)
{
	return BPF_CORE_READ(t, signal, live.counter) == 0;
}

/* A per-process record's flags. */
#define PROC_EXITED 1

/* A process: its pid and its start time, so that a pid reused by a new process is a new
 * key (the identity /proc gives: pid and `starttime`). */
struct proc_key {
	__u32 tgid;
	__u32 pad;
	__u64 start; /* the group leader's start_boottime, ns */
};

/* When `t`'s process started (its group leader's boot-based start time, ns). */
static __always_inline __u64 process_start(struct task_struct *t)
{
	struct task_struct *leader = BPF_CORE_READ(t, group_leader);

	if (bpf_core_field_exists(leader->start_boottime))
		return BPF_CORE_READ(leader, start_boottime);
	return BPF_CORE_READ((struct task_struct___pre55 *)leader, real_start_time);
}

/* The key of the current task's process. */
static __always_inline struct proc_key current_process_key(void)
{
	struct proc_key k = {};

	k.tgid = bpf_get_current_pid_tgid() >> 32;
	k.start = process_start((struct task_struct *)bpf_get_current_task());
	return k;
}

/*
 * A hash that user space reads every snapshot, with its entries counted: HELD(map)
 * declares `<map>_held`, a one-entry memory-mapped array, and HELD_INSERT adds an entry
 * and counts it; user space counts the entries it deletes. While the counter reads zero,
 * the loader skips the hash: a batch lookup walks every bucket, even of an empty hash
 * (16 384 of them for the per-process maps). An entry added as user space reads the
 * counter is found by the next read.
 */
#define HELD(map)                                                                       \
	struct {                                                                        \
		__uint(type, BPF_MAP_TYPE_ARRAY);                                       \
		__uint(max_entries, 1);                                                 \
		__uint(map_flags, BPF_F_MMAPABLE);                                      \
		__type(key, __u32);                                                     \
		__type(value, __u64);                                                   \
	} map##_held SEC(".maps")

/* Adds `d` to the one counter of `held` (a HELD array). */
static __always_inline void held_add(void *held, __s64 d)
{
	__u32 k = 0;
	__u64 *n = bpf_map_lookup_elem(held, &k);

	if (n)
		__sync_fetch_and_add(n, d);
}

/* Adds `key` with `value` to hash `map` unless it is there, counted in `held`; 0 when
 * added. */
static __always_inline long held_insert(void *map, void *held, const void *key, const void *value)
{
	long err = bpf_map_update_elem(map, key, value, BPF_NOEXIST);

	if (!err)
		held_add(held, 1);
	return err;
}

#define HELD_INSERT(map, key, value) held_insert(&map, &map##_held, key, value)

/*
 * Per-thread slots (syscalls.bpf.c, offcpu.bpf.c): each tracer keeps a thread's counters
 * in a record that begins with `struct slot_head`, in three maps it declares with
 * THREAD_SLOTS(rec, slots, extra, exits):
 *
 * - `slots`, a direct-mapped array indexed by tid & thread_mask (BPF_F_MMAPABLE: user
 *   space reads it through a memory mapping, no syscall, no hash). A thread claims the
 *   slot at its index with a compare-and-swap on the tid, and keeps it until it exits.
 * - `extra`, a hash by tid for a thread whose slot another live thread holds.
 *   When that is full too, the thread's counters are dropped (counted in `dropped`).
 *   Its entries are counted (HELD).
 * - `exits`, a ring buffer that receives a thread's record when it exits
 *   (slot_release), before its slot is freed: no exited thread's counts are lost.
 *
 * A slot is written only by its own thread's events (which the kernel serialises), so
 * its counters need no atomics; only the claim does.
 */
struct slot_head {
	__u32 tid;   /* 0: free */
	__u32 tgid;
	__u64 start; /* its process's start time (process_start), ns */
	char comm[16]; /* its process's name when claimed, or its own after an exec */
};

/* A tracer's slot maps, named `slots`, `extra` and `exits`, for records `rec`, and
 * `thread_mask` (set by the loader: the array has thread_mask + 1 slots). */
#define THREAD_SLOTS(rec, slots, extra, exits)                                          \
	const volatile __u32 thread_mask = 0xffff;                                      \
	struct {                                                                        \
		__uint(type, BPF_MAP_TYPE_ARRAY);                                       \
		__uint(max_entries, 65536);                                             \
		__uint(map_flags, BPF_F_MMAPABLE);                                      \
		__type(key, __u32);                                                     \
		__type(value, rec);                                                     \
	} slots SEC(".maps");                                                           \
	struct {                                                                        \
		__uint(type, BPF_MAP_TYPE_HASH);                                        \
		__uint(max_entries, 4096);                                              \
		__type(key, __u32);                                                     \
		__type(value, rec);                                                     \
	} extra SEC(".maps");                                                           \
	HELD(extra);                                                                    \
	struct {                                                                        \
		__uint(type, BPF_MAP_TYPE_RINGBUF);                                     \
		__uint(max_entries, 1 << 20);                                           \
	} exits SEC(".maps");                                                           \
	/* A new slot of the hash (in .rodata: too large to build on the stack). */     \
	static const rec slots##_zero = {}

/*
 * Which slots of a THREAD_SLOTS array are held, one byte per slot, in a memory-mapped
 * array a tracer declares with SLOTS_USED(name) (max_entries: slots / SLOTS_PER_WORD, set
 * by the loader), so that user space reads the held slots only instead of walking the
 * whole array. The thread that claimed a slot sets its byte after the claim, and clears it
 * before the release (slot_mark): a reader that finds it clear skips a slot that is free
 * or being freed, whose last values the exit ring carries. Off the hot path: once per
 * thread.
 */
#define SLOTS_PER_WORD 64
struct slots_used {
	__u8 held[SLOTS_PER_WORD];
};

#define SLOTS_USED(name)                                                                \
	struct {                                                                        \
		__uint(type, BPF_MAP_TYPE_ARRAY);                                       \
		__uint(max_entries, 65536 / SLOTS_PER_WORD);                            \
		__uint(map_flags, BPF_F_MMAPABLE);                                      \
		__type(key, __u32);                                                     \
		__type(value, struct slots_used);                                       \
	} name SEC(".maps")

static __always_inline void slot_mark(void *used, __u32 idx, __u8 held)
{
	__u32 w = idx / SLOTS_PER_WORD;
	struct slots_used *u = bpf_map_lookup_elem(used, &w);

	if (u)
		u->held[idx % SLOTS_PER_WORD] = held;
}

/* Thread `tid`'s slot, or NULL. The hot path: one inlined array lookup and a compare. */
static __always_inline void *slot_find(void *slots, void *extra, __u32 mask, __u32 tid)
{
	__u32 idx = tid & mask;
	struct slot_head *s = bpf_map_lookup_elem(slots, &idx);

	if (s && s->tid == tid)
		return s;
	return bpf_map_lookup_elem(extra, &tid);
}

static __always_inline void slot_fill(struct slot_head *s, struct task_struct *t)
{
	s->tgid = BPF_CORE_READ(t, tgid);
	s->start = process_start(t);
	BPF_CORE_READ_STR_INTO(&s->comm, t, group_leader, comm);
}

/* A slot for thread `tid` (task `t`), claimed on its first event: in the array when its
 * slot there is free, else in the hash (counted in `held`, its `extra_held`); NULL (and
 * counted in `dropped`) when both are full. `zero` is a whole zero record of the hash's
 * value size. */
static __always_inline void *slot_claim_new(void *slots, void *extra, void *held, const void *zero, __u32 mask,
					    __u32 tid, struct task_struct *t)
{
	__u32 idx = tid & mask;
	struct slot_head *s = bpf_map_lookup_elem(slots, &idx);

	if (!s)
		return NULL;
	if (s->tid == tid)
		return s;
	if (s->tid == 0 && __sync_val_compare_and_swap(&s->tid, 0, tid) == 0) {
		/* A freed slot has its counters zeroed (slot_release). */
		slot_fill(s, t);
		return s;
	}
	s = bpf_map_lookup_elem(extra, &tid);
	if (s)
		return s;
	if (held_insert(extra, held, &tid, zero)) {
		drop(DROP_MAP_FULL);
		return NULL;
	}
	s = bpf_map_lookup_elem(extra, &tid);
	if (s) {
		s->tid = tid;
		slot_fill(s, t);
	}
	return s;
}

/* slot_claim_new and slot_release on the maps THREAD_SLOTS(rec, slots, extra, exits)
 * declared, by their names. */
#define SLOT_CLAIM(slots, extra, tid, t) \
	slot_claim_new(&slots, &extra, &extra##_held, &slots##_zero, thread_mask, tid, t)
#define SLOT_RELEASE(slots, extra, exits, tid, s) \
	slot_release(&slots, &extra, &extra##_held, &exits, thread_mask, tid, &(s)->h, sizeof(*(s)))

/* At exec: the thread takes the new program's name. */
static __always_inline void slot_exec(void *slots, void *extra, __u32 mask)
{
	struct slot_head *s = slot_find(slots, extra, mask, bpf_get_current_pid_tgid());

	if (s)
		bpf_get_current_comm(s->comm, sizeof(s->comm));
}

/* At the exit of thread `tid`, whose slot is `s` (of `size` bytes): its last record to
 * the ring, then the slot freed — counters zeroed first, the tid last, so a reader that
 * sees the tid sees them whole and the next thread to claim the slot finds them zero. */
static __always_inline void slot_release(void *slots, void *extra, void *held, void *exits, __u32 mask, __u32 tid,
					 struct slot_head *s, __u32 size)
{
	__u32 idx = tid & mask;
	struct slot_head *a = bpf_map_lookup_elem(slots, &idx);

	if (bpf_ringbuf_output(exits, s, size, 0))
		drop(DROP_RING_FULL);
	if (a && a->tid == tid) {
		__builtin_memset((char *)a + sizeof(*a), 0, size - sizeof(*a));
		__sync_lock_test_and_set(&a->tid, 0);
	} else if (bpf_map_delete_elem(extra, &tid) == 0) {
		held_add(held, -1);
	}
}

#endif
