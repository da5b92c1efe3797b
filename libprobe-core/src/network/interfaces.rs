//! Interface records: flags, state, addresses, the 23 counters, and the interface itself.

use libprobe_derive::{Record, RecordEnum};

use crate::model::Field;
use crate::text::ByteStr;

/// Interface flags (`IFF_*` of `ifi_flags`), each as a boolean, and the raw bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Record)]
pub struct InterfaceFlags {
    /// Administratively up.
    pub up: bool,
    pub broadcast: bool,
    pub debug: bool,
    pub loopback: bool,
    pub point_to_point: bool,
    pub no_trailers: bool,
    /// Operationally up (RFC 2863 `up`).
    pub running: bool,
    pub no_arp: bool,
    pub promiscuous: bool,
    pub all_multicast: bool,
    /// A bonding master.
    pub master: bool,
    /// A bonding slave.
    pub slave: bool,
    pub multicast: bool,
    /// The carrier is present (`IFF_LOWER_UP`).
    pub lower_up: bool,
    pub dormant: bool,
    pub echo: bool,
    /// The bits as the kernel holds them.
    pub bits: u32,
}

impl InterfaceFlags {
    /// The named flags of `bits`.
    pub fn from_bits(bits: u32) -> InterfaceFlags {
        let on = |b: u32| bits & b != 0;
        InterfaceFlags {
            up: on(0x1),
            broadcast: on(0x2),
            debug: on(0x4),
            loopback: on(0x8),
            point_to_point: on(0x10),
            no_trailers: on(0x20),
            running: on(0x40),
            no_arp: on(0x80),
            promiscuous: on(0x100),
            all_multicast: on(0x200),
            master: on(0x400),
            slave: on(0x800),
            multicast: on(0x1000),
            lower_up: on(0x10000),
            dormant: on(0x20000),
            echo: on(0x40000),
            bits,
        }
    }
}

/// The operational state of an interface (RFC 2863, `IF_OPER_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum InterfaceState {
    /// The driver does not track it (`lo`, many virtual devices).
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}

impl InterfaceState {
    pub fn from_kernel(n: u8) -> InterfaceState {
        match n {
            1 => InterfaceState::NotPresent,
            2 => InterfaceState::Down,
            3 => InterfaceState::LowerLayerDown,
            4 => InterfaceState::Testing,
            5 => InterfaceState::Dormant,
            6 => InterfaceState::Up,
            _ => InterfaceState::Unknown,
        }
    }
}

/// Link duplex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum Duplex {
    Half = 1,
    Full = 2,
}

/// The scope of an address or route (`RT_SCOPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, RecordEnum)]
#[repr(u8)]
pub enum AddressScope {
    /// Valid everywhere (`RT_SCOPE_UNIVERSE`).
    Global = 0,
    Site = 200,
    /// Valid on the link only.
    Link = 253,
    /// Valid on this host only.
    Host = 254,
    /// No destination.
    Nowhere = 255,
    /// A scope value between the standard ones (user-defined).
    Other = 1,
}

impl AddressScope {
    pub fn from_kernel(n: u8) -> AddressScope {
        match n {
            0 => AddressScope::Global,
            200 => AddressScope::Site,
            253 => AddressScope::Link,
            254 => AddressScope::Host,
            255 => AddressScope::Nowhere,
            _ => AddressScope::Other,
        }
    }
}

/// An IPv4 address of an interface.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Ipv4Info {
    pub address: String,
    pub prefix_len: u8,
    /// The prefix as a mask (`255.255.255.0`).
    pub netmask: String,
    pub broadcast: Option<String>,
    /// The other end of a point-to-point link.
    pub peer: Option<String>,
    pub scope: AddressScope,
    /// The address label (`eth0:1`).
    pub label: Option<ByteStr>,
    /// `IFA_F_*` flags (0x80 permanent, 0x01 secondary, …).
    pub flags: u32,
    /// Remaining valid lifetime; `null` when forever.
    #[record(unit = "seconds")]
    pub valid_lifetime: Option<u32>,
    /// Remaining preferred lifetime; `null` when forever.
    #[record(unit = "seconds")]
    pub preferred_lifetime: Option<u32>,
}

/// An IPv6 address of an interface.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct Ipv6Info {
    pub address: String,
    pub prefix_len: u8,
    pub scope: AddressScope,
    /// `IFA_F_*` flags: 0x01 temporary, 0x02 nodad, 0x04 optimistic, 0x08 dadfailed,
    /// 0x10 homeaddress, 0x20 deprecated, 0x40 tentative, 0x80 permanent, 0x100
    /// managetempaddr, 0x200 noprefixroute, 0x400 mcautojoin, 0x800 stable-privacy.
    pub flags: u32,
    #[record(unit = "seconds")]
    pub valid_lifetime: Option<u32>,
    #[record(unit = "seconds")]
    pub preferred_lifetime: Option<u32>,
}

/// The 23 interface counters of the specification, from the kernel's 64-bit statistics
/// (`IFLA_STATS64`; the 32-bit `IFLA_STATS` on kernels without it).
#[derive(Debug, Clone, Copy, PartialEq, Record)]
pub struct NetInterfaceStats {
    #[record(unit = "bytes", counter)]
    pub rx_bytes: u64,
    #[record(unit = "bytes", counter)]
    pub tx_bytes: u64,
    #[record(counter)]
    pub rx_packets: u64,
    #[record(counter)]
    pub tx_packets: u64,
    #[record(counter)]
    pub rx_errors: u64,
    #[record(counter)]
    pub tx_errors: u64,
    #[record(counter)]
    pub rx_dropped: u64,
    #[record(counter)]
    pub tx_dropped: u64,
    #[record(counter)]
    pub rx_fifo_errors: u64,
    #[record(counter)]
    pub tx_fifo_errors: u64,
    #[record(counter)]
    pub rx_frame_errors: u64,
    #[record(counter)]
    pub rx_compressed: u64,
    #[record(counter)]
    pub tx_compressed: u64,
    /// Multicast packets received.
    #[record(counter)]
    pub multicast: u64,
    #[record(counter)]
    pub collisions: u64,
    #[record(counter)]
    pub rx_length_errors: u64,
    /// Receiver ring buffer overflows.
    #[record(counter)]
    pub rx_over_errors: u64,
    #[record(counter)]
    pub rx_crc_errors: u64,
    /// Packets the receiver missed.
    #[record(counter)]
    pub rx_missed_errors: u64,
    #[record(counter)]
    pub tx_aborted_errors: u64,
    #[record(counter)]
    pub tx_carrier_errors: u64,
    #[record(counter)]
    pub tx_heartbeat_errors: u64,
    #[record(counter)]
    pub tx_window_errors: u64,
    /// Packets dropped for lack of a protocol handler (Linux 4.6+).
    #[record(counter)]
    pub rx_nohandler: Field<u64>,
    /// Packets dropped because they were for another host (5.19+).
    #[record(counter)]
    pub rx_otherhost_dropped: Field<u64>,
}

/// One network interface with its addresses, counters and driver.
#[derive(Debug, Clone, PartialEq, Record)]
pub struct NetInterfaceFull {
    pub name: ByteStr,
    pub index: u32,
    /// The link-layer address (`null` for devices without one, such as `tun`).
    pub mac_address: Option<String>,
    /// The link-layer broadcast address.
    pub broadcast_address: Option<String>,
    /// The address the hardware came with, when the driver knows it.
    pub permanent_address: Option<String>,
    pub mtu: u32,
    pub flags: InterfaceFlags,
    /// The operational state (`operstate`).
    pub state: InterfaceState,
    /// The `ARPHRD_*` link type (1 Ethernet, 772 loopback).
    pub hw_type: u16,
    /// The kind of virtual device (`veth`, `bridge`, `ifb`, `bond`, …); `null` for
    /// physical devices and `lo`.
    pub kind: Option<String>,
    /// Link speed (`/sys/class/net/<if>/speed`): `not_enabled` while the interface is
    /// down, `not_supported` where the driver cannot tell (`lo`, many virtual devices).
    #[record(unit = "Mbit/s")]
    pub speed_mbps: Field<u32>,
    /// Link duplex (`/sys/class/net/<if>/duplex`), missing as `speed_mbps` is.
    pub duplex: Field<Duplex>,
    /// Whether the link has a carrier (`IFLA_CARRIER`).
    pub carrier: Field<bool>,
    /// Carrier up and down events since the device was created.
    #[record(counter)]
    pub carrier_changes: Field<u64>,
    #[record(counter)]
    pub carrier_up_count: Field<u64>,
    #[record(counter)]
    pub carrier_down_count: Field<u64>,
    pub ipv4_addresses: Field<Vec<Ipv4Info>>,
    pub ipv6_addresses: Field<Vec<Ipv6Info>>,
    pub stats: Field<NetInterfaceStats>,
    /// The transmit queue length of the queueing discipline (`txqueuelen`).
    pub tx_queue_len: u32,
    /// Linux has no per-interface receive queue length (received packets wait in a
    /// per-CPU backlog, `net.core.netdev_max_backlog`): always `not_supported`. See
    /// `num_rx_queues` for the hardware queues.
    pub rx_queue_len: Field<u32>,
    /// Hardware transmit queues.
    pub num_tx_queues: Field<u32>,
    /// Hardware receive queues.
    pub num_rx_queues: Field<u32>,
    /// The queueing discipline (`noqueue`, `fq_codel`, `mq`).
    pub qdisc: Option<String>,
    /// The index of the master device (bridge, bond, VRF).
    pub master_index: Option<u32>,
    /// The index of the underlying or peer device (for a veth: its peer, possibly in
    /// another namespace).
    pub link_index: Option<u32>,
    /// The driver (`ETHTOOL_GDRVINFO`). `not_supported` where the device has no ethtool
    /// driver information (`lo`).
    pub driver: Field<String>,
    /// The driver's version; `not_present` when the driver reports none.
    pub driver_version: Field<String>,
    /// The firmware version; `not_present` when the device has no firmware (virtual
    /// devices).
    pub firmware_version: Field<String>,
    /// The bus address (`0000:00:03.0`); `not_present` for devices on no bus.
    pub bus_info: Field<String>,
}
