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
//!   its processes) is one object, shared the same way.
//!
//! Nothing here names a field: a field added to the core appears in JavaScript by itself.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use libprobe::Reason;
use libprobe::schema::{Kind, Record, RecordSchema, ValueRef};
use napi::Result;

use crate::js::{Js, Value};

/// The camelCase form of a snake_case name: `memory_pss_anon` → `memoryPssAnon`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The index of each record type in [`crate::schema_json::records`]: where its factory is
/// in the array `index.js` passes.
fn factory_index(schema: &RecordSchema) -> Option<u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    let index = INDEX
        .get_or_init(|| crate::schema_json::records().iter().enumerate().map(|(i, r)| (r.name, i as u32)).collect());
    index.get(schema.name).copied()
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
    /// Each record type's camelCase keys, by schema address.
    keys: HashMap<usize, Rc<[Value]>>,
    /// Enum names and reasons made once per conversion.
    names: HashMap<&'static str, Value>,
    unavailable: Option<Value>,
    utf16: Vec<u16>,
}

impl Converter {
    pub fn new(js: Js, factories: Value) -> Converter {
        Converter {
            js,
            factories,
            factory: HashMap::new(),
            done: HashMap::new(),
            keys: HashMap::new(),
            names: HashMap::new(),
            unavailable: None,
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
        let factory = self.factory_of(schema)?;
        let mut args = Vec::with_capacity(schema.fields.len());
        let mut missing: Vec<(usize, Reason)> = Vec::new();
        for (i, f) in schema.fields.iter().enumerate() {
            let v = r.field(i);
            if let ValueRef::Missing(reason) = v {
                missing.push((i, reason));
            }
            args.push(self.value(v, f.kind)?);
        }
        let obj = js.call(factory, &args)?;
        if !missing.is_empty() {
            let keys = self.keys_of(schema)?;
            let out = js.object()?;
            for (i, reason) in missing {
                let name = self.name(reason.name())?;
                js.set(out, keys[i], name)?;
            }
            let key = match self.unavailable {
                Some(k) => k,
                None => *self.unavailable.insert(js.string("unavailable")?),
            };
            js.set(obj, key, out)?;
        }
        self.done.insert(id, obj);
        Ok(obj)
    }

    fn keys_of(&mut self, schema: &'static RecordSchema) -> Result<Rc<[Value]>> {
        let id = std::ptr::from_ref(schema) as usize;
        if let Some(keys) = self.keys.get(&id) {
            return Ok(Rc::clone(keys));
        }
        let keys: Rc<[Value]> = schema.fields.iter().map(|f| self.js.string(&camel(f.name))).collect::<Result<_>>()?;
        self.keys.insert(id, Rc::clone(&keys));
        Ok(keys)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(camel("memory_pss_anon"), "memoryPssAnon");
        assert_eq!(camel("pid"), "pid");
        assert_eq!(camel("avg10"), "avg10");
        assert_eq!(camel("ns_pid_children"), "nsPidChildren");
        assert_eq!(camel("tx_64"), "tx64");
    }
}
