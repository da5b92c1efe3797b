//! The C view against the core's schemas: every record and field, every option, and the
//! header's version macros. (`make generate` writes the C view; `generate/tests/fresh.rs`
//! checks it is fresh.)

use std::ffi::{CStr, CString, c_char};
use std::path::PathBuf;

use libprobe::schema::RecordType;
use libprobe::{Options, Snapshot};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text(p: *const c_char) -> String {
    // SAFETY: every string of the tables is a static NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

#[test]
fn header_version_macros_follow_cargo() {
    let h = std::fs::read_to_string(manifest_dir().join("../include/libprobe.h")).unwrap();
    let v = env!("CARGO_PKG_VERSION");
    assert!(h.contains(&format!("#define LIBPROBE_VERSION \"{v}\"")), "LIBPROBE_VERSION is not {v}");
    assert!(h.contains(&format!("#define LIBPROBE_VERSION_MAJOR {}", env!("CARGO_PKG_VERSION_MAJOR"))));
    assert!(h.contains(&format!("#define LIBPROBE_ABI_VERSION {}", probe::LIBPROBE_ABI_VERSION)));
    let build_rs = std::fs::read_to_string(manifest_dir().join("build.rs")).unwrap();
    assert!(
        build_rs.contains(&format!("const ABI_VERSION: u32 = {};", probe::LIBPROBE_ABI_VERSION)),
        "build.rs's soname ABI version differs from src/lib.rs"
    );
}

/// Every record and enum the C view has is exactly the schema's (a second, independent
/// check that nothing in the core is left out of the C view).
#[test]
fn every_core_record_and_field_is_in_the_c_view() {
    // SAFETY: libprobe_schema returns static tables of NUL-terminated strings.
    let info = unsafe { &*probe::schema_info::libprobe_schema() };
    // SAFETY: `records` has `record_count` entries.
    let records = unsafe { std::slice::from_raw_parts(info.records, info.record_count as usize) };
    let walked = Snapshot::SCHEMA.walk();
    assert_eq!(records.len(), walked.len(), "records in the C view vs in the core");
    for (c, core) in records.iter().zip(&walked) {
        assert_eq!(text(c.schema_name), core.name);
        // SAFETY: `fields` has `field_count` entries.
        let fields = unsafe { std::slice::from_raw_parts(c.fields, c.field_count as usize) };
        let names: Vec<_> = fields.iter().map(|f| text(f.name)).collect();
        let core_names: Vec<_> = core.fields.iter().map(|f| f.name.to_owned()).collect();
        assert_eq!(names, core_names, "fields of {} in the C view", core.name);
        for (f, cf) in fields.iter().zip(core.fields) {
            let unit = (!f.unit.is_null()).then(|| text(f.unit));
            assert_eq!(unit.as_deref(), cf.unit, "unit of {}.{}", core.name, cf.name);
            let metric = match cf.metric {
                libprobe::schema::Metric::Counter => probe::schema_info::LIBPROBE_METRIC_COUNTER,
                libprobe::schema::Metric::Gauge => probe::schema_info::LIBPROBE_METRIC_GAUGE,
            };
            assert_eq!(f.metric, metric, "metric of {}.{}", core.name, cf.name);
        }
    }
}

/// The option schema of the C ABI is the core's, and every option set by key reaches the
/// core's options (what `libprobe_config_get` reads back).
#[test]
fn every_option_is_in_the_c_schema_and_settable_by_key() {
    let mut n = 0usize;
    // SAFETY: `n` is writable; the table is static.
    let first = unsafe { probe::options::libprobe_options_schema(&mut n) };
    // SAFETY: the table has `n` entries.
    let infos = unsafe { std::slice::from_raw_parts(first, n) };
    let core = Options::describe();
    assert_eq!(infos.iter().map(|i| text(i.key)).collect::<Vec<_>>(), Options::keys());
    let mut config = std::ptr::null_mut();
    // SAFETY: `config` is writable.
    assert_eq!(unsafe { probe::config::libprobe_config_new(&mut config) }, 0);
    for (c, o) in infos.iter().zip(&core) {
        assert_eq!((text(c.default_value), text(c.sample_value)), (o.default.to_string(), o.sample.to_string()));
        let (key, sample) = (CString::new(o.key.clone()).unwrap(), CString::new(o.sample.to_string()).unwrap());
        // SAFETY: a live config and NUL-terminated strings.
        let st = unsafe { probe::options::libprobe_config_set(config, key.as_ptr(), sample.as_ptr()) };
        assert_eq!(st, 0, "libprobe_config_set({}, {})", o.key, o.sample);
        let mut got = probe::arena::libprobe_str { ptr: std::ptr::null(), len: 0 };
        // SAFETY: as above; `got` is writable.
        assert_eq!(unsafe { probe::options::libprobe_config_get(config, key.as_ptr(), &mut got) }, 0);
        assert_eq!(text(got.ptr), o.sample.to_string(), "{} read back", o.key);
    }
    let (bogus, value) = (c"network.sokets", c"tcp");
    // SAFETY: as above.
    let st = unsafe { probe::options::libprobe_config_set(config, bogus.as_ptr(), value.as_ptr()) };
    assert_eq!(st, probe::status::LIBPROBE_STATUS_UNKNOWN_OPTION);
    // SAFETY: as above.
    let message = text(unsafe { probe::config::libprobe_config_last_error(config) });
    assert!(message.contains("network.sokets") && message.contains("network.sockets"), "{message}");
    let (key, bad) = (c"network.sockets", c"tcp,carrier-pigeon");
    // SAFETY: as above.
    let st = unsafe { probe::options::libprobe_config_set(config, key.as_ptr(), bad.as_ptr()) };
    assert_eq!(st, probe::status::LIBPROBE_STATUS_INVALID_ARGUMENT);
    // SAFETY: as above.
    let message = text(unsafe { probe::config::libprobe_config_last_error(config) });
    assert!(message.contains("network.sockets") && message.contains("carrier-pigeon"), "{message}");
    // SAFETY: a live config.
    unsafe { probe::config::libprobe_config_free(config) };
}
