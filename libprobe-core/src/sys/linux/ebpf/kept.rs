//! A BPF iterator a probe keeps (`iter/task` for the process table, `iter/task_file` for
//! socket owners): not tried yet, loaded and attached, or why it could not be. Loaded once
//! (verification and CO-RE relocation are the costly part), run once per snapshot: one
//! `read` stream. A failure to load is remembered, so `auto` tries once and then stays on
//! `/proc`.

// Without the ebpf feature nothing loads: only the view check and the errors are used.
#![cfg_attr(not(feature = "ebpf"), allow(dead_code))]

use crate::model::Reason;
use crate::source::Source;

/// Why an iterator is not available, or failed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unavailable {
    pub reason: Reason,
    pub message: String,
}

impl Unavailable {
    pub(crate) fn new(reason: Reason, message: impl Into<String>) -> Unavailable {
        Unavailable { reason, message: message.into() }
    }
}

/// One iterator of one probe.
#[derive(Debug, Default)]
pub(crate) enum KeptIter {
    #[default]
    NotTried,
    #[cfg(feature = "ebpf")]
    Loaded(super::loader::KeptIterator),
    Unavailable(Unavailable),
}

impl KeptIter {
    /// The iterator's output, at most `limit` bytes, valid until the next run; `load`
    /// loads it on the first call.
    pub(crate) fn run(
        &mut self,
        limit: usize,
        load: impl FnOnce() -> Result<KeptIter, Unavailable>,
    ) -> Result<&[u8], Unavailable> {
        if matches!(self, KeptIter::NotTried) {
            *self = load().unwrap_or_else(KeptIter::Unavailable);
        }
        match self {
            #[cfg(feature = "ebpf")]
            KeptIter::Loaded(it) => it.run(limit).map_err(|f| Unavailable::new(f.reason, f.message)),
            KeptIter::Unavailable(u) => {
                let _ = limit;
                Err(u.clone())
            }
            KeptIter::NotTried => Err(Unavailable::new(Reason::Error, "the iterator was not loaded")),
        }
    }
}

/// Whether `src` is the host's procfs of this process's own pid namespace (not a fixture,
/// not another machine's `/proc` mounted elsewhere): the tasks an iterator lists.
pub(crate) fn own_procfs(src: &Source) -> Result<(), Unavailable> {
    if !src.procfs_is_procfs() {
        return Err(Unavailable::new(Reason::NotSupported, "the source is not the host's procfs"));
    }
    let me = std::process::id().to_string();
    match src.read_link_proc("self") {
        Ok(link) if link == me.as_bytes() => Ok(()),
        Ok(_) => Err(Unavailable::new(Reason::NotSupported, "the procfs is another pid namespace's")),
        Err(e) => Err(Unavailable::new(e.reason(), e.to_string())),
    }
}

/// Loads and attaches `object` (its one program an `iter/*`, `name` in messages) with
/// `rodata` set, once the capabilities are there.
#[cfg(feature = "ebpf")]
pub(crate) fn load(name: &str, object: &'static [u8], rodata: &[(&str, Vec<u8>)]) -> Result<KeptIter, Unavailable> {
    use super::loader::{KeptIterator, missing_capabilities};
    let missing = missing_capabilities();
    if !missing.is_empty() {
        return Err(Unavailable::new(
            Reason::PermissionDenied,
            format!("the iterator needs {}", missing.join(" and ")),
        ));
    }
    let it =
        KeptIterator::load(object, rodata).map_err(|f| Unavailable::new(f.reason, format!("{name}: {}", f.message)))?;
    Ok(KeptIter::Loaded(it))
}

/// Without the ebpf feature no iterator loads.
#[cfg(not(feature = "ebpf"))]
pub(crate) fn load(name: &str, object: &'static [u8], rodata: &[(&str, Vec<u8>)]) -> Result<KeptIter, Unavailable> {
    let _ = (name, object, rodata);
    Err(Unavailable::new(Reason::NotSupported, "built without the ebpf feature"))
}
