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
use crate::parse::{lines, u64_dec};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CgroupLine<'a> {
    pub hierarchy: u32,
    /// Controllers bound to the hierarchy (`cpu`, `cpuacct`, `name=systemd`); empty for v2.
    pub controllers: Vec<&'a [u8]>,
    pub path: &'a [u8],
}

pub(crate) fn parse(text: &[u8]) -> Result<Vec<CgroupLine<'_>>, ParseError> {
    let mut out = Vec::new();
    for (i, line) in lines(text).enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, |&b| b == b':');
        let id = parts.next().and_then(u64_dec).and_then(|v| u32::try_from(v).ok());
        let hierarchy = id.ok_or_else(|| ParseError::invalid("hierarchy").at_line(i + 1))?;
        let controllers = parts.next().ok_or_else(|| ParseError::missing("controllers").at_line(i + 1))?;
        let path = parts.next().ok_or_else(|| ParseError::missing("path").at_line(i + 1))?;
        let controllers = controllers.split(|&b| b == b',').filter(|c| !c.is_empty()).collect();
        out.push(CgroupLine { hierarchy, controllers, path });
    }
    Ok(out)
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
        let l = parse(text).unwrap();
        assert_eq!(l.len(), 4);
        assert_eq!(l[1].controllers, vec![&b"memory"[..]]);
        assert_eq!(l[2].controllers, vec![&b"cpu"[..], b"cpuacct"]);
        assert_eq!(l[2].path, b"/a:b");
        assert_eq!(unified(&l).unwrap().path, b"/user.slice");
    }

    #[test]
    fn malformed_lines() {
        assert_eq!(parse(b"x::/\n").unwrap_err().field(), Some("hierarchy"));
        assert_eq!(parse(b"0:\n").unwrap_err().field(), Some("path"));
    }
}
