/* include/libprobe.h compiles as C11 with -Wall -Wextra -Werror -pedantic, and its
 * macros expand to valid C. */
#include <libprobe.h>

#include <assert.h>

static_assert(LIBPROBE_STATUS_OK == 0, "OK is 0");
static_assert(sizeof(libprobe_status) == 4, "statuses are 32-bit");
static_assert(sizeof(libprobe_str) == 2 * sizeof(void *), "ptr + len");
static_assert(offsetof(libprobe_options, struct_size) == 0, "struct_size first");
static_assert(offsetof(libprobe_snapshot_view, struct_size) == 0, "struct_size first");

uint64_t first_rss(const libprobe_snapshot_view *v);
uint64_t first_rss(const libprobe_snapshot_view *v) {
  if (!v->processes.present || v->processes.value.count == 0) return 0;
  return LIBPROBE_AT(libprobe_process_full, v->processes.value, 0)->memory_rss.value;
}

unsigned network_bit(void);
unsigned network_bit(void) { return LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_NETWORK); }
