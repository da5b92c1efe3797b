//! Netfilter conntrack: tracked connections and the table's counters.

use libprobe_derive::Record;

use super::AddressFamily;
use crate::model::Field;

/// One tracked connection (netfilter conntrack).
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackEntry {
    pub family: AddressFamily,
    /// The layer-4 protocol's name (`tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, …), or its
    /// number.
    pub protocol: String,
    pub protocol_number: u8,
    /// The original direction's source and destination.
    pub src_addr: String,
    pub dst_addr: String,
    pub src_port: Option<u16>,
    pub dst_port: Option<u16>,
    /// The reply direction (after NAT: differs from the original's mirror image).
    pub reply_src_addr: String,
    pub reply_dst_addr: String,
    pub reply_src_port: Option<u16>,
    pub reply_dst_port: Option<u16>,
    /// ICMP type, code and id, for ICMP flows.
    pub icmp_type: Option<u8>,
    pub icmp_code: Option<u8>,
    pub icmp_id: Option<u16>,
    /// The TCP state as `conntrack` prints it (`ESTABLISHED`, `TIME_WAIT`, …); `null` for
    /// other protocols.
    pub state: Option<String>,
    /// Time left before the entry expires.
    #[record(unit = "seconds")]
    pub timeout: Field<u32>,
    /// Counters need `net.netfilter.nf_conntrack_acct=1` (`not_enabled` otherwise).
    #[record(counter)]
    pub packets_orig: Field<u64>,
    #[record(unit = "bytes", counter)]
    pub bytes_orig: Field<u64>,
    #[record(counter)]
    pub packets_reply: Field<u64>,
    #[record(unit = "bytes", counter)]
    pub bytes_reply: Field<u64>,
    pub mark: u32,
    pub zone: u16,
    /// `IPS_*` status bits.
    pub status: u32,
    /// The status bits by name (`assured`, `seen_reply`, `confirmed`, `src_nat`, …).
    pub status_flags: Vec<String>,
    /// The entry's id (ctnetlink only).
    pub id: Field<u32>,
    /// References held on the entry.
    pub use_count: Field<u32>,
}

/// One CPU's conntrack counters (`conntrack -S`). Each counter stands alone: one the
/// kernel does not give is `not_supported` (the set changed over versions), one that does
/// not parse is `error`.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackCpuStats {
    pub cpu: u32,
    /// Lookups that found an entry.
    #[record(counter)]
    pub found: Field<u32>,
    /// Packets that could not be tracked.
    #[record(counter)]
    pub invalid: Field<u32>,
    #[record(counter)]
    pub insert: Field<u32>,
    #[record(counter)]
    pub insert_failed: Field<u32>,
    /// Packets dropped (the table was full).
    #[record(counter)]
    pub drop: Field<u32>,
    /// Entries evicted to make room.
    #[record(counter)]
    pub early_drop: Field<u32>,
    /// ICMP errors that matched no entry.
    #[record(counter)]
    pub error: Field<u32>,
    /// Lookups restarted because the table changed.
    #[record(counter)]
    pub search_restart: Field<u32>,
    /// Insertion races resolved (5.10+).
    #[record(counter)]
    pub clash_resolve: Field<u32>,
    /// Insertions refused because a hash chain was too long (5.15+).
    #[record(counter)]
    pub chain_toolong: Field<u32>,
}

/// Conntrack totals.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct ConntrackStats {
    /// Entries now (`net.netfilter.nf_conntrack_count`).
    pub entries: Field<u32>,
    /// The table's limit (`nf_conntrack_max`).
    pub max_entries: Field<u32>,
    /// Whether per-flow byte and packet counters are on (`nf_conntrack_acct`).
    pub accounting: Field<bool>,
    /// Per-CPU counters (ctnetlink, else `/proc/net/stat/nf_conntrack`).
    pub per_cpu: Field<Vec<ConntrackCpuStats>>,
}
