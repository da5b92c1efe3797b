//! `make test` fails — never skips — when a generated file is stale or a tool the check
//! needs (rustfmt, gofmt) is missing.

#[test]
fn every_generated_file_is_fresh() {
    if let Err(e) = libprobe_generate::run(libprobe_generate::Mode::Check) {
        panic!("{e}");
    }
}
