/* Lifecycle cycles: N x (config -> probe -> snapshot -> read every field -> free all),
 * with a double free and a use of each freed handle in every cycle. Prints the resident
 * set size after 10% of the cycles and at the end; with --max-growth-kib K, fails when
 * it grew by more than K KiB in between (flat memory).
 *
 *   test_cycles <fixture-dir> <cycles> [--max-growth-kib K]
 */
#define _GNU_SOURCE
#include <libprobe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "walk.h"

static long rss_kib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (!f) return -1;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
  fclose(f);
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <fixture-dir> <cycles> [--max-growth-kib K]\n", argv[0]);
    return 2;
  }
  const char *fixture = argv[1];
  long cycles = atol(argv[2]);
  long max_growth = -1;
  if (argc == 5 && strcmp(argv[3], "--max-growth-kib") == 0) max_growth = atol(argv[4]);
  long warm = cycles / 10 > 0 ? cycles / 10 : 1;
  long rss_warm = 0, rss_start = rss_kib();
  size_t json_len = 0;

  for (long i = 1; i <= cycles; i++) {
    libprobe_config *cfg;
    libprobe_probe *probe;
    libprobe_snapshot *snap;
    const libprobe_snapshot_view *v;
    if (libprobe_config_new(&cfg) != LIBPROBE_STATUS_OK) return 1;
    libprobe_config_set_root(cfg, LIBPROBE_ROOT_FIXTURE, fixture);
    libprobe_config_set_process_fields(cfg, LIBPROBE_PROCESS_FIELDS_ALL | LIBPROBE_PROCESS_FIELDS_ENVIRON);
    if (libprobe_probe_new(cfg, &probe) != LIBPROBE_STATUS_OK) return 1;
    if (libprobe_probe_snapshot(probe, &snap) != LIBPROBE_STATUS_OK) return 1;
    if (libprobe_snapshot_root(snap, &v) != LIBPROBE_STATUS_OK) return 1;

    /* Read every field: render the whole view. */
    walk_buf out = {0};
    char *broken = walk_snapshot(v, &out);
    if (broken) {
      CHECK(0, "cycle %ld: %s", i, broken);
      free(broken);
    }
    if (i == 1) json_len = out.len;
    else if (out.len != json_len) CHECK(0, "cycle %ld: view of %zu bytes, first was %zu", i, out.len, json_len);
    walk_buf_free(&out);

    libprobe_snapshot_free(snap);
    libprobe_probe_free(probe);
    libprobe_config_free(cfg);
    /* Double frees and stale handles: errors, never crashes. */
    libprobe_snapshot_free(snap);
    libprobe_probe_free(probe);
    libprobe_config_free(cfg);
    if (libprobe_snapshot_root(snap, &v) != LIBPROBE_STATUS_INVALID_HANDLE) CHECK(0, "stale snapshot accepted");
    if (libprobe_probe_snapshot(probe, &snap) != LIBPROBE_STATUS_INVALID_HANDLE) CHECK(0, "stale probe accepted");
    if (libprobe_config_set_domains(cfg, 0) != LIBPROBE_STATUS_INVALID_HANDLE) CHECK(0, "stale config accepted");
    if (i == warm) rss_warm = rss_kib();
  }
  long rss_end = rss_kib();
  printf("test_cycles: %ld cycles of %s: RSS %ld KiB at start, %ld KiB after %ld cycles, %ld KiB after %ld "
         "(growth %+ld KiB)\n",
         cycles, fixture, rss_start, rss_warm, warm, rss_end, cycles, rss_end - rss_warm);
  if (max_growth >= 0)
    CHECK(rss_end - rss_warm <= max_growth, "RSS grew by %ld KiB (limit %ld)", rss_end - rss_warm, max_growth);
  CHECK(json_len > 0, "the view was read");
  return checks_summary("test_cycles");
}
