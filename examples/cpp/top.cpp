// top: the processes using the most CPU over half a second, with their memory, through
// the RAII wrapper in libprobe.hpp.
//
//   c++ -std=c++17 top.cpp $(pkg-config --cflags --libs libprobe) -o top && ./top 10
#include "libprobe.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

// Bytes made safe for a terminal: printable ASCII as is, everything else as \xNN.
static std::string printable(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

int main(int argc, char **argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10;
  try {
    libprobe::Config config;
    config.domains(LIBPROBE_DOMAIN_BIT(LIBPROBE_DOMAIN_PROCESS));
    libprobe::Probe probe(config);
    probe.snapshot();  // the first sample: cpu_percent needs a previous one
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    libprobe::Snapshot snap = probe.snapshot();

    std::vector<const libprobe_process_full *> procs;
    for (const libprobe_process_full &p : snap.processes()) procs.push_back(&p);
    auto cpu = [](const libprobe_process_full *p) { return p->cpu_percent.present ? p->cpu_percent.value : -1.0; };
    std::sort(procs.begin(), procs.end(), [&](auto *a, auto *b) { return cpu(a) > cpu(b); });

    std::printf("%7s %6s %10s  %s\n", "PID", "CPU%", "RSS(KiB)", "NAME");
    for (std::size_t i = 0; i < procs.size() && i < n; i++) {
      const libprobe_process_full *p = procs[i];
      char pct[16] = "-";
      if (p->cpu_percent.present) std::snprintf(pct, sizeof pct, "%.1f", p->cpu_percent.value);
      char rss[24] = "-";
      if (p->memory_rss.present)
        std::snprintf(rss, sizeof rss, "%llu", static_cast<unsigned long long>(p->memory_rss.value / 1024));
      std::printf("%7d %6s %10s  %s\n", p->pid, pct, rss, printable(libprobe::text(p->name)).c_str());
    }
    std::printf("%zu processes\n", snap.processes().size());
  } catch (const libprobe::Error &e) {
    std::fprintf(stderr, "top: %s\n", e.what());
    return 1;
  }
  return 0;
}
