#![doc = include_str!("../../README.md")]
// Parsing helpers are shared by platform backends; a build without one leaves them unused.
#![cfg_attr(not(linux_kernel), allow(dead_code))]

// Lets `#[derive(Record)]` name `::libprobe::…` from inside this crate too.
extern crate self as libprobe;

pub(crate) mod domain;
pub mod ebpf;
pub mod error;
// Parser entry points for the fuzz targets and property tests; not part of the API.
#[cfg(all(feature = "fuzzing", linux_kernel))]
#[doc(hidden)]
pub mod fuzzing;
pub mod gpu;
pub mod json;
pub mod model;
pub mod network;
pub mod options;
pub(crate) mod parse;
pub mod power;
pub mod process;
pub mod registry;
pub mod schema;
pub mod snapshot;
pub mod source;
pub mod storage;
mod sys;
pub mod system;
pub mod text;

pub use error::{Error, ErrorKind, ParseError};
pub use gpu::GpuOptions;
pub use libprobe_derive::{OptionSet, Record, RecordEnum};
pub use model::{Domain, DomainName, DomainState, DomainStatus, Field, Reason};
pub use network::{NetNamespaceTarget, NetworkOptions, SocketKind, SocketKinds};
pub use options::{OptionError, OptionKind, OptionValue};
pub use process::ProcessOptions;
pub use registry::OptionInfo;
pub use snapshot::{Domains, Options, Probe, Snapshot};
pub use source::Source;
pub use text::ByteStr;

/// This library's version (from Cargo metadata).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
