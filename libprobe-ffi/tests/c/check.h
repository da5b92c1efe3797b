/* A minimal check harness for the C tests: CHECK counts, never stops; the program ends
 * with "N passed, N failed" and exits non-zero on any failure. */
#ifndef LIBPROBE_TEST_CHECK_H
#define LIBPROBE_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static unsigned long checks_passed, checks_failed;

#define CHECK(cond, ...)                                              \
  do {                                                                \
    if (cond) {                                                       \
      checks_passed++;                                                \
    } else {                                                          \
      checks_failed++;                                                \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                   \
      fputc('\n', stderr);                                            \
    }                                                                 \
  } while (0)

/* A status check that names the statuses. */
#define CHECK_STATUS(call, expected)                                               \
  do {                                                                             \
    libprobe_status st_ = (call);                                                  \
    CHECK(st_ == (expected), "%s returned %s, expected %s", #call,                 \
          libprobe_status_name(st_), libprobe_status_name(expected));              \
  } while (0)

static int checks_summary(const char *name) {
  printf("%s: %lu passed, %lu failed\n", name, checks_passed, checks_failed);
  return checks_failed ? 1 : 0;
}

#endif
