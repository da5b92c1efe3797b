fn main() {
    let mut opts = libprobe::Options::default();
    opts.process.fds = true;
    opts.process.smaps_rollup = true;
    opts.process.taskstats = true;
    opts.process.pids = Some(vec![std::process::id() as i32, 1, 2]);
    let mut p = libprobe::Probe::new(opts);
    let s = p.snapshot();
    println!("{}", s.to_json_pretty());
}
