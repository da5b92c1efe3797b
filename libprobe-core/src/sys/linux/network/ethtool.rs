//! The ethtool ioctl (`SIOCETHTOOL`): driver, versions and bus of an interface
//! (`ETHTOOL_GDRVINFO`), and its speed and duplex (`ETHTOOL_GSET`) where sysfs cannot be
//! trusted (another network namespace: sysfs shows the namespace of whoever mounted it).
//!
//! The ethtool netlink family has no driver-information message, which is why `ethtool -i`
//! itself still uses this ioctl. The request goes through a datagram socket, whose network
//! namespace decides which interfaces the name refers to, so the socket is opened in the
//! thread that collects (inside the target namespace when there is one).
//!
//! `struct ethtool_drvinfo { u32 cmd; char driver[32], version[32], fw_version[32],
//! bus_info[32], erom_version[32]; char reserved2[12]; u32 n_priv_flags, n_stats,
//! testinfo_len, eedump_len, regdump_len }` (196 bytes). Strings are NUL-terminated within
//! their field; an empty one means the device has none (a virtual device's firmware and
//! bus). Devices without ethtool driver information (`lo`) answer `EOPNOTSUPP`.
//!
//! On a fixture tree the answers come from `syscalls.txt`:
//!
//! ```text
//! ethtool eth0 driver=virtio_net version=1.0.0 firmware= bus=0000:00:03.0 speed=-1 duplex=unknown
//! ethtool lo errno=95 link_errno=95
//! ```
//!
//! (`errno` answers `ETHTOOL_GDRVINFO`, `link_errno` `ETHTOOL_GSET`;
//!
//! values octal-escaped like `mountinfo`: `\040` for a space).

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use crate::error::{Error, ErrorKind};
use crate::parse::{Fields, i64_dec, unescape_octal};
use crate::source::Source;

const SIOCETHTOOL: libc::c_ulong = 0x8946;
const ETHTOOL_GSET: u32 = 0x1;
const ETHTOOL_GDRVINFO: u32 = 0x3;
pub(crate) const DRVINFO_LEN: usize = 196;
const GSET_LEN: usize = 44;

/// What `ETHTOOL_GDRVINFO` says about a device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DrvInfo {
    pub driver: String,
    pub version: String,
    pub firmware: String,
    pub bus: String,
}

/// Speed (Mbit/s, `None` unknown) and duplex (`Some(true)` full, `None` unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LinkSettings {
    pub speed_mbps: Option<u32>,
    pub full_duplex: Option<bool>,
}

/// `struct ethtool_drvinfo` bytes.
pub(crate) fn decode_drvinfo(b: &[u8]) -> Option<DrvInfo> {
    let field = |off: usize| {
        let raw = b.get(off..off + 32)?;
        let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
        Some(String::from_utf8_lossy(&raw[..end]).into_owned())
    };
    Some(DrvInfo { driver: field(4)?, version: field(36)?, firmware: field(68)?, bus: field(100)? })
}

/// `struct ethtool_cmd` bytes.
pub(crate) fn decode_gset(b: &[u8]) -> Option<LinkSettings> {
    let speed_lo = u16::from_ne_bytes(b.get(12..14)?.try_into().ok()?);
    let duplex = *b.get(14)?;
    let speed_hi = u16::from_ne_bytes(b.get(28..30)?.try_into().ok()?);
    let speed = u32::from(speed_lo) | u32::from(speed_hi) << 16;
    Some(LinkSettings {
        speed_mbps: (speed != 0 && speed != u32::MAX).then_some(speed),
        full_duplex: match duplex {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
    })
}

/// Asks the kernel (or the fixture) about interfaces by name.
#[derive(Debug)]
pub(crate) struct Ethtool<'s> {
    src: &'s Source,
    sock: Option<Result<OwnedFd, i32>>,
}

#[repr(C)]
struct IfReq {
    name: [u8; 16],
    data: *mut libc::c_void,
    _pad: [u8; 16],
}

impl<'s> Ethtool<'s> {
    pub(crate) fn new(src: &'s Source) -> Ethtool<'s> {
        Ethtool { src, sock: None }
    }

    fn path(name: &[u8]) -> std::path::PathBuf {
        std::path::PathBuf::from(format!("ioctl:SIOCETHTOOL/{}", String::from_utf8_lossy(name)))
    }

    pub(crate) fn drvinfo(&mut self, name: &[u8]) -> Result<DrvInfo, Error> {
        if self.src.is_fixture() {
            let kv = self.fake(name)?;
            Self::fake_errno(&kv, "errno", name)?;
            return Ok(DrvInfo {
                driver: kv.get("driver").cloned().unwrap_or_default(),
                version: kv.get("version").cloned().unwrap_or_default(),
                firmware: kv.get("firmware").cloned().unwrap_or_default(),
                bus: kv.get("bus").cloned().unwrap_or_default(),
            });
        }
        let mut buf = [0u8; DRVINFO_LEN];
        buf[..4].copy_from_slice(&ETHTOOL_GDRVINFO.to_ne_bytes());
        self.ioctl(name, &mut buf)?;
        decode_drvinfo(&buf)
            .ok_or_else(|| Error::new(ErrorKind::Parse, "short ethtool_drvinfo").with_path(Self::path(name)))
    }

    pub(crate) fn link_settings(&mut self, name: &[u8]) -> Result<LinkSettings, Error> {
        if self.src.is_fixture() {
            let kv = self.fake(name)?;
            Self::fake_errno(&kv, "link_errno", name)?;
            let speed = kv.get("speed").and_then(|s| i64_dec(s.as_bytes())).and_then(|s| u32::try_from(s).ok());
            return Ok(LinkSettings {
                speed_mbps: speed.filter(|&s| s != 0 && s != u32::MAX),
                full_duplex: match kv.get("duplex").map(String::as_str) {
                    Some("full") => Some(true),
                    Some("half") => Some(false),
                    _ => None,
                },
            });
        }
        let mut buf = [0u8; GSET_LEN];
        buf[..4].copy_from_slice(&ETHTOOL_GSET.to_ne_bytes());
        self.ioctl(name, &mut buf)?;
        decode_gset(&buf).ok_or_else(|| Error::new(ErrorKind::Parse, "short ethtool_cmd").with_path(Self::path(name)))
    }

    /// The errno a fixture recorded under `key`, as the error the call would give.
    fn fake_errno(kv: &std::collections::HashMap<String, String>, key: &str, name: &[u8]) -> Result<(), Error> {
        match kv.get(key).and_then(|e| e.parse::<i32>().ok()) {
            Some(errno) => Err(Error::errno(&Self::path(name), errno, std::io::ErrorKind::Other)),
            None => Ok(()),
        }
    }

    /// The `ethtool <name> key=value…` line of `syscalls.txt`.
    fn fake(&self, name: &[u8]) -> Result<std::collections::HashMap<String, String>, Error> {
        let path = Self::path(name);
        let lines = self.src.fake_lines(b"ethtool");
        let line = lines.iter().find(|l| Fields::new(l).token() == Some(name));
        let Some(line) = line else {
            return Err(Error::new(ErrorKind::Unsupported, "no ethtool answer in syscalls.txt").with_path(path));
        };
        let mut f = Fields::new(line);
        f.token();
        let mut kv = std::collections::HashMap::new();
        while let Some(t) = f.token() {
            if let Some(eq) = t.iter().position(|&b| b == b'=') {
                let v = String::from_utf8_lossy(&unescape_octal(&t[eq + 1..])).into_owned();
                kv.insert(String::from_utf8_lossy(&t[..eq]).into_owned(), v);
            }
        }
        Ok(kv)
    }

    fn ioctl(&mut self, name: &[u8], buf: &mut [u8]) -> Result<(), Error> {
        let path = Self::path(name);
        if name.len() >= 16 || name.contains(&0) {
            return Err(Error::new(ErrorKind::InvalidArgument, "interface name too long").with_path(path));
        }
        let sock = self.sock.get_or_insert_with(open_socket);
        let fd = match sock {
            Ok(fd) => fd.as_raw_fd(),
            Err(errno) => return Err(Error::errno(&path, *errno, std::io::ErrorKind::Other)),
        };
        let mut req = IfReq { name: [0; 16], data: buf.as_mut_ptr().cast(), _pad: [0; 16] };
        req.name[..name.len()].copy_from_slice(name);
        // SAFETY: `req` is a valid ifreq whose data points to `buf`, which is as large as the
        // structure the command named in its first word (checked by the callers' lengths).
        let rc = unsafe { libc::ioctl(fd, SIOCETHTOOL, &raw mut req) };
        if rc < 0 {
            let e = std::io::Error::last_os_error();
            return Err(Error::errno(&path, e.raw_os_error().unwrap_or(0), e.kind()));
        }
        Ok(())
    }
}

fn open_socket() -> Result<OwnedFd, i32> {
    for family in [libc::AF_INET, libc::AF_UNIX] {
        // SAFETY: socket has no memory preconditions.
        let fd = unsafe { libc::socket(family, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
        if fd >= 0 {
            // SAFETY: `fd` was just returned by socket and is owned by nobody else.
            return Ok(unsafe { OwnedFd::from_raw_fd(fd) });
        }
    }
    Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drvinfo_and_gset_layouts() {
        let mut b = [0u8; DRVINFO_LEN];
        b[4..8].copy_from_slice(b"veth");
        b[36..39].copy_from_slice(b"1.0");
        let d = decode_drvinfo(&b).unwrap();
        assert_eq!(
            (d.driver.as_str(), d.version.as_str(), d.firmware.as_str(), d.bus.as_str()),
            ("veth", "1.0", "", "")
        );
        assert_eq!(decode_drvinfo(&b[..100]), None);
        let mut g = [0u8; GSET_LEN];
        g[12..14].copy_from_slice(&10000u16.to_ne_bytes());
        g[14] = 1;
        assert_eq!(decode_gset(&g), Some(LinkSettings { speed_mbps: Some(10000), full_duplex: Some(true) }));
        g[12..14].copy_from_slice(&u16::MAX.to_ne_bytes());
        g[28..30].copy_from_slice(&u16::MAX.to_ne_bytes());
        g[14] = 0xff;
        assert_eq!(decode_gset(&g), Some(LinkSettings { speed_mbps: None, full_duplex: None }));
    }

    #[test]
    fn std_size_of_ifreq_matches_the_kernel() {
        assert_eq!(std::mem::size_of::<IfReq>(), 40);
    }
}
