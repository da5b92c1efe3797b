/* Lifecycle cycles: N x (config -> probe -> snapshot -> read every field -> free all),
 * with a double free and a use of each freed handle in every cycle. Prints the heap in
 * use (glibc's mallinfo2: every allocation of the library and of this program, to the
 * byte) and the resident set size after 10% of the cycles and at the end; with
 * --max-heap-growth B, fails when the heap in use grew by more than B bytes in between.
 * The heap is exact where the RSS moves by pages: memory kept reachable from one cycle
 * to the next (a cache or table that only grows, which leak checkers do not report)
 * shows after a few hundred cycles instead of thousands.
 *
 *   test_cycles <fixture-dir> <cycles> [--max-heap-growth B]
 */
#define _GNU_SOURCE
#include <libprobe.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "walk.h"

/* Bytes in use on the heap: small chunks plus those glibc gave their own mapping. */
static long heap_bytes(void) {
  struct mallinfo2 mi = mallinfo2();
  return (long)(mi.uordblks + mi.hblkhd);
}

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
    fprintf(stderr, "usage: %s <fixture-dir> <cycles> [--max-heap-growth BYTES]\n", argv[0]);
    return 2;
  }
  const char *fixture = argv[1];
  long cycles = atol(argv[2]);
  long max_growth = -1;
  if (argc == 5 && strcmp(argv[3], "--max-heap-growth") == 0) max_growth = atol(argv[4]);
  long warm = cycles / 10 > 0 ? cycles / 10 : 1;
  long rss_warm = 0, rss_start = rss_kib(), heap_warm = 0, heap_start = heap_bytes();
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
    if (i == warm) {
      rss_warm = rss_kib();
      heap_warm = heap_bytes();
    }
  }
  long rss_end = rss_kib(), heap_end = heap_bytes();
  /* Under a sanitizer or valgrind, their allocator replaces glibc's: mallinfo2 says 0. */
  if (heap_warm == 0 && heap_end == 0)
    printf("test_cycles: %ld cycles of %s: heap not measured (not glibc's allocator); RSS %ld KiB at start, "
           "%ld KiB after %ld cycles, %ld KiB after %ld\n",
           cycles, fixture, rss_start, rss_warm, warm, rss_end, cycles);
  else
    printf("test_cycles: %ld cycles of %s: heap in use %ld B at start, %ld B after %ld cycles, %ld B after %ld "
           "(growth %+ld B); RSS %ld KiB, %ld KiB, %ld KiB\n",
           cycles, fixture, heap_start, heap_warm, warm, heap_end, cycles, heap_end - heap_warm, rss_start,
           rss_warm, rss_end);
  if (max_growth >= 0) CHECK(heap_warm > 0, "the heap in use could not be measured");
  if (max_growth >= 0)
    CHECK(heap_end - heap_warm <= max_growth, "the heap in use grew by %ld B over %ld cycles (limit %ld B)",
          heap_end - heap_warm, cycles - warm, max_growth);
  CHECK(json_len > 0, "the view was read");
  return checks_summary("test_cycles");
}
