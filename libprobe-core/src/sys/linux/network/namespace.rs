//! The network domain's entry: which namespace to read, and entering another one from a
//! scoped thread so that the caller's threads never move.

use crate::domain::Cx;
use crate::error::{Error, ErrorKind};
use crate::model::{Domain, Field, Reason, Warnings};
use crate::network::{NetNamespaceTarget, Network, NetworkOptions};
use crate::sys::imp::procfs::pid_ns;

use super::{Collector, State};

/// Collects the namespace `opts` names. When the process domain of this snapshot read every
/// process's descriptors, its sockets give the owners.
pub(crate) fn collect(cx: &mut Cx<'_>, opts: &NetworkOptions, state: &mut State) -> Domain<Network> {
    let out = collect_namespace(cx, opts, state);
    // Socket tables that fell below half their peak (a burst of connections ended) leave
    // the malloc arenas holding the peak's memory, free but resident: it is given back
    // once, here. A namespace that could not be read leaves the peak as it was.
    if let Domain::Collected(n) = &out {
        state.shrink.release_if_fell(super::socket_count(n), super::SHRINK_MIN_SOCKETS);
    }
    out
}

fn collect_namespace(cx: &mut Cx<'_>, opts: &NetworkOptions, state: &mut State) -> Domain<Network> {
    let src = cx.src();
    let pool = cx.pool();
    let process = &cx.options().process;
    let procs = (process.fds && process.pids.is_none()).then(|| cx.earlier().processes.value()).flatten();
    let procs = procs.map(Vec::as_slice);
    let fd_dir_size_is_count = cx.kernel_at_least(6, 2) && src.procfs_is_procfs();
    let w = cx.warnings();
    let (target, ns_file) = match &opts.netns {
        NetNamespaceTarget::Own => {
            return Domain::Collected(Collector::new(src, opts, "net", "self", fd_dir_size_is_count, pool).run(
                procs,
                &mut state.owners_iter,
                w,
            ));
        }
        NetNamespaceTarget::Pid(pid) => (format!("pid {pid}"), src.proc_path(format!("{pid}/ns/net"))),
        NetNamespaceTarget::Path(p) => (p.display().to_string(), p.clone()),
    };
    if src.is_fixture() {
        return Domain::Failed(
            Error::new(ErrorKind::Unsupported, "a fixture tree holds only its own network namespace")
                .with_path(ns_file),
        );
    }
    // Not blocking on a FIFO, and refusing what is not a namespace file.
    let ns = match crate::sys::imp::fs::open_namespace(&ns_file) {
        Ok(f) => f,
        Err(e) => return Domain::Failed(Error::io(&ns_file, &e)),
    };
    let run = || -> Result<Network, Error> {
        enter_namespace(&ns).map_err(|e| Error::io(&ns_file, &e))?;
        Ok(Collector::new(src, opts, "thread-self/net", &target, fd_dir_size_is_count, pool).run(
            procs,
            &mut state.owners_iter,
            w,
        ))
    };
    let joined = state.netns.scope(|s| {
        s.spawn(run).join().unwrap_or_else(|_| Err(Error::new(ErrorKind::Io, "the namespace thread panicked")))
    });
    Domain::from(joined)
}

/// Moves the calling thread into the network namespace of `ns` (an open `ns/net` file).
fn enter_namespace(ns: &std::os::fd::OwnedFd) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: `ns` is an open descriptor; setns changes only this thread's namespace.
    let rc = unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) };
    if rc < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
}

impl Collector<'_> {
    /// The inode of the namespace being read (`ns/net` of this process, or of this thread
    /// inside another namespace).
    pub(super) fn namespace_inode(&self, w: &mut Warnings) -> Field<u64> {
        let src = self.src;
        let ns_link = if self.own_namespace { "self/ns/net" } else { "thread-self/ns/net" };
        match src.read_link_proc(ns_link) {
            Ok(link) => match pid_ns::inode(&link) {
                Ok(i) => Field::Value(i),
                Err(e) => {
                    w.push(e.in_file(src.proc_path(ns_link)));
                    Field::Missing(Reason::Error)
                }
            },
            Err(e) => Field::Missing(w.reason(e)),
        }
    }
}
