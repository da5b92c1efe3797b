// include/libprobe.h compiles as C++17 with -Wall -Wextra -Werror -pedantic, and so
// does the RAII wrapper of the C++ example.
#include <libprobe.h>

#include "libprobe.hpp"

#include <type_traits>

static_assert(LIBPROBE_STATUS_OK == 0, "OK is 0");
static_assert(std::is_standard_layout<libprobe_snapshot_view>::value, "plain C struct");
static_assert(std::is_trivially_copyable<libprobe_process_full>::value, "plain C struct");

uint64_t first_rss(const libprobe_snapshot_view *v);
uint64_t first_rss(const libprobe_snapshot_view *v) {
  if (!v->processes.present || v->processes.value.count == 0) return 0;
  return LIBPROBE_AT(libprobe_process_full, v->processes.value, 0)->memory_rss.value;
}
