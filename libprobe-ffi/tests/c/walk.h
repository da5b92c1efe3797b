/* A generic JSON writer over the C view (see walk.c). */
#ifndef LIBPROBE_TEST_WALK_H
#define LIBPROBE_TEST_WALK_H

#include <libprobe.h>

typedef struct {
  char *data;
  size_t len, cap;
} walk_buf;

void walk_buf_put(walk_buf *b, const char *s, size_t n);
void walk_buf_free(walk_buf *b);

/* Appends the view's JSON to `out`. Returns NULL, or a malloc'ed description of the
 * first broken invariant. */
char *walk_snapshot(const libprobe_snapshot_view *view, walk_buf *out);

#endif
