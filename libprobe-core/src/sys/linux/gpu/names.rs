//! Process names for the GPU's processes: the process domain's, when it ran earlier in
//! this snapshot, else `/proc/<pid>/comm` read for that pid (once per snapshot).

use std::collections::HashMap;

use crate::error::ErrorKind;
use crate::model::{Field, Reason};
use crate::process::ProcessFull;
use crate::source::Source;
use crate::text::ByteStr;

#[derive(Debug)]
pub(crate) struct Names<'a> {
    src: Source,
    earlier: &'a [ProcessFull],
    read: HashMap<i32, Field<ByteStr>>,
    /// Unexpected read failures, for the domain's warnings.
    pub(crate) warnings: Vec<String>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(src: &Source, earlier: &'a [ProcessFull]) -> Names<'a> {
        Names { src: src.clone(), earlier, read: HashMap::new(), warnings: Vec::new() }
    }

    /// `pid`'s command name: `not_present` when no such process is visible here (it
    /// exited, or lives in another pid namespace).
    pub(crate) fn get(&mut self, pid: i32) -> Field<ByteStr> {
        // The process domain's list is sorted by pid.
        if let Ok(i) = self.earlier.binary_search_by_key(&pid, |p| p.pid) {
            return Field::Value(self.earlier[i].name.clone());
        }
        if pid <= 0 {
            return Field::Missing(Reason::NotPresent);
        }
        if let Some(f) = self.read.get(&pid) {
            return f.clone();
        }
        let f = match self.src.read_proc(format!("{pid}/comm")) {
            Ok(mut b) => {
                if b.last() == Some(&b'\n') {
                    b.pop();
                }
                Field::Value(ByteStr::new(b))
            }
            Err(e) => match e.kind() {
                ErrorKind::NotFound | ErrorKind::Gone => Field::Missing(Reason::NotPresent),
                ErrorKind::PermissionDenied => Field::Missing(Reason::PermissionDenied),
                _ => {
                    self.warnings.push(e.to_string());
                    Field::Missing(Reason::Error)
                }
            },
        };
        self.read.insert(pid, f.clone());
        f
    }
}
