#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| libprobe::fuzzing::lvm2_metadata(data));
