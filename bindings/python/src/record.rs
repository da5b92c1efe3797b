//! Lazy Python objects over a Rust [`Snapshot`].
//!
//! A snapshot crosses into Python whole, behind an `Arc`: [`Record`] objects only remember
//! where their record sits in it (a [`Step`] path from the root), and convert a field the
//! first time it is read. The converted value is cached in the object, so the next read
//! returns the same Python object. `Probe().snapshot()` therefore costs the Rust snapshot
//! plus one Python object.
//!
//! Every record type of the schema gets its own Python class (`ProcessFull`, `Limit`, …),
//! a subclass of [`Record`] made at import time, with one [`FieldDescriptor`] per field.
//! Nothing here names a field: a field added to the core appears in Python by itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use libprobe::Snapshot;
use libprobe::schema::{Kind, Metric, RecordSchema, RecordType, ValueRef};
use pyo3::exceptions::{PyAttributeError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple, PyType};

/// One step from a record to a record inside it.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The field at this index.
    Field(u32),
    /// The item at this index of a list.
    Item(u32),
    /// The value at this index of a map.
    Value(u32),
}

/// A record of a snapshot, seen from Python. Subclassed once per record type.
#[pyclass(module = "libprobe", name = "Record", subclass, frozen)]
#[derive(Debug)]
pub struct Record {
    snap: Arc<Snapshot>,
    path: Box<[Step]>,
    schema: &'static RecordSchema,
    /// Each field's Python value once read (made on the first read of any field).
    cache: OnceLock<Box<[OnceLock<Py<PyAny>>]>>,
}

thread_local! {
    /// The payload of the record object being made (see [`Record::new`]).
    static PENDING: RefCell<Option<Record>> = const { RefCell::new(None) };
}

/// The Python class of each record type, by name.
static CLASSES: PyOnceLock<HashMap<&'static str, Py<PyType>>> = PyOnceLock::new();

/// Makes one Python class per record type reachable from [`Snapshot`] and adds them to
/// `module`. Returns their names.
pub fn register_classes(module: &Bound<'_, PyModule>) -> PyResult<Vec<&'static str>> {
    let py = module.py();
    let base = py.get_type::<Record>();
    let type_type = py.get_type::<PyType>();
    let mut classes = HashMap::new();
    let mut seen: HashMap<&'static str, &'static RecordSchema> = HashMap::new();
    let mut names = Vec::new();
    for schema in Snapshot::SCHEMA.walk() {
        if let Some(first) = seen.insert(schema.name, schema) {
            if first == schema {
                continue; // one type, reached at two addresses
            }
            // Two different types with one name: one Python class would lie about the other.
            return Err(PyRuntimeError::new_err(format!("two record types are named {}", schema.name)));
        }
        let ns = PyDict::new(py);
        ns.set_item("__doc__", schema.doc)?;
        ns.set_item("__module__", "libprobe")?;
        ns.set_item("__qualname__", schema.name)?;
        ns.set_item("__slots__", PyTuple::empty(py))?;
        let fields = PyTuple::new(py, schema.fields.iter().map(|f| f.name))?;
        ns.set_item("_fields", fields)?;
        for (index, field) in schema.fields.iter().enumerate() {
            let descriptor = FieldDescriptor { index, schema };
            ns.set_item(field.name, Bound::new(py, descriptor)?)?;
        }
        let cls = type_type.call1((schema.name, (&base,), ns))?.cast_into::<PyType>()?;
        module.add(schema.name, &cls)?;
        classes.insert(schema.name, cls.unbind());
        names.push(schema.name);
    }
    CLASSES.set(py, classes).map_err(|_| PyRuntimeError::new_err("libprobe record classes made twice"))?;
    Ok(names)
}

/// A new Python object for the record at `path` in `snap`.
fn make(py: Python<'_>, snap: &Arc<Snapshot>, path: Box<[Step]>, schema: &'static RecordSchema) -> PyResult<Py<PyAny>> {
    let classes = CLASSES.get(py).ok_or_else(|| PyRuntimeError::new_err("libprobe is not initialised"))?;
    let cls = classes
        .get(schema.name)
        .ok_or_else(|| PyRuntimeError::new_err(format!("no Python class for record type {}", schema.name)))?;
    let record = Record { snap: Arc::clone(snap), path, schema, cache: OnceLock::new() };
    PENDING.with(|p| *p.borrow_mut() = Some(record));
    let obj = cls.bind(py).call0();
    PENDING.with(|p| p.borrow_mut().take());
    Ok(obj?.unbind())
}

/// The Python object for a whole snapshot.
pub fn snapshot_object(py: Python<'_>, snap: Snapshot) -> PyResult<Py<PyAny>> {
    make(py, &Arc::new(snap), Box::new([]), Snapshot::SCHEMA)
}

impl Record {
    /// The Rust record this object stands for.
    fn resolve(&self) -> PyResult<&dyn libprobe::schema::Record> {
        let mut v = ValueRef::Record(&*self.snap);
        for step in self.path.iter() {
            v = match (*step, v) {
                (Step::Field(i), ValueRef::Record(r)) => r.field(i as usize),
                (Step::Item(i), ValueRef::List(l)) => l.at(i as usize),
                (Step::Value(i), ValueRef::Map(m)) => m.value(i as usize),
                _ => return Err(PyRuntimeError::new_err("libprobe: a record path no longer resolves")),
            };
        }
        match v {
            ValueRef::Record(r) => Ok(r),
            _ => Err(PyRuntimeError::new_err("libprobe: a record path does not end at a record")),
        }
    }

    /// The field at `index` as a Python value, converted on the first read.
    fn cached(&self, py: Python<'_>, index: usize) -> PyResult<Py<PyAny>> {
        let cache = self.cache.get_or_init(|| self.schema.fields.iter().map(|_| OnceLock::new()).collect());
        let slot = &cache[index];
        if let Some(v) = slot.get() {
            return Ok(v.clone_ref(py));
        }
        let v = self.value(py, index)?;
        Ok(slot.get_or_init(|| v).clone_ref(py))
    }

    /// The field at `index`, converted.
    fn value(&self, py: Python<'_>, index: usize) -> PyResult<Py<PyAny>> {
        let rec = self.resolve()?;
        let kind = self.schema.fields[index].kind;
        let mut path = Vec::with_capacity(self.path.len() + 2);
        path.extend_from_slice(&self.path);
        path.push(Step::Field(index as u32));
        Converter { py, snap: &self.snap, path }.value(rec.field(index), kind)
    }
}

/// Converts values, remembering where they are so records inside become lazy objects.
struct Converter<'a, 'py> {
    py: Python<'py>,
    snap: &'a Arc<Snapshot>,
    path: Vec<Step>,
}

impl Converter<'_, '_> {
    fn value(&mut self, v: ValueRef<'_>, kind: &Kind) -> PyResult<Py<PyAny>> {
        let py = self.py;
        Ok(match v {
            ValueRef::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
            ValueRef::U64(n) => n.into_pyobject(py)?.into_any().unbind(),
            ValueRef::I64(n) => n.into_pyobject(py)?.into_any().unbind(),
            ValueRef::F64(x) => PyFloat::new(py, x).into_any().unbind(),
            ValueRef::Char(c) => PyString::new(py, c.encode_utf8(&mut [0; 4])).into_any().unbind(),
            ValueRef::Str(s) => PyString::new(py, s).into_any().unbind(),
            ValueRef::Bytes(b) => bytes_to_str(py, b)?.into_any().unbind(),
            ValueRef::Enum(e) => PyString::intern(py, e.name).into_any().unbind(),
            ValueRef::Null | ValueRef::Missing(_) => py.None(),
            ValueRef::Record(r) => make(py, self.snap, self.path.clone().into_boxed_slice(), r.schema())?,
            ValueRef::List(l) => {
                let item = match kind.inner() {
                    Kind::List(k) => *k,
                    k => k,
                };
                let mut items = Vec::with_capacity(l.len());
                for i in 0..l.len() {
                    self.path.push(Step::Item(i as u32));
                    let v = self.value(l.at(i), item);
                    self.path.pop();
                    items.push(v?);
                }
                PyList::new(py, items)?.into_any().unbind()
            }
            ValueRef::Map(m) => {
                let (key_kind, value_kind) = match kind.inner() {
                    Kind::Map(k, v) => (*k, *v),
                    k => (k, k),
                };
                let dict = PyDict::new(py);
                for i in 0..m.len() {
                    let key = self.value(m.key(i), key_kind)?;
                    // A key the kernel repeats keeps its first value, as `getenv` does.
                    if dict.contains(&key)? {
                        continue;
                    }
                    self.path.push(Step::Value(i as u32));
                    let v = self.value(m.value(i), value_kind);
                    self.path.pop();
                    dict.set_item(key, v?)?;
                }
                dict.into_any().unbind()
            }
            ValueRef::OutOfRange => return Err(PyRuntimeError::new_err("libprobe: index out of range")),
        })
    }
}

/// Bytes as `str`: valid UTF-8 as is, other bytes as lone surrogates (U+DC80 + byte),
/// like `os.fsdecode`; `s.encode("utf-8", "surrogateescape")` gives the bytes back.
pub fn bytes_to_str<'py>(py: Python<'py>, b: &[u8]) -> PyResult<Bound<'py, PyString>> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(PyString::new(py, s)),
        Err(_) => PyString::from_encoded_object(&PyBytes::new(py, b), Some(c"utf-8"), Some(c"surrogateescape")),
    }
}

#[pymethods]
impl Record {
    /// Records come only from `Probe.snapshot()`; the class call is how this module makes
    /// an object of the right subclass.
    #[new]
    fn new() -> PyResult<Self> {
        PENDING
            .with(|p| p.borrow_mut().take())
            .ok_or_else(|| PyTypeError::new_err("libprobe records are made by Probe.snapshot(), not directly"))
    }

    /// The fields that could not be read, each with its reason (`{"io_read_bytes":
    /// "permission_denied"}`). Fields that are merely absent (`None` with no reason) are
    /// not listed.
    #[getter]
    fn unavailable<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rec = self.resolve()?;
        let out = PyDict::new(py);
        for (i, f) in self.schema.fields.iter().enumerate() {
            if let ValueRef::Missing(r) = rec.field(i) {
                out.set_item(PyString::intern(py, f.name), PyString::intern(py, r.name()))?;
            }
        }
        Ok(out)
    }

    /// Why `field` has no value (`"permission_denied"`, `"gone"`, …), or `None` when it
    /// has one or is merely absent.
    fn reason_of(&self, field: &str) -> PyResult<Option<&'static str>> {
        let index = self
            .schema
            .index_of(field)
            .ok_or_else(|| PyAttributeError::new_err(format!("{} has no field {field:?}", self.schema.name)))?;
        Ok(match self.resolve()?.field(index) {
            ValueRef::Missing(r) => Some(r.name()),
            _ => None,
        })
    }

    /// The record as plain dicts, lists and scalars, read through this object's
    /// attributes: snake_case keys in declaration order, `None` for missing values and an
    /// `"unavailable"` dict of reasons when there are any (the JSON shape).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        let py = slf.py();
        let out = PyDict::new(py);
        for f in slf.get().schema.fields {
            let name = PyString::intern(py, f.name);
            out.set_item(&name, plain(&slf.as_any().getattr(&name)?)?)?;
        }
        let unavailable = slf.as_any().getattr(pyo3::intern!(py, "unavailable"))?;
        if unavailable.len()? > 0 {
            out.set_item("unavailable", unavailable)?;
        }
        Ok(out)
    }

    /// The record as JSON (the shape of `to_dict`; non-UTF-8 bytes as `\udcXX` escapes;
    /// compact unless `indent` is given).
    #[pyo3(signature = (indent = None))]
    fn to_json(slf: &Bound<'_, Self>, indent: Option<usize>) -> PyResult<String> {
        let py = slf.py();
        let json = py.import("json")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("ensure_ascii", true)?;
        kwargs.set_item("allow_nan", false)?;
        match indent {
            Some(n) => kwargs.set_item("indent", n)?,
            None => kwargs.set_item("separators", (",", ":"))?,
        }
        json.call_method("dumps", (Self::to_dict(slf)?,), Some(&kwargs))?.extract()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let this = slf.get();
        let mut parts = Vec::new();
        for f in this.schema.fields.iter().filter(|f| is_scalar(f.kind)).take(3) {
            parts.push(format!("{}={}", f.name, slf.as_any().getattr(f.name)?.repr()?));
        }
        Ok(format!("<{} {}>", this.schema.name, parts.join(" ")))
    }
}

fn is_scalar(kind: &Kind) -> bool {
    !matches!(kind.inner(), Kind::Record(_) | Kind::List(_) | Kind::Map(..))
}

/// A Python value of a record as plain data, for `to_dict`.
fn plain<'py>(v: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = v.py();
    if let Ok(rec) = v.cast::<Record>() {
        return Ok(Record::to_dict(rec)?.into_any());
    }
    if let Ok(list) = v.cast::<PyList>() {
        let items = list.iter().map(|x| plain(&x)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(py, items)?.into_any());
    }
    if let Ok(dict) = v.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (k, x) in dict.iter() {
            out.set_item(k, plain(&x)?)?;
        }
        return Ok(out.into_any());
    }
    if let Ok(x) = v.cast::<PyFloat>()
        && !x.value().is_finite()
    {
        // JSON has no NaN or infinity; the core writes them as null too.
        return Ok(py.None().into_bound(py));
    }
    Ok(v.clone())
}

// One field of a record class: a read-only data descriptor, like a `property`, that
// converts the field on its first read and returns the cached value afterwards. (No doc
// comment: the class docstring would hide each field's own `__doc__`.)
#[pyclass(module = "libprobe", frozen)]
#[derive(Debug)]
pub struct FieldDescriptor {
    index: usize,
    schema: &'static RecordSchema,
}

#[pymethods]
impl FieldDescriptor {
    fn __get__(
        slf: &Bound<'_, Self>,
        obj: Option<&Bound<'_, PyAny>>,
        _owner: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let Some(obj) = obj else {
            return Ok(slf.clone().into_any().unbind());
        };
        obj.cast::<Record>()?.get().cached(py, slf.get().index)
    }

    fn __set__(&self, _obj: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(self.read_only())
    }

    fn __delete__(&self, _obj: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(self.read_only())
    }

    /// The field's documentation, with its unit and, for a counter, that it is one.
    #[getter]
    fn __doc__(&self) -> String {
        let f = &self.schema.fields[self.index];
        match (f.unit, f.metric) {
            (Some(u), Metric::Counter) => format!("{} (unit: {u}; counter)", f.doc),
            (Some(u), Metric::Gauge) => format!("{} (unit: {u})", f.doc),
            (None, Metric::Counter) => format!("{} (counter)", f.doc),
            (None, Metric::Gauge) => f.doc.to_owned(),
        }
    }

    /// The field's unit (`bytes`, `ticks`, …), or `None`.
    #[getter]
    fn unit(&self) -> Option<&'static str> {
        self.schema.fields[self.index].unit
    }

    /// `counter` for a value the kernel only adds to, else `gauge`.
    #[getter]
    fn metric(&self) -> &'static str {
        self.schema.fields[self.index].metric.name()
    }

    fn __repr__(&self) -> String {
        format!("<field {}.{}>", self.schema.name, self.schema.fields[self.index].name)
    }
}

impl FieldDescriptor {
    fn read_only(&self) -> PyErr {
        PyAttributeError::new_err(format!("{}.{} is read-only", self.schema.name, self.schema.fields[self.index].name))
    }
}
