#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| libprobe::fuzzing::btrfs_ioctl(data));
