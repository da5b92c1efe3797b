//! `/proc/<pid>/mountinfo` (libprobe reads `/proc/self/mountinfo`): one line per mount.
//!
//! ```text
//! 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//! (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
//! ```
//!
//! (7) is zero or more optional fields ended by `-`. Paths (4), (5) and the source (10)
//! escape space, tab, newline and backslash as `\040`, `\011`, `\012`, `\134`; they are
//! unescaped here. The source may be empty on some kernels (it is then `none`). A line
//! that does not parse is no mount: it is left out, with a problem; the others are kept.

use crate::error::ParseError;
use crate::parse::{Fields, Problems, lines, u64_dec, unescape_octal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MountInfo {
    pub mount_id: u32,
    pub parent_id: u32,
    pub major: u32,
    pub minor: u32,
    pub root: Vec<u8>,
    pub mount_point: Vec<u8>,
    pub options: String,
    pub fs_type: String,
    pub source: Vec<u8>,
    pub super_options: String,
}

/// Every mount that parses, and a problem for each line that does not.
pub(crate) fn parse(text: &[u8]) -> (Vec<MountInfo>, Problems) {
    let (mut out, mut p) = (Vec::new(), Problems::default());
    for (i, l) in lines(text).enumerate().filter(|(_, l)| !l.is_empty()) {
        match row(l) {
            Ok(m) => out.push(m),
            Err(e) => p.push(e.at_line(i + 1)),
        }
    }
    (out, p)
}

fn row(line: &[u8]) -> Result<MountInfo, ParseError> {
    let mut f = Fields::new(line);
    let mount_id = f.u32("mount_id")?;
    let parent_id = f.u32("parent_id")?;
    let dev = f.next("major:minor")?;
    let colon = dev.iter().position(|&b| b == b':').ok_or_else(|| ParseError::bad("major:minor", dev))?;
    let num =
        |b: &[u8]| u64_dec(b).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| ParseError::bad("major:minor", dev));
    let (major, minor) = (num(&dev[..colon])?, num(&dev[colon + 1..])?);
    let root = unescape_octal(f.next("root")?);
    let mount_point = unescape_octal(f.next("mount_point")?);
    let options = lossy(f.next("options")?);
    loop {
        if f.next("separator")? == b"-" {
            break;
        }
    }
    let fs_type = lossy(f.next("fs_type")?);
    let source = unescape_octal(f.next("source")?);
    let super_options = lossy(f.token().unwrap_or_default());
    Ok(MountInfo { mount_id, parent_id, major, minor, root, mount_point, options, fs_type, source, super_options })
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_with_optional_fields_and_escapes() {
        let text = b"36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n\
22 1 0:21 / /sys/fs/cgroup/unified rw,relatime shared:3 shared:9 - cgroup2 cgroup2 rw\n\
40 22 8:1 / /media/my\\040disk ro - vfat /dev/sdb1 ro,fmask=0022\n";
        let (m, p) = parse(text);
        assert!(p.is_empty());
        assert_eq!((m[0].mount_id, m[0].parent_id, m[0].major, m[0].minor), (36, 35, 98, 0));
        assert_eq!((m[0].root.as_slice(), m[0].mount_point.as_slice()), (&b"/mnt1"[..], &b"/mnt2"[..]));
        assert_eq!((m[0].fs_type.as_str(), m[0].source.as_slice()), ("ext3", &b"/dev/root"[..]));
        assert_eq!(m[0].super_options, "rw,errors=continue");
        assert_eq!(m[1].fs_type, "cgroup2");
        assert_eq!(m[2].mount_point, b"/media/my disk");
    }

    #[test]
    fn a_bad_line_costs_only_its_mount() {
        let (m, p) = parse(b"1 0 8:1 / / rw shared:1 ext4 /dev/sda1 rw\n2 1 0:5 / /x rw - tmpfs t rw\n");
        let e = p.iter().next().unwrap();
        assert_eq!((e.field(), e.line(), m.len(), m[0].mount_id), (Some("separator"), Some(1), 1, 2));
        let (m, p) = parse(b"x 0 8:1 / / rw - ext4 /dev/sda1 rw\n3 1 8:x / /y rw - ext4 /dev/sda2 rw\n");
        assert_eq!((m.len(), p.iter().count()), (0, 2));
        assert_eq!(p.iter().nth(1).unwrap().raw(), Some("\"8:x\""));
    }

    /// A mount is keyed by its id: corrupting any numeric value of one line (its ids or
    /// its device) leaves that mount out, with a problem quoting it, and every other mount
    /// exactly as it was.
    #[test]
    fn one_row_corruption() {
        let lines = [
            "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw",
            "22 1 0:21 / /sys/fs/cgroup rw shared:3 - cgroup2 cgroup2 rw",
            "40 22 8:1 / /media ro - vfat /dev/sdb1 ro",
        ];
        let (base, p) = parse(lines.join("\n").as_bytes());
        assert!(p.is_empty() && base.len() == 3);
        for (i, line) in lines.iter().enumerate() {
            let toks: Vec<&str> = line.split(' ').collect();
            for (t, bad) in [(0, "-36"), (0, "4294967296"), (1, "x"), (2, "98:"), (2, ":0"), (2, "98:-1"), (2, "98")] {
                let mut broken = toks.clone();
                broken[t] = bad;
                let mut text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                text[i] = broken.join(" ");
                let (got, p) = parse(text.join("\n").as_bytes());
                let mut want = base.clone();
                want.remove(i);
                assert_eq!(got, want, "line {i} token {t} = {bad}");
                assert!(
                    p.iter().any(|e| e.to_string().contains(bad)),
                    "{bad}: {:?}",
                    p.iter().map(ToString::to_string).collect::<Vec<_>>()
                );
            }
        }
    }
}
