/* A generic walker over the C view: renders a snapshot's view as JSON using only the
 * run-time schema (libprobe_schema()), never a field name. Its output must equal the
 * core's own JSON of the same snapshot byte for byte, which proves that every field of
 * every record reached the C view with its value, its presence and its reason.
 *
 * On the way it checks the view's invariants: every string non-NULL and NUL-terminated,
 * every array's stride at least its element size and ptr NULL only when empty, booleans
 * 0 or 1, presence 0 or 1 with a reason only when absent, enum codes known. */

#include "walk.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const void *ptr;
  size_t count;
  size_t stride;
} raw_list;

typedef struct {
  const libprobe_schema_info *schema;
  walk_buf *out;
  char *error; /* first invariant broken, or NULL */
  uint32_t reason_enum;
} walker;

static void fail(walker *w, const char *fmt, ...) {
  if (w->error) return;
  w->error = malloc(512);
  if (!w->error) abort();
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->error, 512, fmt, ap);
  va_end(ap);
}

void walk_buf_put(walk_buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (b->len + n + 1 > cap) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) abort();
    b->data = p;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

static void puts_(walk_buf *b, const char *s) { walk_buf_put(b, s, strlen(s)); }

static void putf(walk_buf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp) abort();
  walk_buf_put(b, tmp, (size_t)n);
}

void walk_buf_free(walk_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else return 0;
  if (n < len) return 0;
  if (s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  return len;
}

/* A JSON string as the core writes one: valid UTF-8 as is (controls, DEL and C1 escaped),
 * every other byte as \udcXX. */
static void json_string(walk_buf *b, const unsigned char *s, size_t n) {
  puts_(b, "\"");
  size_t i = 0;
  while (i < n) {
    size_t len = utf8_len(s + i, n - i);
    if (len == 0) {
      putf(b, "\\udc%02x", s[i]);
      i++;
      continue;
    }
    unsigned c = s[i];
    if (len == 1) {
      if (c == '"') puts_(b, "\\\"");
      else if (c == '\\') puts_(b, "\\\\");
      else if (c == '\n') puts_(b, "\\n");
      else if (c == '\r') puts_(b, "\\r");
      else if (c == '\t') puts_(b, "\\t");
      else if (c < 0x20 || c == 0x7f) putf(b, "\\u%04x", c);
      else walk_buf_put(b, (const char *)s + i, 1);
    } else if (len == 2 && c == 0xC2 && s[i + 1] < 0xA0) {
      putf(b, "\\u%04x", s[i + 1]); /* C1: U+0080..U+009F */
    } else {
      walk_buf_put(b, (const char *)s + i, len);
    }
    i += len;
  }
  puts_(b, "\"");
}

/* A float as the core writes one: integral values below 1e15 as "12.0", others in the
 * shortest digits that read back exactly, positional (never an exponent). */
static void json_f64(walk_buf *b, double x) {
  if (!isfinite(x)) {
    puts_(b, "null");
    return;
  }
  if (x == trunc(x) && fabs(x) < 1e15) {
    putf(b, "%.1f", x);
    return;
  }
  char e[64];
  for (int p = 0; p <= 17; p++) {
    snprintf(e, sizeof e, "%.*e", p, x);
    if (strtod(e, NULL) == x) break;
  }
  /* e = [-]d[.ddd]e[+-]XX */
  const char *s = e;
  if (*s == '-') {
    puts_(b, "-");
    s++;
  }
  char digits[32];
  size_t nd = 0;
  for (; *s && *s != 'e'; s++)
    if (*s != '.') digits[nd++] = *s;
  int exp = atoi(s + 1);
  while (nd > 1 && digits[nd - 1] == '0') nd--; /* no trailing zeros */
  if (exp >= (int)nd - 1) {
    walk_buf_put(b, digits, nd);
    for (int i = 0; i < exp - ((int)nd - 1); i++) puts_(b, "0");
  } else if (exp >= 0) {
    walk_buf_put(b, digits, (size_t)exp + 1);
    puts_(b, ".");
    walk_buf_put(b, digits + exp + 1, nd - (size_t)exp - 1);
  } else {
    puts_(b, "0.");
    for (int i = 0; i < -exp - 1; i++) puts_(b, "0");
    walk_buf_put(b, digits, nd);
  }
}

static const libprobe_type_info *type_at(walker *w, uint32_t i) {
  if (i >= w->schema->type_count) {
    fail(w, "type index %u out of range", i);
    return NULL;
  }
  return &w->schema->types[i];
}

static const char *variant_name(walker *w, uint32_t enum_index, int32_t code) {
  const libprobe_enum_info *e = &w->schema->enums[enum_index];
  for (uint32_t i = 0; i < e->variant_count; i++)
    if (e->variants[i].code == code) return e->variants[i].name;
  fail(w, "%s: unknown code %d", e->name, (int)code);
  return "?";
}

static void value(walker *w, const libprobe_type_info *t, const char *at, int inline_record);

static void record(walker *w, uint32_t index, const char *base) {
  const libprobe_record_info *r = &w->schema->records[index];
  walk_buf *b = w->out;
  puts_(b, "{");
  const char *missing[256];
  uint8_t reasons[256];
  size_t nmissing = 0;
  for (uint32_t i = 0; i < r->field_count; i++) {
    const libprobe_field_info *f = &r->fields[i];
    if (i > 0) puts_(b, ",");
    json_string(b, (const unsigned char *)f->name, strlen(f->name));
    puts_(b, ":");
    const libprobe_type_info *t = type_at(w, f->type_index);
    if (!t) return;
    const char *at = base + f->offset;
    if (t->kind == LIBPROBE_KIND_FIELD && at[0] == 0) {
      if (nmissing == 256) abort();
      missing[nmissing] = f->name;
      reasons[nmissing++] = (uint8_t)at[1];
    }
    value(w, t, at, 0);
  }
  if (nmissing) {
    if (r->field_count) puts_(b, ",");
    puts_(b, "\"unavailable\":{");
    for (size_t i = 0; i < nmissing; i++) {
      if (i) puts_(b, ",");
      json_string(b, (const unsigned char *)missing[i], strlen(missing[i]));
      puts_(b, ":");
      const char *name = variant_name(w, w->reason_enum, reasons[i]);
      json_string(b, (const unsigned char *)name, strlen(name));
    }
    puts_(b, "}");
  }
  puts_(b, "}");
}

/* A map key that is not a string is written as its JSON text, quoted. */
static void key(walker *w, const libprobe_type_info *t, const char *at) {
  if (t->kind == LIBPROBE_KIND_STR || t->kind == LIBPROBE_KIND_BYTES) {
    value(w, t, at, 1);
    return;
  }
  walk_buf tmp = {0};
  walk_buf *saved = w->out;
  w->out = &tmp;
  value(w, t, at, 1);
  w->out = saved;
  json_string(w->out, (const unsigned char *)tmp.data, tmp.len);
  walk_buf_free(&tmp);
}

/* The value of type `t` stored at `at`. Records are pointers, except inside arrays
 * (`inline_record`), where they are stored in place. */
static void value(walker *w, const libprobe_type_info *t, const char *at, int inline_record) {
  walk_buf *b = w->out;
  switch (t->kind) {
    case LIBPROBE_KIND_BOOL: {
      uint8_t v;
      memcpy(&v, at, 1);
      if (v > 1) fail(w, "bool holds %u", v);
      puts_(b, v ? "true" : "false");
      break;
    }
    case LIBPROBE_KIND_U8: putf(b, "%u", (unsigned)*(const uint8_t *)at); break;
    case LIBPROBE_KIND_U16: {
      uint16_t v;
      memcpy(&v, at, sizeof v);
      putf(b, "%u", (unsigned)v);
      break;
    }
    case LIBPROBE_KIND_U32: {
      uint32_t v;
      memcpy(&v, at, sizeof v);
      putf(b, "%lu", (unsigned long)v);
      break;
    }
    case LIBPROBE_KIND_U64: {
      uint64_t v;
      memcpy(&v, at, sizeof v);
      putf(b, "%llu", (unsigned long long)v);
      break;
    }
    case LIBPROBE_KIND_I32: {
      int32_t v;
      memcpy(&v, at, sizeof v);
      putf(b, "%ld", (long)v);
      break;
    }
    case LIBPROBE_KIND_I64: {
      int64_t v;
      memcpy(&v, at, sizeof v);
      putf(b, "%lld", (long long)v);
      break;
    }
    case LIBPROBE_KIND_F64: {
      double v;
      memcpy(&v, at, sizeof v);
      json_f64(b, v);
      break;
    }
    case LIBPROBE_KIND_CHAR: {
      uint32_t c;
      memcpy(&c, at, sizeof c);
      unsigned char u[4];
      size_t n;
      if (c < 0x80) u[0] = (unsigned char)c, n = 1;
      else if (c < 0x800) u[0] = (unsigned char)(0xC0 | c >> 6), u[1] = (unsigned char)(0x80 | (c & 0x3F)), n = 2;
      else if (c < 0x10000)
        u[0] = (unsigned char)(0xE0 | c >> 12), u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)),
        u[2] = (unsigned char)(0x80 | (c & 0x3F)), n = 3;
      else
        u[0] = (unsigned char)(0xF0 | c >> 18), u[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F)),
        u[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (unsigned char)(0x80 | (c & 0x3F)), n = 4;
      json_string(b, u, n);
      break;
    }
    case LIBPROBE_KIND_STR:
    case LIBPROBE_KIND_BYTES: {
      libprobe_str s;
      memcpy(&s, at, sizeof s);
      if (!s.ptr) {
        fail(w, "string with a NULL ptr");
        puts_(b, "null");
        break;
      }
      if (s.ptr[s.len] != 0) fail(w, "string of %zu bytes not NUL-terminated", s.len);
      json_string(b, (const unsigned char *)s.ptr, s.len);
      break;
    }
    case LIBPROBE_KIND_ENUM: {
      int32_t code;
      memcpy(&code, at, sizeof code);
      const char *name = variant_name(w, t->target, code);
      json_string(b, (const unsigned char *)name, strlen(name));
      break;
    }
    case LIBPROBE_KIND_RECORD: {
      const char *base = at;
      if (!inline_record) {
        memcpy(&base, at, sizeof base);
        if (!base) {
          fail(w, "record pointer is NULL outside an absent value");
          puts_(b, "null");
          break;
        }
      }
      record(w, t->target, base);
      break;
    }
    case LIBPROBE_KIND_FIELD:
    case LIBPROBE_KIND_OPTIONAL: {
      uint8_t present = (uint8_t)at[0], reason = (uint8_t)at[1];
      const libprobe_type_info *inner = type_at(w, t->elem);
      if (!inner) return;
      if (present > 1) fail(w, "present holds %u", present);
      if (present) {
        if (reason) fail(w, "a present value with reason %u", reason);
        value(w, inner, at + t->value_offset, 0);
        break;
      }
      if (t->kind == LIBPROBE_KIND_FIELD && reason == 0) fail(w, "a missing field without a reason");
      if (t->kind == LIBPROBE_KIND_OPTIONAL && reason != 0) fail(w, "an absent optional with reason %u", reason);
      if (inner->kind == LIBPROBE_KIND_RECORD) {
        const void *p;
        memcpy(&p, at + t->value_offset, sizeof p);
        if (p) fail(w, "an absent record with a pointer");
      }
      puts_(b, "null");
      break;
    }
    case LIBPROBE_KIND_LIST:
    case LIBPROBE_KIND_MAP: {
      raw_list l;
      memcpy(&l, at, sizeof l);
      const libprobe_type_info *elem = type_at(w, t->elem);
      if (!elem) return;
      if ((l.ptr == NULL) != (l.count == 0)) fail(w, "array with ptr %p and count %zu", l.ptr, l.count);
      int is_map = t->kind == LIBPROBE_KIND_MAP;
      size_t min = elem->kind == LIBPROBE_KIND_RECORD ? w->schema->records[elem->target].size : elem->size;
      if (is_map) min = t->value_offset + type_at(w, t->value)->size;
      if (l.stride < min) fail(w, "stride %zu below element size %zu", l.stride, min);
      puts_(b, is_map ? "{" : "[");
      for (size_t i = 0; i < l.count; i++) {
        const char *item = (const char *)l.ptr + i * l.stride;
        if (i) puts_(b, ",");
        if (is_map) {
          key(w, elem, item);
          puts_(b, ":");
          value(w, type_at(w, t->value), item + t->value_offset, 1);
        } else {
          value(w, elem, item, 1);
        }
      }
      puts_(b, is_map ? "}" : "]");
      break;
    }
    default: fail(w, "unknown kind %u", t->kind);
  }
}

char *walk_snapshot(const libprobe_snapshot_view *view, walk_buf *out) {
  walker w = {libprobe_schema(), out, NULL, UINT32_MAX};
  for (uint32_t i = 0; i < w.schema->enum_count; i++)
    if (strcmp(w.schema->enums[i].schema_name, "Reason") == 0) w.reason_enum = i;
  if (w.reason_enum == UINT32_MAX) {
    fail(&w, "no Reason enum in the schema");
    return w.error;
  }
  if (view->struct_size != w.schema->records[w.schema->root_record].size)
    fail(&w, "root struct_size %u", view->struct_size);
  record(&w, w.schema->root_record, (const char *)view);
  return w.error;
}
