//! Errors: what went wrong, and in which kernel file.
//!
//! Only [`crate::Source`] turns an `io::Error` into an [`Error`], so every I/O error names
//! its path. Parsers return [`ParseError`] (which field, which line), and the reader that
//! called them adds the path:
//!
//! ```text
//! parse error in /proc/net/dev line 3: missing field tx_bytes
//! ```

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Reason;

/// The class of an error. Stable: each maps to one C status code.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An I/O error not covered by a more precise kind.
    Io,
    /// EACCES or EPERM.
    PermissionDenied,
    /// The file or directory does not exist (reason `not_present`).
    NotFound,
    /// The process the file belongs to has exited (ESRCH, or its `/proc` entry went away).
    Gone,
    /// The content did not parse.
    Parse,
    /// The content was larger than the read limit.
    TooLarge,
    /// Not supported by this kernel or platform.
    Unsupported,
    /// Not present on this machine.
    NotPresent,
    /// A caller passed an invalid argument or option.
    InvalidArgument,
    /// The source did not answer in time.
    TimedOut,
}

impl ErrorKind {
    /// Every kind, in declaration order: each face has one error class per kind.
    pub const ALL: [ErrorKind; 10] = [
        ErrorKind::Io,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::Gone,
        ErrorKind::Parse,
        ErrorKind::TooLarge,
        ErrorKind::Unsupported,
        ErrorKind::NotPresent,
        ErrorKind::InvalidArgument,
        ErrorKind::TimedOut,
    ];

    /// The snake_case name (`permission_denied`): Python's `kind`, Node's `code` in upper
    /// case, and with an `Error` suffix in PascalCase each face's class name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Gone => "gone",
            ErrorKind::Parse => "parse",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NotPresent => "not_present",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::TimedOut => "timed_out",
        }
    }

    /// One sentence on what the kind means (each face's error class doc).
    pub fn doc(self) -> &'static str {
        match self {
            ErrorKind::Io => "An I/O error not covered by a more precise kind.",
            ErrorKind::PermissionDenied => "The kernel refused access (EACCES, EPERM).",
            ErrorKind::NotFound => "A file or directory does not exist.",
            ErrorKind::Gone => "The process has exited.",
            ErrorKind::Parse => "Kernel output did not parse.",
            ErrorKind::TooLarge => "A source was larger than the read limit.",
            ErrorKind::Unsupported => "Not supported by this kernel or platform.",
            ErrorKind::NotPresent => "Not present on this machine.",
            ErrorKind::InvalidArgument => "An invalid argument or option.",
            ErrorKind::TimedOut => "A source did not answer in time.",
        }
    }

    /// The error class every face names this kind with (`PermissionDeniedError`).
    pub fn class_name(self) -> String {
        crate::schema::pascal_case(self.name()) + "Error"
    }

    /// The reason a field or domain shows when this error left it empty.
    pub fn reason(self) -> Reason {
        match self {
            ErrorKind::PermissionDenied => Reason::PermissionDenied,
            ErrorKind::Gone => Reason::Gone,
            // A file this kernel or machine does not have. (A process's file that vanished
            // with its process is `Gone`: the process collector tells the two apart.)
            ErrorKind::NotFound | ErrorKind::NotPresent => Reason::NotPresent,
            ErrorKind::Unsupported => Reason::NotSupported,
            ErrorKind::TooLarge => Reason::TooLarge,
            ErrorKind::TimedOut => Reason::TimedOut,
            ErrorKind::Io | ErrorKind::Parse | ErrorKind::InvalidArgument => Reason::Error,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::Gone => "process gone",
            ErrorKind::Parse => "parse error",
            ErrorKind::TooLarge => "too large",
            ErrorKind::Unsupported => "not supported",
            ErrorKind::NotPresent => "not present",
            ErrorKind::InvalidArgument => "invalid argument",
            ErrorKind::TimedOut => "timed out",
        }
    }
}

/// An error with the kernel file it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
    field: Option<&'static str>,
    detail: Option<Cow<'static, str>>,
    /// The text that did not parse, quoted and bounded ([`quote`]).
    raw: Option<Box<str>>,
    errno: Option<i32>,
}

impl Error {
    pub fn new(kind: ErrorKind, detail: impl Into<Cow<'static, str>>) -> Self {
        Error { kind, path: None, line: None, field: None, detail: Some(detail.into()), raw: None, errno: None }
    }

    /// An I/O error on `path`. Only `Source` calls this, so every I/O error has its path.
    pub(crate) fn io(path: &Path, err: &std::io::Error) -> Self {
        let mut e = Self::errno(path, err.raw_os_error().unwrap_or(0), err.kind());
        if err.raw_os_error().is_none() && err.kind() == std::io::ErrorKind::Other {
            // A refusal of ours (a FIFO where a file should be): its message says why.
            e.detail = Some(err.to_string().into());
        }
        e
    }

    pub(crate) fn errno(path: &Path, errno: i32, fallback: std::io::ErrorKind) -> Self {
        let kind = match errno {
            libc::EACCES | libc::EPERM => ErrorKind::PermissionDenied,
            libc::ENOENT => ErrorKind::NotFound,
            // A file where a directory should be (`/proc/<pid>` in a broken copy of a
            // tree) is not "absent": it stays an I/O error, with a warning.
            libc::ESRCH => ErrorKind::Gone,
            libc::EOPNOTSUPP | libc::ENOSYS | libc::ENOTTY | libc::ENODATA => ErrorKind::Unsupported,
            libc::ENODEV | libc::ENXIO => ErrorKind::NotPresent,
            libc::ETIMEDOUT => ErrorKind::TimedOut,
            libc::EINVAL => ErrorKind::InvalidArgument,
            0 => match fallback {
                std::io::ErrorKind::PermissionDenied => ErrorKind::PermissionDenied,
                std::io::ErrorKind::NotFound => ErrorKind::NotFound,
                _ => ErrorKind::Io,
            },
            _ => ErrorKind::Io,
        };
        Error {
            kind,
            path: Some(path.to_owned()),
            line: None,
            field: None,
            detail: None,
            raw: None,
            errno: (errno != 0).then_some(errno),
        }
    }

    pub(crate) fn too_large(path: &Path, limit: usize) -> Self {
        Error {
            kind: ErrorKind::TooLarge,
            path: Some(path.to_owned()),
            line: None,
            field: None,
            detail: Some(format!("larger than the {limit}-byte read limit").into()),
            raw: None,
            errno: None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The kernel file (or directory) the error concerns.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of a parse error.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The field a parse error was looking for.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// The raw text that did not parse, quoted (`"-1024"`), for a parse error.
    pub fn raw(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// The OS error number of an I/O error.
    pub fn raw_os_error(&self) -> Option<i32> {
        self.errno
    }

    /// True when the process this concerns has exited: normal during a scan.
    pub fn is_gone(&self) -> bool {
        self.kind == ErrorKind::Gone
    }

    /// The reason a field left empty by this error shows.
    pub fn reason(&self) -> Reason {
        self.kind.reason()
    }

    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    pub(crate) fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.describe())?;
        if let Some(p) = &self.path {
            write!(f, " in {}", p.display())?;
        }
        if let Some(l) = self.line {
            write!(f, " line {l}")?;
        }
        let mut sep = ": ";
        if let Some(d) = &self.detail {
            write!(f, "{sep}{d}")?;
            sep = " ";
        }
        if let Some(field) = self.field {
            write!(f, "{sep}field {field}")?;
        }
        if let Some(raw) = &self.raw {
            write!(f, " {raw}")?;
        }
        if let Some(e) = self.errno {
            write!(f, " ({})", std::io::Error::from_raw_os_error(e))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A parse failure inside one file: which field, which line. Becomes an [`Error`] with the
/// path through [`ParseError::in_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    what: &'static str,
    field: Option<&'static str>,
    line: Option<usize>,
    raw: Option<Box<str>>,
}

impl ParseError {
    /// `field` was absent.
    pub fn missing(field: &'static str) -> Self {
        ParseError { what: "missing", field: Some(field), line: None, raw: None }
    }

    /// `field` was printed as `raw`, which is not a valid value (or does not fit its type).
    pub fn bad(field: &'static str, raw: &[u8]) -> Self {
        ParseError { what: "invalid", field: Some(field), line: None, raw: Some(quote(raw)) }
    }

    /// A value computed from valid fields does not fit its type (a sum or a product
    /// past `u64::MAX`): the result is missing, never clamped.
    pub fn overflow(field: &'static str) -> Self {
        ParseError { what: "out of range", field: Some(field), line: None, raw: None }
    }

    /// Quotes the raw text that did not parse (kept if one was already set).
    pub fn quoting(mut self, raw: &[u8]) -> Self {
        self.raw.get_or_insert_with(|| quote(raw));
        self
    }

    /// True when the field was absent (not printed), rather than printed but invalid.
    pub fn is_missing(&self) -> bool {
        self.what == "missing"
    }

    /// The quoted raw text, if the error quotes one.
    pub fn raw(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// `field` was present but not a valid value.
    pub fn invalid(field: &'static str) -> Self {
        ParseError { what: "invalid", field: Some(field), line: None, raw: None }
    }

    /// The input as a whole was malformed.
    pub fn malformed(what: &'static str) -> Self {
        ParseError { what, field: None, line: None, raw: None }
    }

    /// Notes the 1-based line number (kept if one was already set).
    pub fn at_line(mut self, line: usize) -> Self {
        self.line.get_or_insert(line);
        self
    }

    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The error with the file it came from.
    pub fn in_file(self, path: impl Into<PathBuf>) -> Error {
        Error {
            kind: ErrorKind::Parse,
            path: Some(path.into()),
            line: self.line,
            field: self.field,
            detail: Some(Cow::Borrowed(self.what)),
            raw: self.raw,
            errno: None,
        }
    }
}

/// The most bytes of raw text an error quotes.
const QUOTE_MAX: usize = 48;

/// `raw` as a bounded, printable quotation: `"-1024"`, control and non-UTF-8 bytes as
/// `\xNN`, cut at [`QUOTE_MAX`] bytes with `…`. A warning never carries a file's bulk.
pub(crate) fn quote(raw: &[u8]) -> Box<str> {
    let mut out = String::with_capacity(raw.len().min(QUOTE_MAX) + 4);
    out.push('"');
    for chunk in raw[..raw.len().min(QUOTE_MAX)].utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    if raw.len() > QUOTE_MAX {
        out.push('…');
    }
    out.push('"');
    out.into_boxed_str()
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)?;
        if let Some(field) = self.field {
            write!(f, " field {field}")?;
        }
        if let Some(raw) = &self.raw {
            write!(f, " {raw}")?;
        }
        if let Some(l) = self.line {
            write!(f, " at line {l}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_message_names_path_line_and_field() {
        let e = ParseError::missing("tx_bytes").at_line(3).in_file("/proc/net/dev");
        assert_eq!(e.to_string(), "parse error in /proc/net/dev line 3: missing field tx_bytes");
        assert_eq!((e.line(), e.field()), (Some(3), Some("tx_bytes")));
    }

    #[test]
    fn errno_maps_to_kind_and_reason() {
        let e = Error::errno(Path::new("/proc/1/io"), libc::EACCES, std::io::ErrorKind::Other);
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        assert_eq!(e.reason(), Reason::PermissionDenied);
        assert!(e.to_string().starts_with("permission denied in /proc/1/io"));
        let gone = Error::errno(Path::new("/proc/9/stat"), libc::ESRCH, std::io::ErrorKind::Other);
        assert!(gone.is_gone());
    }
}
