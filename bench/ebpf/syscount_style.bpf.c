/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * A syscall counter written the way libbpf-tools' syscount is (our own code, for
 * bench/run_ebpf.py): classic tracepoints on raw_syscalls sys_enter and sys_exit, the
 * entry doing its filtering checks (a pid filter, off here) and the exit counting per
 * syscall number in a hash map with an atomic add.
 *
 * Built by the benchmark with clang (it needs the libbpf headers and libprobe's
 * kernel.h); not part of the library.
 */
#include "kernel.h"
#include <bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

const volatile pid_t filter_pid = 0;

struct count {
	__u64 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct count);
} counts SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (filter_pid && pid != filter_pid)
		return 0;
	return 0;
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u32 key = ctx->id;
	static const struct count zero;
	struct count *c;

	if (filter_pid && pid != filter_pid)
		return 0;
	c = bpf_map_lookup_elem(&counts, &key);
	if (!c) {
		bpf_map_update_elem(&counts, &key, &zero, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&counts, &key);
		if (!c)
			return 0;
	}
	__sync_fetch_and_add(&c->count, 1);
	return 0;
}
