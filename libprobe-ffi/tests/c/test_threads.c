/* Threads, as the header promises them:
 *  - many threads read one snapshot at once (each renders the whole view, and must get
 *    the same bytes as the main thread);
 *  - one probe per thread, snapshotting in parallel;
 *  - several threads calling one shared probe (serialised by the library);
 *  - a handle freed by one thread while others call functions on it (statuses only:
 *    OK before, INVALID_HANDLE after, never a crash).
 * Built and run under ThreadSanitizer by `make test-c`.
 *
 *   test_threads <fixture-dir>
 */
#define _GNU_SOURCE
#include <libprobe.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "walk.h"

enum { READERS = 8, READS = 20, COLLECTORS = 4, SNAPSHOTS = 10, SHARED_CALLERS = 3 };

static const char *fixture;
static libprobe_snapshot *shared_snapshot;
static walk_buf expected;
static libprobe_probe *shared_probe;

typedef struct {
  int id;
  unsigned long failures;
  char message[256];
} job;

static void job_fail(job *j, const char *what) {
  if (!j->failures++) snprintf(j->message, sizeof j->message, "%s", what);
}

static void *reader(void *arg) {
  job *j = arg;
  for (int i = 0; i < READS; i++) {
    const libprobe_snapshot_view *v;
    if (libprobe_snapshot_root(shared_snapshot, &v) != LIBPROBE_STATUS_OK) {
      job_fail(j, "root");
      continue;
    }
    size_t count;
    if (libprobe_snapshot_process_count(shared_snapshot, &count) != LIBPROBE_STATUS_OK) job_fail(j, "count");
    walk_buf out = {0};
    char *broken = walk_snapshot(v, &out);
    if (broken) job_fail(j, broken);
    free(broken);
    if (out.len != expected.len || memcmp(out.data, expected.data, out.len) != 0) job_fail(j, "different view");
    walk_buf_free(&out);
  }
  return NULL;
}

static libprobe_probe *new_probe(void) {
  libprobe_config *cfg;
  libprobe_probe *p = NULL;
  if (libprobe_config_new(&cfg) != LIBPROBE_STATUS_OK) return NULL;
  libprobe_config_set_root(cfg, LIBPROBE_ROOT_FIXTURE, fixture);
  libprobe_config_set_process_fields(cfg, LIBPROBE_PROCESS_FIELDS_ALL);
  libprobe_probe_new(cfg, &p);
  libprobe_config_free(cfg);
  return p;
}

static void *collector(void *arg) {
  job *j = arg;
  libprobe_probe *p = new_probe();
  if (!p) {
    job_fail(j, "probe");
    return NULL;
  }
  for (int i = 0; i < SNAPSHOTS; i++) {
    libprobe_snapshot *s;
    const libprobe_snapshot_view *v;
    if (libprobe_probe_snapshot(p, &s) != LIBPROBE_STATUS_OK) {
      job_fail(j, "snapshot");
      continue;
    }
    if (libprobe_snapshot_root(s, &v) != LIBPROBE_STATUS_OK) job_fail(j, "root");
    else {
      walk_buf out = {0};
      char *broken = walk_snapshot(v, &out);
      if (broken) job_fail(j, broken);
      free(broken);
      walk_buf_free(&out);
    }
    libprobe_snapshot_free(s);
  }
  libprobe_probe_free(p);
  return NULL;
}

static void *shared_caller(void *arg) {
  job *j = arg;
  for (int i = 0; i < SNAPSHOTS; i++) {
    libprobe_snapshot *s;
    if (libprobe_probe_snapshot(shared_probe, &s) != LIBPROBE_STATUS_OK) job_fail(j, "shared snapshot");
    else libprobe_snapshot_free(s);
  }
  return NULL;
}

static libprobe_snapshot *doomed;

static void *racer(void *arg) {
  job *j = arg;
  for (int i = 0; i < 2000; i++) {
    size_t n;
    libprobe_status st = libprobe_snapshot_process_count(doomed, &n);
    if (st != LIBPROBE_STATUS_OK && st != LIBPROBE_STATUS_INVALID_HANDLE) job_fail(j, "unexpected status");
  }
  return NULL;
}

static void run(const char *what, void *(*fn)(void *), int n) {
  pthread_t t[16];
  job jobs[16];
  memset(jobs, 0, sizeof jobs);
  for (int i = 0; i < n; i++) {
    jobs[i].id = i;
    if (pthread_create(&t[i], NULL, fn, &jobs[i]) != 0) {
      CHECK(0, "%s: pthread_create", what);
      return;
    }
  }
  for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < n; i++) CHECK(jobs[i].failures == 0, "%s thread %d: %lu failures, first: %s", what, i, jobs[i].failures, jobs[i].message);
  printf("%s: %d threads done\n", what, n);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <fixture-dir>\n", argv[0]);
    return 2;
  }
  fixture = argv[1];
  libprobe_probe *p = new_probe();
  CHECK(p != NULL, "probe");
  if (!p) return checks_summary("test_threads");
  CHECK_STATUS(libprobe_probe_snapshot(p, &shared_snapshot), LIBPROBE_STATUS_OK);
  const libprobe_snapshot_view *v;
  CHECK_STATUS(libprobe_snapshot_root(shared_snapshot, &v), LIBPROBE_STATUS_OK);
  char *broken = walk_snapshot(v, &expected);
  CHECK(broken == NULL, "view: %s", broken ? broken : "");
  free(broken);

  run("readers of one snapshot", reader, READERS);
  run("one probe per thread", collector, COLLECTORS);
  shared_probe = p;
  run("callers of one shared probe", shared_caller, SHARED_CALLERS);

  /* Free a snapshot while other threads call functions on its handle. */
  CHECK_STATUS(libprobe_probe_snapshot(p, &doomed), LIBPROBE_STATUS_OK);
  pthread_t t[4];
  job jobs[4];
  memset(jobs, 0, sizeof jobs);
  for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, racer, &jobs[i]);
  libprobe_snapshot_free(doomed);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++) CHECK(jobs[i].failures == 0, "racer %d: %s", i, jobs[i].message);
  printf("free while other threads call on the handle: statuses only\n");

  walk_buf_free(&expected);
  libprobe_snapshot_free(shared_snapshot);
  libprobe_probe_free(p);
  return checks_summary("test_threads");
}
