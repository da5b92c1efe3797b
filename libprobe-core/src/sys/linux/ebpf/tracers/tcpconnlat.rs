//! The `tcpconnlat` tracer (`bpf/tcpconnlat.bpf.c`): TCP connect latency (SYN sent →
//! established), one per-CPU histogram for every destination (`conn_lat`) and one per
//! destination port (`conn_ports`, keyed by the port in a `u32`).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{ReadCx, Reader, Setup, Spec, TracerDef};
use crate::ebpf::{EbpfMetrics, EbpfOptions, TcpConnectPort, TracerName};
use crate::error::Error;
use crate::model::{Field, Reason};
use crate::sys::imp::ebpf::decode::{self, HIST_SIZE, Hist, u32_at};
use crate::sys::imp::ebpf::maps::Maps;
use crate::sys::imp::ebpf::syscall_table::SyscallTable;

pub(crate) const DEF: TracerDef = TracerDef {
    name: TracerName::Tcpconnlat,
    spec: Spec { object: include_bytes!("../bpf/tcpconnlat.bpf.o"), optional: &[] },
    setup,
    reader,
};

fn setup(o: &EbpfOptions, _: &SyscallTable) -> Setup {
    Setup { max_entries: vec![("conn_start", o.max_requests)], ..Setup::default() }
}

fn reader(_: &EbpfOptions, _: &Arc<SyscallTable>) -> Box<dyn Reader> {
    Box::new(Tcpconnlat::default())
}

/// One CPU-summed histogram of per-CPU `struct hist` values; `None` when one is short.
pub(crate) fn percpu_hist(v: &[u8], window: u64) -> Option<Hist> {
    let mut h = Hist::default();
    if v.len() < HIST_SIZE {
        return None;
    }
    for cpu in v.chunks(decode::stride(HIST_SIZE)) {
        h.add(cpu, 0, window)?;
    }
    Some(h)
}

/// A `conn_ports` key: the destination port (host order) in a `u32`.
pub(crate) fn port_key(k: &[u8]) -> Option<u16> {
    if k.len() != 4 {
        return None;
    }
    u16::try_from(u32_at(k, 0)?).ok()
}

#[derive(Debug, Default)]
struct Tcpconnlat {
    prev: Hist,
    ports: BTreeMap<u16, Hist>,
}

impl Reader for Tcpconnlat {
    fn missing(&self, out: &mut EbpfMetrics, reason: Reason) {
        out.tcp_connect_latency = Field::Missing(reason);
        out.tcp_connect_latency_by_port = Field::Missing(reason);
        out.since_attach.tcp_connect_latency = Field::Missing(reason);
    }

    fn read(&mut self, maps: &mut dyn Maps, rcx: &mut ReadCx<'_>, out: &mut EbpfMetrics) -> Result<(), Error> {
        let window = rcx.window;
        let mut all = Hist::default();
        let mut short = false;
        maps.entries("conn_lat", &mut |_, v| match percpu_hist(v, window) {
            Some(h) => all.merge(&h),
            None => short = true,
        })?;
        let mut ports = BTreeMap::new();
        maps.entries("conn_ports", &mut |k, v| match (port_key(k), percpu_hist(v, window)) {
            (Some(p), Some(h)) => {
                ports.insert(p, h);
            }
            _ => short = true,
        })?;
        if short {
            rcx.warnings.push("ebpf: tcpconnlat: a histogram shorter than libprobe reads; skipped");
        }
        out.tcp_connect_latency = Field::Value(all.since(&self.prev));
        out.since_attach.tcp_connect_latency = Field::Value(all.total());
        self.prev = all;
        let mut rows = Vec::new();
        for (port, h) in &ports {
            let d = h.delta(self.ports.get(port).unwrap_or(&Hist::default()));
            if d.count() > 0 {
                rows.push(TcpConnectPort { port: *port, latency: d.total() });
            }
        }
        out.tcp_connect_latency_by_port = Field::Value(rows);
        self.ports = ports;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Warnings;
    use crate::source::Source;

    /// A `struct hist` with `n` values of `ns` in window `epoch`.
    fn hist(n: u64, ns: u64, epoch: u64) -> Vec<u8> {
        let mut w = vec![0u64; HIST_SIZE / 8];
        w[0] = n * ns;
        w[1] = !ns;
        w[2] = ns;
        let at = 4 + 3 * (epoch & 1) as usize;
        w[at] = epoch;
        w[at + 1] = !ns;
        w[at + 2] = ns;
        w[10 + (63 - ns.leading_zeros()) as usize] = n;
        words(&w)
    }

    fn read(r: &mut Tcpconnlat, m: &mut MemMaps, window: u64) -> (EbpfMetrics, usize) {
        let src = Source::rooted_at("/nonexistent");
        let mut w = Warnings::default();
        let mut out = EbpfMetrics::new(Reason::Disabled);
        let mut rcx = ReadCx { window, top: 10, ticks: 100, src: &src, warnings: &mut w };
        r.read(m, &mut rcx, &mut out).unwrap();
        (out, w.into_parts().0.len())
    }

    #[test]
    fn intervals_overall_and_per_port() {
        let mut m = MemMaps::default();
        let mut r = Tcpconnlat::default();
        // Two CPUs: 3 connects of 50 µs on one, 1 on the other, all to port 443.
        let two = [hist(3, 50_000, 1), hist(1, 50_000, 1)].concat();
        m.maps.insert("conn_lat".into(), vec![(0u32.to_ne_bytes().to_vec(), two.clone())]);
        m.maps.insert("conn_ports".into(), vec![(443u32.to_ne_bytes().to_vec(), two)]);
        let (out, warned) = read(&mut r, &mut m, 1);
        assert_eq!(warned, 0);
        let all = out.tcp_connect_latency.value().unwrap();
        assert_eq!((all.count, all.min_ns, all.max_ns), (4, Some(50_000), Some(50_000)));
        let ports = out.tcp_connect_latency_by_port.value().unwrap();
        assert_eq!((ports.len(), ports[0].port, ports[0].latency.count), (1, 443, 4));

        // Nothing new on 443, 2 connects of 1 s to 8080; a short value and a bad key.
        let now = [hist(3, 50_000, 1), hist(1, 50_000, 1)].concat();
        let slow = [hist(2, 1_000_000_000, 2), hist(0, 1, 0)].concat();
        let total = [hist(5, 50_000, 1), hist(1, 50_000, 1)].concat();
        m.maps.insert("conn_lat".into(), vec![(0u32.to_ne_bytes().to_vec(), total)]);
        m.maps.insert(
            "conn_ports".into(),
            vec![
                (443u32.to_ne_bytes().to_vec(), now),
                (8080u32.to_ne_bytes().to_vec(), slow),
                (70_000u32.to_ne_bytes().to_vec(), hist(1, 1, 2)),
                (1u32.to_ne_bytes().to_vec(), vec![0; 8]),
            ],
        );
        let (out, warned) = read(&mut r, &mut m, 2);
        assert_eq!(warned, 1);
        let ports = out.tcp_connect_latency_by_port.value().unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!((ports[0].port, ports[0].latency.count, ports[0].latency.min_ns), (8080, 2, Some(1_000_000_000)));
        assert_eq!(out.tcp_connect_latency.value().unwrap().count, 2);
        assert_eq!(out.since_attach.tcp_connect_latency.value().unwrap().count, 6);
    }

    proptest::proptest! {
        /// Any bytes: no panic, and every histogram's count is the sum of its buckets.
        #[test]
        fn any_entries(entries in proptest::collection::vec(
            (proptest::collection::vec(proptest::prelude::any::<u8>(), 0..6),
             proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1200)), 0..6)) {
            let mut m = MemMaps::default();
            let mut r = Tcpconnlat::default();
            for window in 1..3 {
                m.maps.insert("conn_lat".into(), entries.clone());
                m.maps.insert("conn_ports".into(), entries.clone());
                let (out, _) = read(&mut r, &mut m, window);
                for p in out.tcp_connect_latency_by_port.value().unwrap() {
                    let sum = p.latency.buckets.iter().fold(0u64, |a, b| a.saturating_add(b.count));
                    proptest::prop_assert_eq!(p.latency.count, sum);
                    proptest::prop_assert!(p.latency.count > 0);
                }
            }
        }
    }
}
