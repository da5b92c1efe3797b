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

/// One exception class, for the stub generator and the module.
#[derive(Debug, Clone, Copy)]
pub struct ErrorClass {
    pub class: &'static str,
    /// The snake_case name of the [`ErrorKind`].
    pub kind: &'static str,
    pub doc: &'static str,
}

macro_rules! errors {
    ($($class:ident = $kind:ident, $name:literal, $doc:literal;)*) => {
        $(pyo3::create_exception!(libprobe, $class, ProbeError, $doc);)*

        /// Every subclass, in [`ErrorKind`] order.
        pub const ERRORS: &[ErrorClass] = &[$(ErrorClass { class: stringify!($class), kind: $name, doc: $doc },)*];

        /// The exception for an error of `kind`.
        pub fn new_err(kind: ErrorKind, message: String) -> PyErr {
            match kind {
                $(ErrorKind::$kind => $class::new_err(message),)*
                // A kind newer than this binding still raises a ProbeError.
                #[allow(unreachable_patterns)]
                _ => ProbeError::new_err(message),
            }
        }

        /// Adds `ProbeError` and its subclasses to `module`.
        pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            let base = py.get_type::<ProbeError>();
            base.setattr("kind", "error")?;
            module.add("ProbeError", base)?;
            $(
                let cls = py.get_type::<$class>();
                cls.setattr("kind", $name)?;
                module.add(stringify!($class), cls)?;
            )*
            Ok(())
        }
    };
}

errors! {
    IoError = Io, "io", "An I/O error not covered by a more precise kind.";
    PermissionDeniedError = PermissionDenied, "permission_denied", "The kernel refused access (EACCES, EPERM).";
    NotFoundError = NotFound, "not_found", "A file or directory does not exist.";
    GoneError = Gone, "gone", "The process has exited.";
    ParseError = Parse, "parse", "Kernel output did not parse.";
    TooLargeError = TooLarge, "too_large", "A source was larger than the read limit.";
    UnsupportedError = Unsupported, "unsupported", "Not supported by this kernel or platform.";
    NotPresentError = NotPresent, "not_present", "Not present on this machine.";
    InvalidArgumentError = InvalidArgument, "invalid_argument", "An invalid argument or option.";
    TimedOutError = TimedOut, "timed_out", "A source did not answer in time.";
}
