/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `netbytes` tracer: network bytes per process. For each TCP and UDP socket (IPv4
 * and IPv6), the payload bytes each send and receive call moved, counted for the process
 * that made the call, with its cgroup (v2) id.
 *
 * Hooks: sock/sock_send_length and sock/sock_recv_length (Linux 6.3+: the end of
 * sock_sendmsg_nosec and sock_recvmsg_nosec, in the calling task, with the call's result)
 * and sched/sched_process_exit (mark a process whose last thread exits).
 *
 * What is counted: the bytes the protocol accepted from or gave to user space (the
 * call's result when positive), so payload only, no TCP/UDP/IP headers, no
 * retransmissions. A receive with MSG_PEEK consumes nothing and is not counted. A call
 * that moved no byte (an error, EOF, an empty datagram) is not counted.
 *
 * Every map is bounded: a process that finds its map full is not counted and counts in
 * `dropped`.
 */
#include "common.h"

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define MSG_PEEK 2

/* Only the fields read here (CO-RE relocated): the kernel's own struct sock. */
struct sock_common {
	unsigned short skc_family;
} __attribute__((preserve_access_index));

struct sock {
	struct sock_common __sk_common;
	__u16 sk_protocol; /* a u16 since 5.6 (a bit field before) */
} __attribute__((preserve_access_index));

/* The record of the classic tracepoints sock_send_length / sock_recv_length. */
struct trace_event_raw_sock_msg_length {
	struct trace_entry ent;
	void *sk;
	__u16 family;
	__u16 protocol;
	int ret;
	int flags;
} __attribute__((preserve_access_index));

/* Per process, shared by every CPU: updated with atomic adds. */
struct net_pid {
	__u64 tcp_sent_bytes;
	__u64 tcp_sends;
	__u64 tcp_received_bytes;
	__u64 tcp_receives;
	__u64 udp_sent_bytes;
	__u64 udp_sends;
	__u64 udp_received_bytes;
	__u64 udp_receives;
	__u64 cgroup; /* the cgroup v2 id of the latest call's task */
	char comm[16];
	__u32 flags; /* PROC_EXITED */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384); /* option max_pids */
	__type(key, struct proc_key);
	__type(value, struct net_pid);
} net_pids SEC(".maps");
HELD(net_pids);

/* Word index of the counters of (protocol, direction): bytes, then calls. */
#define TCP_SENT 0
#define TCP_RECEIVED 2
#define UDP_SENT 4
#define UDP_RECEIVED 6

static __always_inline void count(__u16 family, __u16 protocol, int ret, int flags, bool sent)
{
	struct task_struct *t;
	struct net_pid *p, fresh = {};
	struct proc_key key;
	__u32 at;

	if (ret <= 0 || (family != AF_INET && family != AF_INET6))
		return;
	if (protocol == IPPROTO_TCP)
		at = sent ? TCP_SENT : TCP_RECEIVED;
	else if (protocol == IPPROTO_UDP)
		at = sent ? UDP_SENT : UDP_RECEIVED;
	else
		return;
	if (!sent && (flags & MSG_PEEK))
		return;
	key = current_process_key();
	p = bpf_map_lookup_elem(&net_pids, &key);
	if (!p) {
		t = (struct task_struct *)bpf_get_current_task();
		BPF_CORE_READ_STR_INTO(&fresh.comm, t, group_leader, comm);
		HELD_INSERT(net_pids, &key, &fresh);
		p = bpf_map_lookup_elem(&net_pids, &key);
		if (!p) {
			drop(DROP_MAP_FULL);
			return;
		}
	}
	switch (at) {
	case TCP_SENT:
		__sync_fetch_and_add(&p->tcp_sent_bytes, ret);
		__sync_fetch_and_add(&p->tcp_sends, 1);
		break;
	case TCP_RECEIVED:
		__sync_fetch_and_add(&p->tcp_received_bytes, ret);
		__sync_fetch_and_add(&p->tcp_receives, 1);
		break;
	case UDP_SENT:
		__sync_fetch_and_add(&p->udp_sent_bytes, ret);
		__sync_fetch_and_add(&p->udp_sends, 1);
		break;
	default:
		__sync_fetch_and_add(&p->udp_received_bytes, ret);
		__sync_fetch_and_add(&p->udp_receives, 1);
		break;
	}
	p->cgroup = bpf_get_current_cgroup_id();
}

static __always_inline void count_sock(struct sock *sk, int ret, int flags, bool sent)
{
	if (ret <= 0 || !sk)
		return;
	count(BPF_CORE_READ(sk, __sk_common.skc_family), BPF_CORE_READ(sk, sk_protocol), ret, flags, sent);
}

static __always_inline int on_exit_task(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct proc_key key;
	struct net_pid *p;

	if (group_dead(t)) {
		key = current_process_key();
		p = bpf_map_lookup_elem(&net_pids, &key);
		if (p)
			__sync_fetch_and_or(&p->flags, PROC_EXITED);
	}
	return 0;
}

SEC("tp_btf/sock_send_length")
int BPF_PROG(sock_send_length_btf, struct sock *sk, int ret, int flags)
{
	count_sock(sk, ret, flags, true);
	return 0;
}

SEC("raw_tp/sock_send_length")
int BPF_PROG(sock_send_length_raw, struct sock *sk, int ret, int flags)
{
	count_sock(sk, ret, flags, true);
	return 0;
}

SEC("tracepoint/sock/sock_send_length")
int sock_send_length_tp(struct trace_event_raw_sock_msg_length *ctx)
{
	count(ctx->family, ctx->protocol, ctx->ret, ctx->flags, true);
	return 0;
}

SEC("tp_btf/sock_recv_length")
int BPF_PROG(sock_recv_length_btf, struct sock *sk, int ret, int flags)
{
	count_sock(sk, ret, flags, false);
	return 0;
}

SEC("raw_tp/sock_recv_length")
int BPF_PROG(sock_recv_length_raw, struct sock *sk, int ret, int flags)
{
	count_sock(sk, ret, flags, false);
	return 0;
}

SEC("tracepoint/sock/sock_recv_length")
int sock_recv_length_tp(struct trace_event_raw_sock_msg_length *ctx)
{
	count(ctx->family, ctx->protocol, ctx->ret, ctx->flags, false);
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
