/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `tcpconnlat` tracer: the latency of active TCP connects, from the SYN sent to the
 * connection established (the SYN-ACK received), in a log2 histogram for every
 * destination together and one per destination port.
 *
 * Hook: sock/inet_sock_set_state (4.16+): SYN_SENT starts a connect (keyed by the socket's
 * address), ESTABLISHED from SYN_SENT ends it; any other state from SYN_SENT (a refused or
 * timed-out connect) forgets it uncounted.
 *
 * Every map is bounded: a connect that finds its map full is not measured and counts in
 * `dropped`.
 */
#include "common.h"

#define IPPROTO_TCP 6
#define TCP_ESTABLISHED 1
#define TCP_SYN_SENT 2

/* Only the fields read here (CO-RE relocated): the kernel's own struct sock. */
struct sock_common {
	__u16 skc_dport; /* network byte order */
} __attribute__((preserve_access_index));

struct sock {
	struct sock_common __sk_common;
	__u16 sk_protocol;
} __attribute__((preserve_access_index));

/* The record of the classic tracepoint inet_sock_set_state (ports in host order). */
struct trace_event_raw_inet_sock_set_state {
	struct trace_entry ent;
	const void *skaddr;
	int oldstate;
	int newstate;
	__u16 sport;
	__u16 dport;
	__u16 family;
	__u16 protocol;
} __attribute__((preserve_access_index));

/* A connect in progress: when its SYN was sent. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_requests */
	__type(key, __u64);
	__type(value, __u64);
} conn_start SEC(".maps");

/* Every destination together: one per-CPU histogram. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hist);
} conn_lat SEC(".maps");

/* Per destination port (host order, in a u32). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct hist);
} conn_ports SEC(".maps");
HELD(conn_ports);

/* A new port's first value (too large for the stack). In .rodata: .bss is the epoch. */
static const struct hist zero_hist = {};

static __always_inline void state_change(__u64 sk, int oldstate, int newstate, __u16 dport)
{
	__u64 now, *start, d;
	__u32 zero = 0, port = dport;
	struct hist *h;

	if (newstate == TCP_SYN_SENT) {
		now = bpf_ktime_get_ns();
		if (bpf_map_update_elem(&conn_start, &sk, &now, BPF_ANY))
			drop(DROP_MAP_FULL);
		return;
	}
	if (oldstate != TCP_SYN_SENT)
		return;
	start = bpf_map_lookup_elem(&conn_start, &sk);
	if (!start)
		return;
	if (newstate == TCP_ESTABLISHED) {
		now = bpf_ktime_get_ns();
		d = now > *start ? now - *start : 0;
		h = bpf_map_lookup_elem(&conn_lat, &zero);
		if (h)
			hist_add(h, d);
		h = bpf_map_lookup_elem(&conn_ports, &port);
		if (!h) {
			HELD_INSERT(conn_ports, &port, &zero_hist);
			h = bpf_map_lookup_elem(&conn_ports, &port);
		}
		if (h)
			hist_add(h, d);
		else
			drop(DROP_MAP_FULL);
	}
	bpf_map_delete_elem(&conn_start, &sk);
}

static __always_inline int on_sock(struct sock *sk, int oldstate, int newstate)
{
	__u16 dport;

	if (BPF_CORE_READ(sk, sk_protocol) != IPPROTO_TCP)
		return 0;
	dport = BPF_CORE_READ(sk, __sk_common.skc_dport);
	state_change((__u64)sk, oldstate, newstate, __builtin_bswap16(dport));
	return 0;
}

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_btf, struct sock *sk, int oldstate, int newstate)
{
	return on_sock(sk, oldstate, newstate);
}

SEC("raw_tp/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_raw, struct sock *sk, int oldstate, int newstate)
{
	return on_sock(sk, oldstate, newstate);
}

SEC("tracepoint/sock/inet_sock_set_state")
int inet_sock_set_state_tp(struct trace_event_raw_inet_sock_set_state *ctx)
{
	if (ctx->protocol != IPPROTO_TCP)
		return 0;
	state_change((__u64)ctx->skaddr, ctx->oldstate, ctx->newstate, ctx->dport);
	return 0;
}
