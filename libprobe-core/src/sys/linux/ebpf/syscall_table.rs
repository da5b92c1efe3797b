//! The running kernel's syscall names by number.
//!
//! Live: `bpf/syscall_table.bpf.c` finds the kernel's own table of syscall entry points in
//! its read-only data and prints it (`<number> <address>` per line); each address is named
//! from `/proc/kallsyms` (`ffffffff816d9020 T __x64_sys_read`: `read`). The entry point of
//! an unimplemented number (`__x64_sys_ni_syscall`) gives no name. Nothing here knows a
//! syscall number. Reading kallsyms addresses needs `kptr_restrict` 0, or 1 with
//! CAP_SYSLOG; without them the names are `syscall_<number>`.
//!
//! The result, and a fixture tree's `ebpf/syscall_table`, is the text
//!
//! ```text
//! 0 read
//! 110 getppid
//! ```
//!
//! one line per named number. The names are the kernel's (`newstat` is the C library's
//! `stat`).

use crate::error::ParseError;

/// The highest syscall number accepted (x86-64 uses < 512; x32 numbers have bit 30 set
/// and are not in this table).
pub(crate) const MAX_NR: u32 = 4095;

/// Names by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SyscallTable {
    names: Vec<Option<String>>,
}

impl SyscallTable {
    /// The name of syscall `nr`, or `syscall_<nr>` when the kernel gave it none.
    pub(crate) fn name(&self, nr: usize) -> String {
        match self.names.get(nr) {
            Some(Some(n)) => n.clone(),
            _ => format!("syscall_{nr}"),
        }
    }

    /// One more than the highest number named (the size the per-number map needs).
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The text form (see the module docs).
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        for (nr, name) in self.names.iter().enumerate() {
            if let Some(n) = name {
                out.push_str(&format!("{nr} {n}\n"));
            }
        }
        out
    }
}

/// The prefix of the syscall entry points' symbols on this architecture.
pub(crate) const ENTRY_PREFIX: &str = if cfg!(target_arch = "x86_64") {
    "__x64_sys_"
} else if cfg!(target_arch = "aarch64") {
    "__arm64_sys_"
} else if cfg!(target_arch = "riscv64") {
    "__riscv_sys_"
} else if cfg!(target_arch = "s390x") {
    "__s390x_sys_"
} else {
    "sys_"
};

/// What the scan needs from `/proc/kallsyms`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Kallsyms {
    /// Every syscall entry point: (address, name without the prefix).
    pub entries: Vec<(u64, String)>,
    /// The kernel's read-only data: `__start_rodata` up to `__start_ro_after_init` (or
    /// `__end_rodata`).
    pub rodata: Option<(u64, u64)>,
}

/// Reads `/proc/kallsyms` lines (`<address> <type> <name> [module]`) for the entry points
/// with `prefix` and the read-only data's bounds. Addresses of 0 (hidden by
/// `kptr_restrict`) are an error.
pub(crate) fn parse_kallsyms(text: &[u8], prefix: &str) -> Result<Kallsyms, ParseError> {
    let mut k = Kallsyms::default();
    let (mut start, mut end) = (None, None);
    let mut hidden = true;
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        let mut f = line.split(|b| *b == b' ' || *b == b'\t').filter(|f| !f.is_empty());
        let (Some(addr), Some(_), Some(name)) = (f.next(), f.next(), f.next()) else { continue };
        if f.next().is_some() {
            continue; // a module's symbol
        }
        let addr = std::str::from_utf8(addr)
            .ok()
            .and_then(|a| u64::from_str_radix(a, 16).ok())
            .ok_or(ParseError::invalid("address").at_line(i + 1))?;
        hidden &= addr == 0;
        match name {
            b"__start_rodata" => start = Some(addr),
            b"__start_ro_after_init" | b"__end_rodata" => end = end.map_or(Some(addr), |e: u64| Some(e.min(addr))),
            n => {
                if let Some(rest) = n.strip_prefix(prefix.as_bytes())
                    && let Ok(rest) = std::str::from_utf8(rest)
                    && !rest.is_empty()
                    && k.entries.len() < 8192
                {
                    k.entries.push((addr, rest.to_owned()));
                }
            }
        }
    }
    if hidden && !text.is_empty() {
        return Err(ParseError::malformed("every address is 0 (kptr_restrict hides them)"));
    }
    k.rodata = start.zip(end).filter(|(s, e)| s < e);
    Ok(k)
}

/// The table from the scan's output (`<number> <address hex>` lines), named by `kallsyms`.
pub(crate) fn name_table(text: &[u8], kallsyms: &Kallsyms) -> Result<SyscallTable, ParseError> {
    let by_addr: std::collections::HashMap<u64, &str> =
        kallsyms.entries.iter().map(|(a, n)| (*a, n.as_str())).collect();
    let text = std::str::from_utf8(text).map_err(|_| ParseError::malformed("not UTF-8"))?;
    let mut names: Vec<Option<String>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let (nr, addr) = line.trim().split_once(' ').ok_or(ParseError::missing("address").at_line(i + 1))?;
        let nr: u32 = nr.parse().map_err(|_| ParseError::invalid("number").at_line(i + 1))?;
        let addr = u64::from_str_radix(addr, 16).map_err(|_| ParseError::invalid("address").at_line(i + 1))?;
        if nr > MAX_NR {
            return Err(ParseError::invalid("number").at_line(i + 1));
        }
        let nr = nr as usize;
        if names.len() <= nr {
            names.resize(nr + 1, None);
        }
        names[nr] = by_addr.get(&addr).filter(|n| **n != "ni_syscall").map(|n| (*n).to_owned());
    }
    Ok(SyscallTable { names })
}

pub(crate) fn parse(text: &[u8]) -> Result<SyscallTable, ParseError> {
    let text = std::str::from_utf8(text).map_err(|_| ParseError::malformed("not UTF-8"))?;
    let mut names: Vec<Option<String>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (nr, name) = line.split_once(' ').ok_or(ParseError::missing("name").at_line(i + 1))?;
        let nr: u32 = nr.parse().map_err(|_| ParseError::invalid("number").at_line(i + 1))?;
        if nr > MAX_NR {
            return Err(ParseError::invalid("number").at_line(i + 1));
        }
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(ParseError::invalid("name").at_line(i + 1));
        }
        let nr = nr as usize;
        if names.len() <= nr {
            names.resize(nr + 1, None);
        }
        // The first name a number is given wins (a kernel gives each number one).
        names[nr].get_or_insert_with(|| name.to_owned());
    }
    Ok(SyscallTable { names })
}

/// Reads the running kernel's table (see the module docs): the table, and its text.
#[cfg(feature = "ebpf")]
pub(crate) fn read_live(src: &crate::source::Source) -> Result<(SyscallTable, String), String> {
    static OBJECT: &[u8] = include_bytes!("bpf/syscall_table.bpf.o");
    const CHUNK: u64 = 512;
    let text = src.read_proc("kallsyms").map_err(|e| e.to_string())?;
    let k = parse_kallsyms(&text, ENTRY_PREFIX).map_err(|e| e.in_file(src.proc_path("kallsyms")).to_string())?;
    let (start, end) = k.rodata.ok_or("/proc/kallsyms has no __start_rodata or no end of it")?;
    if k.entries.is_empty() {
        return Err(format!("/proc/kallsyms has no {ENTRY_PREFIX}* entry points"));
    }
    let lo = k.entries.iter().map(|e| e.0).min().unwrap_or(0);
    let hi = k.entries.iter().map(|e| e.0).max().unwrap_or(0);
    // 64 MiB at most: far beyond any kernel's read-only data.
    let chunks = (end - start).min(64 << 20).div_ceil(CHUNK);
    let rodata = vec![
        ("scan_start", start.to_ne_bytes().to_vec()),
        ("scan_chunks", chunks.to_ne_bytes().to_vec()),
        ("entry_min", lo.to_ne_bytes().to_vec()),
        ("entry_max", hi.to_ne_bytes().to_vec()),
    ];
    let fill: Vec<(Vec<u8>, Vec<u8>)> =
        k.entries.iter().map(|(a, _)| (a.to_ne_bytes().to_vec(), 1u32.to_ne_bytes().to_vec())).collect();
    let out = super::loader::run_iterator(OBJECT, &rodata, ("entry_points", &fill), 1 << 20).map_err(|f| f.message)?;
    let table = name_table(&out, &k).map_err(|e| format!("the table the scan printed does not parse: {e}"))?;
    if table.names.iter().flatten().count() < 16 {
        return Err(format!("the scan found no syscall table ({} entries)", table.len()));
    }
    let text = table.to_text();
    Ok((table, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_number() {
        let t = parse(b"0 read\n110 getppid\n4 newstat\n\n").unwrap();
        assert_eq!(t.name(110), "getppid");
        assert_eq!(t.name(4), "newstat");
        assert_eq!(t.name(3), "syscall_3");
        assert_eq!(t.name(5000), "syscall_5000");
        assert_eq!(t.len(), 111);
        assert_eq!(parse(t.to_text().as_bytes()).unwrap(), t);
    }

    #[test]
    fn kallsyms_and_the_scan() {
        let k = parse_kallsyms(
            b"ffffffff81000000 T _stext\nffffffff816d9020 T __x64_sys_read\nffffffff816d9180 t __x64_sys_write\n\
              ffffffff81312750 T __x64_sys_ni_syscall\nffffffff82400000 D __start_rodata\n\
              ffffffff82860620 D __start_ro_after_init\nffffffffc0000000 t __x64_sys_mod\t[kvm]\nbad\n",
            "__x64_sys_",
        )
        .unwrap();
        assert_eq!(k.entries.len(), 3);
        assert_eq!(k.rodata, Some((0xffffffff82400000, 0xffffffff82860620)));
        let t = name_table(b"0 ffffffff816d9020\n1 ffffffff816d9180\n2 ffffffff81312750\n", &k).unwrap();
        assert_eq!((t.name(0), t.name(1), t.name(2)), ("read".into(), "write".into(), "syscall_2".into()));
        assert!(parse_kallsyms(b"0000000000000000 T __x64_sys_read\n", "__x64_sys_").is_err());
        assert!(parse_kallsyms(b"zz T x\n", "__x64_sys_").is_err());
        assert!(name_table(b"1\n", &k).is_err());
        assert!(name_table(b"9999 ffff\n", &k).is_err());
    }

    #[test]
    fn bad_lines() {
        assert_eq!(parse(b"x sys_read\n").unwrap_err().line(), Some(1));
        assert!(parse(b"0\n").is_err());
        assert!(parse(b"5000 sys_x\n").is_err());
        assert!(parse(b"1 \n").is_err());
        assert!(parse(b"1 a b\n").is_err());
        assert!(parse(b"\xff\n").is_err());
    }
}

/// Live: the running kernel's table (as root; otherwise skipped).
#[cfg(all(test, feature = "ebpf"))]
mod live {
    #[test]
    fn the_running_kernel_names_its_syscalls() {
        if !super::super::loader::missing_capabilities().is_empty() {
            eprintln!("SKIPPED the_running_kernel_names_its_syscalls: needs CAP_BPF and CAP_PERFMON");
            return;
        }
        let (t, text) = match super::read_live(&crate::source::Source::host()) {
            Ok(x) => x,
            Err(f) => panic!("{f:?}"),
        };
        assert!(t.len() > 300, "{} names: {text}", t.len());
        #[cfg(target_arch = "x86_64")]
        {
            assert_eq!(t.name(110), "getppid");
            assert_eq!(t.name(0), "read");
            assert_eq!(t.name(231), "exit_group");
        }
    }
}
