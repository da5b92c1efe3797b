//! The committed BPF objects match their sources: for every `bpf/*.bpf.c`, its
//! `.bpf.stamp` (written by `make bpf`) records the SHA-256 of the inputs it was built
//! from — the source, every header of the folder in name order, then `build.sh`, which
//! holds the compiler flags — and of the object. A source edited without `make bpf`, or
//! an object that is not the one built, fails here. Needs no clang: hashes only
//! (`sha256sum`, from coreutils).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bpf_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sys/linux/ebpf/bpf")
}

fn sha256(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new("sha256sum").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("sha256sum");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_owned()
}

fn stamp_value(stamp: &str, key: &str) -> Option<String> {
    stamp.lines().find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')).map(str::to_owned))
}

#[test]
fn every_object_matches_its_source_and_stamp() {
    let dir = bpf_dir();
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    let headers: Vec<&String> = names.iter().filter(|n| n.ends_with(".h")).collect();
    let sources: Vec<&String> = names.iter().filter(|n| n.ends_with(".bpf.c")).collect();
    assert!(sources.len() >= 5, "{names:?}");
    let mut stale = Vec::new();
    for src in sources {
        let base = src.trim_end_matches(".c");
        let stamp = std::fs::read_to_string(dir.join(format!("{base}.stamp")))
            .unwrap_or_else(|e| panic!("{base}.stamp: {e}; run `make bpf`"));
        let mut inputs = std::fs::read(dir.join(src)).unwrap();
        for h in &headers {
            inputs.extend(std::fs::read(dir.join(h)).unwrap());
        }
        inputs.extend(std::fs::read(dir.join("build.sh")).unwrap());
        if stamp_value(&stamp, "inputs").as_deref() != Some(sha256(&inputs).as_str()) {
            stale.push(format!("{src} (or a header, or build.sh) changed since {base}.o was built"));
        }
        let object = std::fs::read(dir.join(format!("{base}.o"))).unwrap_or_default();
        if stamp_value(&stamp, "object").as_deref() != Some(sha256(&object).as_str()) {
            stale.push(format!("{base}.o is not the object {base}.stamp records"));
        }
        assert!(stamp_value(&stamp, "flags").is_some_and(|f| f.contains("-target bpf")), "{base}.stamp: no flags");
    }
    assert!(stale.is_empty(), "stale BPF objects; run `make bpf` and commit them:\n  {}", stale.join("\n  "));
}

/// The objects are stripped of DWARF but keep BTF: CO-RE needs `.BTF` and `.BTF.ext`.
#[test]
fn objects_keep_btf_and_no_dwarf() {
    for e in std::fs::read_dir(bpf_dir()).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "o") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        assert!(has(b".BTF.ext\0") && has(b".BTF\0"), "{} has no BTF", path.display());
        assert!(!has(b".debug_info\0"), "{} still has DWARF (llvm-strip -g)", path.display());
    }
}
