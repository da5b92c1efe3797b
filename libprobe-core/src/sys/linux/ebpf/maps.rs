//! How a tracer reads its maps: the [`Maps`] trait, answered by the loaded BPF object
//! (`loader::LiveMaps`), by a fixture tree's recorded dumps ([`FixtureMaps`]), or by the
//! object while it records what it answers ([`Recording`], for capturing fixtures).
//!
//! A recorded map is one text file, `<root>/ebpf/<tracer>/<map>`:
//!
//! ```text
//! # kind=percpu cpus=2 key=4 value=480
//! 6e000000 z2 1000 z57 | 2 z59
//! ```
//!
//! After the header, one entry per line: the key in hex, then the value as 64-bit words
//! (host order) in decimal, `zN` standing for N zero words; a per-CPU value has one such
//! group per CPU, separated by `|`. A ring buffer's records have `-` as their key; an
//! array lists only the entries that are not all zero. Kinds: `hash`, `array`, `percpu`
//! (a per-CPU array or hash), `ring`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::error::{Error, ErrorKind, ParseError};
use crate::source::Source;

/// The maps of one loaded tracer.
pub(crate) trait Maps {
    /// Every entry of `map`: `f(key, value)`. A per-CPU map's value holds one value per
    /// CPU, each `decode::stride(value size)` bytes apart.
    fn entries(&mut self, map: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error>;
    /// The entries of an array map whose first word is not zero: `f(index, value)`, read
    /// straight from its memory where it is memory-mapped (`sys_threads`), without a
    /// syscall. An entry whose first word changed while it was read is left out (a thread
    /// slot freed and claimed again: the rest of it is another thread's).
    fn array(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error>;
    /// The entries of an array map (`u32` keys) at `indexes`, those it has: `f(index,
    /// value)`. The loaded object looks each one up (reading a large per-CPU table whole
    /// copies every entry of every CPU); by default, from [`Maps::entries`].
    fn lookup(&mut self, map: &str, indexes: &[u32], f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        self.entries(map, &mut |k, v| {
            if let Some(i) = super::decode::u32_at(k, 0).filter(|i| indexes.contains(i)) {
                f(i, v);
            }
        })
    }
    /// Every record a ring buffer holds, once: `f(record)`.
    fn drain(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error>;
    /// Deletes `key` from a hash map (a process that exited, once its last interval is read).
    fn delete(&mut self, map: &str, key: &[u8]) -> Result<(), Error>;
    /// Starts snapshot epoch `epoch`: histograms keep this interval's extremes apart.
    fn set_epoch(&mut self, epoch: u64) -> Result<(), Error>;
    /// Whether process `pid` still exists (a per-process entry without its exit mark whose
    /// process is gone is deleted).
    fn alive(&self, pid: i32) -> bool;
    /// How `map` is laid out (kind, key size, value size, CPUs), for recording it.
    fn shape(&self, _map: &str) -> Option<(DumpKind, usize, usize, usize)> {
        None
    }
}

/// How a recorded map is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DumpKind {
    Hash,
    Array,
    PerCpu,
    Ring,
}

impl DumpKind {
    fn name(self) -> &'static str {
        match self {
            DumpKind::Hash => "hash",
            DumpKind::Array => "array",
            DumpKind::PerCpu => "percpu",
            DumpKind::Ring => "ring",
        }
    }
}

/// A recorded map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dump {
    pub kind: DumpKind,
    pub cpus: usize,
    pub key_size: usize,
    pub value_size: usize,
    /// (key, value): a per-CPU value holds `cpus` values of `stride(value_size)` bytes.
    pub entries: Vec<(Vec<u8>, Vec<u8>)>,
}

/// The most CPUs, and the largest key and value, a dump may declare (bounds what parsing
/// untrusted text may allocate).
const MAX_CPUS: usize = 8192;
const MAX_SIZE: usize = 1 << 16;
/// The largest whole value of an entry (all CPUs' of a per-CPU map).
const MAX_VALUE: usize = 1 << 22;

impl Dump {
    fn stride(&self) -> usize {
        super::decode::stride(self.value_size)
    }

    /// The length of one entry's whole value.
    fn value_len(&self) -> usize {
        match self.kind {
            DumpKind::PerCpu => self.stride() * self.cpus,
            _ => self.value_size,
        }
    }

    /// The text form (see the module docs).
    pub(crate) fn to_text(&self) -> String {
        let mut out =
            format!("# kind={} cpus={} key={} value={}\n", self.kind.name(), self.cpus, self.key_size, self.value_size);
        for (key, value) in &self.entries {
            if key.is_empty() {
                out.push('-');
            }
            for b in key {
                let _ = write!(out, "{b:02x}");
            }
            let per = match self.kind {
                DumpKind::PerCpu => self.stride(),
                _ => value.len().max(1),
            };
            for (i, chunk) in value.chunks(per).enumerate() {
                out.push_str(if i > 0 { " |" } else { "" });
                words(&mut out, chunk);
            }
            out.push('\n');
        }
        out
    }

    /// Parses the text form.
    pub(crate) fn parse(text: &[u8]) -> Result<Dump, ParseError> {
        let text = std::str::from_utf8(text).map_err(|_| ParseError::malformed("not UTF-8"))?;
        let mut lines = text.lines().enumerate();
        let (_, head) = lines.next().ok_or(ParseError::missing("header"))?;
        let head = head.strip_prefix("# ").ok_or(ParseError::missing("header").at_line(1))?;
        let mut dump = Dump { kind: DumpKind::Hash, cpus: 1, key_size: 0, value_size: 0, entries: Vec::new() };
        for item in head.split_whitespace() {
            let (k, v) = item.split_once('=').ok_or(ParseError::invalid("header").at_line(1))?;
            let n = || v.parse::<usize>().map_err(|_| ParseError::invalid("header").at_line(1));
            match k {
                "kind" => {
                    dump.kind = match v {
                        "hash" => DumpKind::Hash,
                        "array" => DumpKind::Array,
                        "percpu" => DumpKind::PerCpu,
                        "ring" => DumpKind::Ring,
                        _ => return Err(ParseError::invalid("kind").at_line(1)),
                    }
                }
                "cpus" => dump.cpus = n()?,
                "key" => dump.key_size = n()?,
                "value" => dump.value_size = n()?,
                _ => {}
            }
        }
        if dump.cpus == 0
            || dump.cpus > MAX_CPUS
            || dump.key_size > MAX_SIZE
            || dump.value_size > MAX_SIZE
            || dump.value_len() > MAX_VALUE
        {
            return Err(ParseError::invalid("header").at_line(1));
        }
        let parts = if dump.kind == DumpKind::PerCpu { dump.cpus } else { 1 };
        let per = if dump.kind == DumpKind::PerCpu { dump.stride() } else { dump.value_size };
        for (i, line) in lines {
            let at = |e: ParseError| e.at_line(i + 1);
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            let key = if key == "-" { Vec::new() } else { hex(key).ok_or(at(ParseError::invalid("key")))? };
            if key.len() != dump.key_size && !(dump.kind == DumpKind::Ring && key.is_empty()) {
                return Err(at(ParseError::invalid("key")));
            }
            let mut value = Vec::with_capacity(dump.value_len());
            let groups: Vec<&str> = rest.split('|').collect();
            if groups.len() != parts {
                return Err(at(ParseError::invalid("value")));
            }
            for g in groups {
                let start = value.len();
                unwords(g, &mut value, per).ok_or(at(ParseError::invalid("value")))?;
                if value.len() - start != per {
                    return Err(at(ParseError::invalid("value")));
                }
            }
            dump.entries.push((key, value));
        }
        Ok(dump)
    }
}

/// `value` as words: decimal, or `zN` for a run of N zero words.
fn words(out: &mut String, value: &[u8]) {
    let mut zeros = 0usize;
    let flush = |out: &mut String, zeros: &mut usize| {
        match *zeros {
            0 => {}
            1 => out.push_str(" 0"),
            n => {
                let _ = write!(out, " z{n}");
            }
        }
        *zeros = 0;
    };
    for chunk in value.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        let w = u64::from_ne_bytes(w);
        if w == 0 {
            zeros += 1;
        } else {
            flush(out, &mut zeros);
            let _ = write!(out, " {w}");
        }
    }
    flush(out, &mut zeros);
}

/// Words back to at most `len` bytes (a last partial word is cut to fit).
fn unwords(text: &str, out: &mut Vec<u8>, len: usize) -> Option<()> {
    let start = out.len();
    for tok in text.split_whitespace() {
        let (w, n) = match tok.strip_prefix('z') {
            Some(n) => (0u64, n.parse::<usize>().ok()?),
            None => (tok.parse::<u64>().ok()?, 1),
        };
        if n > len.div_ceil(8) || out.len() - start + n * 8 > len.div_ceil(8) * 8 {
            return None;
        }
        for _ in 0..n {
            out.extend_from_slice(&w.to_ne_bytes());
        }
    }
    out.truncate(start + (out.len() - start).min(len));
    Some(())
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 2 * MAX_SIZE {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// A fixture tree's recorded maps for one tracer: `<root>/ebpf/<tracer>/<map>`, read when
/// asked, so a test can swap the tree between two snapshots.
#[derive(Debug)]
pub(crate) struct FixtureMaps {
    src: Source,
    tracer: &'static str,
}

impl FixtureMaps {
    pub(crate) fn new(src: &Source, tracer: &'static str) -> FixtureMaps {
        FixtureMaps { src: src.clone(), tracer }
    }

    fn path(&self, map: &str) -> PathBuf {
        self.src.root_path(format!("/ebpf/{}/{map}", self.tracer).as_bytes())
    }

    fn load(&self, map: &str) -> Result<Dump, Error> {
        let path = self.path(map);
        let mut buf = Vec::new();
        self.src.read_into(&path, &mut buf)?;
        Dump::parse(&buf).map_err(|e| e.in_file(path))
    }
}

impl Maps for FixtureMaps {
    fn entries(&mut self, map: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
        for (k, v) in &self.load(map)?.entries {
            f(k, v);
        }
        Ok(())
    }

    fn array(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        for (k, v) in &self.load(map)?.entries {
            if v.get(..8).is_some_and(|head| head.iter().any(|b| *b != 0)) {
                f(super::decode::u32_at(k, 0).unwrap_or(0), v);
            }
        }
        Ok(())
    }

    fn drain(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
        match self.load(map) {
            Ok(d) => d.entries.iter().for_each(|(_, v)| f(v)),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }

    fn delete(&mut self, _: &str, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }

    fn set_epoch(&mut self, _: u64) -> Result<(), Error> {
        Ok(())
    }

    fn alive(&self, _: i32) -> bool {
        true
    }
}

/// Answers from `inner` and writes every map it read to `dir` (`LIBPROBE_EBPF_RECORD`,
/// for capturing fixture trees; see `tests/fixtures/ebpf-trace/FIXTURE.md`).
#[derive(Debug)]
pub(crate) struct Recording<'m, M: Maps + ?Sized> {
    pub inner: &'m mut M,
    pub dir: PathBuf,
}

impl<M: Maps + ?Sized> Recording<'_, M> {
    fn write(&self, map: &str, dump: &Dump) {
        let _ = std::fs::create_dir_all(&self.dir);
        let _ = std::fs::write(self.dir.join(map), dump.to_text());
    }

    fn dump(&self, map: &str) -> Dump {
        let (kind, key_size, value_size, cpus) = self.inner.shape(map).unwrap_or((DumpKind::Hash, 0, 0, 1));
        Dump { kind, cpus, key_size, value_size, entries: Vec::new() }
    }
}

impl<M: Maps + ?Sized> Maps for Recording<'_, M> {
    fn entries(&mut self, map: &str, f: &mut dyn FnMut(&[u8], &[u8])) -> Result<(), Error> {
        let mut dump = self.dump(map);
        let array = dump.kind != DumpKind::Hash;
        self.inner.entries(map, &mut |k, v| {
            if !array || v.iter().any(|b| *b != 0) {
                dump.entries.push((k.to_vec(), v.to_vec()));
            }
            f(k, v);
        })?;
        self.write(map, &dump);
        Ok(())
    }

    fn array(&mut self, map: &str, f: &mut dyn FnMut(u32, &[u8])) -> Result<(), Error> {
        let mut dump = self.dump(map);
        self.inner.array(map, &mut |i, v| {
            dump.entries.push((i.to_ne_bytes().to_vec(), v.to_vec()));
            f(i, v);
        })?;
        self.write(map, &dump);
        Ok(())
    }

    fn drain(&mut self, map: &str, f: &mut dyn FnMut(&[u8])) -> Result<(), Error> {
        let mut dump = self.dump(map);
        self.inner.drain(map, &mut |v| {
            dump.entries.push((Vec::new(), v.to_vec()));
            f(v);
        })?;
        // A ring has no value size of its own: its records'.
        dump.value_size = dump.entries.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
        self.write(map, &dump);
        Ok(())
    }

    fn delete(&mut self, map: &str, key: &[u8]) -> Result<(), Error> {
        self.inner.delete(map, key)
    }

    fn set_epoch(&mut self, epoch: u64) -> Result<(), Error> {
        self.inner.set_epoch(epoch)
    }

    fn alive(&self, pid: i32) -> bool {
        self.inner.alive(pid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_round_trips() {
        let value: Vec<u8> = [7u64, 0, 0, 0, 9].iter().flat_map(|w| w.to_ne_bytes()).collect();
        let mut two = value.clone();
        two.extend_from_slice(&[0; 40]);
        let d = Dump {
            kind: DumpKind::PerCpu,
            cpus: 2,
            key_size: 4,
            value_size: 40,
            entries: vec![(vec![0x6e, 0, 0, 0], two)],
        };
        let text = d.to_text();
        assert_eq!(text, "# kind=percpu cpus=2 key=4 value=40\n6e000000 7 z3 9 | z5\n");
        assert_eq!(Dump::parse(text.as_bytes()).unwrap(), d);
        let ring =
            Dump { kind: DumpKind::Ring, cpus: 1, key_size: 0, value_size: 8, entries: vec![(vec![], vec![1; 8])] };
        assert_eq!(Dump::parse(ring.to_text().as_bytes()).unwrap(), ring);
    }

    #[test]
    fn bad_dumps_are_errors() {
        for bad in [
            "",
            "kind=hash",
            "# kind=nope",
            "# kind=hash key=4 value=8\n00 1\n",
            "# kind=hash key=4 value=8\n00000000 1 2\n",
            "# kind=hash key=4 value=8\n00000000 z9\n",
            "# kind=percpu cpus=2 key=4 value=8\n00000000 1\n",
            "# kind=hash key=4 value=8\nzz000000 1\n",
            "# kind=hash cpus=0 key=4 value=8\n",
            "# kind=hash key=999999 value=8\n",
        ] {
            assert!(Dump::parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
        // A value shorter than a word is cut to its size.
        let d = Dump::parse(b"# kind=hash key=1 value=4\n01 5\n").unwrap();
        assert_eq!(d.entries[0].1, 5u64.to_ne_bytes()[..4].to_vec());
    }
}
