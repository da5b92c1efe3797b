//! The arena that holds one snapshot's C view: every struct, string and array.
//!
//! Why a bump arena (bumpalo) rather than owned `Vec`s in one box: a snapshot is built
//! once, read, and freed whole. A bump arena gives that shape exactly — allocation is a
//! pointer increment, memory never moves (chunks are separate heap blocks, so a pointer
//! handed to C stays valid until the snapshot is freed), and freeing is a handful of
//! `free` calls instead of one per string and array. Owned `Vec`s would cost one `malloc`
//! per string and list (tens of thousands per snapshot) for the same ownership.
//!
//! The generated fill code (`generated.rs`) converts the core's values, read through
//! the schema ([`libprobe::schema::Record::field`]), with the helpers here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_char;
use std::hash::{BuildHasherDefault, Hasher};

use bumpalo::Bump;
use libprobe::schema::{Record, ValueRef};

/// Bytes with their length, also NUL-terminated (`ptr[len] == 0`).
///
/// The bytes are what the kernel gave — process names, paths, arguments — and are not
/// guaranteed to be UTF-8; they may contain any byte but NUL only where the source had
/// one. `ptr` is never NULL; an empty string points at a NUL byte. Lives in its snapshot's
/// arena, until `libprobe_snapshot_free`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_str {
    pub ptr: *const c_char,
    pub len: usize,
}

/// The all-zero value of a C view type: what a missing value holds.
pub(crate) trait Zero {
    const ZERO: Self;
}

macro_rules! zero {
    ($($t:ty),*) => {$(impl Zero for $t { const ZERO: Self = 0 as $t; })*};
}
zero!(u8, u16, u32, u64, i32, i64, f64);

impl<T> Zero for *const T {
    const ZERO: Self = std::ptr::null();
}

impl Zero for libprobe_str {
    const ZERO: Self = libprobe_str { ptr: c"".as_ptr(), len: 0 };
}

/// A value that does not have the kind its schema declares: a bug in the generator or
/// the core, caught at the boundary as `LIBPROBE_STATUS_PANIC`.
#[cold]
pub(crate) fn mismatch(v: ValueRef<'_>) -> ! {
    panic!("value {v:?} does not match its schema kind")
}

/// The presence of a `Field` or `Optional` value: the value, or the reason code (0 for
/// an absent `Optional`).
pub(crate) fn presence(v: ValueRef<'_>) -> Result<ValueRef<'_>, u8> {
    match v {
        ValueRef::Missing(r) => Err(r.code()),
        ValueRef::Null => Err(0),
        v => Ok(v),
    }
}

pub(crate) fn bool_(v: ValueRef<'_>) -> u8 {
    match v {
        ValueRef::Bool(b) => u8::from(b),
        v => mismatch(v),
    }
}

macro_rules! unsigned {
    ($($name:ident: $t:ty),*) => {$(
        #[allow(dead_code)]
        pub(crate) fn $name(v: ValueRef<'_>) -> $t {
            match v {
                // The schema declares the width; the value came from a field of that type.
                ValueRef::U64(n) => <$t>::try_from(n).unwrap_or_else(|_| mismatch(v)),
                v => mismatch(v),
            }
        }
    )*};
}
unsigned!(u8_: u8, u16_: u16, u32_: u32, u64_: u64);

macro_rules! signed {
    ($($name:ident: $t:ty),*) => {$(
        #[allow(dead_code)]
        pub(crate) fn $name(v: ValueRef<'_>) -> $t {
            match v {
                ValueRef::I64(n) => <$t>::try_from(n).unwrap_or_else(|_| mismatch(v)),
                v => mismatch(v),
            }
        }
    )*};
}
signed!(i32_: i32, i64_: i64);

pub(crate) fn f64_(v: ValueRef<'_>) -> f64 {
    match v {
        ValueRef::F64(x) => x,
        v => mismatch(v),
    }
}

pub(crate) fn char_(v: ValueRef<'_>) -> u32 {
    match v {
        ValueRef::Char(c) => c as u32,
        v => mismatch(v),
    }
}

/// An enum's stable code.
pub(crate) fn enum_(v: ValueRef<'_>) -> i32 {
    match v {
        ValueRef::Enum(e) => i32::try_from(e.code).unwrap_or_else(|_| mismatch(v)),
        v => mismatch(v),
    }
}

/// One snapshot's arena while it is being filled.
pub(crate) struct Arena {
    bump: Bump,
    /// Records already copied, by (address, schema): a record shared through an `Arc`
    /// (one cgroup's limits, referenced by each of its processes) is copied once.
    records: RefCell<HashMap<(usize, usize), usize, BuildHasherDefault<AddressHasher>>>,
}

/// A hasher for the address keys of `Arena::records`: they are already well spread, so a
/// multiply is enough (SipHash would cost more than the lookup saves).
#[derive(Default)]
pub(crate) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Arena {
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena { bump: Bump::with_capacity(bytes), records: RefCell::new(HashMap::default()) }
    }

    pub fn into_bump(self) -> Bump {
        self.bump
    }

    /// Moves `value` into the arena.
    pub fn alloc<T>(&self, value: T) -> *const T {
        self.bump.alloc(value)
    }

    /// Bytes, copied with a NUL after them.
    pub fn bytes(&self, b: &[u8]) -> libprobe_str {
        if b.is_empty() {
            return libprobe_str::ZERO;
        }
        let dst = self.bump.alloc_slice_fill_copy(b.len() + 1, 0u8);
        dst[..b.len()].copy_from_slice(b);
        libprobe_str { ptr: dst.as_ptr().cast(), len: b.len() }
    }

    pub fn str_(&self, v: ValueRef<'_>) -> libprobe_str {
        match v {
            ValueRef::Str(s) => self.bytes(s.as_bytes()),
            ValueRef::Bytes(b) => self.bytes(b),
            v => mismatch(v),
        }
    }

    /// A nested record: copied once, then pointed to.
    pub fn record<T>(&self, v: ValueRef<'_>, fill: fn(&Arena, &dyn Record) -> T) -> *const T {
        let ValueRef::Record(r) = v else { mismatch(v) };
        let key = (std::ptr::from_ref(r).cast::<()>() as usize, std::ptr::from_ref(r.schema()) as usize);
        if let Some(&p) = self.records.borrow().get(&key) {
            return p as *const T;
        }
        let p = self.alloc(fill(self, r));
        self.records.borrow_mut().insert(key, p as usize);
        p
    }

    /// A list's elements, converted: (pointer, count). The pointer is NULL when empty.
    pub fn list<T>(&self, v: ValueRef<'_>, each: fn(&Arena, ValueRef<'_>) -> T) -> (*const T, usize) {
        let ValueRef::List(l) = v else { mismatch(v) };
        self.slice(l.len(), |i| each(self, l.at(i)))
    }

    /// A map's entries, converted: (pointer, count).
    pub fn map<T>(&self, v: ValueRef<'_>, each: fn(&Arena, ValueRef<'_>, ValueRef<'_>) -> T) -> (*const T, usize) {
        let ValueRef::Map(m) = v else { mismatch(v) };
        self.slice(m.len(), |i| each(self, m.key(i), m.value(i)))
    }

    fn slice<T>(&self, len: usize, mut item: impl FnMut(usize) -> T) -> (*const T, usize) {
        if len == 0 {
            return (std::ptr::null(), 0);
        }
        // The slice is reserved first; nested allocations made while filling it come after
        // it in the arena and never move it.
        let slice = self.bump.alloc_slice_fill_with(len, &mut item);
        (slice.as_ptr(), len)
    }
}
