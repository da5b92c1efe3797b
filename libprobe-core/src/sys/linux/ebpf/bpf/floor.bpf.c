/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Empty programs on the syscalls tracer's hooks, for the benchmark's floor
 * (bench/run_ebpf.py): what attaching a program costs before it does anything. Not a
 * tracer; the domain never loads it.
 */
#include "kernel.h"
#include <bpf_helpers.h>
#include <bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual MIT/GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_btf)
{
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter_raw)
{
	return 0;
}

SEC("tracepoint/raw_syscalls/sys_enter")
int sys_enter_tp(void *ctx)
{
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf)
{
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw)
{
	return 0;
}

SEC("tracepoint/raw_syscalls/sys_exit")
int sys_exit_tp(void *ctx)
{
	return 0;
}
