/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `drops` tracer: packets the kernel dropped, counted per network interface (the
 * packet's device when it was freed: its index, name and network namespace) and per drop
 * reason (the kernel's `enum skb_drop_reason`; user space names the values from the
 * running kernel's BTF).
 *
 * Hook: skb/kfree_skb (its reason from 5.17). SKB_NOT_DROPPED_YET (0) and SKB_CONSUMED (1)
 * are not drops and are not counted. A packet freed without a device (a local socket's
 * buffer, before routing) counts under interface index 0.
 *
 * Every map is bounded: a drop whose key finds `drops` full counts in `dropped`.
 */
#include "common.h"

struct ns_common {
	unsigned int inum;
} __attribute__((preserve_access_index));

struct net {
	struct ns_common ns;
} __attribute__((preserve_access_index));

struct net_device {
	char name[16];
	int ifindex;
	struct {
		struct net *net;
	} nd_net;
} __attribute__((preserve_access_index));

struct sk_buff {
	struct net_device *dev;
} __attribute__((preserve_access_index));

/* The kernel's enum of drop reasons (its values are named at run time, from its BTF). */
enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
};

/* The record of the classic tracepoint kfree_skb (the reason is of the enum's type: CO-RE
 * matches an enum field only with an enum). */
struct trace_event_raw_kfree_skb {
	struct trace_entry ent;
	void *skbaddr;
	void *location;
	enum skb_drop_reason reason;
} __attribute__((preserve_access_index));

#define SKB_CONSUMED 1

struct drop_key {
	__u32 ifindex;
	__u32 reason;
	__u32 netns; /* the interface's network namespace (inode number; 0 without a device) */
	__u32 pad;
};

struct drop_val {
	__u64 count;
	char ifname[16]; /* the interface's name when the key was made */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096); /* option max_requests / 4 */
	__type(key, struct drop_key);
	__type(value, struct drop_val);
} drops SEC(".maps");
HELD(drops);

/* Counts a drop of key `k` (device `dev`, for its name on a new key). */
static __always_inline int count_drop(struct drop_key *k, struct net_device *dev)
{
	struct drop_val *v, fresh = {};

	v = bpf_map_lookup_elem(&drops, k);
	if (!v) {
		if (dev)
			BPF_CORE_READ_STR_INTO(&fresh.ifname, dev, name);
		HELD_INSERT(drops, k, &fresh);
		v = bpf_map_lookup_elem(&drops, k);
		if (!v) {
			drop(DROP_MAP_FULL);
			return 0;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
	return 0;
}

/* Through the helpers (raw_tp, tracepoint: the pointers are not typed for direct loads). */
static __always_inline int on_drop(struct sk_buff *skb, __u32 reason)
{
	struct drop_key k = {};
	struct net_device *dev;

	if (reason <= SKB_CONSUMED)
		return 0;
	k.reason = reason;
	dev = BPF_CORE_READ(skb, dev);
	if (dev) {
		k.ifindex = BPF_CORE_READ(dev, ifindex);
		k.netns = BPF_CORE_READ(dev, nd_net.net, ns.inum);
	}
	return count_drop(&k, dev);
}

/* tp_btf: the arguments are typed kernel pointers, read with direct (CO-RE relocated)
 * loads instead of a helper call each: the hot path of every drop. */
SEC("tp_btf/kfree_skb")
int BPF_PROG(kfree_skb_btf, struct sk_buff *skb, void *location, unsigned int reason)
{
	struct drop_key k = {};
	struct net_device *dev;

	if (reason <= SKB_CONSUMED)
		return 0;
	k.reason = reason;
	dev = skb->dev;
	if (dev) {
		k.ifindex = dev->ifindex;
		k.netns = dev->nd_net.net->ns.inum;
	}
	return count_drop(&k, dev);
}

SEC("raw_tp/kfree_skb")
int BPF_PROG(kfree_skb_raw, struct sk_buff *skb, void *location, unsigned int reason)
{
	return on_drop(skb, reason);
}

SEC("tracepoint/skb/kfree_skb")
int kfree_skb_tp(struct trace_event_raw_kfree_skb *ctx)
{
	return on_drop((struct sk_buff *)ctx->skbaddr, ctx->reason);
}
