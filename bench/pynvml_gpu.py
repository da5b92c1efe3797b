#!/usr/bin/env python3
"""pynvml (nvidia-ml-py) reading the fields of libprobe's default GPU sample, the usual
way: one wrapper call per field, NotSupported and friends caught.

    python3 pynvml_gpu.py REPEAT   →  {"gpus":N,"init_s":…,"iters_s":[…],"values":…}

The library is whatever `libnvidia-ml.so.1` the loader finds (LD_LIBRARY_PATH names the
fake one when there is no GPU).
"""
import json
import sys
import time

import pynvml as N


def sample(handles):
    values = 0

    def get(f, *a):
        nonlocal values
        try:
            f(*a)
            values += 1
        except N.NVMLError:
            pass

    for h in handles:
        get(N.nvmlDeviceGetUUID, h)
        get(N.nvmlDeviceGetName, h)
        get(N.nvmlDeviceGetPciInfo, h)
        get(N.nvmlDeviceGetSerial, h)
        get(N.nvmlDeviceGetVbiosVersion, h)
        get(N.nvmlDeviceGetPersistenceMode, h)
        get(N.nvmlDeviceGetUtilizationRates, h)
        get(N.nvmlDeviceGetEncoderUtilization, h)
        get(N.nvmlDeviceGetDecoderUtilization, h)
        get(N.nvmlDeviceGetMemoryInfo, h, N.nvmlMemory_v2)
        get(N.nvmlDeviceGetTemperature, h, N.NVML_TEMPERATURE_GPU)
        get(N.nvmlDeviceGetTemperatureThreshold, h, N.NVML_TEMPERATURE_THRESHOLD_SLOWDOWN)
        get(N.nvmlDeviceGetTemperatureThreshold, h, N.NVML_TEMPERATURE_THRESHOLD_SHUTDOWN)
        if hasattr(N, "nvmlDeviceGetMarginTemperature"):
            get(N.nvmlDeviceGetMarginTemperature, h)
        get(N.nvmlDeviceGetFieldValues, h, [82, 186])
        get(N.nvmlDeviceGetPowerUsage, h)
        get(N.nvmlDeviceGetPowerManagementLimit, h)
        get(N.nvmlDeviceGetPowerManagementDefaultLimit, h)
        get(N.nvmlDeviceGetPowerManagementLimitConstraints, h)
        get(N.nvmlDeviceGetEnforcedPowerLimit, h)
        get(N.nvmlDeviceGetPerformanceState, h)
        for c in (N.NVML_CLOCK_GRAPHICS, N.NVML_CLOCK_SM, N.NVML_CLOCK_MEM, N.NVML_CLOCK_VIDEO):
            get(N.nvmlDeviceGetClockInfo, h, c)
            get(N.nvmlDeviceGetMaxClockInfo, h, c)
        get(N.nvmlDeviceGetCurrentClocksThrottleReasons, h)
        get(N.nvmlDeviceGetCurrPcieLinkGeneration, h)
        get(N.nvmlDeviceGetMaxPcieLinkGeneration, h)
        get(N.nvmlDeviceGetCurrPcieLinkWidth, h)
        get(N.nvmlDeviceGetMaxPcieLinkWidth, h)
        get(N.nvmlDeviceGetPcieReplayCounter, h)
        get(N.nvmlDeviceGetEccMode, h)
        for t in (N.NVML_MEMORY_ERROR_TYPE_CORRECTED, N.NVML_MEMORY_ERROR_TYPE_UNCORRECTED):
            for c in (N.NVML_VOLATILE_ECC, N.NVML_AGGREGATE_ECC):
                get(N.nvmlDeviceGetTotalEccErrors, h, t, c)
        get(N.nvmlDeviceGetRetiredPages, h, N.NVML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS)
        get(N.nvmlDeviceGetRetiredPages, h, N.NVML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR)
        get(N.nvmlDeviceGetRetiredPagesPendingStatus, h)
        get(N.nvmlDeviceGetRemappedRows, h)
        get(N.nvmlDeviceGetNumFans, h)
        get(N.nvmlDeviceGetComputeMode, h)
        get(N.nvmlDeviceGetCudaComputeCapability, h)
        get(N.nvmlDeviceGetNvLinkState, h, 0)
        get(N.nvmlDeviceGetMigMode, h)
        get(N.nvmlDeviceGetProcessUtilization, h, 0)
        get(N.nvmlDeviceGetComputeRunningProcesses, h)
        get(N.nvmlDeviceGetGraphicsRunningProcesses, h)
    return values


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    t = time.perf_counter()
    N.nvmlInit()
    handles = [N.nvmlDeviceGetHandleByIndex(i) for i in range(N.nvmlDeviceGetCount())]
    init_s = time.perf_counter() - t
    iters, values = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        values += sample(handles)
        iters.append(time.perf_counter() - t)
    N.nvmlShutdown()
    print(json.dumps({"gpus": len(handles), "init_s": init_s, "iters_s": iters, "values": values,
                      "version": getattr(N, "__version__", "?")}))


if __name__ == "__main__":
    main()
