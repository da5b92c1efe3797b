/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `tcpretrans` tracer: TCP segments retransmitted, counted per (source address,
 * destination address, destination port) of their connection, IPv4 and IPv6, and per
 * owning process where the socket has one.
 *
 * Hooks: tcp/tcp_retransmit_skb (a retransmission sent; from 6.12 the tracepoint also
 * fires for a retransmission that failed, with its error: only those that succeeded are
 * counted, `err_arg` says the kernel passes the error), sock/inet_sock_set_state and
 * sock/sock_send_length (6.3+, optional).
 *
 * The owner: retransmissions are sent from timers and softirqs, where the current task is
 * whatever ran on that CPU, so the owner is not the current task. It is the process that
 * connected the socket (SYN_SENT, in the connecting task) or the last that sent on it
 * (sock_send_length, in the sending task), kept in `owners` by socket address until the
 * socket closes. A socket nobody connected or sent on since attach has no owner (tgid 0).
 *
 * Every map is bounded: a retransmission whose key finds `retrans` full, or a socket whose
 * owner finds `owners` full, counts in `dropped` (the retransmission is then counted
 * without an owner).
 */
#include "common.h"

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6
#define TCP_SYN_SENT 2
#define TCP_CLOSE 7

/* Only the fields read here (CO-RE relocated): the kernel's own struct sock. */
struct in6_addr___lp {
	union {
		__u8 u6_addr8[16];
	} in6_u;
};

struct sock_common {
	__be32 skc_daddr;
	__be32 skc_rcv_saddr;
	__be16 skc_dport;
	unsigned short skc_family;
	struct in6_addr___lp skc_v6_daddr;
	struct in6_addr___lp skc_v6_rcv_saddr;
} __attribute__((preserve_access_index));

struct sock {
	struct sock_common __sk_common;
	__u16 sk_protocol;
} __attribute__((preserve_access_index));

/* The record of the classic tracepoint tcp_retransmit_skb (ports in host order). */
struct trace_event_raw_tcp_retransmit_skb {
	struct trace_entry ent;
	const void *skaddr;
	int state;
	__u16 sport;
	__u16 dport;
	__u16 family;
	__u8 saddr[4];
	__u8 daddr[4];
	__u8 saddr_v6[16];
	__u8 daddr_v6[16];
	int err;
} __attribute__((preserve_access_index));

struct trace_event_raw_inet_sock_set_state {
	struct trace_entry ent;
	const void *skaddr;
	int oldstate;
	int newstate;
	__u16 protocol;
} __attribute__((preserve_access_index));

struct trace_event_raw_sock_msg_length {
	struct trace_entry ent;
	void *sk;
	__u16 family;
	__u16 protocol;
	int ret;
} __attribute__((preserve_access_index));

/* Set by the loader: 1 when the tracepoint passes the retransmission's error (6.12+). */
const volatile __u32 err_arg = 0;

/* A connection: addresses in network order (IPv4 in the first 4 bytes), the destination
 * port in host order, the owner's tgid (0: none known). */
struct retrans_key {
	__u8 saddr[16];
	__u8 daddr[16];
	__u16 family;
	__u16 dport;
	__u32 tgid;
};

struct retrans_val {
	__u64 count;
	char comm[16]; /* the owner's name when the key was made */
};

/* A socket's owner. */
struct owner {
	__u32 tgid;
	__u32 pad;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096); /* option max_requests / 4 */
	__type(key, struct retrans_key);
	__type(value, struct retrans_val);
} retrans SEC(".maps");
HELD(retrans);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_requests */
	__type(key, __u64);
	__type(value, struct owner);
} owners SEC(".maps");

/* The owner of socket `sk` into `k` (tgid and, in `comm`, the name). */
static __always_inline void owner_of(__u64 sk, struct retrans_key *k, char *comm)
{
	struct owner *o = bpf_map_lookup_elem(&owners, &sk);

	if (o) {
		k->tgid = o->tgid;
		__builtin_memcpy(comm, o->comm, 16);
	}
}

static __always_inline void count_owned(__u64 sk, struct retrans_key *k)
{
	struct retrans_val *v, fresh = {};

	owner_of(sk, k, fresh.comm);
	v = bpf_map_lookup_elem(&retrans, k);
	if (!v) {
		HELD_INSERT(retrans, k, &fresh);
		v = bpf_map_lookup_elem(&retrans, k);
		if (!v) {
			drop(DROP_MAP_FULL);
			return;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
}

static __always_inline int on_retransmit(struct sock *sk)
{
	struct retrans_key k = {};
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);

	k.family = family;
	k.dport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (family == AF_INET) {
		__be32 s = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__be32 d = BPF_CORE_READ(sk, __sk_common.skc_daddr);

		__builtin_memcpy(k.saddr, &s, 4);
		__builtin_memcpy(k.daddr, &d, 4);
	} else if (family == AF_INET6) {
		BPF_CORE_READ_INTO(&k.saddr, sk, __sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8);
		BPF_CORE_READ_INTO(&k.daddr, sk, __sk_common.skc_v6_daddr.in6_u.u6_addr8);
	} else {
		return 0;
	}
	count_owned((__u64)sk, &k);
	return 0;
}

/* The current process becomes `sk`'s owner (when it is not already). */
static __always_inline void own(__u64 sk)
{
	struct owner *o, fresh = {};
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	o = bpf_map_lookup_elem(&owners, &sk);
	if (o && o->tgid == tgid)
		return;
	fresh.tgid = tgid;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	if (bpf_map_update_elem(&owners, &sk, &fresh, BPF_ANY))
		drop(DROP_MAP_FULL);
}

static __always_inline void state_change(__u64 sk, __u16 protocol, int newstate)
{
	if (protocol != IPPROTO_TCP)
		return;
	if (newstate == TCP_SYN_SENT)
		own(sk);
	else if (newstate == TCP_CLOSE)
		bpf_map_delete_elem(&owners, &sk);
}

SEC("tp_btf/tcp_retransmit_skb")
int tcp_retransmit_skb_btf(__u64 *ctx)
{
	if (err_arg && (int)ctx[2] != 0)
		return 0;
	return on_retransmit((struct sock *)ctx[0]);
}

SEC("raw_tp/tcp_retransmit_skb")
int tcp_retransmit_skb_raw(__u64 *ctx)
{
	if (err_arg && (int)ctx[2] != 0)
		return 0;
	return on_retransmit((struct sock *)ctx[0]);
}

SEC("tracepoint/tcp/tcp_retransmit_skb")
int tcp_retransmit_skb_tp(struct trace_event_raw_tcp_retransmit_skb *ctx)
{
	struct retrans_key k = {};

	if (bpf_core_field_exists(ctx->err) && ctx->err != 0)
		return 0;
	k.family = ctx->family;
	k.dport = ctx->dport;
	/* The record's arrays are copied with a helper: a program may not load through a
	 * pointer into its context computed at run time. */
	if (k.family == AF_INET) {
		bpf_probe_read_kernel(k.saddr, 4, &ctx->saddr);
		bpf_probe_read_kernel(k.daddr, 4, &ctx->daddr);
	} else if (k.family == AF_INET6) {
		bpf_probe_read_kernel(k.saddr, 16, &ctx->saddr_v6);
		bpf_probe_read_kernel(k.daddr, 16, &ctx->daddr_v6);
	} else {
		return 0;
	}
	count_owned((__u64)ctx->skaddr, &k);
	return 0;
}

/* tp_btf: typed pointers, read with direct loads (no helper call) on these hot paths. */
SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_btf, struct sock *sk, int oldstate, int newstate)
{
	state_change((__u64)sk, sk->sk_protocol, newstate);
	return 0;
}

SEC("raw_tp/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state_raw, struct sock *sk, int oldstate, int newstate)
{
	state_change((__u64)sk, BPF_CORE_READ(sk, sk_protocol), newstate);
	return 0;
}

SEC("tracepoint/sock/inet_sock_set_state")
int inet_sock_set_state_tp(struct trace_event_raw_inet_sock_set_state *ctx)
{
	state_change((__u64)ctx->skaddr, ctx->protocol, ctx->newstate);
	return 0;
}

SEC("tp_btf/sock_send_length")
int BPF_PROG(sock_send_length_btf, struct sock *sk, int ret, int flags)
{
	if (ret > 0 && sk->sk_protocol == IPPROTO_TCP)
		own((__u64)sk);
	return 0;
}

SEC("raw_tp/sock_send_length")
int BPF_PROG(sock_send_length_raw, struct sock *sk, int ret, int flags)
{
	if (ret > 0 && BPF_CORE_READ(sk, sk_protocol) == IPPROTO_TCP)
		own((__u64)sk);
	return 0;
}

SEC("tracepoint/sock/sock_send_length")
int sock_send_length_tp(struct trace_event_raw_sock_msg_length *ctx)
{
	if (ctx->ret > 0 && ctx->protocol == IPPROTO_TCP)
		own((__u64)ctx->sk);
	return 0;
}
