//! The few Node-API calls the snapshot conversion makes, behind a safe face.
//!
//! Every function takes the `napi_env` of the call in progress ([`Js::new`] is only made
//! from a `#[napi]` function's `Env`), and values it created in that call, which stay
//! valid until the call returns to JavaScript.

use std::ptr;

use napi::{Env, Error, Result, Status, sys};

/// Node-API for the duration of one call from JavaScript.
#[derive(Debug, Clone, Copy)]
pub struct Js {
    env: sys::napi_env,
}

/// A JavaScript value created in the current call.
pub type Value = sys::napi_value;

fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::new(Status::from(status), format!("libprobe: Node-API {what} failed")))
    }
}

impl Js {
    pub fn new(env: &Env) -> Js {
        Js { env: env.raw() }
    }

    pub fn object(&self) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: `self.env` is the env of the call in progress (see the module doc) and
        // `out` is a local out-pointer.
        check(unsafe { sys::napi_create_object(self.env, &mut out) }, "create_object")?;
        Ok(out)
    }

    /// Defines own, enumerable, writable data properties: unlike `set`, a key such as
    /// `__proto__` becomes an ordinary property.
    pub fn define(&self, object: Value, entries: &[(Value, Value)]) -> Result<()> {
        use sys::PropertyAttributes::{configurable, enumerable, writable};
        let props: Vec<sys::napi_property_descriptor> = entries
            .iter()
            .map(|&(name, value)| sys::napi_property_descriptor {
                utf8name: ptr::null(),
                name,
                method: None,
                getter: None,
                setter: None,
                value,
                attributes: writable | enumerable | configurable,
                data: ptr::null_mut(),
            })
            .collect();
        // SAFETY: the env of the call in progress; `props` holds `props.len()` descriptors
        // whose names and values were created in it, and outlives the call.
        check(
            unsafe { sys::napi_define_properties(self.env, object, props.len(), props.as_ptr()) },
            "define_properties",
        )
    }

    pub fn array(&self, len: usize) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_create_array_with_length(self.env, len, &mut out) }, "create_array")?;
        Ok(out)
    }

    pub fn set_element(&self, array: Value, index: u32, value: Value) -> Result<()> {
        // SAFETY: the env of the call in progress, and two values created in it.
        check(unsafe { sys::napi_set_element(self.env, array, index, value) }, "set_element")
    }

    pub fn string(&self, s: &str) -> Result<Value> {
        let mut out = ptr::null_mut();
        let len = s.len() as isize;
        // SAFETY: the env of the call in progress; `s` is valid UTF-8 of `len` bytes (the
        // length is given, so no NUL is needed); `out` is a local out-pointer.
        let status = unsafe { sys::napi_create_string_utf8(self.env, s.as_ptr().cast(), len, &mut out) };
        check(status, "create_string_utf8")?;
        Ok(out)
    }

    pub fn utf16(&self, units: &[u16]) -> Result<Value> {
        let mut out = ptr::null_mut();
        let len = units.len() as isize;
        // SAFETY: the env of the call in progress; `units` holds `len` code units; `out` is
        // a local out-pointer.
        let status = unsafe { sys::napi_create_string_utf16(self.env, units.as_ptr(), len, &mut out) };
        check(status, "create_string_utf16")?;
        Ok(out)
    }

    pub fn number(&self, x: f64) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_create_double(self.env, x, &mut out) }, "create_double")?;
        Ok(out)
    }

    pub fn bigint_u64(&self, n: u64) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_create_bigint_uint64(self.env, n, &mut out) }, "create_bigint_uint64")?;
        Ok(out)
    }

    pub fn bigint_i64(&self, n: i64) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_create_bigint_int64(self.env, n, &mut out) }, "create_bigint_int64")?;
        Ok(out)
    }

    pub fn boolean(&self, b: bool) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_get_boolean(self.env, b, &mut out) }, "get_boolean")?;
        Ok(out)
    }

    pub fn undefined(&self) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_get_undefined(self.env, &mut out) }, "get_undefined")?;
        Ok(out)
    }

    pub fn element(&self, array: Value, index: u32) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress and a value created in it; `out` is a
        // local out-pointer.
        check(unsafe { sys::napi_get_element(self.env, array, index, &mut out) }, "get_element")?;
        Ok(out)
    }

    /// Calls the function `f` with `args` (and `this` undefined).
    pub fn call(&self, f: Value, args: &[Value]) -> Result<Value> {
        let this = self.undefined()?;
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `f`, `this` and the `args.len()` values
        // of `args` were created in it; `out` is a local out-pointer. A function that is
        // not callable, or that throws, gives an error status (and a pending exception).
        let status = unsafe { sys::napi_call_function(self.env, this, f, args.len(), args.as_ptr(), &mut out) };
        check(status, "call_function")?;
        Ok(out)
    }

    pub fn null(&self) -> Result<Value> {
        let mut out = ptr::null_mut();
        // SAFETY: the env of the call in progress; `out` is a local out-pointer.
        check(unsafe { sys::napi_get_null(self.env, &mut out) }, "get_null")?;
        Ok(out)
    }
}

/// A value made with [`Js`], returned to JavaScript as is.
#[derive(Debug)]
pub struct Raw(pub Value);

impl napi::bindgen_prelude::ToNapiValue for Raw {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        Ok(val.0)
    }
}

impl napi::bindgen_prelude::TypeName for Raw {
    fn type_name() -> &'static str {
        "Object"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Object
    }
}
