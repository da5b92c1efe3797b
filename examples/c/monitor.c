/* monitor: once a second, the machine's CPU use and the busiest process.
 *
 *   cc monitor.c $(pkg-config --cflags --libs libprobe) -o monitor && ./monitor [count]
 *
 * One probe for the whole run: it keeps the previous sample, so cpu_percent has a value
 * from the second snapshot on (the first says no_previous_sample). count 0 runs until
 * interrupted. */
#define _POSIX_C_SOURCE 200809L
#include <libprobe.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int fail(const char *what, libprobe_status st, const char *message) {
  fprintf(stderr, "monitor: %s: %s (%s)\n", what, libprobe_status_name(st), message);
  return 1;
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 0;
  libprobe_config *cfg;
  libprobe_probe *probe;
  libprobe_status st;
  if ((st = libprobe_config_new(&cfg)) != LIBPROBE_STATUS_OK) return fail("config", st, "");
  /* The cheap domains only: the system, and every process's cheap fields. */
  libprobe_config_set_domains(cfg, LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_SYSTEM) |
                                       LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_PROCESS));
  libprobe_config_set_process_fields(cfg, 0);
  st = libprobe_probe_new(cfg, &probe);
  libprobe_config_free(cfg);
  if (st != LIBPROBE_STATUS_OK) return fail("probe", st, "");

  for (long i = 0; count == 0 || i <= count; i++) {
    libprobe_snapshot *snap;
    const libprobe_snapshot_view *v;
    if ((st = libprobe_probe_snapshot(probe, &snap)) != LIBPROBE_STATUS_OK)
      return fail("snapshot", st, libprobe_probe_last_error(probe));
    libprobe_snapshot_root(snap, &v);
    if (i > 0) { /* the first snapshot only primes the rates */
      const libprobe_system *sys = v->system.present ? v->system.value : NULL;
      const libprobe_process_full *busiest = NULL;
      if (v->processes.present)
        for (size_t p = 0; p < v->processes.value.count; p++) {
          const libprobe_process_full *proc = LIBPROBE_AT(libprobe_process_full, v->processes.value, p);
          if (proc->cpu_percent.present && (!busiest || proc->cpu_percent.value > busiest->cpu_percent.value))
            busiest = proc;
        }
      if (sys && sys->cpu_percent.present) printf("cpu %5.1f%%", sys->cpu_percent.value);
      else printf("cpu     -");
      if (sys && sys->memory.present) {
        const libprobe_memory *m = sys->memory.value;
        if (m->used_percent.present)
          printf("  mem %5.1f%% of %llu MiB", m->used_percent.value, (unsigned long long)(m->total >> 20));
      }
      if (busiest)
        printf("  busiest pid %d %.*s %.1f%%", busiest->pid, (int)busiest->name.len, busiest->name.ptr,
               busiest->cpu_percent.value);
      printf("\n");
      fflush(stdout);
    }
    libprobe_snapshot_free(snap);
    if (count == 0 || i < count) {
      struct timespec second = {1, 0};
      nanosleep(&second, NULL);
    }
  }
  libprobe_probe_free(probe);
  return 0;
}
