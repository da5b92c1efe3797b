/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The running kernel's syscall table: the entry point of each system call number, as
 * text, one line `<number> <address>` per entry (e.g. `110 ffffffff8123a0c0`).
 *
 * The architecture's table (sys_call_table: an array of the __x64_sys_* entry points,
 * indexed by number) lives in the kernel's read-only data, but few kernels list it in
 * /proc/kallsyms. So user space gives this program the read-only data's bounds and the
 * addresses of every syscall entry point (from /proc/kallsyms); the program scans that
 * memory for the longest run of words that are all entry points — the table — and prints
 * it. User space names each address from /proc/kallsyms (`__x64_sys_getppid`: getppid).
 * Nothing here knows a syscall number.
 */
#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>
#include <bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* Set by the loader before load. */
const volatile __u64 scan_start = 0; /* __start_rodata */
const volatile __u64 scan_chunks = 0; /* bytes to scan / CHUNK */
const volatile __u64 entry_min = 0;  /* lowest and highest entry point */
const volatile __u64 entry_max = 0;

#define CHUNK 512
#define WORDS (CHUNK / 8)
/* More entries than any architecture has (x86-64: about 470). */
#define MAX_SYSCALLS 2048

/* The syscall entry points, filled by user space before the program runs. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u64);
	__type(value, __u32);
} entry_points SEC(".maps");

struct chunk {
	__u64 words[WORDS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct chunk);
} scratch SEC(".maps");

__u64 run_start, run_len, best_start, best_len;

static long scan_chunk(__u64 i, void *ctx)
{
	__u64 base = scan_start + i * CHUNK;
	__u32 zero = 0, j;
	struct chunk *c = bpf_map_lookup_elem(&scratch, &zero);

	if (!c)
		return 1;
	if (bpf_probe_read_kernel(c, sizeof(*c), (void *)base)) {
		run_len = 0;
		return 0;
	}
	for (j = 0; j < WORDS; j++) {
		__u64 w = c->words[j];

		if (w >= entry_min && w <= entry_max && bpf_map_lookup_elem(&entry_points, &w)) {
			if (run_len == 0)
				run_start = base + j * 8;
			run_len++;
			if (run_len > best_len) {
				best_len = run_len;
				best_start = run_start;
			}
		} else {
			run_len = 0;
		}
	}
	return 0;
}

SEC("iter/task")
int syscall_table(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	__u32 i;

	/* Once: at the first task. */
	if (ctx->meta->seq_num != 0 || !ctx->task)
		return 0;
	bpf_loop(scan_chunks, scan_chunk, NULL, 0);
	for (i = 0; i < MAX_SYSCALLS && i < best_len; i++) {
		__u64 w = 0;

		if (bpf_probe_read_kernel(&w, sizeof(w), (void *)(best_start + (__u64)i * 8)))
			break;
		BPF_SEQ_PRINTF(seq, "%u %llx\n", i, w);
	}
	return 0;
}
