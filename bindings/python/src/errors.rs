//! Python exceptions: `ProbeError`, and one subclass per [`ErrorKind`], each with a class
//! attribute `kind` (`"permission_denied"`, …).

use libprobe::ErrorKind;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

pyo3::create_exception!(
    libprobe,
    ProbeError,
    PyException,
    "Base class of every libprobe error. `kind` names the error kind (`\"invalid_argument\"`, …)."
);

macro_rules! errors {
    ($($class:ident = $kind:ident;)*) => {
        $(pyo3::create_exception!(libprobe, $class, ProbeError);)*

        /// Every subclass's name, in [`ErrorKind`] order (each kind's name and doc come from
        /// the core).
        pub const ERRORS: &[&str] = &[$(stringify!($class),)*];

        /// The exception for an error of `kind`.
        pub fn new_err(kind: ErrorKind, message: String) -> PyErr {
            match kind {
                $(ErrorKind::$kind => $class::new_err(message),)*
                // A kind newer than this binding still raises a ProbeError.
                #[allow(unreachable_patterns)]
                _ => ProbeError::new_err(message),
            }
        }

        /// Adds `ProbeError` and its subclasses to `module`, each with its `kind` and doc.
        pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            let base = py.get_type::<ProbeError>();
            base.setattr("kind", "error")?;
            module.add("ProbeError", base)?;
            $(
                let cls = py.get_type::<$class>();
                cls.setattr("kind", ErrorKind::$kind.name())?;
                cls.setattr("__doc__", ErrorKind::$kind.doc())?;
                module.add(stringify!($class), cls)?;
            )*
            Ok(())
        }
    };
}

errors! {
    IoError = Io;
    PermissionDeniedError = PermissionDenied;
    NotFoundError = NotFound;
    GoneError = Gone;
    ParseError = Parse;
    TooLargeError = TooLarge;
    UnsupportedError = Unsupported;
    NotPresentError = NotPresent;
    InvalidArgumentError = InvalidArgument;
    TimedOutError = TimedOut;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One class per core error kind, named as every face names it.
    #[test]
    fn one_class_per_core_error_kind() {
        let core: Vec<String> = ErrorKind::ALL.iter().map(|k| k.class_name()).collect();
        assert_eq!(ERRORS, core);
    }
}
