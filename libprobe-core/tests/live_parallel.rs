//! The process table read by several threads is the same table: every process once, in
//! pid order, with the same fields as a read on one thread.

use std::process::{Child, Command, Stdio};

use libprobe::{DomainName, DomainState, Domains, Options, Probe, ProcessOptions};

struct Children(Vec<Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn table(threads: usize) -> libprobe::Snapshot {
    let options = Options {
        domains: Domains::NONE.with(DomainName::Process),
        process: ProcessOptions { threads, fds: true, ..ProcessOptions::default() },
        ..Options::default()
    };
    Probe::new(options).snapshot()
}

#[test]
fn parallel_and_serial_reads_agree() {
    // Enough processes for the automatic choice to use every CPU (up to four).
    let children = Children(
        (0..300)
            .map(|i| {
                Command::new("sleep").arg(format!("{}", 600 + i)).stdout(Stdio::null()).spawn().expect("spawn sleep")
            })
            .collect(),
    );
    let ours: Vec<i32> = children.0.iter().map(|c| c.id() as i32).collect();

    let serial = table(1);
    for threads in [0, 3] {
        let parallel = table(threads);
        let status = parallel.status(DomainName::Process).unwrap();
        assert_eq!(status.state, DomainState::Collected);
        assert!(status.warnings.is_empty(), "{:?}", status.warnings);
        let pids: Vec<i32> = parallel.processes().iter().map(|p| p.pid).collect();
        assert!(pids.windows(2).all(|w| w[0] < w[1]), "threads={threads}: in pid order, each once");
        for (i, pid) in ours.iter().enumerate() {
            let a = serial.process(*pid).expect("serial read sees the child");
            let b = parallel.process(*pid).expect("parallel read sees the child");
            assert_eq!((&a.name, a.ppid, a.start_time), (&b.name, b.ppid, b.start_time), "pid {pid}");
            assert_eq!(a.cmdline, b.cmdline, "pid {pid}");
            let arg = format!("{}", 600 + i);
            assert_eq!(b.cmdline.value().unwrap()[1], arg.as_str());
            assert_eq!((a.num_fds, a.limits.clone(), a.ns_pid), (b.num_fds, b.limits.clone(), b.ns_pid));
            assert_eq!(a.open_files.value().map(Vec::len), b.open_files.value().map(Vec::len), "pid {pid}");
        }
    }
}
