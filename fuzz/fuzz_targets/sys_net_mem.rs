#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| libprobe::fuzzing::sys_net_mem(data));
