/* The C face's cross-language driver (tests/cross_language/README.md):
 *
 *   crosslang_driver ROOT [DOMAINS]
 *
 * keeps one probe on the fixture tree ROOT with every field group (and the domains named
 * in the comma-separated DOMAINS, else the default set); each `snapshot` line read from
 * stdin prints that snapshot as one line of JSON rendered from the C view (walk.c walks
 * it through libprobe_schema(), never through the core's JSON writer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libprobe.h>

#include "walk.h"

static void die(const char *what, libprobe_status st, const char *message) {
  fprintf(stderr, "crosslang_driver: %s: %s (%s)\n", what, libprobe_status_name(st), message ? message : "");
  exit(2);
}

/* The mask of the domains named in `list`, by the names the schema gives DomainName. */
static uint32_t domain_mask(const char *list) {
  const libprobe_schema_info *schema = libprobe_schema();
  const libprobe_enum_info *domains = NULL;
  for (uint32_t i = 0; i < schema->enum_count; i++)
    if (strcmp(schema->enums[i].schema_name, "DomainName") == 0) domains = &schema->enums[i];
  if (!domains) {
    fprintf(stderr, "crosslang_driver: the schema has no DomainName enum\n");
    exit(2);
  }
  uint32_t mask = 0;
  const char *p = list;
  while (*p) {
    size_t n = strcspn(p, ",");
    int found = 0;
    for (uint32_t v = 0; v < domains->variant_count; v++) {
      const libprobe_variant_info *var = &domains->variants[v];
      if (strlen(var->name) == n && strncmp(var->name, p, n) == 0) {
        mask |= LIBPROBE_DOMAIN_BIT(var->code);
        found = 1;
      }
    }
    if (!found) {
      fprintf(stderr, "crosslang_driver: unknown domain `%.*s`\n", (int)n, p);
      exit(2);
    }
    p += n;
    if (*p == ',') p++;
  }
  return mask;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: crosslang_driver ROOT [DOMAINS]\n");
    return 2;
  }
  libprobe_config *cfg;
  libprobe_status st = libprobe_config_new(&cfg);
  if (st != LIBPROBE_STATUS_OK) die("config", st, NULL);
  const libprobe_options o = {
      .struct_size = sizeof o,
      .process_fields_enable = LIBPROBE_PROCESS_FIELDS_ALL | LIBPROBE_PROCESS_FIELDS_ENVIRON,
      .fixture = argv[1],
  };
  if ((st = libprobe_config_set_options(cfg, &o)) != LIBPROBE_STATUS_OK)
    die("options", st, libprobe_config_last_error(cfg));
  if ((st = libprobe_config_set_network_conntrack(cfg, 1)) != LIBPROBE_STATUS_OK)
    die("network fields", st, libprobe_config_last_error(cfg));
  if (argc == 3 && (st = libprobe_config_set_domains(cfg, domain_mask(argv[2]))) != LIBPROBE_STATUS_OK)
    die("domains", st, libprobe_config_last_error(cfg));
  libprobe_probe *probe;
  if ((st = libprobe_probe_new(cfg, &probe)) != LIBPROBE_STATUS_OK) die("probe", st, libprobe_config_last_error(cfg));
  libprobe_config_free(cfg);

  char line[256];
  while (fgets(line, sizeof line, stdin)) {
    if (strcmp(line, "snapshot\n") != 0 && strcmp(line, "snapshot") != 0) continue;
    libprobe_snapshot *snap;
    if ((st = libprobe_probe_snapshot(probe, &snap)) != LIBPROBE_STATUS_OK)
      die("snapshot", st, libprobe_probe_last_error(probe));
    const libprobe_snapshot_view *view;
    if ((st = libprobe_snapshot_root(snap, &view)) != LIBPROBE_STATUS_OK)
      die("root", st, libprobe_snapshot_last_error(snap));
    walk_buf out = {0};
    char *broken = walk_snapshot(view, &out);
    if (broken) {
      fprintf(stderr, "crosslang_driver: the C view breaks an invariant: %s\n", broken);
      return 1;
    }
    fwrite(out.data, 1, out.len, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    walk_buf_free(&out);
    libprobe_snapshot_free(snap);
  }
  libprobe_probe_free(probe);
  return 0;
}
