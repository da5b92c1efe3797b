#!/usr/bin/env python3
"""Field by field: libprobe's GPUs (`probe snapshot --json --domains gpu`) against
`nvidia-smi -q -x` and `nvidia-smi --query-compute-apps=pid,process_name,used_memory,gpu_uuid
--format=csv,noheader,nounits`, taken around the same moment.

    python3 tests/device/compare_gpu.py PROBE.json SMI.xml APPS.csv

Static fields (names, ids, limits, capabilities, modes) must be equal; fields that move
between two reads (temperature, power, clocks, utilisation, memory used) must agree within
a tolerance. Prints one line per field and exits 1 when one disagrees.
"""
from __future__ import annotations

import csv
import json
import sys
import xml.etree.ElementTree as ET

fails = 0
checked = 0


def num(text: str | None) -> float | None:
    if text is None:
        return None
    t = text.strip().split(" ")[0].rstrip("x%").lstrip("P")
    try:
        return float(t)
    except ValueError:
        return None


def report(gpu: int, name: str, ok: bool, got, want, why: str = "") -> None:
    global fails, checked
    checked += 1
    if not ok:
        fails += 1
    print(f"{'ok  ' if ok else 'FAIL'} gpu{gpu} {name:<32} libprobe={got!r:<28} nvidia-smi={want!r} {why}")


def field(g: dict, name: str):
    """The field's value, or the reason it is missing."""
    v = g.get(name)
    return v if v is not None else f"<{g.get('unavailable', {}).get(name, '?')}>"


def compare(g: dict, x: ET.Element, i: int, root: ET.Element) -> None:
    def text(path: str) -> str | None:
        e = x.find(path)
        return e.text.strip() if e is not None and e.text else None

    def smi(path: str):
        """A text field as libprobe shows it: N/A and refusals as their reasons."""
        t = text(path)
        return {"N/A": "<not_supported>", None: "<not_supported>",
                "Insufficient Permissions": "<permission_denied>"}.get(t, t)

    def same(name: str, want) -> None:
        report(i, name, field(g, name) == want, field(g, name), want)

    def close(name: str, path: str, tol: float, scale: float = 1.0) -> None:
        w = num(text(path))
        got = field(g, name)
        if w is None:
            report(i, name, isinstance(got, str) and got.startswith("<"), got, text(path), "(N/A there)")
            return
        ok = isinstance(got, (int, float)) and abs(got - w * scale) <= tol * max(1.0, abs(w * scale))
        report(i, name, ok, got, w * scale, f"(±{tol:g})")

    def exact(name: str, path: str, scale: float = 1.0) -> None:
        close(name, path, 0.0, scale)

    same("uuid", smi("uuid"))
    same("name", smi("product_name"))
    bus = text("pci/pci_bus_id").lower()
    same("pci_bus_id", bus[4:] if bus.startswith("0000") and len(bus) == 16 else bus)
    same("driver_version", (root.findtext("driver_version") or "").strip())
    same("vbios_version", smi("vbios_version"))
    same("serial", smi("serial"))
    same("persistence_mode", text("persistence_mode") == "Enabled")
    same("ecc_enabled", text("ecc_mode/current_ecc") == "Enabled")
    same("mig_mode_current", text("mig_mode/current_mig") == "Enabled")
    same("compute_mode", (text("compute_mode") or "").lower())
    mib = 1048576.0
    exact("memory_total", "fb_memory_usage/total", mib)
    exact("memory_reserved", "fb_memory_usage/reserved", mib)
    close("memory_used", "fb_memory_usage/used", 0.05, mib)
    exact("power_limit", "gpu_power_readings/requested_power_limit")
    exact("power_enforced_limit", "gpu_power_readings/current_power_limit")
    exact("power_default_limit", "gpu_power_readings/default_power_limit")
    exact("power_min_limit", "gpu_power_readings/min_power_limit")
    exact("power_max_limit", "gpu_power_readings/max_power_limit")
    close("power_draw", "gpu_power_readings/average_power_draw", 0.25)
    close("temperature_gpu", "temperature/gpu_temp", 0.1)
    close("temperature_memory", "temperature/memory_temp", 0.1)
    close("temperature_margin", "temperature/gpu_temp_tlimit", 0.2)
    exact("clock_max_graphics", "max_clocks/graphics_clock")
    exact("clock_max_sm", "max_clocks/sm_clock")
    exact("clock_max_memory", "max_clocks/mem_clock")
    exact("clock_max_video", "max_clocks/video_clock")
    close("clock_memory", "clocks/mem_clock", 0.5)
    close("clock_graphics", "clocks/graphics_clock", 1.0)
    exact("pcie_link_gen_max", "pci/pci_gpu_link_info/pcie_gen/max_link_gen")
    exact("pcie_link_width_max", "pci/pci_gpu_link_info/link_widths/max_link_width")
    close("pcie_link_gen_current", "pci/pci_gpu_link_info/pcie_gen/current_link_gen", 1.0)
    exact("pcie_link_width_current", "pci/pci_gpu_link_info/link_widths/current_link_width")
    close("utilization_gpu", "utilization/gpu_util", 100.0)
    close("fan_speed", "fan_speed", 0.2)
    exact("remapped_rows_correctable", "remapped_rows/remapped_row_corr")
    exact("remapped_rows_uncorrectable", "remapped_rows/remapped_row_unc")
    vol = x.find("ecc_errors/volatile")
    if vol is not None:
        want = sum(int(num(vol.findtext(k)) or 0) for k in ("sram_correctable", "dram_correctable"))
        same("ecc_errors_corrected", want)
    pstate = num(text("performance_state"))
    same("power_state", int(pstate) if pstate is not None else "<not_supported>")
    migs = x.findall("mig_devices/mig_device")
    report(i, "mig_devices (count)", len(g.get("mig_devices") or []) == len(migs), len(g.get("mig_devices") or []), len(migs))


def main() -> int:
    probe, smi, apps = sys.argv[1:4]
    doc = json.load(open(probe))
    gpus = [g for g in doc["gpus"] or [] if g["vendor"] == "nvidia"]
    root = ET.parse(smi).getroot()
    xs = root.findall("gpu")
    report(-1, "NVIDIA GPU count", len(gpus) == len(xs), len(gpus), len(xs))
    for i, (g, x) in enumerate(zip(gpus, xs)):
        compare(g, x, i, root)
    # Processes: every compute app nvidia-smi lists, with its memory, on its GPU.
    by_uuid = {g["uuid"]: g for g in gpus}
    for row in csv.reader(open(apps)):
        if not row or not row[0].strip().isdigit():
            continue
        pid, name, mem, uuid = (c.strip() for c in row[:4])
        g = by_uuid.get(uuid)
        procs = (g or {}).get("processes") or []
        p = next((p for p in procs if p["pid"] == int(pid)), None)
        got = None if p is None else (p.get("used_memory"), p.get("process_name"))
        want_mem = int(float(mem)) * 1048576 if mem.replace(".", "").isdigit() else None
        ok = p is not None and (want_mem is None or abs((p.get("used_memory") or 0) - want_mem) <= 64 * 1048576)
        report(-1, f"process {pid}", ok, got, (want_mem, name))
    print(f"{checked - fails} of {checked} checks agree")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
