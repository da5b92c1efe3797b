//! Options with a schema: what each domain can be asked to collect, derived the way
//! records are.
//!
//! Each domain's options are a plain struct with `#[derive(OptionSet)]`: its fields are
//! the options, their doc comments the options' docs, their types the options' kinds
//! ([`OptionKind`]). From that one declaration every face is generated — the C setters
//! (`libprobe_config_set_network_owners`, and `libprobe_config_set(config, "network.owners",
//! "false")`), Python's and Node's per-domain mappings, Go's nested structs — and the `probe`
//! command's `--set KEY=VALUE` and `probe options`. An option added to a domain's struct
//! reaches all of them; the faces' parity tests fail when one does not.
//!
//! Keys are `domains` and `<domain>.<option>` (`process.smaps_rollup`, `network.sockets`,
//! `network.netns`). Values have one text syntax, the `probe` command's:
//!
//! | kind | text | example |
//! |---|---|---|
//! | [`OptionKind::Bool`] | `true`, `false` (also `1`/`0`, `yes`/`no`, `on`/`off`) | `true` |
//! | [`OptionKind::UInt`] | a decimal integer within the bounds | `4` |
//! | [`OptionKind::Names`] | names from the accepted list, comma-separated; `all`; empty for none | `tcp,udp` |
//! | [`OptionKind::Choice`] | one name from the accepted list | `auto` |
//! | [`OptionKind::Pids`] | process ids, comma-separated; `all` for every process | `1,42` |
//! | [`OptionKind::Path`] | a path; empty for none | `/usr/lib/libnvidia-ml.so.1` |
//! | [`OptionKind::Words`] | words, comma-separated; empty for none | `password,token` |
//! | [`OptionKind::Namespace`] | `self`, a process id, or a path | `/var/run/netns/blue` |
//!
//! ```
//! use libprobe::Options;
//!
//! let mut o = Options::default();
//! o.set("network.sockets", "tcp,udp").unwrap();
//! o.set("process.smaps_rollup", "true").unwrap();
//! assert_eq!(o.get("network.sockets").unwrap(), "tcp,udp");
//! assert!(o.set("network.sokets", "tcp").is_err());    // a misspelt key is an error
//! ```

use std::fmt;
use std::path::PathBuf;

pub use crate::network::NetNamespaceTarget;

/// The type of an option, precise enough to generate each face's setter from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    /// An unsigned integer within `min..=max`.
    UInt {
        min: u64,
        max: u64,
    },
    /// A set of names taken from `accepted` (a bit set in C, bit `i` for `accepted[i]`).
    Names(&'static [&'static str]),
    /// One name from `accepted`.
    Choice(&'static [&'static str]),
    /// A list of process ids, or every process.
    Pids,
    /// A filesystem path, or none.
    Path,
    /// A list of words.
    Words,
    /// A network namespace: the probe's own (`self`), a process's, or a namespace file.
    Namespace,
}

impl OptionKind {
    /// A short name for the kind (`bool`, `uint`, `names`, …), as `probe options` prints it.
    pub fn name(&self) -> &'static str {
        match self {
            OptionKind::Bool => "bool",
            OptionKind::UInt { .. } => "uint",
            OptionKind::Names(_) => "names",
            OptionKind::Choice(_) => "choice",
            OptionKind::Pids => "pids",
            OptionKind::Path => "path",
            OptionKind::Words => "words",
            OptionKind::Namespace => "namespace",
        }
    }

    /// The names an option of this kind accepts (empty for the kinds without a vocabulary).
    pub fn accepted(&self) -> &'static [&'static str] {
        match self {
            OptionKind::Names(a) | OptionKind::Choice(a) => a,
            _ => &[],
        }
    }

    /// What the text syntax of this kind accepts, for error messages and `probe options`.
    pub fn describe(&self) -> String {
        match self {
            OptionKind::Bool => "true or false".into(),
            OptionKind::UInt { min, max } => format!("an integer from {min} to {max}"),
            OptionKind::Names(a) => format!("a comma-separated list of {}, or all", a.join(", ")),
            OptionKind::Choice(a) => format!("one of {}", a.join(", ")),
            OptionKind::Pids => "a comma-separated list of process ids, or all".into(),
            OptionKind::Path => "a path (empty for none)".into(),
            OptionKind::Words => "a comma-separated list of words".into(),
            OptionKind::Namespace => "self, a process id, or a namespace file's path".into(),
        }
    }
}

/// One option of a domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSchema {
    /// The name within its domain (snake_case; each language adapts only the case).
    pub name: &'static str,
    /// The option's doc comment.
    pub doc: &'static str,
    /// The unit of a numeric option, when it has one.
    pub unit: Option<&'static str>,
    pub kind: OptionKind,
}

/// A value of an option, typed by its [`OptionKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Bool(bool),
    UInt(u64),
    /// A set, in the order of the kind's accepted names.
    Names(Vec<String>),
    Choice(String),
    /// `None`: every process.
    Pids(Option<Vec<i32>>),
    Path(Option<PathBuf>),
    Words(Vec<String>),
    Namespace(NetNamespaceTarget),
}

impl OptionValue {
    /// Parses the text syntax of `kind` (see the module docs).
    pub fn parse(kind: OptionKind, text: &str) -> Result<OptionValue, String> {
        let text = text.trim();
        let list = || text.split(',').map(str::trim).filter(|s| !s.is_empty());
        let bad = || format!("`{text}` is not {}", kind.describe());
        Ok(match kind {
            OptionKind::Bool => OptionValue::Bool(match text.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => true,
                "false" | "0" | "no" | "off" => false,
                _ => return Err(bad()),
            }),
            OptionKind::UInt { .. } => OptionValue::UInt(text.parse().map_err(|_| bad())?),
            OptionKind::Names(accepted) => {
                let mut names = Vec::new();
                for n in list() {
                    if n == "all" {
                        names = accepted.iter().map(|s| (*s).to_owned()).collect();
                    } else if accepted.contains(&n) {
                        names.push(n.to_owned());
                    } else {
                        return Err(format!("unknown name `{n}` (known: {}, all)", accepted.join(", ")));
                    }
                }
                OptionValue::Names(names)
            }
            OptionKind::Choice(accepted) => {
                if !accepted.contains(&text) {
                    return Err(bad());
                }
                OptionValue::Choice(text.to_owned())
            }
            OptionKind::Pids if text == "all" => OptionValue::Pids(None),
            OptionKind::Pids => {
                let pids: Result<Vec<i32>, _> = list().map(str::parse).collect();
                OptionValue::Pids(Some(pids.map_err(|_| bad())?))
            }
            OptionKind::Path => OptionValue::Path((!text.is_empty()).then(|| PathBuf::from(text))),
            OptionKind::Words => OptionValue::Words(list().map(str::to_owned).collect()),
            OptionKind::Namespace => OptionValue::Namespace(match text {
                "" | "self" => NetNamespaceTarget::Own,
                t => match t.parse::<i32>() {
                    Ok(pid) => NetNamespaceTarget::Pid(pid),
                    Err(_) => NetNamespaceTarget::Path(PathBuf::from(t)),
                },
            }),
        })
    }

    /// Whether this value is of `kind` (before bounds and vocabulary are checked).
    pub fn is_of(&self, kind: OptionKind) -> bool {
        matches!(
            (self, kind),
            (OptionValue::Bool(_), OptionKind::Bool)
                | (OptionValue::UInt(_), OptionKind::UInt { .. })
                | (OptionValue::Names(_), OptionKind::Names(_))
                | (OptionValue::Choice(_), OptionKind::Choice(_))
                | (OptionValue::Pids(_), OptionKind::Pids)
                | (OptionValue::Path(_), OptionKind::Path)
                | (OptionValue::Words(_), OptionKind::Words)
                | (OptionValue::Namespace(_), OptionKind::Namespace)
        )
    }

    /// Checks bounds and vocabulary against `kind`; `Err` says what is wrong.
    pub fn check(&self, kind: OptionKind) -> Result<(), String> {
        if !self.is_of(kind) {
            return Err(format!("expected {}", kind.describe()));
        }
        match (self, kind) {
            (OptionValue::UInt(v), OptionKind::UInt { min, max }) if *v < min || *v > max => {
                Err(format!("{v} is not an integer from {min} to {max}"))
            }
            (OptionValue::Names(names), OptionKind::Names(accepted)) => {
                match names.iter().find(|n| !accepted.contains(&n.as_str())) {
                    Some(n) => Err(format!("unknown name `{n}` (known: {}, all)", accepted.join(", "))),
                    None => Ok(()),
                }
            }
            (OptionValue::Choice(c), OptionKind::Choice(accepted)) if !accepted.contains(&c.as_str()) => {
                Err(format!("`{c}` is not {}", kind.describe()))
            }
            _ => Ok(()),
        }
    }
}

impl OptionKind {
    /// A valid value of this kind other than `current`: what the faces' parity tests set
    /// through each face to check that the option reaches the core.
    pub fn sample_other_than(&self, current: &OptionValue) -> OptionValue {
        match (*self, current) {
            (OptionKind::Bool, OptionValue::Bool(b)) => OptionValue::Bool(!b),
            (OptionKind::Bool, _) => OptionValue::Bool(true),
            (OptionKind::UInt { min, .. }, OptionValue::UInt(v)) if *v != min => OptionValue::UInt(min),
            (OptionKind::UInt { min, max }, _) => OptionValue::UInt(if min < max { min + 1 } else { min }),
            (OptionKind::Names(accepted), OptionValue::Names(names)) => {
                let first = accepted.first().map(|s| (*s).to_owned());
                let pick = if names.len() == 1 && names.first() == first.as_ref() {
                    accepted.last()
                } else {
                    accepted.first()
                };
                OptionValue::Names(pick.map(|s| vec![(*s).to_owned()]).unwrap_or_default())
            }
            (OptionKind::Names(_), _) => OptionValue::Names(Vec::new()),
            (OptionKind::Choice(accepted), current) => {
                let other = accepted.iter().find(|a| !matches!(current, OptionValue::Choice(c) if c == *a));
                OptionValue::Choice(other.or(accepted.first()).map_or_else(String::new, |s| (*s).to_owned()))
            }
            (OptionKind::Pids, OptionValue::Pids(None)) => OptionValue::Pids(Some(vec![1])),
            (OptionKind::Pids, _) => OptionValue::Pids(None),
            (OptionKind::Path, OptionValue::Path(None)) => {
                OptionValue::Path(Some(PathBuf::from("/nonexistent/libprobe-sample")))
            }
            (OptionKind::Path, _) => OptionValue::Path(None),
            (OptionKind::Words, OptionValue::Words(w)) if w.is_empty() => {
                OptionValue::Words(vec!["libprobe_sample".into()])
            }
            (OptionKind::Words, _) => OptionValue::Words(Vec::new()),
            (OptionKind::Namespace, OptionValue::Namespace(NetNamespaceTarget::Own)) => {
                OptionValue::Namespace(NetNamespaceTarget::Pid(1))
            }
            (OptionKind::Namespace, _) => OptionValue::Namespace(NetNamespaceTarget::Own),
        }
    }
}

/// The text syntax (see the module docs); [`OptionValue::parse`] reads it back.
impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Bool(b) => write!(f, "{b}"),
            OptionValue::UInt(n) => write!(f, "{n}"),
            OptionValue::Names(v) | OptionValue::Words(v) => f.write_str(&v.join(",")),
            OptionValue::Choice(c) => f.write_str(c),
            OptionValue::Pids(None) => f.write_str("all"),
            OptionValue::Pids(Some(p)) => {
                let texts: Vec<String> = p.iter().map(i32::to_string).collect();
                f.write_str(&texts.join(","))
            }
            OptionValue::Path(None) => Ok(()),
            OptionValue::Path(Some(p)) => write!(f, "{}", p.display()),
            OptionValue::Namespace(NetNamespaceTarget::Own) => f.write_str("self"),
            OptionValue::Namespace(NetNamespaceTarget::Pid(pid)) => write!(f, "{pid}"),
            OptionValue::Namespace(NetNamespaceTarget::Path(p)) => write!(f, "{}", p.display()),
        }
    }
}

/// Why an option could not be set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionError {
    /// No option has this key (a misspelt option is never silently ignored).
    Unknown { key: String, known: Vec<String> },
    /// The value is not one the option accepts.
    Invalid { key: String, message: String },
}

impl OptionError {
    pub fn key(&self) -> &str {
        match self {
            OptionError::Unknown { key, .. } | OptionError::Invalid { key, .. } => key,
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionError::Unknown { key, known } => write!(f, "unknown option `{key}` (known: {})", known.join(", ")),
            OptionError::Invalid { key, message } => write!(f, "option `{key}`: {message}"),
        }
    }
}

impl std::error::Error for OptionError {}

/// A domain's options: a struct with `#[derive(OptionSet)]`.
pub trait OptionSet {
    /// Every option, in declaration order.
    const OPTIONS: &'static [OptionSchema];
    /// Sets option `name` (without the domain prefix). `Err` carries the message only; the
    /// caller adds the key.
    fn set_value(&mut self, name: &str, value: OptionValue) -> Result<(), OptionSetError>;
    /// The current value of option `name`.
    fn value(&self, name: &str) -> Option<OptionValue>;
}

/// `kind` with the bounds a field's `#[option(min, max)]` gives (the derive's helper).
pub const fn bounded(kind: OptionKind, min: Option<u64>, max: Option<u64>) -> OptionKind {
    match kind {
        OptionKind::UInt { min: lo, max: hi } => OptionKind::UInt {
            min: match min {
                Some(m) => m,
                None => lo,
            },
            max: match max {
                Some(m) => m,
                None => hi,
            },
        },
        other => other,
    }
}

/// Why [`OptionSet::set_value`] refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionSetError {
    Unknown,
    Invalid(String),
}

/// A type an option can have. The derive uses it for every field.
pub trait OptionField: Sized {
    const KIND: OptionKind;
    fn from_value(v: OptionValue) -> Result<Self, String>;
    fn to_value(&self) -> OptionValue;
}

impl OptionField for bool {
    const KIND: OptionKind = OptionKind::Bool;
    fn from_value(v: OptionValue) -> Result<Self, String> {
        match v {
            OptionValue::Bool(b) => Ok(b),
            _ => Err("expected true or false".into()),
        }
    }
    fn to_value(&self) -> OptionValue {
        OptionValue::Bool(*self)
    }
}

macro_rules! uint_option {
    ($($t:ty),*) => {$(
        impl OptionField for $t {
            const KIND: OptionKind = OptionKind::UInt { min: 0, max: <$t>::MAX as u64 };
            fn from_value(v: OptionValue) -> Result<Self, String> {
                match v {
                    OptionValue::UInt(n) => <$t>::try_from(n).map_err(|_| format!("{n} is too large")),
                    _ => Err("expected an integer".into()),
                }
            }
            fn to_value(&self) -> OptionValue {
                OptionValue::UInt(*self as u64)
            }
        }
    )*};
}
uint_option!(u32, u64, usize);

impl OptionField for Option<Vec<i32>> {
    const KIND: OptionKind = OptionKind::Pids;
    fn from_value(v: OptionValue) -> Result<Self, String> {
        match v {
            OptionValue::Pids(p) => Ok(p),
            _ => Err("expected a list of process ids".into()),
        }
    }
    fn to_value(&self) -> OptionValue {
        OptionValue::Pids(self.clone())
    }
}

impl OptionField for Option<PathBuf> {
    const KIND: OptionKind = OptionKind::Path;
    fn from_value(v: OptionValue) -> Result<Self, String> {
        match v {
            OptionValue::Path(p) => Ok(p),
            _ => Err("expected a path".into()),
        }
    }
    fn to_value(&self) -> OptionValue {
        OptionValue::Path(self.clone())
    }
}

impl OptionField for Vec<String> {
    const KIND: OptionKind = OptionKind::Words;
    fn from_value(v: OptionValue) -> Result<Self, String> {
        match v {
            OptionValue::Words(w) => Ok(w),
            _ => Err("expected a list of words".into()),
        }
    }
    fn to_value(&self) -> OptionValue {
        OptionValue::Words(self.clone())
    }
}

impl OptionField for NetNamespaceTarget {
    const KIND: OptionKind = OptionKind::Namespace;
    fn from_value(v: OptionValue) -> Result<Self, String> {
        match v {
            OptionValue::Namespace(t) => Ok(t),
            _ => Err("expected self, a process id or a path".into()),
        }
    }
    fn to_value(&self) -> OptionValue {
        OptionValue::Namespace(self.clone())
    }
}

/// A set of names from a fixed vocabulary, kept as a bit set: `bit i` for the `i`-th name.
/// `name_set!` declares one (the domains, socket tables, eBPF tracers).
macro_rules! name_set {
    (
        $(#[$set_meta:meta])* $set:ident of $(#[$item_meta:meta])* $item:ident as $repr:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal ),* $(,)?
        }
    ) => {
        $(#[$item_meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $item {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $item {
            /// Every member, in bit order.
            pub const ALL: &'static [$item] = &[$($item::$variant),*];
            /// The names, in bit order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The name used in options and on command lines.
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }

            /// The member called `name`.
            pub fn from_name(name: &str) -> Option<$item> {
                Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
            }
        }

        $(#[$set_meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $set($repr);

        impl $set {
            /// The empty set.
            pub const NONE: $set = $set(0);

            /// Every member.
            pub fn all() -> $set {
                $item::ALL.iter().fold($set::NONE, |s, i| s.with(*i))
            }

            pub fn with(self, i: $item) -> $set {
                $set(self.0 | 1 << i as u32)
            }

            pub fn without(self, i: $item) -> $set {
                $set(self.0 & !(1 << i as u32))
            }

            pub fn contains(self, i: $item) -> bool {
                self.0 & 1 << i as u32 != 0
            }

            pub fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The members, in bit order.
            pub fn iter(self) -> impl Iterator<Item = $item> {
                $item::ALL.iter().copied().filter(move |i| self.contains(*i))
            }

            /// Parses `a,b` (names as [`
            #[doc = stringify!($item)]
            /// `]; `all` for every member, empty for none).
            pub fn parse(list: &str) -> Result<$set, String> {
                match $crate::options::OptionValue::parse(<$set as $crate::options::OptionField>::KIND, list)? {
                    $crate::options::OptionValue::Names(names) => {
                        <$set as $crate::options::OptionField>::from_value($crate::options::OptionValue::Names(names))
                    }
                    _ => unreachable!("a names kind parses to names"),
                }
            }
        }

        impl $crate::options::OptionField for $set {
            const KIND: $crate::options::OptionKind = $crate::options::OptionKind::Names($item::NAMES);
            fn from_value(v: $crate::options::OptionValue) -> Result<Self, String> {
                match v {
                    $crate::options::OptionValue::Names(names) => names.iter().try_fold($set::NONE, |set, n| {
                        $item::from_name(n).map(|i| set.with(i)).ok_or_else(|| {
                            format!("unknown name `{n}` (known: {}, all)", $item::NAMES.join(", "))
                        })
                    }),
                    _ => Err(format!("expected a list of names ({})", $item::NAMES.join(", "))),
                }
            }
            fn to_value(&self) -> $crate::options::OptionValue {
                $crate::options::OptionValue::Names(self.iter().map(|i| i.name().to_owned()).collect())
            }
        }
    };
}
pub(crate) use name_set;
