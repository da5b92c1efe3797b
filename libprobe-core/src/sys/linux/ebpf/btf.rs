//! Just enough of the kernel's BTF (`/sys/kernel/btf/vmlinux`) to name the values of an
//! enum (the drop reasons of `enum skb_drop_reason`) and count a tracepoint's arguments,
//! read at run time from the running kernel rather than hard-coded. Any bytes: `None` or a
//! partial answer, never a panic.

/// A type's kind (`BTF_KIND_*`).
const INT: u32 = 1;
const ARRAY: u32 = 3;
const STRUCT: u32 = 4;
const UNION: u32 = 5;
const ENUM: u32 = 6;
const TYPEDEF: u32 = 8;
const PTR: u32 = 2;
const FUNC_PROTO: u32 = 13;
const VAR: u32 = 14;
const DATASEC: u32 = 15;
const DECL_TAG: u32 = 17;
const ENUM64: u32 = 19;

/// One type: its name offset, kind, `vlen`, `size`/`type` word and trailing data.
#[derive(Debug, Clone, Copy)]
struct Type<'a> {
    name: u32,
    kind: u32,
    vlen: usize,
    size_or_type: u32,
    data: &'a [u8],
}

/// A parsed BTF blob: its types (id 1 first) and its string section.
#[derive(Debug)]
pub(crate) struct Btf<'a> {
    types: Vec<Type<'a>>,
    strings: &'a [u8],
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

impl<'a> Btf<'a> {
    /// The types of `raw` (native byte order, as the kernel exports it); `None` when its
    /// header is not BTF's. Types after one that does not parse are left out.
    pub(crate) fn parse(raw: &'a [u8]) -> Option<Btf<'a>> {
        if u16_at(raw, 0)? != 0xeb9f {
            return None;
        }
        let hdr = u32_at(raw, 4)? as usize;
        let section = |off: usize, len: usize| {
            let start = hdr.checked_add(u32_at(raw, off)? as usize)?;
            raw.get(start..start.checked_add(u32_at(raw, len)? as usize)?)
        };
        let mut t = section(8, 12)?;
        let strings = section(16, 20)?;
        let mut types = Vec::new();
        while t.len() >= 12 {
            let info = u32_at(t, 4)?;
            let (kind, vlen) = ((info >> 24) & 0x1f, (info & 0xffff) as usize);
            let extra = match kind {
                INT | VAR | DECL_TAG => 4,
                ARRAY => 12,
                STRUCT | UNION | DATASEC | ENUM64 => 12 * vlen,
                ENUM | FUNC_PROTO => 8 * vlen,
                0..=19 => 0,
                _ => break,
            };
            let Some(data) = t.get(12..12 + extra) else { break };
            types.push(Type { name: u32_at(t, 0)?, kind, vlen, size_or_type: u32_at(t, 8)?, data });
            t = &t[12 + extra..];
        }
        Some(Btf { types, strings })
    }

    fn name(&self, off: u32) -> Option<&'a [u8]> {
        let s = self.strings.get(off as usize..)?;
        Some(&s[..s.iter().position(|b| *b == 0)?])
    }

    fn find(&self, kind: u32, name: &str) -> Option<&Type<'a>> {
        self.types.iter().find(|t| t.kind == kind && self.name(t.name) == Some(name.as_bytes()))
    }

    fn by_id(&self, id: u32) -> Option<&Type<'a>> {
        self.types.get((id as usize).checked_sub(1)?)
    }

    /// The values of enum `name` (32- or 64-bit), as (value, name), in the BTF's order;
    /// values that do not fit a `u32` are left out.
    pub(crate) fn enum_values(&self, name: &str) -> Option<Vec<(u32, String)>> {
        let (t, stride) = match self.find(ENUM, name) {
            Some(t) => (t, 8),
            None => (self.find(ENUM64, name)?, 12),
        };
        let mut out = Vec::with_capacity(t.vlen);
        for m in t.data.chunks_exact(stride) {
            let n = self.name(u32_at(m, 0)?).and_then(|n| std::str::from_utf8(n).ok());
            let lo = u32_at(m, 4)?;
            let hi = if stride == 12 { u32_at(m, 8)? } else { 0 };
            if let (Some(n), 0) = (n, hi) {
                out.push((lo, n.to_owned()));
            }
        }
        Some(out)
    }

    /// How many arguments the BTF-typed tracepoint `event` passes its programs (the
    /// prototype of its `btf_trace_<event>` typedef, less the context pointer).
    pub(crate) fn tracepoint_args(&self, event: &str) -> Option<usize> {
        let td = self.find(TYPEDEF, &format!("btf_trace_{event}"))?;
        let ptr = self.by_id(td.size_or_type).filter(|t| t.kind == PTR)?;
        let proto = self.by_id(ptr.size_or_type).filter(|t| t.kind == FUNC_PROTO)?;
        proto.vlen.checked_sub(1)
    }
}

/// The running kernel's BTF under `sysfs` (the whole file), or `None`.
pub(crate) fn vmlinux(sysfs_path: &std::path::Path) -> Option<Vec<u8>> {
    std::fs::read(sysfs_path).ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A BTF blob with an int, enum `name` of `values`, and a tracepoint typedef of `args`
    /// arguments (`btf_trace_ev`).
    pub(crate) fn blob(name: &str, values: &[(u32, &str)], args: usize) -> Vec<u8> {
        let mut strings = vec![0u8];
        let mut add = |s: &str| {
            let off = strings.len() as u32;
            strings.extend_from_slice(s.as_bytes());
            strings.push(0);
            off
        };
        let mut types: Vec<u8> = Vec::new();
        let ty = |types: &mut Vec<u8>, name: u32, kind: u32, vlen: u32, word: u32| {
            for w in [name, (kind << 24) | vlen, word] {
                types.extend_from_slice(&w.to_ne_bytes());
            }
        };
        // 1: int
        let int = add("int");
        ty(&mut types, int, INT, 0, 4);
        types.extend_from_slice(&0x20u32.to_ne_bytes());
        // 2: the enum
        let en = add(name);
        let members: Vec<(u32, u32)> = values.iter().map(|(v, n)| (add(n), *v)).collect();
        ty(&mut types, en, ENUM, members.len() as u32, 4);
        for (n, v) in members {
            types.extend_from_slice(&n.to_ne_bytes());
            types.extend_from_slice(&v.to_ne_bytes());
        }
        // 3: func proto (ctx + args ints), 4: ptr to 3, 5: typedef btf_trace_ev → 4
        ty(&mut types, 0, FUNC_PROTO, args as u32 + 1, 0);
        for _ in 0..=args {
            types.extend_from_slice(&0u32.to_ne_bytes());
            types.extend_from_slice(&1u32.to_ne_bytes());
        }
        ty(&mut types, 0, PTR, 0, 3);
        let td = add("btf_trace_ev");
        ty(&mut types, td, TYPEDEF, 0, 4);
        let mut out = Vec::new();
        out.extend_from_slice(&0xeb9fu16.to_ne_bytes());
        out.extend_from_slice(&[1, 0]);
        for w in [24u32, 0, types.len() as u32, types.len() as u32, strings.len() as u32] {
            out.extend_from_slice(&w.to_ne_bytes());
        }
        out.extend_from_slice(&types);
        out.extend_from_slice(&strings);
        out
    }

    #[test]
    fn enum_and_tracepoint() {
        let b = blob("skb_drop_reason", &[(0, "SKB_NOT_DROPPED_YET"), (3, "SKB_DROP_REASON_NO_SOCKET")], 3);
        let btf = Btf::parse(&b).unwrap();
        assert_eq!(
            btf.enum_values("skb_drop_reason").unwrap(),
            vec![(0, "SKB_NOT_DROPPED_YET".to_owned()), (3, "SKB_DROP_REASON_NO_SOCKET".to_owned())]
        );
        assert_eq!(btf.enum_values("nope"), None);
        assert_eq!(btf.tracepoint_args("ev"), Some(3));
        assert_eq!(btf.tracepoint_args("other"), None);
        assert!(Btf::parse(&b[..10]).is_none());
        for cut in 0..b.len() {
            let _ = Btf::parse(&b[..cut]).map(|t| (t.enum_values("skb_drop_reason"), t.tracepoint_args("ev")));
        }
    }

    #[test]
    fn the_running_kernel() {
        let Some(raw) = vmlinux(std::path::Path::new("/sys/kernel/btf/vmlinux")) else { return };
        let btf = Btf::parse(&raw).unwrap();
        let reasons = btf.enum_values("skb_drop_reason").unwrap_or_default();
        if !reasons.is_empty() {
            assert!(reasons.iter().any(|(v, n)| *v == 3 && n == "SKB_DROP_REASON_NO_SOCKET"), "{reasons:?}");
        }
        if let Some(n) = btf.tracepoint_args("tcp_retransmit_skb") {
            assert!((2..=3).contains(&n), "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes(raw in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut b = blob("e", &[(1, "A")], 1);
            let n = raw.len().min(b.len());
            b[24..].iter_mut().zip(&raw[..n.saturating_sub(24).min(raw.len())]).for_each(|(x, y)| *x ^= y);
            if let Some(t) = Btf::parse(&b) {
                let _ = (t.enum_values("e"), t.tracepoint_args("ev"));
            }
            if let Some(t) = Btf::parse(&raw) {
                let _ = (t.enum_values("e"), t.tracepoint_args("ev"));
            }
        }
    }
}
