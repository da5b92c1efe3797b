#![doc = include_str!("../../README.md")]

// Lets `#[derive(Record)]` name `::libprobe::…` from inside this crate too.
extern crate self as libprobe;

pub mod error;
pub mod json;
pub mod model;
pub(crate) mod parse;
pub mod process;
pub mod schema;
pub mod snapshot;
pub mod source;
mod sys;
pub mod system;
pub mod text;

pub use error::{Error, ErrorKind, ParseError};
pub use libprobe_derive::{Record, RecordEnum};
pub use model::{Domain, DomainName, DomainState, DomainStatus, Field, Reason};
pub use snapshot::{Domains, Options, Probe, ProcessOptions, Snapshot};
pub use source::Source;
pub use text::ByteStr;

/// This library's version (from Cargo metadata).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
