#!/usr/bin/env python3
"""psutil's sensors: `sensors_temperatures()`, `sensors_fans()`, `sensors_battery()`, each
called REPEAT times in this process, timed alone and together (the first sample is the
cold one, as in libprobe_power).

    python3 bench/psutil_power.py [REPEAT]

psutil reads /sys/class/hwmon (temperatures, fans; thermal zones only where hwmon has no
temperature) and /sys/class/power_supply (one battery, the AC adapter) directly, with no
root option: bench/run_power.py runs it with the fixture tree mounted over /sys. Prints
one JSON line."""
import json
import sys
import time

import psutil

repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 100
calls = [("sensors_temperatures", psutil.sensors_temperatures), ("sensors_fans", psutil.sensors_fans),
         ("sensors_battery", psutil.sensors_battery)]
per = {name: [] for name, _ in calls}
total, total_cpu = [], []
seen = {}
for _ in range(repeat):
    t_all, c_all = time.perf_counter(), time.process_time()
    for name, f in calls:
        t = time.perf_counter()
        r = f()
        per[name].append(time.perf_counter() - t)
        seen[name] = r
    total.append(time.perf_counter() - t_all)
    total_cpu.append(time.process_time() - c_all)
temps = seen["sensors_temperatures"] or {}
fans = seen["sensors_fans"] or {}
print(json.dumps({
    "tool": "psutil", "version": psutil.__version__,
    "temperatures": sum(len(v) for v in temps.values()), "fans": sum(len(v) for v in fans.values()),
    "battery": seen["sensors_battery"] is not None,
    "iters_s": total, "iters_cpu_s": total_cpu, "per_call_s": per,
}))
