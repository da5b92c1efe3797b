#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| libprobe::fuzzing::ebpf_tables(data));
