//! `docs/options.md`: every option of every domain, from the core's option schema — the one
//! reference each language's page points to.

use std::fmt::Write as _;

use libprobe::options::OptionKind;
use libprobe::{DomainName, Options};

pub fn options_md() -> String {
    let mut o = String::from(
        "# Options\n\n\
         <!-- Generated from the core's option schema by `make generate` (generate/src/docs.rs): do not edit. -->\n\n\
         Every option a probe takes, by key. Keys are `domains` and `<domain>.<option>`; values use one\n\
         text syntax everywhere (`probe --set KEY=VALUE`, C's `libprobe_config_set`, Go's `Options.Set`):\n\
         `true`/`false`; an integer; names separated by commas (`tcp,udp`, `all`, or empty for none);\n\
         process ids separated by commas (`all` for every process); a path (empty for none); for a\n\
         namespace, `self`, a process id or a namespace file's path. Each language also takes them\n\
         natively, under the domain's name and in its own case: `Probe(process={\"smaps_rollup\": True})`\n\
         in Python, `new Probe({ process: { smapsRollup: true } })` in Node,\n\
         `Options{Process: ProcessOptions{SmapsRollup: libprobe.Bool(true)}}` in Go,\n\
         `libprobe_config_set_process_smaps_rollup(config, 1)` in C. `probe options` prints this list\n\
         (`--json` for the schema as data).\n",
    );
    let described = Options::describe();
    let mut section = |title: &str, domain: Option<DomainName>| {
        let _ = writeln!(o, "\n## {title}\n\n| key | kind | default | what |\n|---|---|---|---|");
        for info in described.iter().filter(|i| i.domain == domain) {
            let kind = match info.kind {
                OptionKind::UInt { min, max } => format!("integer, {min}–{max}"),
                k if !k.accepted().is_empty() => format!("{}: {}", k.name(), k.accepted().join(", ")),
                k => k.name().to_owned(),
            };
            let doc = info.doc.replace("[`", "`").replace("`]", "`").replace('\n', " ").replace('|', "\\|");
            let _ = writeln!(o, "| `{}` | {kind} | `{}` | {doc} |", info.key, info.default);
        }
    };
    section("All domains", None);
    for d in DomainName::ALL {
        if !d.options().is_empty() {
            section(&format!("`{}`", d.name()), Some(d));
        }
    }
    o
}
