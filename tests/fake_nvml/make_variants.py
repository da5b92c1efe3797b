#!/usr/bin/env python3
"""Writes the variants of the H100 capture the fake NVML answers from (xml/*.xml), and the
scenario's (tests/fixtures/gpu-all-vendors/nvml.xml). Each is the capture with the edits
below, so a reviewer sees exactly what differs from the real machine.

    python3 tests/fake_nvml/make_variants.py
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE / "xml" / "h100.xml").read_text()
HEAD, GPU, TAIL = re.match(r"(.*?)(\t<gpu id=.*?</gpu>\n)(.*)", BASE, re.S).groups()


def gpu(*edits: tuple[str, str], bus: str | None = None, uuid: str | None = None, minor: int | None = None) -> str:
    g = GPU
    for old, new in edits:
        assert old in g, old
        g = g.replace(old, new, 1)
    if bus:
        g = g.replace("00000000:00:06.0", f"00000000:00:{bus}.0").replace("<pci_device>06</pci_device>",
                                                                         f"<pci_device>{bus}</pci_device>")
    if uuid:
        g = g.replace("GPU-00000000-0000-4000-8000-000000000001", uuid)
    if minor is not None:
        g = g.replace("<minor_number>0</minor_number>", f"<minor_number>{minor}</minor_number>")
    return g


def doc(*gpus: str) -> str:
    head = HEAD.replace("<attached_gpus>1</attached_gpus>", f"<attached_gpus>{len(gpus)}</attached_gpus>")
    return head + "".join(gpus) + TAIL


def process(pid: int, kind: str, name: str, mib: int | str, gi: str = "N/A", ci: str = "N/A",
            util: tuple[int, int, int, int] | None = None) -> str:
    used = f"{mib} MiB" if isinstance(mib, int) else mib
    extra = ""
    if util:
        # Fake extension: nvidia-smi pmon's per-process columns.
        extra = "".join(f"\t\t\t\t<{k}>{v}</{k}>\n" for k, v in zip(("sm_util", "mem_util", "enc_util", "dec_util"), util))
    return (f"\t\t\t<process_info>\n\t\t\t\t<gpu_instance_id>{gi}</gpu_instance_id>\n"
            f"\t\t\t\t<compute_instance_id>{ci}</compute_instance_id>\n\t\t\t\t<pid>{pid}</pid>\n"
            f"\t\t\t\t<type>{kind}</type>\n\t\t\t\t<process_name>{name}</process_name>\n"
            f"\t\t\t\t<used_memory>{used}</used_memory>\n{extra}\t\t\t</process_info>\n")


EMPTY_PROCS = ("<processes>\n\t\t</processes>", None)


def procs(*p: str) -> tuple[str, str]:
    return ("<processes>\n\t\t</processes>", "<processes>\n" + "".join(p) + "\t\t</processes>")


def nvlinks(remote: str, n: int = 2) -> tuple[str, str]:
    # Fake extension: nvidia-smi prints links with `nvidia-smi nvlink -s`, not in -q -x.
    links = "".join(
        f"\t\t\t<nvlink>\n\t\t\t\t<link>{i}</link>\n\t\t\t\t<state>Active</state>\n\t\t\t\t<version>4</version>\n"
        f"\t\t\t\t<remote_pci_bus_id>{remote}</remote_pci_bus_id>\n\t\t\t\t<replay>{i}</replay>\n"
        f"\t\t\t\t<recovery>0</recovery>\n\t\t\t\t<crc_flit>{3 * i}</crc_flit>\n\t\t\t\t<crc_data>0</crc_data>\n"
        f"\t\t\t</nvlink>\n" for i in range(n))
    return ("<capabilities>", f"<nvlinks>\n{links}\t\t</nvlinks>\n\t\t<capabilities>")


def energy(mj: int) -> tuple[str, str]:
    # Fake extension: `nvidia-smi --query-gpu=total_energy_consumption` (mJ).
    return ("<capabilities>", f"<total_energy_consumption>{mj} mJ</total_energy_consumption>\n\t\t<capabilities>")


def write(path: Path, text: str) -> None:
    path.write_text(text)
    print("wrote", path.relative_to(HERE.parents[1]))


def main() -> None:
    # Two GPUs: processes with utilisation samples, NVLinks, energy; the second has ECC
    # errors, a refused serial and a refused process list.
    gpu0 = gpu(procs(process(4242, "C", "python3", 8192, util=(37, 12, 0, 0)),
                     process(4301, "C+G", "Xorg", 64, util=(1, 0, 0, 0)),
                     process(99999, "C", "[not in this pid namespace]", 1024, util=(5, 1, 0, 0))),
               nvlinks("00000000:00:07.0"), energy(123456789))
    gpu1 = gpu(("<serial>1650000000000</serial>", "<serial>Insufficient Permissions</serial>"),
               ("<performance_state>P0</performance_state>", "<performance_state>P8</performance_state>"),
               ("<processes>\n\t\t</processes>", "<processes>Insufficient Permissions</processes>"),
               ("<dram_correctable>0</dram_correctable>", "<dram_correctable>3</dram_correctable>"),
               ("<clocks_event_reason_sw_power_cap>Not Active", "<clocks_event_reason_sw_power_cap>Active"),
               nvlinks("00000000:00:06.0"), energy(98765432),
               bus="07", uuid="GPU-00000000-0000-4000-8000-000000000002", minor=1)
    write(HERE / "xml" / "h100-x2.xml", doc(gpu0, gpu1))

    # MIG on: two instances with their memory and processes; device utilisation N/A.
    mig_devices = "".join(
        f"\t\t\t<mig_device>\n\t\t\t\t<index>{i}</index>\n\t\t\t\t<gpu_instance_id>{gi}</gpu_instance_id>\n"
        f"\t\t\t\t<compute_instance_id>0</compute_instance_id>\n"
        f"\t\t\t\t<uuid>MIG-00000000-0000-4000-8000-00000000010{i}</uuid>\n"
        f"\t\t\t\t<fb_memory_usage>\n\t\t\t\t\t<total>{total} MiB</total>\n\t\t\t\t\t<reserved>0 MiB</reserved>\n"
        f"\t\t\t\t\t<used>{used} MiB</used>\n\t\t\t\t\t<free>{total - used} MiB</free>\n\t\t\t\t</fb_memory_usage>\n"
        f"\t\t\t</mig_device>\n" for i, (gi, total, used) in enumerate([(1, 40192, 4109), (9, 9984, 13)]))
    mig = gpu(("<current_mig>Disabled</current_mig>", "<current_mig>Enabled</current_mig>"),
              ("<pending_mig>Disabled</pending_mig>", "<pending_mig>Enabled</pending_mig>"),
              ("<mig_devices>\n\t\t\tNone\n\t\t</mig_devices>", f"<mig_devices>\n{mig_devices}\t\t</mig_devices>"),
              ("<gpu_util>0 %</gpu_util>", "<gpu_util>N/A</gpu_util>"),
              ("<memory_util>0 %</memory_util>", "<memory_util>N/A</memory_util>"),
              procs(process(5001, "C", "trainer", 4096, gi="1", ci="0"),
                    process(5002, "C", "notebook", 12, gi="9", ci="0")))
    write(HERE / "xml" / "h100-mig.xml", doc(mig))

    # A lost GPU two ways: answers stop (identity still cached), and no handle at all.
    lost = gpu(("<product_name>", "<fake_nvml_state>lost</fake_nvml_state>\n\t\t<product_name>"),
               bus="07", uuid="GPU-00000000-0000-4000-8000-000000000002", minor=1)
    lost_handle = gpu(("<product_name>", "<fake_nvml_state>lost_handle</fake_nvml_state>\n\t\t<product_name>"),
                      bus="08", uuid="GPU-00000000-0000-4000-8000-000000000003", minor=2)
    write(HERE / "xml" / "h100-lost.xml", doc(GPU, lost, lost_handle))

    # The cross-language scenario: the capture's GPU with processes of the fixture tree.
    scen = gpu(procs(process(4242, "C", "python3", 8192, util=(37, 12, 0, 0)),
                     process(4301, "C+G", "Xorg", 64, util=(1, 0, 0, 0)),
                     process(99999, "C", "[not in this pid namespace]", 1024)),
               energy(123456789))
    write(HERE.parents[1] / "tests" / "fixtures" / "gpu-all-vendors" / "nvml.xml", doc(scen))


if __name__ == "__main__":
    main()
