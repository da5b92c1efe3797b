//! Handles: generation-checked tokens, not addresses.
//!
//! A `libprobe_probe *` that C holds is a token: a type tag, a slot index and the slot's
//! generation, packed in a pointer-sized value that points at nothing. Every call looks
//! the token up in its type's registry, so a freed handle, a handle freed twice, a
//! handle of another type or a made-up value is `LIBPROBE_STATUS_INVALID_HANDLE`, never
//! a use-after-free. The registry holds an `Arc` of each object: a call clones it under a
//! short lock and works without the lock, so a handle freed by one thread while another
//! thread is inside a call on it stays alive until that call returns.

use std::sync::{Arc, Mutex};

use crate::status::{
    ErrorLog, Failure, LIBPROBE_STATUS_INVALID_HANDLE, LIBPROBE_STATUS_NULL_ARGUMENT, LIBPROBE_STATUS_PANIC,
    LIBPROBE_STATUS_POISONED, Outcome, panic_message,
};

/// A registry of live handles of one type.
#[derive(Debug)]
pub(crate) struct Registry<T> {
    tag: usize,
    name: &'static str,
    slots: Mutex<Slots<T>>,
}

#[derive(Debug)]
struct Slots<T> {
    entries: Vec<Slot<T>>,
    free: Vec<usize>,
}

#[derive(Debug)]
struct Slot<T> {
    generation: u32,
    value: Option<Arc<T>>,
}

const TAG_BITS: u32 = 2;
const INDEX_BITS: u32 = 30;

impl<T> Registry<T> {
    /// `tag` (1–3) tells the handle types apart inside a token.
    pub const fn new(tag: usize, name: &'static str) -> Registry<T> {
        Registry { tag, name, slots: Mutex::new(Slots { entries: Vec::new(), free: Vec::new() }) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Slots<T>> {
        // Nothing panics while the lock is held; recover the data if something did.
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers `value` and returns its token.
    pub fn insert(&self, value: T) -> Outcome<usize> {
        let mut slots = self.lock();
        let index = match slots.free.pop() {
            Some(i) => i,
            None => {
                if slots.entries.len() >= (1 << INDEX_BITS) - 1 {
                    return Err(Failure::invalid("too many live handles"));
                }
                slots.entries.push(Slot { generation: 1, value: None });
                slots.entries.len() - 1
            }
        };
        let slot = &mut slots.entries[index];
        slot.value = Some(Arc::new(value));
        Ok(((slot.generation as usize) << (TAG_BITS + INDEX_BITS)) | (index << TAG_BITS) | self.tag)
    }

    fn decode(&self, token: usize) -> Option<(usize, u32)> {
        if token & ((1 << TAG_BITS) - 1) != self.tag {
            return None;
        }
        let index = (token >> TAG_BITS) & ((1 << INDEX_BITS) - 1);
        let generation = u32::try_from(token >> (TAG_BITS + INDEX_BITS)).ok()?;
        Some((index, generation))
    }

    /// The object behind `token`: NULL → `NULL_ARGUMENT`, anything not live →
    /// `INVALID_HANDLE`.
    pub fn get(&self, token: usize) -> Outcome<Arc<T>> {
        if token == 0 {
            return Err(Failure::new(LIBPROBE_STATUS_NULL_ARGUMENT, format!("the {} handle is NULL", self.name)));
        }
        let invalid = || {
            Failure::new(
                LIBPROBE_STATUS_INVALID_HANDLE,
                format!("not a live {} handle (freed, never created, or of another type)", self.name),
            )
        };
        let (index, generation) = self.decode(token).ok_or_else(invalid)?;
        let slots = self.lock();
        match slots.entries.get(index) {
            Some(Slot { generation: g, value: Some(v) }) if *g == generation => Ok(Arc::clone(v)),
            _ => Err(invalid()),
        }
    }

    /// Removes the handle; the object is dropped once no call is using it. Returns false
    /// for NULL, a freed or an unknown handle.
    pub fn remove(&self, token: usize) -> bool {
        let Some((index, generation)) = self.decode(token) else { return false };
        let removed = {
            let mut slots = self.lock();
            let Some(slot) = slots.entries.get_mut(index) else { return false };
            if slot.generation != generation || slot.value.is_none() {
                return false;
            }
            let value = slot.value.take();
            // Generations stay below 2^32 and never 0, so no token is ever 0.
            slot.generation = slot.generation.checked_add(1).unwrap_or(1);
            slots.free.push(index);
            value
        };
        // Dropped outside the lock: freeing a large snapshot takes a while.
        drop(removed);
        true
    }
}

/// A handle's object behind its lock, with the log of its failed calls.
#[derive(Debug)]
pub(crate) struct Guarded<T> {
    state: Mutex<T>,
    pub log: ErrorLog,
}

impl<T> Guarded<T> {
    pub fn new(value: T) -> Guarded<T> {
        Guarded { state: Mutex::new(value), log: ErrorLog::default() }
    }

    /// Runs `body` on the object, one call at a time. A failure's message goes to the
    /// handle's log; a panic poisons the handle (later calls get `POISONED`).
    pub fn with<R>(&self, body: impl FnOnce(&mut T) -> Outcome<R>) -> Outcome<R> {
        let result = match self.state.lock() {
            Err(_) => {
                Err(Failure::new(LIBPROBE_STATUS_POISONED, "a panic in an earlier call left this handle unusable"))
            }
            Ok(mut guard) => {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&mut guard))) {
                    Ok(r) => r,
                    Err(payload) => {
                        // Poison the lock on purpose: the state may be half-updated.
                        let message = panic_message(payload.as_ref());
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                            let _guard = guard;
                            std::panic::resume_unwind(payload)
                        }));
                        Err(Failure::new(LIBPROBE_STATUS_PANIC, message))
                    }
                }
            }
        };
        if let Err(f) = &result {
            self.log.record(&f.message);
        }
        result
    }

    /// Records a failure that happened outside `with` (an invalid argument checked first).
    pub fn fail<R>(&self, failure: Failure) -> Outcome<R> {
        self.log.record(&failure.message);
        Err(failure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_double_and_foreign_tokens_are_rejected() {
        let reg: Registry<u32> = Registry::new(1, "test");
        let other: Registry<u32> = Registry::new(2, "other");
        let a = reg.insert(7).unwrap();
        assert_eq!(*reg.get(a).unwrap(), 7);
        assert!(other.get(a).is_err());
        assert!(reg.remove(a));
        assert!(!reg.remove(a), "double free is refused");
        assert_eq!(reg.get(a).unwrap_err().status, LIBPROBE_STATUS_INVALID_HANDLE);
        let b = reg.insert(8).unwrap();
        assert_ne!(a, b, "a reused slot has a new generation");
        assert_eq!(reg.get(a).unwrap_err().status, LIBPROBE_STATUS_INVALID_HANDLE);
        assert_eq!(reg.get(0).unwrap_err().status, LIBPROBE_STATUS_NULL_ARGUMENT);
        assert_eq!(reg.get(12345 << 2 | 1).unwrap_err().status, LIBPROBE_STATUS_INVALID_HANDLE);
    }

    #[test]
    fn a_panic_poisons_the_handle() {
        let g = Guarded::new(0u32);
        let r: Outcome = g.with(|_| panic!("inside"));
        assert_eq!(r.unwrap_err().status, LIBPROBE_STATUS_PANIC);
        let again: Outcome = g.with(|_| Ok(()));
        assert_eq!(again.unwrap_err().status, LIBPROBE_STATUS_POISONED);
        // SAFETY: the log's messages live as long as the log.
        let last = unsafe { std::ffi::CStr::from_ptr(g.log.last()) };
        assert!(last.to_str().unwrap().contains("unusable"));
    }
}
