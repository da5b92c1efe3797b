/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The floor of any syscall latency measurement (bench/run_ebpf.py): programs on the
 * syscalls tracer's hooks that only read the clock, at entry and at exit, and keep the
 * difference. An exact entry → exit latency needs these two bpf_ktime_get_ns() calls,
 * whatever else a tracer does; what they cost is the kernel's clock, not the tracer's.
 *
 * Built by the benchmark with clang (it needs the libbpf headers and libprobe's
 * kernel.h); not part of the library.
 */
#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

__u64 entered_ns;
__u64 sum_ns;

static __always_inline int enter(void)
{
	entered_ns = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int leave(void)
{
	sum_ns += bpf_ktime_get_ns() - entered_ns;
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf)
{
	return enter();
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw)
{
	return enter();
}

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter_tp(void *ctx)
{
	return enter();
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf)
{
	return leave();
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw)
{
	return leave();
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit_tp(void *ctx)
{
	return leave();
}
