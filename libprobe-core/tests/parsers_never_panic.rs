//! Every kernel-file parser, fed arbitrary bytes, kernel-like text and mutated real
//! samples: none may panic (overflow included: tests build with overflow checks), and
//! each keeps the invariant its `libprobe::fuzzing` entry point checks. The committed fuzz
//! corpus (`fuzz/corpus/<target>/`) is replayed through every parser.
//!
//! This is the stable-toolchain floor under the nightly cargo-fuzz targets of `fuzz/`,
//! which call the same entry points. The parsers are Linux's: other builds have none.
#![cfg(linux_kernel)]

use std::path::{Path, PathBuf};

use libprobe::fuzzing::TARGETS;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus")
}

/// The files of a directory, sorted by name.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let data = std::fs::read(&p).unwrap();
            (p, data)
        })
        .collect();
    out.sort();
    out
}

/// Runs `strategy`'s default number of cases through every target.
fn every_target<S>(strategy: impl Fn(&str) -> S)
where
    S: Strategy<Value = Vec<u8>>,
{
    for &(name, parse) in TARGETS {
        let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
        if let Err(e) = runner.run(&strategy(name), |data| {
            parse(&data);
            Ok(())
        }) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn arbitrary_bytes() {
    every_target(|_| prop::collection::vec(any::<u8>(), 0..512));
}

/// Bytes drawn mostly from what kernel files are made of, so the parsers get past their
/// first token more often than with uniform bytes.
#[test]
fn kernel_like_text() {
    let byte = prop_oneof![
        4 => prop::sample::select(b"0123456789".to_vec()),
        2 => prop::sample::select(b" \t\n:()-=,/[]".to_vec()),
        1 => prop::sample::select(b"abcdefxkBmaxsomefullavgtotalcpuMHz".to_vec()),
        1 => any::<u8>(),
    ];
    every_target(move |_| prop::collection::vec(byte.clone(), 0..256));
}

/// One edit of a sample: overwrite, insert, delete a run, or cut the rest.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that change a kernel file's structure more than a random one does.
    let byte = prop_oneof![any::<u8>(), prop::sample::select(b"\n \t:()-=,0189\xff\0".to_vec())];
    prop_oneof![
        4 => (any::<usize>(), byte.clone()).prop_map(|(i, b)| Edit::Set(i, b)),
        2 => (any::<usize>(), byte).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => (any::<usize>(), 1..64usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut data: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = data.len();
        match *e {
            Edit::Set(i, b) if len > 0 => data[i % len] = b,
            Edit::Insert(i, b) => data.insert(i % (len + 1), b),
            Edit::Delete(i, n) if len > 0 => {
                let at = i % len;
                data.drain(at..(at + n).min(len));
            }
            Edit::Truncate(i) => data.truncate(i % (len + 1)),
            _ => {}
        }
    }
    data
}

/// Real samples (the seed corpus: fixture files and files of a live machine), each with
/// a few edits.
#[test]
fn mutated_real_samples() {
    every_target(|name| {
        let samples: Vec<Vec<u8>> = files(&corpus().join(name)).into_iter().map(|(_, d)| d).collect();
        assert!(!samples.is_empty(), "{name} has no seed corpus");
        (prop::sample::select(samples), prop::collection::vec(edit(), 1..8)).prop_map(|(s, e)| apply(s, &e))
    });
}

/// Each committed corpus file through every parser, not only its own: a `status` is
/// garbage to the `maps` parser, which must say so without panicking.
#[test]
fn committed_corpus_through_every_parser() {
    let mut dirs: Vec<String> =
        std::fs::read_dir(corpus()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    dirs.sort();
    let mut names: Vec<String> = TARGETS.iter().map(|(n, _)| n.to_string()).collect();
    names.sort();
    assert_eq!(dirs, names, "one corpus directory per fuzz target");
    for dir in &dirs {
        for (path, data) in files(&corpus().join(dir)) {
            for &(name, parse) in TARGETS {
                if std::panic::catch_unwind(|| parse(&data)).is_err() {
                    panic!("{name} panicked on {}", path.display());
                }
            }
        }
    }
}
