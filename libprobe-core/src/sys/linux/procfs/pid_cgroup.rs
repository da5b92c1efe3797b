//! `/proc/<pid>/cgroup`: `hierarchy-id:controllers:path`, one line per hierarchy.
//!
//! ```text
//! 12:pids:/user.slice/user-1000.slice      (cgroup v1: one line per mounted hierarchy)
//! 1:name=systemd:/user.slice/session-2.scope
//! 0::/user.slice/user-1000.slice/session-2.scope   (cgroup v2: hierarchy 0, no controllers)
//! ```
//!
//! The path is everything after the second `:` (it may itself contain `:`). A path can
//! end in ` (deleted)` when the cgroup was removed while the process stayed in it.

use crate::error::ParseError;
use crate::parse::{Problems, lines, u64_dec};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CgroupLine<'a> {
    pub hierarchy: u32,
    /// Controllers bound to the hierarchy (`cpu`, `cpuacct`, `name=systemd`); empty for v2.
    pub controllers: Vec<&'a [u8]>,
    pub path: &'a [u8],
}

/// Every line that parses, and a problem for each that does not (a line without its
/// hierarchy id or its two `:` belongs to no hierarchy: it is left out).
pub(crate) fn parse(text: &[u8]) -> (Vec<CgroupLine<'_>>, Problems) {
    let (mut out, mut p) = (Vec::new(), Problems::default());
    for (i, line) in lines(text).enumerate() {
        if line.is_empty() {
            continue;
        }
        match row(line) {
            Ok(l) => out.push(l),
            Err(e) => p.push(e.at_line(i + 1)),
        }
    }
    (out, p)
}

fn row(line: &[u8]) -> Result<CgroupLine<'_>, ParseError> {
    let mut parts = line.splitn(3, |&b| b == b':');
    let id = parts.next().unwrap_or_default();
    let hierarchy = u64_dec(id).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| ParseError::bad("hierarchy", id))?;
    let controllers = parts.next().ok_or(ParseError::missing("controllers"))?;
    let path = parts.next().ok_or(ParseError::missing("path"))?;
    let controllers = controllers.split(|&b| b == b',').filter(|c| !c.is_empty()).collect();
    Ok(CgroupLine { hierarchy, controllers, path })
}

/// The unified (v2) line, if the process is in a cgroup v2 hierarchy.
pub(crate) fn unified<'a>(lines: &'a [CgroupLine<'a>]) -> Option<&'a CgroupLine<'a>> {
    lines.iter().find(|l| l.hierarchy == 0 && l.controllers.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hybrid_hierarchy() {
        let text = b"9:name=systemd:/\n4:memory:/process_api/2fc2\n2:cpu,cpuacct:/a:b\n0::/user.slice\n";
        let (l, p) = parse(text);
        assert!(p.is_empty());
        assert_eq!(l.len(), 4);
        assert_eq!(l[1].controllers, vec![&b"memory"[..]]);
        assert_eq!(l[2].controllers, vec![&b"cpu"[..], b"cpuacct"]);
        assert_eq!(l[2].path, b"/a:b");
        assert_eq!(unified(&l).unwrap().path, b"/user.slice");
    }

    #[test]
    fn a_malformed_line_costs_only_itself() {
        let first = |t: &'static [u8]| parse(t).1.iter().next().and_then(|e| e.field());
        assert_eq!(first(b"x::/\n"), Some("hierarchy"));
        assert_eq!(first(b"0:\n"), Some("path"));
        let (l, p) = parse(b"x:cpu:/a\n0::/user.slice\n");
        assert_eq!((l.len(), unified(&l).map(|l| l.path)), (1, Some(&b"/user.slice"[..])));
        assert_eq!(p.iter().next().unwrap().raw(), Some("\"x\""));
    }

    /// A cgroup line is keyed by its hierarchy id: a bad id costs that line only.
    #[test]
    fn one_row_corruption() {
        let lines = ["9:name=systemd:/", "4:memory:/a", "0::/user.slice"];
        let text = lines.join("\n");
        let (base, _) = parse(text.as_bytes());
        for i in 0..lines.len() {
            for bad in ["-4", "4294967296", "x", ""] {
                let mut t: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                let rest = &lines[i][lines[i].find(':').unwrap()..];
                t[i] = format!("{bad}{rest}");
                let joined = t.join("\n");
                let (got, p) = parse(joined.as_bytes());
                let mut want = base.clone();
                want.remove(i);
                assert_eq!(got, want, "line {i} = {bad}");
                assert_eq!(p.iter().count(), 1);
            }
        }
    }
}
