//! The row format `/proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}` share
//! (`net/ipv4/tcp_ipv4.c` `get_tcp4_sock`, `udp4_format_sock`, `__raw_sock_seq_show`):
//!
//! ```text
//!   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//!    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1590 1 …
//! ```
//!
//! Addresses are the raw `__be32` words printed as host-endian hex: an IPv4 address is one
//! word (`0100007F` is 127.0.0.1 on a little-endian machine), an IPv6 address four, each
//! word in host order (so `::1` prints `00000000000000000000000001000000` here). Decoding
//! word by word in native order gives the bytes back. Ports are host-order hex. After the
//! inode, TCP prints its own columns (refcount, pointer, rto, ato, cwnd, ssthresh) and
//! UDP and raw print `ref pointer drops`; TIME_WAIT and request sockets print fewer.
//!
//! A file changes while it is read: the collector reads it in one go and drops rows it has
//! already seen, so a socket that moved between two reads never appears twice.

use crate::error::ParseError;
use crate::network::AddressFamily;
use crate::parse::{Fields, u64_dec, u64_hex};

/// One row, as printed (fields by their header name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InetRow {
    pub local: [u8; 16],
    pub local_port: u16,
    pub remote: [u8; 16],
    pub remote_port: u16,
    pub state: u8,
    pub tx_queue: u32,
    pub rx_queue: u32,
    pub timer: u8,
    /// `tm->when`, in clock ticks.
    pub when: u64,
    pub retransmits: u32,
    pub uid: u32,
    pub timeout: u32,
    pub inode: u64,
    /// The tokens after the inode (their meaning differs per file).
    pub extra: [Option<u64>; 3],
}

/// Parses one row of a table of `family`.
pub(crate) fn row(line: &[u8], family: AddressFamily) -> Result<InetRow, ParseError> {
    let mut f = Fields::new(line);
    let sl = f.next("sl")?;
    if !sl.ends_with(b":") {
        return Err(ParseError::invalid("sl"));
    }
    let (local, local_port) = endpoint(f.next("local_address")?, family, "local_address")?;
    let (remote, remote_port) = endpoint(f.next("rem_address")?, family, "rem_address")?;
    let state = hex_u8(f.next("st")?, "st")?;
    let (tx, rx) = pair(f.next("tx_queue")?, "tx_queue")?;
    let (timer, when) = pair(f.next("tr")?, "tr")?;
    let retransmits = hex_u32(f.next("retrnsmt")?, "retrnsmt")?;
    let uid = f.u32("uid")?;
    let timeout = f.i64("timeout")?;
    let inode = f.u64("inode")?;
    let mut extra = [None; 3];
    for slot in &mut extra {
        // The refcount is decimal, the pointer hex (`%pK`: zeros when hidden), drops decimal.
        *slot = f.token().and_then(|t| u64_dec(t).or_else(|| u64_hex(t)));
    }
    Ok(InetRow {
        local,
        local_port,
        remote,
        remote_port,
        state,
        tx_queue: u32::try_from(tx).map_err(|_| ParseError::invalid("tx_queue"))?,
        rx_queue: u32::try_from(rx).map_err(|_| ParseError::invalid("rx_queue"))?,
        timer: u8::try_from(timer).map_err(|_| ParseError::invalid("tr"))?,
        when,
        retransmits,
        uid,
        // Printed with `%8d` from an unsigned counter in some versions: clamp, don't fail.
        timeout: u32::try_from(timeout.max(0)).unwrap_or(u32::MAX),
        inode,
        extra,
    })
}

/// `HEX:HEX`: an address of `family` and a port.
fn endpoint(tok: &[u8], family: AddressFamily, name: &'static str) -> Result<([u8; 16], u16), ParseError> {
    let colon = tok.iter().position(|&b| b == b':').ok_or(ParseError::invalid(name))?;
    let (addr, port) = (&tok[..colon], &tok[colon + 1..]);
    let port = u64_hex(port).and_then(|p| u16::try_from(p).ok()).ok_or(ParseError::invalid(name))?;
    let words = match family {
        AddressFamily::Ipv4 => 1,
        AddressFamily::Ipv6 => 4,
    };
    if addr.len() != 8 * words {
        return Err(ParseError::invalid(name));
    }
    let mut out = [0u8; 16];
    for (i, chunk) in addr.chunks_exact(8).enumerate() {
        let w = u64_hex(chunk).ok_or(ParseError::invalid(name))? as u32;
        out[i * 4..i * 4 + 4].copy_from_slice(&w.to_ne_bytes());
    }
    Ok((out, port))
}

/// `HEX:HEX` as two numbers.
fn pair(tok: &[u8], name: &'static str) -> Result<(u64, u64), ParseError> {
    let colon = tok.iter().position(|&b| b == b':').ok_or(ParseError::invalid(name))?;
    let a = u64_hex(&tok[..colon]).ok_or(ParseError::invalid(name))?;
    let b = u64_hex(&tok[colon + 1..]).ok_or(ParseError::invalid(name))?;
    Ok((a, b))
}

fn hex_u8(tok: &[u8], name: &'static str) -> Result<u8, ParseError> {
    u64_hex(tok).and_then(|v| u8::try_from(v).ok()).ok_or(ParseError::invalid(name))
}

fn hex_u32(tok: &[u8], name: &'static str) -> Result<u32, ParseError> {
    u64_hex(tok).and_then(|v| u32::try_from(v).ok()).ok_or(ParseError::invalid(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_row() {
        let r = row(
            b"   0: 0100007F:1F90 0200007F:D431 01 00000010:00000002 02:000003E8 00000003     0        7 1590 1 000000004fb47b47 100 0 0 10 0",
            AddressFamily::Ipv4,
        )
        .unwrap();
        assert_eq!(&r.local[..4], &[127, 0, 0, 1]);
        assert_eq!(&r.remote[..4], &[127, 0, 0, 2]);
        assert_eq!((r.local_port, r.remote_port, r.state), (8080, 54321, 1));
        assert_eq!((r.tx_queue, r.rx_queue, r.timer, r.when, r.retransmits), (16, 2, 2, 1000, 3));
        assert_eq!((r.uid, r.timeout, r.inode), (0, 7, 1590));
        assert_eq!(r.extra[0], Some(1));
    }

    #[test]
    fn ipv6_words_are_host_order() {
        // ::1 and ::ffff:127.0.0.1 as a little-endian kernel prints them.
        let line = b"   0: 00000000000000000000000001000000:0035 0000000000000000FFFF00000100007F:C001 0A 00000000:00000000 00:00000000 00000000   100        0 77 1 0 100 0 0 10 0";
        let r = row(line, AddressFamily::Ipv6).unwrap();
        assert_eq!(std::net::Ipv6Addr::from(r.local).to_string(), "::1");
        assert_eq!(std::net::Ipv6Addr::from(r.remote).to_string(), "::ffff:127.0.0.1");
        assert_eq!((r.local_port, r.remote_port, r.uid), (53, 0xc001, 100));
    }

    #[test]
    fn short_and_garbled_rows_name_the_field() {
        let cases: [(&[u8], &str); 6] = [
            (b"   0: 0100007F:1F90", "rem_address"),
            (b"   0 0100007F:1F90 00000000:0000 0A 0:0 0:0 0 0 0 1", "sl"),
            (b"   0: 0100007F1F90 00000000:0000 0A 0:0 0:0 0 0 0 1", "local_address"),
            (b"   0: 0100007F:1F9000 00000000:0000 0A 0:0 0:0 0 0 0 1", "local_address"),
            (b"   0: 0100007F:1F90 00000000:0000 0A 0:0 0:0 0 0 0", "inode"),
            (b"   0: 0100007F:1F90 00000000:0000 1FF 0:0 0:0 0 0 0 1", "st"),
        ];
        for (line, field) in cases {
            assert_eq!(row(line, AddressFamily::Ipv4).unwrap_err().field(), Some(field), "{line:?}");
        }
        assert!(row(b"   0: 0100007F:1F90 00000000:0000 0A 0:0 0:0 0 0 0 1", AddressFamily::Ipv6).is_err());
    }
}
