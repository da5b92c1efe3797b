/* The C API, call by call: versions, statuses, the header's layout against the
 * library's, the config and its option struct, handles (NULL, freed, foreign, made up),
 * every accessor, and the view of each fixture snapshot and of this machine compared
 * with the core's JSON, field by field.
 *
 *   test_api <fixtures-dir> [<fake-nvml-library>]
 *
 * The fixture scenarios are every one <fixtures-dir> holds (a directory `X` with `X.json`
 * beside it), found when the test runs, each taken as libprobe-core/tests/golden.rs takes
 * it: with the domains of its `domains` file, two snapshots of one probe for a rate
 * scenario (`t0/`, `t1/`), and for one with `nvml.xml` its NVIDIA GPUs from the fake NVML
 * (tests/fake_nvml/fake_nvml.c, built by mk/c.mk and given as the second argument).
 */
#define _GNU_SOURCE
#include <libprobe.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "walk.h"

/* ---- Layout: every struct, field and constant of the header, against the library. ---- */

static const libprobe_record_info *find_record(const char *name) {
  const libprobe_schema_info *s = libprobe_schema();
  for (uint32_t i = 0; i < s->record_count; i++)
    if (strcmp(s->records[i].name, name) == 0) return &s->records[i];
  return NULL;
}

static const libprobe_type_info *find_type(const char *name) {
  const libprobe_schema_info *s = libprobe_schema();
  for (uint32_t i = 0; i < s->type_count; i++)
    if (strcmp(s->types[i].name, name) == 0) return &s->types[i];
  return NULL;
}

static const libprobe_record_info *layout_record;
static uint32_t layout_field;
static unsigned long layout_fields_checked, layout_constants_checked;

static void check_record(const char *type, size_t size, const char *schema_name) {
  layout_record = find_record(type);
  layout_field = 0;
  CHECK(layout_record != NULL, "%s is not in libprobe_schema()", type);
  if (!layout_record) return;
  CHECK(layout_record->size == size, "sizeof(%s): header %zu, library %u", type, size, layout_record->size);
  CHECK(strcmp(layout_record->schema_name, schema_name) == 0, "%s: schema name %s", type, layout_record->schema_name);
}

static void check_field(const char *type, const char *name, size_t offset) {
  if (!layout_record) return;
  CHECK(layout_field < layout_record->field_count, "%s.%s: the library has fewer fields", type, name);
  if (layout_field >= layout_record->field_count) return;
  const libprobe_field_info *f = &layout_record->fields[layout_field++];
  CHECK(strcmp(f->name, name) == 0, "%s field %u: header %s, library %s", type, layout_field, name, f->name);
  CHECK(f->offset == offset, "offsetof(%s, %s): header %zu, library %u", type, name, offset, f->offset);
  layout_fields_checked++;
}

static void check_composite(const char *type, size_t size) {
  const libprobe_type_info *t = find_type(type);
  CHECK(t != NULL, "%s is not in the type table", type);
  if (t) CHECK(t->size == size, "sizeof(%s): header %zu, library %u", type, size, t->size);
}

static void check_constant(const char *constant, long long value, const char *enum_type, const char *name) {
  const libprobe_schema_info *s = libprobe_schema();
  for (uint32_t i = 0; i < s->enum_count; i++) {
    if (strcmp(s->enums[i].name, enum_type) != 0) continue;
    for (uint32_t v = 0; v < s->enums[i].variant_count; v++) {
      const libprobe_variant_info *var = &s->enums[i].variants[v];
      if (strcmp(var->name, name) == 0) {
        CHECK(var->code == value && strcmp(var->constant, constant) == 0, "%s = %lld, library %d (%s)", constant,
              value, var->code, var->constant);
        layout_constants_checked++;
        return;
      }
    }
  }
  CHECK(0, "%s (%s.%s) is not in the library's enums", constant, enum_type, name);
}

static void test_layout(void) {
#define LAYOUT_RECORD(type, schema_name) check_record(#type, sizeof(type), schema_name);
#define LAYOUT_FIELD(type, member, name) check_field(#type, name, offsetof(type, member));
#define LAYOUT_COMPOSITE(type) check_composite(#type, sizeof(type));
#define LAYOUT_CONSTANT(constant, enum_type, name) check_constant(#constant, (long long)(constant), #enum_type, name);
#include "layout.h"
  const libprobe_schema_info *s = libprobe_schema();
  unsigned long fields = 0;
  for (uint32_t i = 0; i < s->record_count; i++) fields += s->records[i].field_count;
  CHECK(layout_fields_checked == fields, "header has %lu fields, library %lu", layout_fields_checked, fields);
  CHECK(s->struct_size == sizeof(libprobe_schema_info), "schema struct_size %u", s->struct_size);
  CHECK(s->abi_version == LIBPROBE_ABI_VERSION, "schema abi %u", s->abi_version);
  CHECK(strcmp(s->records[s->root_record].name, "libprobe_snapshot_view") == 0, "root is %s",
        s->records[s->root_record].name);
  /* Counters and gauges: what an exporter declares each numeric field as. */
  const libprobe_record_info *times = find_record("libprobe_cpu_times");
  const libprobe_record_info *memory = find_record("libprobe_memory");
  CHECK(times && times->fields[0].metric == LIBPROBE_METRIC_COUNTER, "cpu_times.user is not a counter");
  CHECK(times && strcmp(times->fields[0].unit, "ticks") == 0, "cpu_times.user is not in ticks");
  CHECK(memory && memory->fields[0].metric == LIBPROBE_METRIC_GAUGE, "memory.total is not a gauge");
  printf("layout: %u structs, %lu fields, %lu enum constants match the library\n", s->record_count,
         layout_fields_checked, layout_constants_checked);
}

/* ---- Versions and statuses. ---- */

static void test_versions(void) {
  CHECK(strcmp(libprobe_version(), LIBPROBE_VERSION) == 0, "library %s, header %s", libprobe_version(),
        LIBPROBE_VERSION);
  CHECK(libprobe_abi_version() == LIBPROBE_ABI_VERSION, "abi %u", libprobe_abi_version());
  CHECK(LIBPROBE_VERSION_NUMBER == LIBPROBE_VERSION_MAJOR * 10000 + LIBPROBE_VERSION_MINOR * 100 +
                                       LIBPROBE_VERSION_PATCH,
        "version number");
  const struct {
    libprobe_status code;
    const char *name;
  } statuses[] = {
      {LIBPROBE_STATUS_OK, "LIBPROBE_STATUS_OK"},
      {LIBPROBE_STATUS_NULL_ARGUMENT, "LIBPROBE_STATUS_NULL_ARGUMENT"},
      {LIBPROBE_STATUS_INVALID_ARGUMENT, "LIBPROBE_STATUS_INVALID_ARGUMENT"},
      {LIBPROBE_STATUS_STRUCT_TOO_SMALL, "LIBPROBE_STATUS_STRUCT_TOO_SMALL"},
      {LIBPROBE_STATUS_UNKNOWN_OPTION, "LIBPROBE_STATUS_UNKNOWN_OPTION"},
      {LIBPROBE_STATUS_OUT_OF_RANGE, "LIBPROBE_STATUS_OUT_OF_RANGE"},
      {LIBPROBE_STATUS_NOT_ENABLED, "LIBPROBE_STATUS_NOT_ENABLED"},
      {LIBPROBE_STATUS_INVALID_HANDLE, "LIBPROBE_STATUS_INVALID_HANDLE"},
      {LIBPROBE_STATUS_POISONED, "LIBPROBE_STATUS_POISONED"},
      {LIBPROBE_STATUS_IO, "LIBPROBE_STATUS_IO"},
      {LIBPROBE_STATUS_PERMISSION_DENIED, "LIBPROBE_STATUS_PERMISSION_DENIED"},
      {LIBPROBE_STATUS_NOT_FOUND, "LIBPROBE_STATUS_NOT_FOUND"},
      {LIBPROBE_STATUS_GONE, "LIBPROBE_STATUS_GONE"},
      {LIBPROBE_STATUS_PARSE, "LIBPROBE_STATUS_PARSE"},
      {LIBPROBE_STATUS_TOO_LARGE, "LIBPROBE_STATUS_TOO_LARGE"},
      {LIBPROBE_STATUS_UNSUPPORTED, "LIBPROBE_STATUS_UNSUPPORTED"},
      {LIBPROBE_STATUS_NOT_PRESENT, "LIBPROBE_STATUS_NOT_PRESENT"},
      {LIBPROBE_STATUS_TIMED_OUT, "LIBPROBE_STATUS_TIMED_OUT"},
      {LIBPROBE_STATUS_PANIC, "LIBPROBE_STATUS_PANIC"},
  };
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
    CHECK(strcmp(libprobe_status_name(statuses[i].code), statuses[i].name) == 0, "%s", statuses[i].name);
    CHECK(strlen(libprobe_status_message(statuses[i].code)) > 0, "%s has a message", statuses[i].name);
  }
  CHECK(LIBPROBE_STATUS_OK == 0, "OK is 0");
  CHECK(strcmp(libprobe_status_name(12345), "LIBPROBE_STATUS_UNKNOWN") == 0, "unknown status");
}

/* ---- NULL for every pointer argument of every function. ---- */

static void test_null_arguments(void) {
  libprobe_config *c = (libprobe_config *)0x1; /* sentinel: must stay untouched */
  libprobe_probe *p = (libprobe_probe *)0x1;
  libprobe_snapshot *s = (libprobe_snapshot *)0x1;
  uint32_t u = 7;
  size_t n = 7;
  libprobe_str str = {NULL, 7};
  const libprobe_snapshot_view *v = NULL;
  const libprobe_process_full *proc = NULL;
  const libprobe_domain_status *ds = NULL;

  /* NULL: libprobe_config_new */
  CHECK_STATUS(libprobe_config_new(NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_config_free, libprobe_probe_free, libprobe_snapshot_free */
  libprobe_config_free(NULL);
  libprobe_probe_free(NULL);
  libprobe_snapshot_free(NULL);
  /* NULL: libprobe_config_last_error, libprobe_probe_last_error, libprobe_snapshot_last_error */
  CHECK(libprobe_config_last_error(NULL) != NULL, "config last error of NULL");
  CHECK(libprobe_probe_last_error(NULL) != NULL, "probe last error of NULL");
  CHECK(libprobe_snapshot_last_error(NULL) != NULL, "snapshot last error of NULL");
  /* NULL: libprobe_config_set_domains, libprobe_config_set_domain, libprobe_config_domains */
  CHECK_STATUS(libprobe_config_set_domains(NULL, 0), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_domain(NULL, LIBPROBE_DOMAIN_SYSTEM, 1), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_domains(NULL, &u), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_config_set_process_fields, libprobe_config_process_fields */
  CHECK_STATUS(libprobe_config_set_process_fields(NULL, 0), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_process_fields(NULL, &u), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_config_set_root, libprobe_config_set_max_file_bytes */
  CHECK_STATUS(libprobe_config_set_root(NULL, LIBPROBE_ROOT_PROCFS, "/proc"), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_max_file_bytes(NULL, 1), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_config_set, libprobe_config_get (the typed setters: options_gen.c) */
  CHECK_STATUS(libprobe_config_set(NULL, "network.owners", "true"), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_get(NULL, "network.owners", &str), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_options_schema (a NULL count is allowed) */
  CHECK(libprobe_options_schema(NULL) != NULL, "options schema with a NULL count");
  /* NULL: libprobe_config_set_json, libprobe_config_set_options */
  CHECK_STATUS(libprobe_config_set_json(NULL, LIBPROBE_JSON_COMPACT), LIBPROBE_STATUS_NULL_ARGUMENT);
  libprobe_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  CHECK_STATUS(libprobe_config_set_options(NULL, &o), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_probe_new (out), libprobe_probe_snapshot */
  CHECK_STATUS(libprobe_probe_new(NULL, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_probe_snapshot(NULL, &s), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_snapshot_root, libprobe_snapshot_process_count, libprobe_snapshot_process_at */
  CHECK_STATUS(libprobe_snapshot_root(NULL, &v), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_process_count(NULL, &n), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_process_at(NULL, 0, &proc), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: libprobe_snapshot_domain_status, libprobe_snapshot_json, libprobe_snapshot_arena_bytes */
  CHECK_STATUS(libprobe_snapshot_domain_status(NULL, LIBPROBE_DOMAIN_SYSTEM, &ds), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_json(NULL, &str), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_arena_bytes(NULL, &n, &n), LIBPROBE_STATUS_NULL_ARGUMENT);
  /* NULL: none possible (no pointer argument): libprobe_version, libprobe_abi_version */
  /* NULL: none possible (no pointer argument): libprobe_status_name, libprobe_status_message, libprobe_schema */

  /* NULL out-parameters on live handles. */
  libprobe_config *cfg;
  CHECK_STATUS(libprobe_config_new(&cfg), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_domains(cfg, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK(strstr(libprobe_config_last_error(cfg), "domains_out") != NULL, "message: %s", libprobe_config_last_error(cfg));
  CHECK_STATUS(libprobe_config_process_fields(cfg, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_network_netns(cfg, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_root(cfg, LIBPROBE_ROOT_PROCFS, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_process_pids(cfg, NULL, 3), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set(cfg, NULL, "true"), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set(cfg, "network.owners", NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_get(cfg, "network.owners", NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_options(cfg, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  libprobe_probe *probe;
  CHECK_STATUS(libprobe_probe_new(cfg, &probe), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_probe_snapshot(probe, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK(strstr(libprobe_probe_last_error(probe), "snapshot_out") != NULL, "message: %s",
        libprobe_probe_last_error(probe));
  libprobe_snapshot *snap;
  CHECK_STATUS(libprobe_config_set_domains(cfg, 0), LIBPROBE_STATUS_OK);
  libprobe_probe *empty;
  CHECK_STATUS(libprobe_probe_new(cfg, &empty), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_probe_snapshot(empty, &snap), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_snapshot_root(snap, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_process_count(snap, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_process_at(snap, 0, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_domain_status(snap, LIBPROBE_DOMAIN_SYSTEM, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_json(snap, NULL), LIBPROBE_STATUS_NULL_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_arena_bytes(snap, NULL, NULL), LIBPROBE_STATUS_OK);
  CHECK(strstr(libprobe_snapshot_last_error(snap), "json_out") != NULL, "message: %s",
        libprobe_snapshot_last_error(snap));
  libprobe_snapshot_free(snap);
  libprobe_probe_free(empty);
  libprobe_probe_free(probe);
  libprobe_config_free(cfg);

  CHECK(c == (libprobe_config *)0x1 && p == (libprobe_probe *)0x1 && s == (libprobe_snapshot *)0x1,
        "out-parameters untouched on error");
  CHECK(u == 7 && n == 7 && str.len == 7 && v == NULL && proc == NULL && ds == NULL,
        "out-parameters untouched on error");
}

/* ---- Handles: freed, double-freed, of another type, made up. ---- */

static void test_handles(void) {
  libprobe_config *cfg;
  libprobe_probe *probe;
  libprobe_snapshot *snap;
  CHECK_STATUS(libprobe_config_new(&cfg), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_domains(cfg, 0), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_probe_new(cfg, &probe), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_probe_snapshot(probe, &snap), LIBPROBE_STATUS_OK);

  /* Of another type. */
  const libprobe_snapshot_view *v = NULL;
  CHECK_STATUS(libprobe_snapshot_root((const libprobe_snapshot *)probe, &v), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK_STATUS(libprobe_probe_snapshot((libprobe_probe *)cfg, &snap), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK_STATUS(libprobe_config_set_domains((libprobe_config *)snap, 0), LIBPROBE_STATUS_INVALID_HANDLE);
  /* Made up. */
  CHECK_STATUS(libprobe_config_set_domains((libprobe_config *)(uintptr_t)0x1234, 0), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK_STATUS(libprobe_snapshot_root((const libprobe_snapshot *)(uintptr_t)0x7fff0003, &v),
               LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK(v == NULL, "view untouched");

  /* A probe outlives its config; a snapshot outlives its probe. */
  libprobe_config_free(cfg);
  libprobe_snapshot *snap2;
  CHECK_STATUS(libprobe_probe_snapshot(probe, &snap2), LIBPROBE_STATUS_OK);
  libprobe_probe_free(probe);
  CHECK_STATUS(libprobe_snapshot_root(snap2, &v), LIBPROBE_STATUS_OK);
  CHECK(v && v->struct_size == sizeof(libprobe_snapshot_view), "root view");

  /* Closed (freed) handles. */
  CHECK_STATUS(libprobe_config_set_domains(cfg, 0), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK_STATUS(libprobe_probe_snapshot(probe, &snap), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK(strstr(libprobe_probe_last_error(probe), "not a live") != NULL, "%s", libprobe_probe_last_error(probe));
  libprobe_snapshot_free(snap);
  CHECK_STATUS(libprobe_snapshot_root(snap, &v), LIBPROBE_STATUS_INVALID_HANDLE);
  /* Double frees are ignored. */
  libprobe_snapshot_free(snap);
  libprobe_probe_free(probe);
  libprobe_config_free(cfg);
  /* A freed slot is reused with a new generation: the old token stays dead. */
  libprobe_config *again;
  CHECK_STATUS(libprobe_config_new(&again), LIBPROBE_STATUS_OK);
  CHECK(again != cfg, "a reused slot gives a different token");
  CHECK_STATUS(libprobe_config_set_domains(cfg, 0), LIBPROBE_STATUS_INVALID_HANDLE);
  CHECK_STATUS(libprobe_config_set_domains(again, 0), LIBPROBE_STATUS_OK);
  libprobe_config_free(again);
  libprobe_snapshot_free(snap2);
}

/* ---- Config: setters, getters, bad values, the option struct. ---- */

/* The generated test of every typed option setter (options_gen.c). */
int options_gen_run(libprobe_config *c);

static void test_config(void) {
  libprobe_str str;
  libprobe_config *cfg;
  CHECK_STATUS(libprobe_config_new(&cfg), LIBPROBE_STATUS_OK);
  CHECK(strcmp(libprobe_config_last_error(cfg), "") == 0, "no error yet");
  uint32_t domains = 0, fields = 0;
  CHECK_STATUS(libprobe_config_domains(cfg, &domains), LIBPROBE_STATUS_OK);
  CHECK(domains & LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_SYSTEM), "system on by default");
  CHECK(domains & LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_PROCESS), "process on by default");
  CHECK(!(domains & LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_EBPF)), "ebpf off by default");
  CHECK_STATUS(libprobe_config_process_fields(cfg, &fields), LIBPROBE_STATUS_OK);
  CHECK(fields == LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS, "default process fields %#x", fields);

  /* Bad values: refused, config unchanged, message on the handle. */
  CHECK_STATUS(libprobe_config_set_domains(cfg, 1u), LIBPROBE_STATUS_INVALID_ARGUMENT); /* bit 0: no domain */
  CHECK(strstr(libprobe_config_last_error(cfg), "domain") != NULL, "%s", libprobe_config_last_error(cfg));
  CHECK_STATUS(libprobe_config_set_domains(cfg, 1u << 30), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_domain(cfg, 99, 1), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_domain(cfg, -1, 1), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_process_fields(cfg, 1u << 20), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_root(cfg, 99, "/proc"), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_root(cfg, LIBPROBE_ROOT_PROCFS, ""), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_max_file_bytes(cfg, 0), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_process_threads(cfg, 100000), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_json(cfg, 3), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set_network_sockets(cfg, 1u << 20), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_set(cfg, "network.sokets", "tcp"), LIBPROBE_STATUS_UNKNOWN_OPTION);
  CHECK(strstr(libprobe_config_last_error(cfg), "network.sokets") != NULL, "message: %s", libprobe_config_last_error(cfg));
  CHECK_STATUS(libprobe_config_set(cfg, "network.sockets", "tcp,pigeon"), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK(strstr(libprobe_config_last_error(cfg), "network.sockets") != NULL, "message: %s", libprobe_config_last_error(cfg));
  CHECK_STATUS(libprobe_config_set(cfg, "process.threads", "lots"), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_get(cfg, "process.thread", &str), LIBPROBE_STATUS_UNKNOWN_OPTION);
  uint32_t after = 0;
  CHECK_STATUS(libprobe_config_domains(cfg, &after), LIBPROBE_STATUS_OK);
  CHECK(after == domains, "unchanged after refused calls");
  CHECK_STATUS(libprobe_config_set_network_sockets(cfg, LIBPROBE_NETWORK_SOCKETS_TCP | LIBPROBE_NETWORK_SOCKETS_UDP),
               LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_get(cfg, "network.sockets", &str), LIBPROBE_STATUS_OK);
  CHECK(strcmp(str.ptr, "tcp,udp") == 0, "network.sockets is %s", str.ptr);
  CHECK_STATUS(libprobe_config_set_network_netns(cfg, "1"), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_network_netns(cfg, "/proc/1/ns/net"), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_network_netns(cfg, "self"), LIBPROBE_STATUS_OK);
  /* Every option of the schema, by key: its sample value reaches the core. */
  size_t count = 0;
  const libprobe_option_info *info = libprobe_options_schema(&count);
  CHECK(count > 1 && strcmp(info[0].key, "domains") == 0, "%zu options, the first %s", count, info[0].key);
  for (size_t i = 1; i < count; i++) {
    CHECK(strcmp(info[i].default_value, info[i].sample_value) != 0, "%s: the sample is the default", info[i].key);
    CHECK_STATUS(libprobe_config_set(cfg, info[i].key, info[i].sample_value), LIBPROBE_STATUS_OK);
    CHECK_STATUS(libprobe_config_get(cfg, info[i].key, &str), LIBPROBE_STATUS_OK);
    CHECK(strcmp(str.ptr, info[i].sample_value) == 0, "%s is %s, not %s", info[i].key, str.ptr, info[i].sample_value);
    CHECK_STATUS(libprobe_config_set(cfg, info[i].key, info[i].default_value), LIBPROBE_STATUS_OK);
  }
  /* Every typed setter (generated with the schema). */
  CHECK(options_gen_run(cfg) == 0, "typed option setters");

  /* Good values. */
  CHECK_STATUS(libprobe_config_set_domain(cfg, LIBPROBE_DOMAIN_SYSTEM, 0), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_domains(cfg, &after), LIBPROBE_STATUS_OK);
  CHECK(after == (domains & ~LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_SYSTEM)), "system off");
  CHECK_STATUS(libprobe_config_set_process_fields(cfg, LIBPROBE_PROCESS_FIELDS_ALL), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_process_fields(cfg, &fields), LIBPROBE_STATUS_OK);
  CHECK(fields == LIBPROBE_PROCESS_FIELDS_ALL && !(fields & LIBPROBE_PROCESS_FIELDS_ENVIRON), "all but environ");
  int32_t pids[] = {1, 2};
  CHECK_STATUS(libprobe_config_set_process_pids(cfg, pids, 2), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_process_pids(cfg, NULL, 0), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_root(cfg, LIBPROBE_ROOT_SYSFS, "/sys"), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_max_file_bytes(cfg, 1 << 20), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_process_threads(cfg, 2), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_json(cfg, LIBPROBE_JSON_PRETTY), LIBPROBE_STATUS_OK);

  /* The option struct, libbpf style. */
  struct {
    libprobe_options o;
    unsigned char future[16];
  } big;
  memset(&big, 0, sizeof big);
  big.o.struct_size = sizeof big.o - 1;
  CHECK_STATUS(libprobe_config_set_options(cfg, &big.o), LIBPROBE_STATUS_STRUCT_TOO_SMALL);
  big.o.struct_size = sizeof(size_t);
  CHECK_STATUS(libprobe_config_set_options(cfg, &big.o), LIBPROBE_STATUS_STRUCT_TOO_SMALL);
  big.o.struct_size = sizeof big; /* a newer caller, nothing new asked for */
  CHECK_STATUS(libprobe_config_set_options(cfg, &big.o), LIBPROBE_STATUS_OK);
  big.future[3] = 1; /* a newer caller asking for an option this library lacks */
  CHECK_STATUS(libprobe_config_set_options(cfg, &big.o), LIBPROBE_STATUS_UNKNOWN_OPTION);
  CHECK(strstr(libprobe_config_last_error(cfg), "byte") != NULL, "%s", libprobe_config_last_error(cfg));
  big.future[3] = 0;
  big.o.struct_size = 1 << 20;
  CHECK_STATUS(libprobe_config_set_options(cfg, &big.o), LIBPROBE_STATUS_INVALID_ARGUMENT);

  libprobe_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.reserved = 1;
  CHECK_STATUS(libprobe_config_set_options(cfg, &o), LIBPROBE_STATUS_INVALID_ARGUMENT);
  o.reserved = 0;
  /* All or nothing: a bad value leaves the good ones unapplied. */
  CHECK_STATUS(libprobe_config_domains(cfg, &domains), LIBPROBE_STATUS_OK);
  o.domains_enable = LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_EBPF);
  o.json = 9;
  CHECK_STATUS(libprobe_config_set_options(cfg, &o), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_config_domains(cfg, &after), LIBPROBE_STATUS_OK);
  CHECK(after == domains, "nothing applied from a refused struct");
  o.json = LIBPROBE_JSON_COMPACT;
  o.domains_disable = LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_PROCESS);
  o.process_fields_enable = LIBPROBE_PROCESS_FIELDS_ENVIRON;
  o.process_fields_disable = LIBPROBE_PROCESS_FIELDS_MAPS;
  o.max_file_bytes = 4096;
  o.procfs = "/proc";
  CHECK_STATUS(libprobe_config_set_options(cfg, &o), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_domains(cfg, &after), LIBPROBE_STATUS_OK);
  CHECK(after == ((domains | LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_EBPF)) & ~LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_PROCESS)),
        "domains %#x", after);
  CHECK_STATUS(libprobe_config_process_fields(cfg, &fields), LIBPROBE_STATUS_OK);
  CHECK(fields == ((LIBPROBE_PROCESS_FIELDS_ALL | LIBPROBE_PROCESS_FIELDS_ENVIRON) & ~LIBPROBE_PROCESS_FIELDS_MAPS),
        "fields %#x", fields);
  libprobe_config_free(cfg);
}

/* ---- A snapshot: accessors, and its view against the core's JSON. ---- */

/* A probe of this machine (fixture NULL) or of a fixture tree, with the options of the
 * golden files there; `domains` (NULL: the default set) as option `domains` takes it;
 * `nvml_library` (NULL: none) as option `gpu.nvml_library`. */
static libprobe_probe *probe_of(const char *fixture, const char *domains, const char *nvml_library,
                                uint32_t json) {
  libprobe_config *cfg;
  libprobe_probe *probe = NULL;
  CHECK_STATUS(libprobe_config_new(&cfg), LIBPROBE_STATUS_OK);
  if (fixture) {
    CHECK_STATUS(libprobe_config_set_root(cfg, LIBPROBE_ROOT_FIXTURE, fixture), LIBPROBE_STATUS_OK);
    /* As the golden files: every field group, environ and taskstats included. */
    CHECK_STATUS(libprobe_config_set_process_fields(
                     cfg, LIBPROBE_PROCESS_FIELDS_ALL | LIBPROBE_PROCESS_FIELDS_ENVIRON),
                 LIBPROBE_STATUS_OK);
    CHECK_STATUS(libprobe_config_set_network_conntrack(cfg, 1), LIBPROBE_STATUS_OK);
  }
  if (domains) {
    libprobe_status st = libprobe_config_set(cfg, "domains", domains);
    CHECK(st == LIBPROBE_STATUS_OK, "domains `%s`: %s (%s)", domains, libprobe_status_name(st),
          libprobe_config_last_error(cfg));
  }
  if (nvml_library) CHECK_STATUS(libprobe_config_set_gpu_nvml_library(cfg, nvml_library), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_config_set_json(cfg, json), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_probe_new(cfg, &probe), LIBPROBE_STATUS_OK);
  libprobe_config_free(cfg);
  return probe;
}

static libprobe_snapshot *snapshot_of(const char *fixture, uint32_t json) {
  libprobe_probe *probe = probe_of(fixture, NULL, NULL, json);
  libprobe_snapshot *snap = NULL;
  CHECK_STATUS(libprobe_probe_snapshot(probe, &snap), LIBPROBE_STATUS_OK);
  libprobe_probe_free(probe);
  return snap;
}

/* The C view, walked through the schema, must render exactly the core's JSON. */
static void compare_with_core(const char *what, libprobe_snapshot *snap) {
  const libprobe_snapshot_view *v;
  libprobe_str json;
  CHECK_STATUS(libprobe_snapshot_root(snap, &v), LIBPROBE_STATUS_OK);
  CHECK_STATUS(libprobe_snapshot_json(snap, &json), LIBPROBE_STATUS_OK);
  walk_buf out = {0};
  char *broken = walk_snapshot(v, &out);
  CHECK(broken == NULL, "%s: view invariant broken: %s", what, broken ? broken : "");
  free(broken);
  CHECK(json.ptr[json.len] == 0, "JSON NUL-terminated");
  int same = out.len == json.len && memcmp(out.data, json.ptr, json.len) == 0;
  if (!same) {
    size_t i = 0;
    while (i < out.len && i < json.len && out.data[i] == json.ptr[i]) i++;
    size_t from = i > 80 ? i - 80 : 0;
    fprintf(stderr, "%s: C view and core JSON differ at byte %zu:\n  view: %.160s\n  core: %.160s\n", what, i,
            out.data + from, json.ptr + from);
  }
  CHECK(same, "%s: the C view renders the core's JSON (%zu vs %zu bytes)", what, out.len, json.len);
  printf("%s: view = core JSON, %zu bytes\n", what, json.len);
  walk_buf_free(&out);
}

static void test_accessors(libprobe_snapshot *snap, const char *what) {
  const libprobe_snapshot_view *v;
  CHECK_STATUS(libprobe_snapshot_root(snap, &v), LIBPROBE_STATUS_OK);
  CHECK(v->struct_size == sizeof(libprobe_snapshot_view) && v->abi_version == LIBPROBE_ABI_VERSION, "root header");
  CHECK(v->libprobe_version.len == strlen(LIBPROBE_VERSION) &&
            memcmp(v->libprobe_version.ptr, LIBPROBE_VERSION, v->libprobe_version.len) == 0,
        "snapshot version");
  size_t count = 99;
  CHECK_STATUS(libprobe_snapshot_process_count(snap, &count), LIBPROBE_STATUS_OK);
  size_t expected = v->processes.present ? v->processes.value.count : 0;
  CHECK(count == expected, "%s: process count %zu vs view %zu", what, count, expected);
  for (size_t i = 0; i < count; i++) {
    const libprobe_process_full *p = NULL;
    CHECK_STATUS(libprobe_snapshot_process_at(snap, i, &p), LIBPROBE_STATUS_OK);
    CHECK(p == LIBPROBE_AT(libprobe_process_full, v->processes.value, i), "process_at(%zu)", i);
    CHECK(p && p->name.ptr[p->name.len] == 0, "name NUL-terminated");
  }
  const libprobe_process_full *none = NULL;
  CHECK_STATUS(libprobe_snapshot_process_at(snap, count, &none), LIBPROBE_STATUS_OUT_OF_RANGE);
  CHECK(none == NULL, "untouched");
  CHECK(strstr(libprobe_snapshot_last_error(snap), "out of range") != NULL, "%s", libprobe_snapshot_last_error(snap));
  for (int32_t d = LIBPROBE_DOMAIN_SYSTEM; d <= LIBPROBE_DOMAIN_EBPF; d++) {
    const libprobe_domain_status *ds = NULL;
    CHECK_STATUS(libprobe_snapshot_domain_status(snap, d, &ds), LIBPROBE_STATUS_OK);
    CHECK(ds && ds->domain == d, "domain %d", d);
    if (ds && ds->state == LIBPROBE_DOMAIN_STATE_COLLECTED) CHECK(!ds->reason.present, "collected without reason");
    if (ds && ds->state != LIBPROBE_DOMAIN_STATE_COLLECTED)
      CHECK(ds->reason.present && ds->reason.value >= LIBPROBE_REASON_PERMISSION_DENIED, "a reason");
  }
  const libprobe_domain_status *ds = NULL;
  CHECK_STATUS(libprobe_snapshot_domain_status(snap, 0, &ds), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK_STATUS(libprobe_snapshot_domain_status(snap, 1000, &ds), LIBPROBE_STATUS_INVALID_ARGUMENT);
  CHECK(ds == NULL, "untouched");
  size_t used = 0, reserved = 0;
  CHECK_STATUS(libprobe_snapshot_arena_bytes(snap, &used, &reserved), LIBPROBE_STATUS_OK);
  CHECK(used > sizeof(libprobe_snapshot_view) && reserved >= used, "arena %zu of %zu", used, reserved);
}

/* The adversarial names keep every byte: compare a few with what the fixture holds. */
static void test_bytes(libprobe_snapshot *snap) {
  size_t count = 0, invalid_utf8 = 0, with_escape = 0;
  CHECK_STATUS(libprobe_snapshot_process_count(snap, &count), LIBPROBE_STATUS_OK);
  for (size_t i = 0; i < count; i++) {
    const libprobe_process_full *p;
    libprobe_snapshot_process_at(snap, i, &p);
    for (size_t b = 0; b < p->name.len; b++) {
      unsigned char c = (unsigned char)p->name.ptr[b];
      if (c == 0x1b) with_escape++;
      if (c == 0xff || c == 0xfe) invalid_utf8++;
    }
    if (p->cmdline.present)
      for (size_t a = 0; a < p->cmdline.value.count; a++) {
        const libprobe_str *arg = LIBPROBE_AT(libprobe_str, p->cmdline.value, a);
        CHECK(arg->ptr[arg->len] == 0, "argv NUL-terminated");
      }
    if (p->environ.present)
      for (size_t e = 0; e < p->environ.value.count; e++) {
        const libprobe_map_str_str_entry *kv = LIBPROBE_AT(libprobe_map_str_str_entry, p->environ.value, e);
        CHECK(kv->key.ptr[kv->key.len] == 0 && kv->value.ptr[kv->value.len] == 0, "environ NUL-terminated");
      }
  }
  CHECK(with_escape > 0, "a name with an escape sequence survives raw");
  CHECK(invalid_utf8 > 0, "a name with invalid UTF-8 survives raw");
}

/* ---- Every fixture scenario, taken as golden.rs and the Python test take it. ---- */

/* A path from a format, into `out` (PATH_MAX bytes); one too long fails the check. */
__attribute__((format(printf, 2, 3))) static void path_of(char *out, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int n = vsnprintf(out, PATH_MAX, format, ap);
  va_end(ap);
  CHECK(n >= 0 && n < PATH_MAX, "path too long: %s", out);
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* `p`, or the test stops here: out of memory is no result to compare. */
static void *need(void *p, const char *what) {
  if (!p) {
    fprintf(stderr, "test_api: out of memory (%s)\n", what);
    exit(2);
  }
  return p;
}

/* The scenarios of `fixtures` (a directory `X` with `X.json` beside it), sorted by name so
 * the output is stable. */
static char **scenario_names(const char *fixtures, size_t *count) {
  *count = 0;
  DIR *d = opendir(fixtures);
  CHECK(d != NULL, "opendir %s: %s", fixtures, strerror(errno));
  if (!d) return NULL;
  size_t cap = 32;
  char **names = need(malloc(cap * sizeof *names), "scenario names");
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char dir[PATH_MAX], golden[PATH_MAX];
    path_of(dir, "%s/%s", fixtures, e->d_name);
    path_of(golden, "%s/%s.json", fixtures, e->d_name);
    if (!is_dir(dir) || !is_file(golden)) continue;
    if (*count == cap) names = need(realloc(names, (cap *= 2) * sizeof *names), "scenario names");
    names[(*count)++] = need(strdup(e->d_name), "a scenario name");
  }
  closedir(d);
  qsort(names, *count, sizeof *names, by_name);
  return names;
}

/* The first line of `<dir>/domains` without surrounding white space, or NULL without one. */
static char *scenario_domains(const char *dir) {
  char path[PATH_MAX], line[256];
  path_of(path, "%s/domains", dir);
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  char *got = fgets(line, sizeof line, f);
  fclose(f);
  CHECK(got != NULL, "%s is empty", path);
  if (!got) return NULL;
  char *start = line + strspn(line, " \t");
  size_t n = strcspn(start, "\r\n");
  while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t')) n--;
  start[n] = 0;
  return need(strdup(start), "a domains line");
}

static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  FILE *out = in ? fopen(to, "wb") : NULL;
  int ok = in && out;
  char buf[65536];
  size_t n;
  while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, out) == n;
  if (in) ok = ok && !ferror(in);
  if (in) fclose(in);
  if (out) ok = fclose(out) == 0 && ok;
  CHECK(ok, "copy %s to %s: %s", from, to, strerror(errno));
  return ok;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)type;
  (void)ftw;
  return remove(path);
}

/* Compares the C view of one scenario with the core's JSON of the same snapshot; 1 when
 * compared. `fake_nvml`: the fake NVML library the Makefile built (NULL: none given). */
static int test_scenario(const char *fixtures, const char *name, const char *fake_nvml) {
  char dir[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX] = "", root[PATH_MAX];
  path_of(dir, "%s/%s", fixtures, name);
  path_of(path, "%s/t0", dir);
  int rate = is_dir(path);
  char xml[PATH_MAX];
  path_of(xml, "%s/nvml.xml", dir);
  int gpu = is_file(xml);
  if (gpu && !fake_nvml) {
    CHECK(0, "%s has nvml.xml, but test_api was given no fake NVML library (its second argument)", name);
    return 0;
  }
  char *domains = scenario_domains(dir);
  path_of(root, "%s", dir);

  /* A scratch directory for the link a rate scenario swaps, and the fake NVML's copy. */
  if (rate || gpu) {
    const char *base = getenv("TMPDIR");
    path_of(tmp, "%s/libprobe-c-%s-%ld", base && *base ? base : "/tmp", name, (long)getpid());
    nftw(tmp, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    CHECK(mkdir(tmp, 0700) == 0, "mkdir %s: %s", tmp, strerror(errno));
  }
  char lib[PATH_MAX] = "";
  if (gpu) {
    /* The library as NVML is named, beside the copy of the XML it answers from. */
    char copy[PATH_MAX];
    path_of(lib, "%s/libnvidia-ml.so.1", tmp);
    path_of(copy, "%s/nvml.xml", tmp);
    copy_file(fake_nvml, lib);
    copy_file(xml, copy);
  }
  char real[PATH_MAX] = "", target[PATH_MAX], next[PATH_MAX];
  if (rate) {
    /* One probe reads `<tmp>/root`, a link moved from t0 to t1 between its snapshots. */
    CHECK(realpath(dir, real) != NULL, "realpath %s: %s", dir, strerror(errno));
    path_of(root, "%s/root", tmp);
    path_of(target, "%s/t0", real);
    CHECK(symlink(target, root) == 0, "symlink %s: %s", root, strerror(errno));
  }

  libprobe_probe *probe = probe_of(root, domains, gpu ? lib : NULL, LIBPROBE_JSON_COMPACT);
  libprobe_snapshot *snap = NULL;
  CHECK_STATUS(libprobe_probe_snapshot(probe, &snap), LIBPROBE_STATUS_OK);
  if (rate && snap) {
    size_t first = 0, second = 0;
    CHECK_STATUS(libprobe_snapshot_process_count(snap, &first), LIBPROBE_STATUS_OK);
    libprobe_snapshot_free(snap);
    snap = NULL;
    path_of(next, "%s/next", tmp);
    path_of(target, "%s/t1", real);
    CHECK(symlink(target, next) == 0, "symlink %s: %s", next, strerror(errno));
    CHECK(rename(next, root) == 0, "rename %s: %s", next, strerror(errno));
    CHECK_STATUS(libprobe_probe_snapshot(probe, &snap), LIBPROBE_STATUS_OK);
    if (snap) CHECK_STATUS(libprobe_snapshot_process_count(snap, &second), LIBPROBE_STATUS_OK);
    CHECK(first == second, "%s: t0 has %zu processes, t1 %zu", name, first, second);
  }
  libprobe_probe_free(probe);

  int compared = snap != NULL;
  if (snap) {
    compare_with_core(name, snap);
    test_accessors(snap, name);
    if (strcmp(name, "adversarial-names") == 0) test_bytes(snap);
    if (gpu) {
      /* The fake answered: the NVIDIA GPUs of its XML are in the view. */
      const libprobe_snapshot_view *v = NULL;
      size_t nvidia = 0;
      CHECK_STATUS(libprobe_snapshot_root(snap, &v), LIBPROBE_STATUS_OK);
      if (v && v->gpus.present)
        for (size_t i = 0; i < v->gpus.value.count; i++)
          nvidia += LIBPROBE_AT(libprobe_gpu_metrics, v->gpus.value, i)->vendor == LIBPROBE_GPU_VENDOR_NVIDIA;
      CHECK(nvidia > 0, "%s: no NVIDIA GPU from the fake NVML", name);
    }
    libprobe_snapshot_free(snap);
  }
  if (*tmp) CHECK(nftw(tmp, remove_entry, 8, FTW_DEPTH | FTW_PHYS) == 0, "remove %s: %s", tmp, strerror(errno));
  free(domains);
  return compared;
}

int main(int argc, char **argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: %s <fixtures-dir> [<fake-nvml-library>]\n", argv[0]);
    return 2;
  }
  test_versions();
  test_layout();
  test_null_arguments();
  test_handles();
  test_config();

  /* Every scenario the fixtures directory holds, found now: one added later is covered. */
  size_t count = 0, compared = 0;
  char **scenarios = scenario_names(argv[1], &count);
  CHECK(count > 0, "no scenario in %s", argv[1]);
  for (size_t i = 0; i < count; i++) {
    compared += test_scenario(argv[1], scenarios[i], argc == 3 ? argv[2] : NULL);
    free(scenarios[i]);
  }
  free(scenarios);
  CHECK(compared == count, "%zu of %zu scenarios compared", compared, count);
  printf("fixtures: %zu of %zu scenarios in %s compared\n", compared, count, argv[1]);
  /* This machine, with the defaults. */
  libprobe_snapshot *live = snapshot_of(NULL, LIBPROBE_JSON_COMPACT);
  if (live) {
    compare_with_core("this machine", live);
    test_accessors(live, "this machine");
    libprobe_snapshot_free(live);
  }
  /* JSON only when asked for. */
  libprobe_snapshot *plain = snapshot_of(NULL, LIBPROBE_JSON_NONE);
  libprobe_str json = {NULL, 0};
  CHECK_STATUS(libprobe_snapshot_json(plain, &json), LIBPROBE_STATUS_NOT_ENABLED);
  CHECK(json.ptr == NULL, "untouched");
  libprobe_snapshot_free(plain);
  return checks_summary("test_api");
}
