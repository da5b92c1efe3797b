//! A snapshot as plain JavaScript objects, walked from the core's record schema.
//!
//! - Field names are the schema's snake_case names in camelCase ([`camel`]).
//! - `u64` and `i64` fields are `BigInt`s (exact beyond 2^53); narrower integers and
//!   floats are numbers.
//! - Strings and enum names are strings. Bytes that are not UTF-8 become lone surrogates
//!   (U+DC80 + byte, the convention of the JSON and Python faces), so nothing is lost.
//! - A missing value is `null`, and the record gains `unavailable: { fieldName: reason }`
//!   (only when something is missing); an absent optional value is `null` alone.
//! - Maps are objects whose keys are own data properties (`__proto__` included).
//!
//! - Each record object is made by a small factory function per record type (an object
//!   literal with the fields' keys, built by `index.js` from the schema): V8 then gives
//!   every object of a type one shape, much faster than setting properties one by one.
//! - A record the core shares between records (one cgroup's limits, referenced by each of
//!   its processes) is one object, shared the same way; so is a record made only of
//!   numbers, booleans and enums (and such records) that equals one already made (a
//!   process's limits are usually its neighbours'): snapshots are read-only data.
//!
//! Nothing here names a field: a field added to the core appears in JavaScript by itself.

use std::collections::HashMap;
use std::sync::OnceLock;

use libprobe::Reason;
use libprobe::schema::{Kind, Record, RecordSchema, ValueRef};
use napi::Result;

use crate::js::{Js, Value};

pub use libprobe::schema::camel_case as camel;

/// The index of each record type in [`crate::schema_json::records`]: where its factory is
/// in the array `index.js` passes.
fn factory_index(schema: &RecordSchema) -> Option<u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    let index = INDEX
        .get_or_init(|| crate::schema_json::records().iter().enumerate().map(|(i, r)| (r.name, i as u32)).collect());
    index.get(schema.name).copied()
}

/// A field's value as (tag, bits) for looking a record up by content; `None` for values
/// that are not plain scalars (text, lists, maps).
fn content_of(v: ValueRef<'_>, child: Option<Value>) -> Option<(u64, u64)> {
    Some(match v {
        ValueRef::Bool(b) => (1, u64::from(b)),
        ValueRef::U64(n) => (2, n),
        ValueRef::I64(n) => (3, n as u64),
        ValueRef::F64(x) => (4, x.to_bits()),
        ValueRef::Char(c) => (5, u64::from(c)),
        ValueRef::Enum(e) => (6, e.code as u64),
        ValueRef::Null => (7, 0),
        ValueRef::Missing(r) => (8, u64::from(r.code())),
        // A record inside is one object when equal, so its object stands for its content.
        ValueRef::Record(_) => (9, child? as usize as u64),
        _ => return None,
    })
}

/// Converts one snapshot (or any record), caching the keys and names it makes.
pub struct Converter {
    js: Js,
    /// The factories `index.js` passed, one per record type.
    factories: Value,
    /// Each record type's factory, by schema address.
    factory: HashMap<usize, Value>,
    /// Records already converted, by (address, schema address): a shared record is one
    /// object.
    done: HashMap<(usize, usize), Value>,
    /// Records made only of scalars (and such records), by content.
    same: HashMap<Vec<u64>, Value>,
    /// Factories of `unavailable` objects, by record type and missing fields.
    unavailable_factory: HashMap<(usize, Vec<u32>), Value>,
    /// Enum names and reasons made once per conversion.
    names: HashMap<&'static str, Value>,
    utf16: Vec<u16>,
}

impl Converter {
    pub fn new(js: Js, factories: Value) -> Converter {
        Converter {
            js,
            factories,
            factory: HashMap::new(),
            done: HashMap::new(),
            unavailable_factory: HashMap::new(),
            same: HashMap::new(),
            names: HashMap::new(),
            utf16: Vec::new(),
        }
    }

    fn factory_of(&mut self, schema: &'static RecordSchema) -> Result<Value> {
        let id = std::ptr::from_ref(schema) as usize;
        if let Some(f) = self.factory.get(&id) {
            return Ok(*f);
        }
        let index = factory_index(schema)
            .ok_or_else(|| napi::Error::from_reason(format!("libprobe: no factory for record type {}", schema.name)))?;
        let f = self.js.element(self.factories, index)?;
        self.factory.insert(id, f);
        Ok(f)
    }

    pub fn record(&mut self, r: &dyn Record) -> Result<Value> {
        let schema = r.schema();
        let id = (std::ptr::from_ref(r).cast::<()>() as usize, std::ptr::from_ref(schema) as usize);
        if let Some(obj) = self.done.get(&id) {
            return Ok(*obj);
        }
        let js = self.js;
        // Records inside first: a record made only of scalars and such records is looked
        // up by content, so equal ones (a limit, a set of limits) are one object.
        let mut children: Vec<Option<Value>> = Vec::with_capacity(schema.fields.len());
        let mut content: Option<Vec<u64>> = Some(Vec::with_capacity(schema.fields.len() * 2 + 1));
        if let Some(c) = content.as_mut() {
            c.push(std::ptr::from_ref(schema) as usize as u64);
        }
        for i in 0..schema.fields.len() {
            let v = r.field(i);
            let child = match v {
                ValueRef::Record(inner) => Some(self.record(inner)?),
                _ => None,
            };
            if let Some(c) = content.as_mut() {
                match content_of(v, child) {
                    Some((tag, bits)) => c.extend([tag, bits]),
                    None => content = None,
                }
            }
            children.push(child);
        }
        if let Some(c) = &content
            && let Some(obj) = self.same.get(c)
        {
            return Ok(*obj);
        }
        let factory = self.factory_of(schema)?;
        let mut args = Vec::with_capacity(schema.fields.len() + 1);
        let mut missing: Vec<(usize, Reason)> = Vec::new();
        for (i, f) in schema.fields.iter().enumerate() {
            let v = r.field(i);
            if let ValueRef::Missing(reason) = v {
                missing.push((i, reason));
            }
            args.push(match children[i] {
                Some(child) => child,
                None => self.value(v, f.kind)?,
            });
        }
        // The last argument: the `unavailable` object, or undefined when nothing is missing.
        args.push(if missing.is_empty() { js.undefined()? } else { self.unavailable_of(schema, &missing)? });
        let obj = js.call(factory, &args)?;
        self.done.insert(id, obj);
        if let Some(c) = content {
            self.same.insert(c, obj);
        }
        Ok(obj)
    }

    /// `{ fieldName: reason }` for the missing fields, made by a factory for this record
    /// type and set of fields (`index.js` makes one per set, on first use).
    fn unavailable_of(&mut self, schema: &'static RecordSchema, missing: &[(usize, Reason)]) -> Result<Value> {
        let js = self.js;
        let indices: Vec<u32> = missing.iter().map(|(i, _)| *i as u32).collect();
        let key = (std::ptr::from_ref(schema) as usize, indices);
        let factory = match self.unavailable_factory.get(&key) {
            Some(f) => *f,
            None => {
                let maker = js.element(self.factories, crate::schema_json::records().len() as u32)?;
                let type_index = factory_index(schema).unwrap_or(u32::MAX);
                let list = js.array(key.1.len())?;
                for (j, i) in key.1.iter().enumerate() {
                    js.set_element(list, j as u32, js.number(f64::from(*i))?)?;
                }
                let f = js.call(maker, &[js.number(f64::from(type_index))?, list])?;
                self.unavailable_factory.insert(key, f);
                f
            }
        };
        let reasons = missing.iter().map(|(_, r)| self.name(r.name())).collect::<Result<Vec<_>>>()?;
        js.call(factory, &reasons)
    }

    fn name(&mut self, s: &'static str) -> Result<Value> {
        if let Some(v) = self.names.get(s) {
            return Ok(*v);
        }
        let v = self.js.string(s)?;
        self.names.insert(s, v);
        Ok(v)
    }

    fn value(&mut self, v: ValueRef<'_>, kind: &Kind) -> Result<Value> {
        let js = self.js;
        match v {
            ValueRef::Bool(b) => js.boolean(b),
            ValueRef::U64(n) => match kind.inner() {
                Kind::U64 => js.bigint_u64(n),
                _ => js.number(n as f64),
            },
            ValueRef::I64(n) => match kind.inner() {
                Kind::I64 => js.bigint_i64(n),
                _ => js.number(n as f64),
            },
            ValueRef::F64(x) => js.number(x),
            ValueRef::Char(c) => js.string(c.encode_utf8(&mut [0; 4])),
            ValueRef::Str(s) => js.string(s),
            ValueRef::Bytes(b) => self.bytes(b),
            ValueRef::Enum(e) => self.name(e.name),
            ValueRef::Null | ValueRef::Missing(_) => js.null(),
            ValueRef::Record(r) => self.record(r),
            ValueRef::List(l) => {
                let item = match kind.inner() {
                    Kind::List(k) => *k,
                    k => k,
                };
                let array = js.array(l.len())?;
                for i in 0..l.len() {
                    let v = self.value(l.at(i), item)?;
                    js.set_element(array, i as u32, v)?;
                }
                Ok(array)
            }
            ValueRef::Map(m) => {
                let (key_kind, value_kind) = match kind.inner() {
                    Kind::Map(k, v) => (*k, *v),
                    k => (k, k),
                };
                let obj = js.object()?;
                let mut entries = Vec::with_capacity(m.len());
                let mut seen = std::collections::HashSet::new();
                for i in 0..m.len() {
                    // A key the kernel repeats keeps its first value, as `getenv` does.
                    let key = m.key(i);
                    let text = match key {
                        ValueRef::Bytes(b) => b.to_vec(),
                        ValueRef::Str(s) => s.as_bytes().to_vec(),
                        ref other => format!("{other:?}").into_bytes(),
                    };
                    if !seen.insert(text) {
                        continue;
                    }
                    let k = match key {
                        ValueRef::Bytes(_) | ValueRef::Str(_) | ValueRef::Char(_) => self.value(key, key_kind)?,
                        other => js.string(&format!("{other:?}"))?,
                    };
                    entries.push((k, self.value(m.value(i), value_kind)?));
                }
                js.define(obj, &entries)?;
                Ok(obj)
            }
            ValueRef::OutOfRange => Err(napi::Error::from_reason("libprobe: index out of range")),
        }
    }

    /// Bytes as a string: UTF-8 as is, each other byte as the lone surrogate U+DC80 + byte.
    fn bytes(&mut self, b: &[u8]) -> Result<Value> {
        if let Ok(s) = std::str::from_utf8(b) {
            return self.js.string(s);
        }
        self.utf16.clear();
        let mut rest = b;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.utf16.extend(s.encode_utf16());
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.utf16.extend(std::str::from_utf8(good).unwrap_or_default().encode_utf16());
                    let n = e.error_len().unwrap_or(bad.len());
                    self.utf16.extend(bad[..n].iter().map(|&byte| 0xDC00 | u16::from(byte)));
                    rest = &bad[n..];
                }
            }
        }
        let units = std::mem::take(&mut self.utf16);
        let v = self.js.utf16(&units);
        self.utf16 = units;
        v
    }
}
