/* summary: one snapshot of this machine (or of a fixture tree), summarised: the system,
 * the top processes by memory, sockets by table and TCP state (with the listeners' owners),
 * network interfaces, filesystems.
 *
 *   cc summary.c $(pkg-config --cflags --libs libprobe) -o summary
 *   ./summary [--fixture DIR]
 *
 * Everything is read from the snapshot's view: plain structs, arrays indexed with their
 * stride (LIBPROBE_AT), values that may be missing checked through `present` (and
 * `reason` says why). Names are bytes from the kernel: escaped before printing. */
#include <libprobe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints bytes for a terminal: printable ASCII as is, anything else as \xNN; at most 60
 * bytes. */
static void print_bytes(libprobe_str s, int width) {
  int n = 0;
  for (size_t i = 0; i < s.len; i++) {
    if (i == 60) {
      n += printf("...");
      break;
    }
    unsigned char c = (unsigned char)s.ptr[i];
    n += (c >= 0x20 && c < 0x7f && c != '\\') ? printf("%c", c) : printf("\\x%02x", c);
  }
  for (; n < width; n++) putchar(' ');
}

static const char *reason_name(uint8_t reason) {
  const libprobe_schema_info *s = libprobe_schema();
  for (uint32_t e = 0; e < s->enum_count; e++)
    if (strcmp(s->enums[e].name, "libprobe_reason") == 0)
      for (uint32_t v = 0; v < s->enums[e].variant_count; v++)
        if (s->enums[e].variants[v].code == reason) return s->enums[e].variants[v].name;
  return "unknown";
}

static int by_rss(const void *a, const void *b) {
  const libprobe_process_full *x = *(const libprobe_process_full *const *)a;
  const libprobe_process_full *y = *(const libprobe_process_full *const *)b;
  /* A missing RSS (a value that did not parse) sorts last. */
  uint64_t rx = x->memory_rss.present ? x->memory_rss.value : 0, ry = y->memory_rss.present ? y->memory_rss.value : 0;
  return rx < ry ? 1 : rx > ry ? -1 : 0;
}

static void system_part(const libprobe_snapshot_view *v) {
  if (!v->system.present) {
    printf("system: not collected (%s)\n", reason_name(v->system.reason));
    return;
  }
  const libprobe_system *sys = v->system.value;
  printf("host ");
  if (sys->hostname.present) print_bytes(sys->hostname.value, 0);
  else printf("(%s)", reason_name(sys->hostname.reason));
  if (sys->kernel_release.present) printf(", kernel %s", sys->kernel_release.value.ptr);
  printf(", %u CPUs", sys->cpu_count);
  if (sys->memory.present && sys->memory.value->used.present)
    printf(", memory %llu MiB used of %llu MiB", (unsigned long long)(sys->memory.value->used.value >> 20),
           (unsigned long long)(sys->memory.value->total >> 20));
  if (sys->load.present && sys->load.value->load1.present)
    printf(", load %.2f", sys->load.value->load1.value);
  printf("\n");
}

static void processes_part(const libprobe_snapshot_view *v) {
  if (!v->processes.present) {
    printf("processes: not collected (%s)\n", reason_name(v->processes.reason));
    return;
  }
  size_t n = v->processes.value.count;
  const libprobe_process_full **sorted = malloc((n ? n : 1) * sizeof *sorted);
  if (!sorted) return;
  for (size_t i = 0; i < n; i++) sorted[i] = LIBPROBE_AT(libprobe_process_full, v->processes.value, i);
  qsort(sorted, n, sizeof *sorted, by_rss);
  printf("\n%zu processes; top by resident memory:\n  %7s %10s  %-16s %s\n", n, "PID", "RSS(KiB)", "NAME",
         "COMMAND");
  for (size_t i = 0; i < n && i < 10; i++) {
    const libprobe_process_full *p = sorted[i];
    if (p->memory_rss.present) printf("  %7d %10llu  ", p->pid, (unsigned long long)(p->memory_rss.value / 1024));
    else printf("  %7d %10s  ", p->pid, "-");
    print_bytes(p->name, 16);
    putchar(' ');
    if (p->cmdline.present) /* argv as an array of byte strings */
      for (size_t a = 0; a < p->cmdline.value.count && a < 4; a++) {
        print_bytes(*LIBPROBE_AT(libprobe_str, p->cmdline.value, a), 0);
        putchar(' ');
      }
    else printf("(%s)", reason_name(p->cmdline.reason));
    putchar('\n');
  }
  free(sorted);
}

/* The name of an enum code, from the run-time schema (`libprobe_tcp_state` 10 ->
 * "listen"). */
static const char *enum_name(const char *type, int32_t code) {
  const libprobe_schema_info *s = libprobe_schema();
  for (uint32_t e = 0; e < s->enum_count; e++)
    if (strcmp(s->enums[e].name, type) == 0)
      for (uint32_t v = 0; v < s->enums[e].variant_count; v++)
        if (s->enums[e].variants[v].code == code) return s->enums[e].variants[v].name;
  return "unknown";
}

/* Every socket table of the network domain, and TCP sockets counted by state. */
static void sockets_part(const libprobe_snapshot_view *v) {
  if (!v->network.present) {
    printf("\nsockets: network domain not collected (%s)\n", reason_name(v->network.reason));
    return;
  }
  const libprobe_network *net = v->network.value;
  printf("\nsockets:");
  if (net->tcp.present) printf(" tcp %zu", net->tcp.value.count);
  if (net->udp.present) printf(", udp %zu", net->udp.value.count);
  if (net->unix_sockets.present) printf(", unix %zu", net->unix_sockets.value.count);
  if (net->raw.present) printf(", raw %zu", net->raw.value.count);
  if (net->netlink.present) printf(", netlink %zu", net->netlink.value.count);
  if (net->packet.present) printf(", packet %zu", net->packet.value.count);
  printf("\n");
  if (!net->tcp.present) {
    printf("  tcp: %s\n", reason_name(net->tcp.reason));
    return;
  }
  size_t by_state[32] = {0};
  for (size_t i = 0; i < net->tcp.value.count; i++) {
    const libprobe_tcp_connection *c = LIBPROBE_AT(libprobe_tcp_connection, net->tcp.value, i);
    if (c->state >= 0 && c->state < 32) by_state[c->state]++;
  }
  printf("  tcp by state:");
  for (int32_t st = 0; st < 32; st++)
    if (by_state[st]) printf(" %s %zu", enum_name("libprobe_tcp_state", st), by_state[st]);
  printf("\n");
  /* The listening sockets with their owners. */
  for (size_t i = 0, shown = 0; i < net->tcp.value.count && shown < 10; i++) {
    const libprobe_tcp_connection *c = LIBPROBE_AT(libprobe_tcp_connection, net->tcp.value, i);
    if (c->state != LIBPROBE_TCP_STATE_LISTEN) continue;
    shown++;
    printf("  listen %s:%u", c->local_addr.ptr, c->local_port);
    if (c->pid.present) {
      printf("  pid %d ", c->pid.value);
      if (c->process_name.present) print_bytes(c->process_name.value, 0);
    } else {
      printf("  owner: %s", reason_name(c->pid.reason));
    }
    putchar('\n');
  }
}

/* The network interfaces, their state, MTU, traffic and addresses. */
static void interfaces_part(const libprobe_snapshot_view *v) {
  if (!v->network.present) return;
  const libprobe_network *net = v->network.value;
  if (!net->interfaces.present) {
    printf("\ninterfaces: %s\n", reason_name(net->interfaces.reason));
    return;
  }
  printf("\ninterfaces:\n");
  for (size_t i = 0; i < net->interfaces.value.count; i++) {
    const libprobe_net_interface_full *ifc = LIBPROBE_AT(libprobe_net_interface_full, net->interfaces.value, i);
    printf("  ");
    print_bytes(ifc->name, 12);
    printf(" %-8s mtu %5u", enum_name("libprobe_interface_state", ifc->state), ifc->mtu);
    if (ifc->stats.present)
      printf("  rx %llu B  tx %llu B", (unsigned long long)ifc->stats.value->rx_bytes,
             (unsigned long long)ifc->stats.value->tx_bytes);
    if (ifc->ipv4_addresses.present)
      for (size_t a = 0; a < ifc->ipv4_addresses.value.count; a++) {
        const libprobe_ipv4_info *addr = LIBPROBE_AT(libprobe_ipv4_info, ifc->ipv4_addresses.value, a);
        printf("  %s/%u", addr->address.ptr, addr->prefix_len);
      }
    putchar('\n');
  }
}

static void filesystems_part(const libprobe_snapshot_view *v) {
  if (!v->system.present || !v->system.value->filesystems.present) return;
  const libprobe_list_filesystem *fs = &v->system.value->filesystems.value;
  printf("\nfilesystems with space:\n");
  for (size_t i = 0; i < fs->count; i++) {
    const libprobe_filesystem *f = LIBPROBE_AT(libprobe_filesystem, *fs, i);
    if (!f->total_bytes.present || f->total_bytes.value == 0) continue;
    printf("  ");
    print_bytes(f->mount_point, 24);
    printf(" %-8s %8llu MiB", f->fs_type.ptr, (unsigned long long)(f->total_bytes.value >> 20));
    if (f->used_percent.present) printf(" %5.1f%% used", f->used_percent.value);
    putchar('\n');
  }
}

int main(int argc, char **argv) {
  libprobe_config *cfg;
  libprobe_probe *probe;
  libprobe_snapshot *snap;
  const libprobe_snapshot_view *v;
  libprobe_status st = libprobe_config_new(&cfg);
  if (st != LIBPROBE_STATUS_OK) return 1;
  if (argc == 3 && strcmp(argv[1], "--fixture") == 0) {
    st = libprobe_config_set_root(cfg, LIBPROBE_ROOT_FIXTURE, argv[2]);
  } else if (argc != 1) {
    fprintf(stderr, "usage: %s [--fixture DIR]\n", argv[0]);
    return 2;
  }
  if (st == LIBPROBE_STATUS_OK)
    st = libprobe_config_set_process_fields(cfg, LIBPROBE_PROCESS_FIELDS_CGROUP_LIMITS);
  if (st != LIBPROBE_STATUS_OK) {
    fprintf(stderr, "summary: %s\n", libprobe_config_last_error(cfg));
    return 1;
  }
  st = libprobe_probe_new(cfg, &probe);
  libprobe_config_free(cfg); /* the probe has its own copy */
  if (st != LIBPROBE_STATUS_OK) return 1;
  st = libprobe_probe_snapshot(probe, &snap);
  if (st != LIBPROBE_STATUS_OK) {
    fprintf(stderr, "summary: %s: %s\n", libprobe_status_name(st), libprobe_probe_last_error(probe));
    return 1;
  }
  libprobe_snapshot_root(snap, &v);

  printf("libprobe %s (header %s)\n", libprobe_version(), LIBPROBE_VERSION);
  system_part(v);
  processes_part(v);
  sockets_part(v);
  interfaces_part(v);
  filesystems_part(v);

  printf("\ndomains:");
  for (size_t i = 0; i < v->domains.count; i++) {
    const libprobe_domain_status *d = LIBPROBE_AT(libprobe_domain_status, v->domains, i);
    const char *state = d->state == LIBPROBE_DOMAIN_STATE_COLLECTED ? "collected"
                        : d->state == LIBPROBE_DOMAIN_STATE_SKIPPED ? "skipped"
                                                                    : "failed";
    printf(" %d:%s", d->domain, state);
    if (d->reason.present) printf("(%s)", reason_name((uint8_t)d->reason.value));
  }
  printf("\n");

  libprobe_snapshot_free(snap); /* frees every view above at once */
  libprobe_probe_free(probe);
  return 0;
}
