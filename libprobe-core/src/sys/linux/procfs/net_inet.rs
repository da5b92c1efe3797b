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
//!
//! A row whose columns do not parse is left out (with an error naming the column), except
//! `tm->when`, `retrnsmt`, `timeout` and `drops`: one of those that does not parse or does
//! not fit its field is that field's problem, quoting it, and the row is kept.

use crate::error::ParseError;
use crate::network::AddressFamily;
use crate::parse::{Fields, Problems, Val, u64_dec, u64_hex};

/// A table's rows: those kept, an error for each row left out, and the problems of values
/// that cost only themselves (their row is kept).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rows<T> {
    pub rows: Vec<T>,
    pub left_out: Vec<ParseError>,
    pub problems: Problems,
}

impl<T> From<(Vec<T>, Vec<ParseError>)> for Rows<T> {
    fn from((rows, left_out): (Vec<T>, Vec<ParseError>)) -> Self {
        Rows { rows, left_out, problems: Problems::default() }
    }
}

/// Parses every row (after the header) of a table of `family` with `row`.
pub(crate) fn rows<T>(
    text: &[u8],
    family: AddressFamily,
    drops: bool,
    mut make: impl FnMut(&InetRow) -> Result<T, ParseError>,
) -> Rows<T> {
    let mut out = Rows { rows: Vec::new(), left_out: Vec::new(), problems: Problems::default() };
    for (i, line) in crate::parse::lines(text).enumerate().skip(1) {
        if crate::parse::trim(line).is_empty() {
            continue;
        }
        let mut p = Problems::default();
        match row(line, family, drops, &mut p).and_then(|r| make(&r)) {
            Ok(r) => {
                out.rows.push(r);
                for e in p.iter() {
                    out.problems.push(e.clone().at_line(i + 1));
                }
            }
            Err(e) => out.left_out.push(e.at_line(i + 1)),
        }
    }
    out
}

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
    pub when: Val<u32>,
    pub retransmits: Val<u8>,
    pub uid: u32,
    pub timeout: Val<u32>,
    pub inode: u64,
    /// The first token after the inode (the refcount).
    pub refcount: Option<u64>,
    /// `drops`, the third token after the inode of UDP and raw tables (2.6.34+).
    pub drops: Val<u32>,
}

/// Parses one row of a table of `family`; `drops`: the table prints them (UDP, raw). A
/// value that costs only itself is `Bad` with its problem in `p`.
pub(crate) fn row(line: &[u8], family: AddressFamily, drops: bool, p: &mut Problems) -> Result<InetRow, ParseError> {
    let mut f = Fields::new(line);
    let sl = f.next("sl")?;
    if !sl.ends_with(b":") {
        return Err(ParseError::invalid("sl"));
    }
    let (local, local_port) = endpoint(f.next("local_address")?, family, "local_address")?;
    let (remote, remote_port) = endpoint(f.next("rem_address")?, family, "rem_address")?;
    let state = hex_u8(f.next("st")?, "st")?;
    let (tx, rx) = pair(f.next("tx_queue")?, "tx_queue")?;
    let tr = f.next("tr")?;
    let colon = tr.iter().position(|&b| b == b':').ok_or_else(|| ParseError::bad("tr", tr))?;
    let timer = u64_hex(&tr[..colon]).and_then(|t| u8::try_from(t).ok()).ok_or_else(|| ParseError::bad("tr", tr))?;
    let when_text = &tr[colon + 1..];
    let when = p.take(
        u64_hex(when_text).and_then(|w| u32::try_from(w).ok()).ok_or_else(|| ParseError::bad("tm->when", when_text)),
    );
    let retrnsmt = f.next("retrnsmt")?;
    let retransmits = p.take(
        u64_hex(retrnsmt).and_then(|r| u8::try_from(r).ok()).ok_or_else(|| ParseError::bad("retrnsmt", retrnsmt)),
    );
    let uid = f.u32("uid")?;
    let timeout = p.take(f.u32("timeout"));
    let inode = f.u64("inode")?;
    // The refcount is decimal, then the pointer (hex, `%pK`: zeros when hidden), then for
    // UDP and raw the drops (decimal).
    let refcount = f.token().and_then(u64_dec);
    let pointer = f.token();
    let drops = match (drops, pointer.and(f.token())) {
        (false, _) | (true, None) => Val::Absent,
        (true, Some(t)) => {
            p.take(u64_dec(t).and_then(|d| u32::try_from(d).ok()).ok_or_else(|| ParseError::bad("drops", t)))
        }
    };
    Ok(InetRow {
        local,
        local_port,
        remote,
        remote_port,
        state,
        tx_queue: u32::try_from(tx).map_err(|_| ParseError::invalid("tx_queue"))?,
        rx_queue: u32::try_from(rx).map_err(|_| ParseError::invalid("rx_queue"))?,
        timer,
        when,
        retransmits,
        uid,
        timeout,
        inode,
        refcount,
        drops,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_row() {
        let r = row(
            b"   0: 0100007F:1F90 0200007F:D431 01 00000010:00000002 02:000003E8 00000003     0        7 1590 1 000000004fb47b47 100 0 0 10 0",
            AddressFamily::Ipv4,
            false,
            &mut Problems::default(),
        )
        .unwrap();
        assert_eq!(&r.local[..4], &[127, 0, 0, 1]);
        assert_eq!(&r.remote[..4], &[127, 0, 0, 2]);
        assert_eq!((r.local_port, r.remote_port, r.state), (8080, 54321, 1));
        assert_eq!((r.tx_queue, r.rx_queue, r.timer, r.when, r.retransmits), (16, 2, 2, Val::Ok(1000), Val::Ok(3)));
        assert_eq!((r.uid, r.timeout, r.inode), (0, Val::Ok(7), 1590));
        assert_eq!((r.refcount, r.drops), (Some(1), Val::Absent));
    }

    #[test]
    fn ipv6_words_are_host_order() {
        // ::1 and ::ffff:127.0.0.1 as a little-endian kernel prints them.
        let line = b"   0: 00000000000000000000000001000000:0035 0000000000000000FFFF00000100007F:C001 0A 00000000:00000000 00:00000000 00000000   100        0 77 1 0 100 0 0 10 0";
        let r = row(line, AddressFamily::Ipv6, false, &mut Problems::default()).unwrap();
        assert_eq!(std::net::Ipv6Addr::from(r.local).to_string(), "::1");
        assert_eq!(std::net::Ipv6Addr::from(r.remote).to_string(), "::ffff:127.0.0.1");
        assert_eq!((r.local_port, r.remote_port, r.uid, r.drops), (53, 0xc001, 100, Val::Absent));
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
            assert_eq!(
                row(line, AddressFamily::Ipv4, false, &mut Problems::default()).unwrap_err().field(),
                Some(field),
                "{line:?}"
            );
        }
        let v6 = row(
            b"   0: 0100007F:1F90 00000000:0000 0A 0:0 0:0 0 0 0 1",
            AddressFamily::Ipv6,
            false,
            &mut Problems::default(),
        );
        assert!(v6.is_err());
    }

    /// `tm->when`, `retrnsmt`, `timeout` and `drops` cost only themselves; every other
    /// column is part of what the row is.
    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::check(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n\
  133: 0100007F:0035 00000000:0000 07 00000000:00000000 00:{{when:x32=00000BB8}} {{retransmits:x32=00000002}}     0 \
{{timeout:u32=3}} 8842 2 0000000000000000 {{drops:u32=17}}\n",
            |b| {
                let r = rows(b, AddressFamily::Ipv4, true, |r| Ok(*r));
                let l = match r.rows.first() {
                    Some(r) => crate::parse::corrupt::listing!(r; when, retransmits, timeout, drops),
                    None => vec![("row".into(), format!("{:?}", r.left_out))],
                };
                (l, r.problems.iter().map(ToString::to_string).collect())
            },
        );
    }
}
