/*
 * The NVML floor of a libprobe GPU sample: exactly the NVML calls libprobe's default GPU
 * sample makes (sys/linux/gpu/nvml.rs with default GpuOptions), through dlopen/dlsym,
 * with no decoding, no records, no allocation. libprobe's own work per sample is its time
 * minus this one's, on the same library.
 *
 *   cc -O2 -o gpu_floor bench/gpu_floor.c -ldl
 *   gpu_floor LIBRARY REPEAT   →  {"gpus":N,"init_s":…,"iters_s":[…]}
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int ret;
typedef void *dev;
typedef struct {
    unsigned fieldId, scopeId;
    long long timestamp, latencyUsec;
    int valueType, nvmlReturn;
    unsigned long long value;
} field_value;
typedef struct {
    unsigned version;
    unsigned long long total, reserved, free, used;
} memory_v2;

static void *lib;
static void *sym(const char *name) {
    void *f = dlsym(lib, name);
    if (!f) {
        fprintf(stderr, "no symbol %s\n", name);
        exit(2);
    }
    return f;
}
#define F(name, ...) static ret (*name)(__VA_ARGS__)
F(nvmlInit_v2, void);
F(nvmlShutdown, void);
F(nvmlSystemGetDriverVersion, char *, unsigned);
F(nvmlDeviceGetCount_v2, unsigned *);
F(nvmlDeviceGetHandleByIndex_v2, unsigned, dev *);
F(nvmlDeviceGetUUID, dev, char *, unsigned);
F(nvmlDeviceGetName, dev, char *, unsigned);
F(nvmlDeviceGetPciInfo_v3, dev, void *);
F(nvmlDeviceGetSerial, dev, char *, unsigned);
F(nvmlDeviceGetVbiosVersion, dev, char *, unsigned);
F(nvmlDeviceGetPersistenceMode, dev, int *);
F(nvmlDeviceGetUtilizationRates, dev, unsigned *);
F(nvmlDeviceGetEncoderUtilization, dev, unsigned *, unsigned *);
F(nvmlDeviceGetDecoderUtilization, dev, unsigned *, unsigned *);
F(nvmlDeviceGetMemoryInfo_v2, dev, memory_v2 *);
F(nvmlDeviceGetTemperature, dev, int, unsigned *);
F(nvmlDeviceGetTemperatureThreshold, dev, int, unsigned *);
F(nvmlDeviceGetMarginTemperature, dev, unsigned *);
F(nvmlDeviceGetFieldValues, dev, int, field_value *);
F(nvmlDeviceGetPowerUsage, dev, unsigned *);
F(nvmlDeviceGetPowerManagementLimit, dev, unsigned *);
F(nvmlDeviceGetPowerManagementDefaultLimit, dev, unsigned *);
F(nvmlDeviceGetPowerManagementLimitConstraints, dev, unsigned *, unsigned *);
F(nvmlDeviceGetEnforcedPowerLimit, dev, unsigned *);
F(nvmlDeviceGetPerformanceState, dev, int *);
F(nvmlDeviceGetClockInfo, dev, int, unsigned *);
F(nvmlDeviceGetMaxClockInfo, dev, int, unsigned *);
F(nvmlDeviceGetCurrentClocksThrottleReasons, dev, unsigned long long *);
F(nvmlDeviceGetCurrPcieLinkGeneration, dev, unsigned *);
F(nvmlDeviceGetMaxPcieLinkGeneration, dev, unsigned *);
F(nvmlDeviceGetCurrPcieLinkWidth, dev, unsigned *);
F(nvmlDeviceGetMaxPcieLinkWidth, dev, unsigned *);
F(nvmlDeviceGetPcieReplayCounter, dev, unsigned *);
F(nvmlDeviceGetEccMode, dev, int *, int *);
F(nvmlDeviceGetTotalEccErrors, dev, int, int, unsigned long long *);
F(nvmlDeviceGetRetiredPages, dev, int, unsigned *, unsigned long long *);
F(nvmlDeviceGetRetiredPagesPendingStatus, dev, int *);
F(nvmlDeviceGetRemappedRows, dev, unsigned *, unsigned *, unsigned *, unsigned *);
F(nvmlDeviceGetNumFans, dev, unsigned *);
F(nvmlDeviceGetComputeMode, dev, int *);
F(nvmlDeviceGetCudaComputeCapability, dev, int *, int *);
F(nvmlDeviceGetNvLinkState, dev, unsigned, int *);
F(nvmlDeviceGetMigMode, dev, unsigned *, unsigned *);
F(nvmlDeviceGetProcessUtilization, dev, void *, unsigned *, unsigned long long);
F(nvmlDeviceGetComputeRunningProcesses_v3, dev, unsigned *, void *);
F(nvmlDeviceGetGraphicsRunningProcesses_v3, dev, unsigned *, void *);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void sample(void) {
    char s[96];
    unsigned u[8];
    int i[4];
    unsigned long long ull;
    unsigned char pci[80];
    static unsigned char procs[64 * 32], samples[64 * 32];
    unsigned n = 0;
    nvmlDeviceGetCount_v2(&n);
    for (unsigned k = 0; k < n; k++) {
        dev d;
        if (nvmlDeviceGetHandleByIndex_v2(k, &d)) continue;
        nvmlDeviceGetUUID(d, s, sizeof s);
        nvmlDeviceGetName(d, s, sizeof s);
        nvmlDeviceGetPciInfo_v3(d, pci);
        nvmlDeviceGetSerial(d, s, sizeof s);
        nvmlDeviceGetVbiosVersion(d, s, sizeof s);
        nvmlDeviceGetPersistenceMode(d, i);
        nvmlDeviceGetUtilizationRates(d, u);
        nvmlDeviceGetEncoderUtilization(d, u, u + 1);
        nvmlDeviceGetDecoderUtilization(d, u, u + 1);
        memory_v2 m = {sizeof m | 2u << 24, 0, 0, 0, 0};
        nvmlDeviceGetMemoryInfo_v2(d, &m);
        nvmlDeviceGetTemperature(d, 0, u);
        nvmlDeviceGetTemperatureThreshold(d, 1, u);
        nvmlDeviceGetTemperatureThreshold(d, 0, u);
        unsigned margin[2] = {8 | 1u << 24, 0};
        nvmlDeviceGetMarginTemperature(d, margin);
        field_value fv[2];
        memset(fv, 0, sizeof fv);
        fv[0].fieldId = 82, fv[1].fieldId = 186;
        nvmlDeviceGetFieldValues(d, 2, fv);
        nvmlDeviceGetPowerUsage(d, u);
        nvmlDeviceGetPowerManagementLimit(d, u);
        nvmlDeviceGetPowerManagementDefaultLimit(d, u);
        nvmlDeviceGetPowerManagementLimitConstraints(d, u, u + 1);
        nvmlDeviceGetEnforcedPowerLimit(d, u);
        nvmlDeviceGetPerformanceState(d, i);
        for (int c = 0; c < 4; c++) nvmlDeviceGetClockInfo(d, c, u);
        for (int c = 0; c < 4; c++) nvmlDeviceGetMaxClockInfo(d, c, u);
        nvmlDeviceGetCurrentClocksThrottleReasons(d, &ull);
        nvmlDeviceGetCurrPcieLinkGeneration(d, u);
        nvmlDeviceGetMaxPcieLinkGeneration(d, u);
        nvmlDeviceGetCurrPcieLinkWidth(d, u);
        nvmlDeviceGetMaxPcieLinkWidth(d, u);
        nvmlDeviceGetPcieReplayCounter(d, u);
        nvmlDeviceGetEccMode(d, i, i + 1);
        for (int t = 0; t < 2; t++)
            for (int c = 0; c < 2; c++) nvmlDeviceGetTotalEccErrors(d, t, c, &ull);
        for (int c = 0; c < 2; c++) {
            unsigned cnt = 0;
            nvmlDeviceGetRetiredPages(d, c, &cnt, &ull);
        }
        nvmlDeviceGetRetiredPagesPendingStatus(d, i);
        nvmlDeviceGetRemappedRows(d, u, u + 1, u + 2, u + 3);
        nvmlDeviceGetNumFans(d, u);
        nvmlDeviceGetComputeMode(d, i);
        nvmlDeviceGetCudaComputeCapability(d, i, i + 1);
        nvmlDeviceGetNvLinkState(d, 0, i);
        nvmlDeviceGetMigMode(d, u, u + 1);
        unsigned cnt = 0;
        if (nvmlDeviceGetProcessUtilization(d, NULL, &cnt, 0) == 7 && cnt <= 64)
            nvmlDeviceGetProcessUtilization(d, samples, &cnt, 0);
        cnt = 0;
        if (nvmlDeviceGetComputeRunningProcesses_v3(d, &cnt, NULL) == 7 && cnt <= 56) {
            cnt += 8;
            nvmlDeviceGetComputeRunningProcesses_v3(d, &cnt, procs);
        }
        cnt = 0;
        if (nvmlDeviceGetGraphicsRunningProcesses_v3(d, &cnt, NULL) == 7 && cnt <= 56) {
            cnt += 8;
            nvmlDeviceGetGraphicsRunningProcesses_v3(d, &cnt, procs);
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: gpu_floor LIBRARY REPEAT\n");
        return 2;
    }
    int repeat = atoi(argv[2]);
    double t0 = now();
    lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
#define L(name) *(void **)&name = sym(#name)
    L(nvmlInit_v2); L(nvmlShutdown); L(nvmlSystemGetDriverVersion); L(nvmlDeviceGetCount_v2);
    L(nvmlDeviceGetHandleByIndex_v2); L(nvmlDeviceGetUUID); L(nvmlDeviceGetName); L(nvmlDeviceGetPciInfo_v3);
    L(nvmlDeviceGetSerial); L(nvmlDeviceGetVbiosVersion); L(nvmlDeviceGetPersistenceMode);
    L(nvmlDeviceGetUtilizationRates); L(nvmlDeviceGetEncoderUtilization); L(nvmlDeviceGetDecoderUtilization);
    L(nvmlDeviceGetMemoryInfo_v2); L(nvmlDeviceGetTemperature); L(nvmlDeviceGetTemperatureThreshold);
    L(nvmlDeviceGetMarginTemperature); L(nvmlDeviceGetFieldValues); L(nvmlDeviceGetPowerUsage);
    L(nvmlDeviceGetPowerManagementLimit); L(nvmlDeviceGetPowerManagementDefaultLimit);
    L(nvmlDeviceGetPowerManagementLimitConstraints); L(nvmlDeviceGetEnforcedPowerLimit);
    L(nvmlDeviceGetPerformanceState); L(nvmlDeviceGetClockInfo); L(nvmlDeviceGetMaxClockInfo);
    L(nvmlDeviceGetCurrentClocksThrottleReasons); L(nvmlDeviceGetCurrPcieLinkGeneration);
    L(nvmlDeviceGetMaxPcieLinkGeneration); L(nvmlDeviceGetCurrPcieLinkWidth); L(nvmlDeviceGetMaxPcieLinkWidth);
    L(nvmlDeviceGetPcieReplayCounter); L(nvmlDeviceGetEccMode); L(nvmlDeviceGetTotalEccErrors);
    L(nvmlDeviceGetRetiredPages); L(nvmlDeviceGetRetiredPagesPendingStatus); L(nvmlDeviceGetRemappedRows);
    L(nvmlDeviceGetNumFans); L(nvmlDeviceGetComputeMode); L(nvmlDeviceGetCudaComputeCapability);
    L(nvmlDeviceGetNvLinkState); L(nvmlDeviceGetMigMode); L(nvmlDeviceGetProcessUtilization);
    L(nvmlDeviceGetComputeRunningProcesses_v3); L(nvmlDeviceGetGraphicsRunningProcesses_v3);
    if (nvmlInit_v2()) {
        fprintf(stderr, "nvmlInit_v2 failed\n");
        return 2;
    }
    char v[96];
    nvmlSystemGetDriverVersion(v, sizeof v);
    double init = now() - t0;
    unsigned n = 0;
    nvmlDeviceGetCount_v2(&n);
    printf("{\"gpus\":%u,\"init_s\":%.9f,\"iters_s\":[", n, init);
    for (int r = 0; r < repeat; r++) {
        double a = now();
        sample();
        printf("%s%.9f", r ? "," : "", now() - a);
    }
    printf("]}\n");
    nvmlShutdown();
    return 0;
}
