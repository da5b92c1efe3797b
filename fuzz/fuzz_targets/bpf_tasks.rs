#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| libprobe::fuzzing::bpf_tasks(data));
