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
        let mut sysctl = |name: &str| -> Field<u64> {
            let rel = format!("sys/net/netfilter/{name}");
            match self.src.read_proc(&rel) {
                Ok(v) => match crate::parse::u64_dec(crate::parse::trim(&v)) {
                    Some(n) => Field::Value(n),
                    None => {
                        w.push(ParseError::invalid("value").in_file(self.src.proc_path(&rel)));
                        Field::Missing(Reason::Error)
                    }
                },
                Err(e) => Field::Missing(w.reason(e)),
            }
        };
        let to32 = |f: Field<u64>| f.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
        let entries = to32(sysctl("nf_conntrack_count"));
        let max_entries = to32(sysctl("nf_conntrack_max"));
        let accounting = sysctl("nf_conntrack_acct").map(|v| v != 0);
        let mut cpus = Vec::new();
        let per_cpu = match self.dump(nl, &conntrack::cpu_stats_request(), conntrack::cpu_stats, |c| cpus.push(c), w) {
            Ok(()) => Field::Value(cpus),
            // Unprivileged, or without ctnetlink: the procfs file, readable by anyone.
            Err(_) => self.counters(&self.proc_rel("stat/nf_conntrack"), net_stat_nf_conntrack::parse, w),
        };
        ConntrackStats { entries, max_entries, accounting, per_cpu }
    }
}
