//! Conntrack entries (ctnetlink, else `/proc/net/nf_conntrack`) and totals (the
//! `net.netfilter` sysctls; per-CPU counters from ctnetlink, else
//! `/proc/net/stat/nf_conntrack`). The ctnetlink reader is [`super::conntrack`].

use crate::error::{ErrorKind, ParseError};
use crate::model::{Field, Reason, Warnings};
use crate::network::{ConntrackEntry, ConntrackStats};
use crate::sys::imp::procfs::{net_nf_conntrack, net_stat_nf_conntrack};

use super::netlink::Netlink;
use super::{Collector, conntrack};

impl Collector<'_> {
    pub(super) fn conntrack(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> Field<Vec<ConntrackEntry>> {
        let mut rows = Vec::new();
        let req = conntrack::entries_request();
        let mut bad = (0usize, None);
        let live = nl.dump(&req, |msg| {
            match conntrack::entry(msg.ty, msg.payload) {
                Ok(Some(e)) => rows.push(e),
                Ok(None) => {}
                Err(e) => {
                    bad.0 += 1;
                    bad.1.get_or_insert(e);
                }
            }
            Ok(())
        });
        if let Some(e) = bad.1 {
            w.push(format!("{} ({} entries left out)", e.in_file(req.path()), bad.0));
        }
        match live {
            Ok(_) => Field::Value(rows),
            // No ctnetlink (module not loaded, or a fixture without the dump): the procfs file.
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Unsupported) => {
                match self.proc_table("nf_conntrack", net_nf_conntrack::parse, w) {
                    Ok(rows) => Field::Value(rows),
                    Err(e) => Field::Missing(w.reason(e)),
                }
            }
            Err(e) => Field::Missing(w.reason(e)),
        }
    }

    pub(super) fn conntrack_stats(&self, nl: &mut Netlink<'_>, w: &mut Warnings) -> ConntrackStats {
        // One value per file: one that does not parse, or does not fit, is an error quoting
        // it, never clamped.
        let mut sysctl = |name: &'static str, max: u64| -> Field<u64> {
            let rel = format!("sys/net/netfilter/{name}");
            match self.src.read_proc(&rel) {
                Ok(v) => {
                    let text = crate::parse::trim(&v);
                    match crate::parse::u64_dec(text).filter(|&n| n <= max) {
                        Some(n) => Field::Value(n),
                        None => {
                            w.push(ParseError::bad(name, text).in_file(self.src.proc_path(&rel)));
                            Field::Missing(Reason::Error)
                        }
                    }
                }
                Err(e) => Field::Missing(w.reason(e)),
            }
        };
        let max32 = u64::from(u32::MAX);
        let to32 = |f: Field<u64>| f.and_then(|v| u32::try_from(v).map_or(Field::Missing(Reason::Error), Field::Value));
        let entries = to32(sysctl("nf_conntrack_count", max32));
        let max_entries = to32(sysctl("nf_conntrack_max", max32));
        let accounting = sysctl("nf_conntrack_acct", u64::MAX).map(|v| v != 0);
        let mut cpus = Vec::new();
        let per_cpu = match self.dump(nl, &conntrack::cpu_stats_request(), conntrack::cpu_stats, |c| cpus.push(c), w) {
            Ok(()) => Field::Value(cpus),
            // Unprivileged, or without ctnetlink: the procfs file, readable by anyone.
            Err(_) => self
                .values(&self.proc_rel("stat/nf_conntrack"), net_stat_nf_conntrack::parse, |v| &v.problems, w)
                .map(|v| v.cpus),
        };
        ConntrackStats { entries, max_entries, accounting, per_cpu }
    }
}
