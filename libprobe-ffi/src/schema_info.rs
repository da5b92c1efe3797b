//! The schema at run time: every view struct, field, enum and type, with sizes and
//! offsets, so a C program can walk a snapshot without naming its fields (a generic JSON
//! writer, a metrics exporter, a binding generator) and can check which fields the
//! library it runs against has.

use std::ffi::c_char;

/// What kind of value a field holds (`libprobe_type_info.kind`).
pub type libprobe_kind = u32;
/// `uint8_t`, 0 or 1.
pub const LIBPROBE_KIND_BOOL: libprobe_kind = 1;
pub const LIBPROBE_KIND_U8: libprobe_kind = 2;
pub const LIBPROBE_KIND_U16: libprobe_kind = 3;
pub const LIBPROBE_KIND_U32: libprobe_kind = 4;
pub const LIBPROBE_KIND_U64: libprobe_kind = 5;
pub const LIBPROBE_KIND_I32: libprobe_kind = 6;
pub const LIBPROBE_KIND_I64: libprobe_kind = 7;
pub const LIBPROBE_KIND_F64: libprobe_kind = 8;
/// A Unicode scalar value in a `uint32_t`.
pub const LIBPROBE_KIND_CHAR: libprobe_kind = 9;
/// A `libprobe_str` holding UTF-8 text.
pub const LIBPROBE_KIND_STR: libprobe_kind = 10;
/// A `libprobe_str` holding bytes that are not guaranteed UTF-8.
pub const LIBPROBE_KIND_BYTES: libprobe_kind = 11;
/// An `int32_t` code of the enum `libprobe_type_info.target` (an index into
/// `libprobe_schema_info.enums`).
pub const LIBPROBE_KIND_ENUM: libprobe_kind = 12;
/// A pointer to the record `target` (an index into `libprobe_schema_info.records`).
pub const LIBPROBE_KIND_RECORD: libprobe_kind = 13;
/// A `libprobe_opt_*`: `present`, `reason` (a `LIBPROBE_REASON_*` code), and the value of
/// type `elem` at `value_offset`.
pub const LIBPROBE_KIND_FIELD: libprobe_kind = 14;
/// As `FIELD`, for a value that may be legitimately absent: `reason` is always 0.
pub const LIBPROBE_KIND_OPTIONAL: libprobe_kind = 15;
/// A `libprobe_list_*`: `ptr`, `count`, `stride`; elements of type `elem`.
pub const LIBPROBE_KIND_LIST: libprobe_kind = 16;
/// A `libprobe_map_*`: `ptr`, `count`, `stride` of entries, each a key of type `elem` at
/// offset 0 and a value of type `value` at `value_offset`.
pub const LIBPROBE_KIND_MAP: libprobe_kind = 17;

/// How a numeric field behaves over time (`libprobe_field_info.metric`), for exporters.
pub type libprobe_metric = u32;
/// A value that can go up and down (memory in use, a queue length, a percentage); also
/// every non-numeric field.
pub const LIBPROBE_METRIC_GAUGE: libprobe_metric = 0;
/// A value the kernel only adds to (ticks, bytes, packets, errors since boot): export its
/// rate; a drop means a reset.
pub const LIBPROBE_METRIC_COUNTER: libprobe_metric = 1;

/// No type, record or enum (in the index fields of `libprobe_type_info`).
pub const LIBPROBE_SCHEMA_NONE: u32 = u32::MAX;

/// One type of the view, as it is stored inside a struct or an array.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_type_info {
    /// A `LIBPROBE_KIND_*` code.
    pub kind: libprobe_kind,
    /// `sizeof` of this type as a struct member.
    pub size: u32,
    /// FIELD/OPTIONAL: offset of `value` in the `libprobe_opt_*`; MAP: offset of `value`
    /// in an entry; 0 otherwise.
    pub value_offset: u32,
    /// FIELD/OPTIONAL: the value's type; LIST: the element type; MAP: the key type (an
    /// index into `libprobe_schema_info.types`), else `LIBPROBE_SCHEMA_NONE`.
    pub elem: u32,
    /// MAP: the value type, else `LIBPROBE_SCHEMA_NONE`.
    pub value: u32,
    /// RECORD: index into `records`; ENUM: index into `enums`; else `LIBPROBE_SCHEMA_NONE`.
    pub target: u32,
    /// The C type (`uint64_t`, `libprobe_opt_u64`, `const libprobe_cpu *`).
    pub name: *const c_char,
}

/// One field of a view struct.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_field_info {
    /// The field's name: the specification's snake_case name, as in JSON.
    pub name: *const c_char,
    /// What it holds.
    pub doc: *const c_char,
    /// Its unit (`bytes`, `ticks`, `ns`, `percent`, …), or NULL.
    pub unit: *const c_char,
    /// Index into `libprobe_schema_info.types`.
    pub type_index: u32,
    /// `offsetof` the field in its struct.
    pub offset: u32,
    /// `LIBPROBE_METRIC_COUNTER` or `LIBPROBE_METRIC_GAUGE`.
    pub metric: libprobe_metric,
}

/// One view struct.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_record_info {
    /// The C type (`libprobe_process_full`).
    pub name: *const c_char,
    /// The core's record name (`ProcessFull`).
    pub schema_name: *const c_char,
    pub doc: *const c_char,
    /// `sizeof` the struct in this library (a program built against an older header sees
    /// a prefix of it).
    pub size: u32,
    pub field_count: u32,
    pub fields: *const libprobe_field_info,
}

/// One variant of an enum.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_variant_info {
    /// The snake_case name used in JSON (`disk_sleep`).
    pub name: *const c_char,
    /// The C constant (`LIBPROBE_PROCESS_STATE_DISK_SLEEP`).
    pub constant: *const c_char,
    pub doc: *const c_char,
    /// The stable code.
    pub code: i32,
}

/// One enum.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_enum_info {
    /// The C type (`libprobe_process_state`).
    pub name: *const c_char,
    /// The core's enum name (`ProcessState`).
    pub schema_name: *const c_char,
    pub doc: *const c_char,
    pub variant_count: u32,
    pub variants: *const libprobe_variant_info,
}

/// Every view struct, type and enum of this library.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct libprobe_schema_info {
    /// `sizeof(libprobe_schema_info)` in this library.
    pub struct_size: u32,
    /// `LIBPROBE_ABI_VERSION` of this library.
    pub abi_version: u32,
    /// The index of `libprobe_snapshot_view` in `records` (the root).
    pub root_record: u32,
    pub record_count: u32,
    pub records: *const libprobe_record_info,
    pub type_count: u32,
    pub enum_count: u32,
    pub types: *const libprobe_type_info,
    pub enums: *const libprobe_enum_info,
}

/// Static, read-only tables: safe to share between threads.
#[derive(Debug)]
pub(crate) struct Table<T>(pub T);

// SAFETY: a `Table` is immutable static data whose raw pointers point at other static
// tables and string literals; nothing writes through them.
unsafe impl<T> Sync for Table<T> {}

static SCHEMA: Table<libprobe_schema_info> = Table(libprobe_schema_info {
    struct_size: size_of::<libprobe_schema_info>() as u32,
    abi_version: crate::LIBPROBE_ABI_VERSION,
    root_record: 0,
    record_count: crate::generated::RECORDS.0.len() as u32,
    records: crate::generated::RECORDS.0.as_ptr(),
    type_count: crate::generated::TYPES.0.len() as u32,
    enum_count: crate::generated::ENUMS.0.len() as u32,
    types: crate::generated::TYPES.0.as_ptr(),
    enums: crate::generated::ENUMS.0.as_ptr(),
});

/// The schema of every view struct, field, type and enum of this library (static; never
/// freed; safe from any thread).
///
/// The root view (`libprobe_snapshot_view`) is `records[root_record]`; a generic walker
/// starts there and follows `libprobe_type_info`. Field offsets and struct sizes are
/// this library's, so a program built against an older header can still see, by name,
/// the fields added since.
#[unsafe(no_mangle)]
pub extern "C" fn libprobe_schema() -> *const libprobe_schema_info {
    &SCHEMA.0
}
