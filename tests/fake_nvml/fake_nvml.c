/*
 * A fake NVML (libnvidia-ml.so.1) for libprobe's tests: it exports the NVML entry points
 * libprobe (through nvml-wrapper) and pynvml call, and answers them from an
 * `nvidia-smi -q -x` capture, so that nvml-wrapper's real loading and calling code runs
 * on a machine without a GPU.
 *
 * Build:  cc -shared -fPIC -O1 -o libnvidia-ml.so.1 fake_nvml.c
 *   -DFAKE_OLD_DRIVER  leaves out nvmlDeviceGetMarginTemperature and the `_v3` process
 *                      calls (a driver before R510): "a missing symbol".
 *   -DFAKE_R535_V3     makes the `_v3` process calls write the 32-byte struct of early R535
 *                      drivers (nvmlProcessInfo_v3_t with usedGpuCcProtectedMemory).
 *
 * The XML is `$FAKE_NVML_XML`, else `nvml.xml` beside this library (found with dladdr),
 * read by nvmlInit. No XML: NVML_ERROR_DRIVER_NOT_LOADED. Each answer comes from the
 * element nvidia-smi writes for it (see tests/fake_nvml/README.md for the mapping); a
 * value `N/A` or a missing element answers NVML_ERROR_NOT_SUPPORTED, `Insufficient
 * Permissions` NVML_ERROR_NO_PERMISSION, `Unknown Error` NVML_ERROR_UNKNOWN. Extensions
 * of the format (elements nvidia-smi does not write) are named `fake_*` or documented in
 * the README: a lost GPU, per-process utilisation, NVLinks, the energy counter, MIG uuids.
 *
 * Written for these tests; no NVIDIA code or header was used (the layouts are NVML's
 * public ABI as nvml-wrapper-sys 0.10 declares it).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;
enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NO_PERMISSION = 4,
    NVML_ERROR_NOT_FOUND = 6,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_UNKNOWN = 999,
};

#define EXPORT __attribute__((visibility("default")))
#define MAX_GPUS 16
#define MAX_MIG 8
#define NA_U32 0xFFFFFFFFu
#define NA_U64 0xFFFFFFFFFFFFFFFFull

/* A span of the XML text. */
typedef struct {
    const char *b, *e;
} span;

typedef struct fake_dev {
    int index;
    span gpu;             /* the <gpu> element's content */
    int is_mig;
    span mig;             /* the <mig_device> element's content, for a MIG device */
    struct fake_dev *parent;
} fake_dev;
typedef fake_dev *nvmlDevice_t;

static char *xml;
static size_t xml_len;
static fake_dev devs[MAX_GPUS];
static fake_dev migs[MAX_GPUS][MAX_MIG];
static int ndev, nmig[MAX_GPUS];
static int initialised;
static unsigned long long sample_clock = 1700000000000000ull;

/* ---------------------------------------------------------------- the XML */

/* The content of the first <tag> or <tag ...> element in s (no same-name nesting). */
static int find(span s, const char *tag, span *out) {
    size_t n = strlen(tag);
    for (const char *p = s.b; p && p + n + 2 <= s.e; p++) {
        p = memchr(p, '<', (size_t)(s.e - p));
        if (!p || p + n + 2 > s.e) return 0;
        if (strncmp(p + 1, tag, n) == 0 && (p[n + 1] == '>' || p[n + 1] == ' ')) {
            const char *open_end = memchr(p, '>', (size_t)(s.e - p));
            if (!open_end) return 0;
            char close[128];
            snprintf(close, sizeof close, "</%s>", tag);
            const char *c = memmem(open_end + 1, (size_t)(s.e - open_end - 1), close, strlen(close));
            if (!c) return 0;
            out->b = open_end + 1;
            out->e = c;
            return 1;
        }
    }
    return 0;
}

/* The content of the nth <tag> element in s. */
static int find_nth(span s, const char *tag, int nth, span *out) {
    span rest = s;
    for (int i = 0;; i++) {
        span f;
        if (!find(rest, tag, &f)) return 0;
        if (i == nth) {
            *out = f;
            return 1;
        }
        rest.b = f.e;
    }
}

/* Lookups of a path under a span are memoised (the XML does not change while loaded), so
 * that a call costs about what a driver's does and a benchmark's floor is not the fake's
 * parsing. Keyed by the span's start and the path's text. */
#define MEMO 4096
static struct {
    const char *b, *e;
    char path[96];
    int found;
    span out;
} memo[MEMO];

static unsigned hash(const char *b, const char *p) {
    unsigned h = 2166136261u ^ (unsigned)(uintptr_t)b;
    for (; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static int path_uncached(span s, const char *p, span *out);

static int path(span s, const char *p, span *out) {
    if (strlen(p) >= sizeof memo[0].path) return path_uncached(s, p, out);
    unsigned h = hash(s.b, p);
    for (unsigned i = 0; i < 8; i++) {
        unsigned k = (h + i) % MEMO;
        if (memo[k].b == s.b && memo[k].e == s.e && strcmp(memo[k].path, p) == 0) {
            *out = memo[k].out;
            return memo[k].found;
        }
        if (!memo[k].b) {
            memo[k].found = path_uncached(s, p, &memo[k].out);
            memo[k].b = s.b;
            memo[k].e = s.e;
            strcpy(memo[k].path, p);
            *out = memo[k].out;
            return memo[k].found;
        }
    }
    return path_uncached(s, p, out);
}

/* Calls per function, written to $FAKE_NVML_CALLS at nvmlShutdown (the benchmark checks
 * that its floor makes the calls libprobe makes). */
#define MAX_FUNCS 128
static struct {
    const char *name;
    unsigned long n;
} calls[MAX_FUNCS];

static void tally(const char *name) {
    for (int i = 0; i < MAX_FUNCS; i++) {
        if (calls[i].name == name || !calls[i].name) {
            calls[i].name = name;
            calls[i].n++;
            return;
        }
    }
}

static void write_counts(void) {
    const char *p = getenv("FAKE_NVML_CALLS");
    FILE *f = p && *p ? fopen(p, "w") : NULL;
    if (!f) return;
    for (int i = 0; i < MAX_FUNCS && calls[i].name; i++) fprintf(f, "%s %lu\n", calls[i].name, calls[i].n);
    fclose(f);
}

/* The content at a path `a/b/c` under s. */
static int path_uncached(span s, const char *p, span *out) {
    char part[128];
    span cur = s;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n >= sizeof part) return 0;
        memcpy(part, p, n);
        part[n] = 0;
        if (!find(cur, part, &cur)) return 0;
        p += n + (slash ? 1 : 0);
    }
    *out = cur;
    return 1;
}

static span trim(span s) {
    while (s.b < s.e && (*s.b == ' ' || *s.b == '\n' || *s.b == '\t' || *s.b == '\r')) s.b++;
    while (s.e > s.b && (s.e[-1] == ' ' || s.e[-1] == '\n' || s.e[-1] == '\t' || s.e[-1] == '\r')) s.e--;
    return s;
}

static int is(span s, const char *word) {
    size_t n = strlen(word);
    return (size_t)(s.e - s.b) == n && strncmp(s.b, word, n) == 0;
}

/* The return code a text value stands for (NVML_SUCCESS for a real value). */
static nvmlReturn_t status_of(span v) {
    if (is(v, "N/A") || v.b == v.e) return NVML_ERROR_NOT_SUPPORTED;
    if (is(v, "Insufficient Permissions")) return NVML_ERROR_NO_PERMISSION;
    if (is(v, "Unknown Error")) return NVML_ERROR_UNKNOWN;
    if (is(v, "GPU is lost")) return NVML_ERROR_GPU_IS_LOST;
    return NVML_SUCCESS;
}

/* The trimmed text at path p under s, with its status. */
static nvmlReturn_t text_at(span s, const char *p, span *out) {
    if (!path(s, p, out)) return NVML_ERROR_NOT_SUPPORTED;
    *out = trim(*out);
    return status_of(*out);
}

/* The number at the start of the value at p ("81559 MiB", "89.80 W", "16x", "P0"). */
static nvmlReturn_t num_at(span s, const char *p, double *v) {
    span t;
    nvmlReturn_t r = text_at(s, p, &t);
    if (r) return r;
    char buf[64];
    size_t n = (size_t)(t.e - t.b);
    if (n >= sizeof buf) return NVML_ERROR_UNKNOWN;
    memcpy(buf, t.b, n);
    buf[n] = 0;
    char *start = buf[0] == 'P' ? buf + 1 : buf, *end;
    *v = strtod(start, &end);
    return end == start ? NVML_ERROR_UNKNOWN : NVML_SUCCESS;
}

static nvmlReturn_t u32_at(span s, const char *p, unsigned *v) {
    double d;
    nvmlReturn_t r = num_at(s, p, &d);
    if (!r) *v = (unsigned)(d + 0.5);
    return r;
}

static nvmlReturn_t mib_at(span s, const char *p, unsigned long long *v) {
    double d;
    nvmlReturn_t r = num_at(s, p, &d);
    if (!r) *v = (unsigned long long)d << 20;
    return r;
}

static nvmlReturn_t str_at(span s, const char *p, char *out, unsigned len) {
    span t;
    nvmlReturn_t r = text_at(s, p, &t);
    if (r) return r;
    size_t n = (size_t)(t.e - t.b);
    if (!out || n + 1 > len) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(out, t.b, n);
    out[n] = 0;
    return NVML_SUCCESS;
}

/* "Enabled"/"Yes"/"Active" → 1, "Disabled"/"No"/"Not Active" → 0. */
static nvmlReturn_t flag_at(span s, const char *p, unsigned *v) {
    span t;
    nvmlReturn_t r = text_at(s, p, &t);
    if (r) return r;
    if (is(t, "Enabled") || is(t, "Yes") || is(t, "Active")) *v = 1;
    else if (is(t, "Disabled") || is(t, "No") || is(t, "Not Active")) *v = 0;
    else return NVML_ERROR_UNKNOWN;
    return NVML_SUCCESS;
}

/* ---------------------------------------------------------------- init */

static const char *xml_path(char *buf, size_t len) {
    const char *env = getenv("FAKE_NVML_XML");
    if (env && *env) return env;
    Dl_info info;
    if (!dladdr((void *)xml_path, &info) || !info.dli_fname) return NULL;
    const char *slash = strrchr(info.dli_fname, '/');
    size_t dir = slash ? (size_t)(slash - info.dli_fname) : 0;
    if (dir + 10 > len) return NULL;
    memcpy(buf, info.dli_fname, dir);
    snprintf(buf + dir, len - dir, "%snvml.xml", slash ? "/" : "");
    return buf;
}

/* Appends `what` to `nvml.log` beside the library when that file exists (the tests count
 * nvmlInit and nvmlShutdown calls with it). */
static void log_call(const char *what) {
    char buf[4096];
    const char *p = xml_path(buf, sizeof buf);
    if (!p || getenv("FAKE_NVML_XML")) return;
    size_t n = strlen(buf);
    if (n < 8 || strcmp(buf + n - 8, "nvml.xml") != 0) return;
    memcpy(buf + n - 3, "log", 4);
    FILE *f = fopen(buf, "r");
    if (!f) return;
    fclose(f);
    f = fopen(buf, "a");
    if (f) {
        fprintf(f, "%s\n", what);
        fclose(f);
    }
}

static nvmlReturn_t load(void) {
    log_call("init");
    if (initialised++) return NVML_SUCCESS;
    char buf[4096];
    const char *p = xml_path(buf, sizeof buf);
    FILE *f = p ? fopen(p, "rb") : NULL;
    if (!f) {
        initialised = 0;
        return NVML_ERROR_DRIVER_NOT_LOADED;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    xml = malloc((size_t)n + 1);
    xml_len = fread(xml, 1, (size_t)n, f);
    xml[xml_len] = 0;
    fclose(f);
    memset(memo, 0, sizeof memo);
    span all = {xml, xml + xml_len};
    ndev = 0;
    while (ndev < MAX_GPUS && find_nth(all, "gpu", ndev, &devs[ndev].gpu)) {
        fake_dev *d = &devs[ndev];
        d->index = ndev;
        nmig[ndev] = 0;
        span list;
        if (find(d->gpu, "mig_devices", &list))
            while (nmig[ndev] < MAX_MIG && find_nth(list, "mig_device", nmig[ndev], &migs[ndev][nmig[ndev]].mig)) {
                fake_dev *m = &migs[ndev][nmig[ndev]];
                m->index = nmig[ndev]++;
                m->gpu = d->gpu;
                m->is_mig = 1;
                m->parent = d;
            }
        ndev++;
    }
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlInit_v2(void) { return load(); }
EXPORT nvmlReturn_t nvmlInit(void) { return load(); }
EXPORT nvmlReturn_t nvmlInitWithFlags(unsigned flags) { (void)flags; return load(); }

EXPORT nvmlReturn_t nvmlShutdown(void) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    log_call("shutdown");
    write_counts();
    if (--initialised == 0) {
        free(xml);
        xml = NULL;
        ndev = 0;
    }
    return NVML_SUCCESS;
}

EXPORT const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    default: return "Unknown Error";
    }
}

static span root(void) { return (span){xml, xml + xml_len}; }

EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *v, unsigned len) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    return str_at(root(), "driver_version", v, len);
}

EXPORT nvmlReturn_t nvmlSystemGetNVMLVersion(char *v, unsigned len) {
    char d[64];
    nvmlReturn_t r = nvmlSystemGetDriverVersion(d, sizeof d);
    if (r) return r;
    if (!v || (unsigned)snprintf(v, len, "13.%s", d) >= len) return NVML_ERROR_INSUFFICIENT_SIZE;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(int *v) {
    double d;
    nvmlReturn_t r = num_at(root(), "cuda_version", &d);
    if (!r) *v = (int)(d * 1000 + 0.5);
    return r;
}
EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion(int *v) { return nvmlSystemGetCudaDriverVersion_v2(v); }

EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned *n) {
    tally(__func__);
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    *n = (unsigned)ndev;
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetCount(unsigned *n) { return nvmlDeviceGetCount_v2(n); }

/* `<fake_nvml_state>`: `lost` (static identity answers, every other call GPU_IS_LOST),
 * `lost_handle` (no handle), `no_permission_handle`. */
static int state(fake_dev *d, const char *what) {
    span t;
    return text_at(d->gpu, "fake_nvml_state", &t) == NVML_SUCCESS && is(t, what);
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned i, nvmlDevice_t *out) {
    tally(__func__);
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (i >= (unsigned)ndev) return NVML_ERROR_INVALID_ARGUMENT;
    if (state(&devs[i], "lost_handle")) return NVML_ERROR_GPU_IS_LOST;
    if (state(&devs[i], "no_permission_handle")) return NVML_ERROR_NO_PERMISSION;
    *out = &devs[i];
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned i, nvmlDevice_t *out) { return nvmlDeviceGetHandleByIndex_v2(i, out); }

/* Guards every device call: a valid handle, and the lost state. */
#define DEV(d)                                                        \
    do {                                                              \
        tally(__func__);                                              \
        if (!initialised || !(d)) return NVML_ERROR_UNINITIALIZED;    \
        if (state((d)->is_mig ? (d)->parent : (d), "lost")) return NVML_ERROR_GPU_IS_LOST; \
    } while (0)
/* The same for the identity calls NVML answers from its cache even for a lost GPU. */
#define DEV_STATIC(d)                                                 \
    do {                                                              \
        tally(__func__);                                              \
        if (!initialised || !(d)) return NVML_ERROR_UNINITIALIZED;    \
    } while (0)
/* A call NVML does not support on a MIG device handle. */
#define NOT_MIG(d)                                                    \
    do {                                                              \
        if ((d)->is_mig) return NVML_ERROR_NOT_SUPPORTED;             \
    } while (0)

EXPORT nvmlReturn_t nvmlDeviceGetIndex(nvmlDevice_t d, unsigned *i) {
    DEV_STATIC(d);
    *i = (unsigned)d->index;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *v, unsigned len) {
    DEV_STATIC(d);
    if (d->is_mig) return str_at(d->mig, "uuid", v, len);
    return str_at(d->gpu, "uuid", v, len);
}

EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *v, unsigned len) {
    DEV_STATIC(d);
    return str_at(d->gpu, "product_name", v, len);
}

typedef struct {
    char busIdLegacy[16];
    unsigned domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

static nvmlReturn_t hex_at(span s, const char *p, unsigned *v) {
    span t;
    nvmlReturn_t r = text_at(s, p, &t);
    if (r) return r;
    char buf[32];
    size_t n = (size_t)(t.e - t.b);
    if (n >= sizeof buf) return NVML_ERROR_UNKNOWN;
    memcpy(buf, t.b, n);
    buf[n] = 0;
    *v = (unsigned)strtoul(buf, NULL, 16);
    return NVML_SUCCESS;
}

static nvmlReturn_t pci_info(span gpu, nvmlPciInfo_t *p) {
    memset(p, 0, sizeof *p);
    nvmlReturn_t r = str_at(gpu, "pci/pci_bus_id", p->busId, sizeof p->busId);
    if (r) return r;
    snprintf(p->busIdLegacy, sizeof p->busIdLegacy, "%s", p->busId + 4);
    hex_at(gpu, "pci/pci_domain", &p->domain);
    hex_at(gpu, "pci/pci_bus", &p->bus);
    hex_at(gpu, "pci/pci_device", &p->device);
    hex_at(gpu, "pci/pci_device_id", &p->pciDeviceId);
    hex_at(gpu, "pci/pci_sub_system_id", &p->pciSubSystemId);
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t *p) {
    DEV_STATIC(d);
    return pci_info(d->gpu, p);
}
EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v2(nvmlDevice_t d, nvmlPciInfo_t *p) { return nvmlDeviceGetPciInfo_v3(d, p); }
EXPORT nvmlReturn_t nvmlDeviceGetPciInfo(nvmlDevice_t d, nvmlPciInfo_t *p) { return nvmlDeviceGetPciInfo_v3(d, p); }

EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t d, char *v, unsigned len) {
    DEV(d);
    return str_at(d->gpu, "serial", v, len);
}

EXPORT nvmlReturn_t nvmlDeviceGetVbiosVersion(nvmlDevice_t d, char *v, unsigned len) {
    DEV(d);
    return str_at(d->gpu, "vbios_version", v, len);
}

EXPORT nvmlReturn_t nvmlDeviceGetPersistenceMode(nvmlDevice_t d, int *v) {
    DEV(d);
    return flag_at(d->gpu, "persistence_mode", (unsigned *)v);
}

typedef struct {
    unsigned gpu, memory;
} nvmlUtilization_t;

EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    DEV(d);
    NOT_MIG(d);
    nvmlReturn_t r = u32_at(d->gpu, "utilization/gpu_util", &u->gpu);
    return r ? r : u32_at(d->gpu, "utilization/memory_util", &u->memory);
}

EXPORT nvmlReturn_t nvmlDeviceGetEncoderUtilization(nvmlDevice_t d, unsigned *u, unsigned *period) {
    DEV(d);
    NOT_MIG(d);
    *period = 167000;
    return u32_at(d->gpu, "utilization/encoder_util", u);
}

EXPORT nvmlReturn_t nvmlDeviceGetDecoderUtilization(nvmlDevice_t d, unsigned *u, unsigned *period) {
    DEV(d);
    NOT_MIG(d);
    *period = 167000;
    return u32_at(d->gpu, "utilization/decoder_util", u);
}

typedef struct {
    unsigned version;
    unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;
typedef struct {
    unsigned long long total, free, used;
} nvmlMemory_t;

static nvmlReturn_t memory(nvmlDevice_t d, nvmlMemory_v2_t *m) {
    span s = d->is_mig ? d->mig : d->gpu;
    nvmlReturn_t r = mib_at(s, "fb_memory_usage/total", &m->total);
    if (!r) r = mib_at(s, "fb_memory_usage/used", &m->used);
    if (!r) r = mib_at(s, "fb_memory_usage/free", &m->free);
    if (!r && mib_at(s, "fb_memory_usage/reserved", &m->reserved)) m->reserved = 0;
    return r;
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t d, nvmlMemory_v2_t *m) {
    DEV(d);
    /* nvmlMemory_v2: NVML_STRUCT_VERSION(Memory, 2). */
    if (m->version != ((unsigned)sizeof(nvmlMemory_v2_t) | (2u << 24))) return NVML_ERROR_INVALID_ARGUMENT;
    return memory(d, m);
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *m) {
    DEV(d);
    nvmlMemory_v2_t v2;
    nvmlReturn_t r = memory(d, &v2);
    if (!r) {
        m->total = v2.total;
        m->free = v2.free + v2.reserved; /* v1 counts reserved memory as free */
        m->used = v2.used;
    }
    return r;
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned *t) {
    DEV(d);
    NOT_MIG(d);
    if (sensor != 0) return NVML_ERROR_INVALID_ARGUMENT;
    return u32_at(d->gpu, "temperature/gpu_temp", t);
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t d, int which, unsigned *t) {
    DEV(d);
    NOT_MIG(d);
    switch (which) {
    case 0: return u32_at(d->gpu, "temperature/gpu_temp_max_threshold", t);  /* SHUTDOWN */
    case 1: return u32_at(d->gpu, "temperature/gpu_temp_slow_threshold", t); /* SLOWDOWN */
    default: return NVML_ERROR_NOT_SUPPORTED;
    }
}

#ifndef FAKE_OLD_DRIVER
typedef struct {
    unsigned version;
    int marginTemperature;
} nvmlMarginTemperature_t;

EXPORT nvmlReturn_t nvmlDeviceGetMarginTemperature(nvmlDevice_t d, nvmlMarginTemperature_t *m) {
    DEV(d);
    NOT_MIG(d);
    if (m->version != ((unsigned)sizeof *m | (1u << 24))) return NVML_ERROR_INVALID_ARGUMENT;
    double v;
    nvmlReturn_t r = num_at(d->gpu, "temperature/gpu_temp_tlimit", &v);
    if (!r) m->marginTemperature = (int)v;
    return r;
}
#endif

typedef struct {
    unsigned fieldId, scopeId;
    long long timestamp, latencyUsec;
    int valueType;
    nvmlReturn_t nvmlReturn;
    union {
        double dVal;
        unsigned uiVal;
        unsigned long ulVal;
        unsigned long long ullVal;
        long long sllVal;
        int siVal;
    } value;
} nvmlFieldValue_t;

EXPORT nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *v) {
    DEV(d);
    for (int i = 0; i < count; i++) {
        double x;
        v[i].timestamp = (long long)sample_clock;
        v[i].latencyUsec = 0;
        switch (v[i].fieldId) {
        case 82: /* NVML_FI_DEV_MEMORY_TEMP */
            v[i].nvmlReturn = num_at(d->gpu, "temperature/memory_temp", &x);
            v[i].valueType = 1;
            v[i].value.uiVal = (unsigned)x;
            break;
        case 186: /* NVML_FI_DEV_POWER_INSTANT, mW */
        case 185: /* NVML_FI_DEV_POWER_AVERAGE */
            v[i].nvmlReturn = num_at(d->gpu, v[i].fieldId == 186 ? "gpu_power_readings/instant_power_draw"
                                                                 : "gpu_power_readings/average_power_draw", &x);
            v[i].valueType = 1;
            v[i].value.uiVal = (unsigned)(x * 1000 + 0.5);
            break;
        default:
            v[i].nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
        }
    }
    return NVML_SUCCESS;
}

static nvmlReturn_t milliwatts(nvmlDevice_t d, const char *p, unsigned *mw) {
    DEV(d);
    NOT_MIG(d);
    double w;
    nvmlReturn_t r = num_at(d->gpu, p, &w);
    if (!r) *mw = (unsigned)(w * 1000 + 0.5);
    return r;
}

EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned *mw) {
    return milliwatts(d, "gpu_power_readings/average_power_draw", mw);
}
EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t d, unsigned *mw) {
    return milliwatts(d, "gpu_power_readings/requested_power_limit", mw);
}
EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned *mw) {
    return milliwatts(d, "gpu_power_readings/current_power_limit", mw);
}
EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t d, unsigned *mw) {
    return milliwatts(d, "gpu_power_readings/default_power_limit", mw);
}
EXPORT nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t d, unsigned *min, unsigned *max) {
    nvmlReturn_t r = milliwatts(d, "gpu_power_readings/min_power_limit", min);
    return r ? r : milliwatts(d, "gpu_power_readings/max_power_limit", max);
}

EXPORT nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) {
    DEV(d);
    NOT_MIG(d);
    double v;
    nvmlReturn_t r = num_at(d->gpu, "total_energy_consumption", &v);
    if (!r) *mj = (unsigned long long)v;
    return r;
}

EXPORT nvmlReturn_t nvmlDeviceGetPerformanceState(nvmlDevice_t d, int *p) {
    DEV(d);
    NOT_MIG(d);
    return u32_at(d->gpu, "performance_state", (unsigned *)p);
}
EXPORT nvmlReturn_t nvmlDeviceGetPowerState(nvmlDevice_t d, int *p) { return nvmlDeviceGetPerformanceState(d, p); }

static const char *const clock_names[] = {"graphics_clock", "sm_clock", "mem_clock", "video_clock"};

static nvmlReturn_t clock(nvmlDevice_t d, const char *group, int type, unsigned *mhz) {
    DEV(d);
    NOT_MIG(d);
    if (type < 0 || type > 3) return NVML_ERROR_INVALID_ARGUMENT;
    char p[96];
    snprintf(p, sizeof p, "%s/%s", group, clock_names[type]);
    return u32_at(d->gpu, p, mhz);
}
EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned *mhz) { return clock(d, "clocks", type, mhz); }
EXPORT nvmlReturn_t nvmlDeviceGetMaxClockInfo(nvmlDevice_t d, int type, unsigned *mhz) { return clock(d, "max_clocks", type, mhz); }

static nvmlReturn_t event_reasons(nvmlDevice_t d, unsigned long long *bits) {
    DEV(d);
    NOT_MIG(d);
    static const char *const names[] = {
        "gpu_idle", "applications_clocks_setting", "sw_power_cap", "hw_slowdown", "sync_boost",
        "sw_thermal_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "display_clocks_setting"};
    span list;
    if (!find(d->gpu, "clocks_event_reasons", &list)) return NVML_ERROR_NOT_SUPPORTED;
    *bits = 0;
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) {
        char p[96];
        unsigned on = 0;
        snprintf(p, sizeof p, "clocks_event_reason_%s", names[i]);
        nvmlReturn_t r = flag_at(list, p, &on);
        if (r && r != NVML_ERROR_NOT_SUPPORTED) return r;
        if (on) *bits |= 1ull << i;
    }
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *b) { return event_reasons(d, b); }
EXPORT nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *b) { return event_reasons(d, b); }

#define LINK "pci/pci_gpu_link_info/"
EXPORT nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(nvmlDevice_t d, unsigned *v) { DEV(d); NOT_MIG(d); return u32_at(d->gpu, LINK "pcie_gen/current_link_gen", v); }
EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkGeneration(nvmlDevice_t d, unsigned *v) { DEV(d); NOT_MIG(d); return u32_at(d->gpu, LINK "pcie_gen/max_link_gen", v); }
EXPORT nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(nvmlDevice_t d, unsigned *v) { DEV(d); NOT_MIG(d); return u32_at(d->gpu, LINK "link_widths/current_link_width", v); }
EXPORT nvmlReturn_t nvmlDeviceGetMaxPcieLinkWidth(nvmlDevice_t d, unsigned *v) { DEV(d); NOT_MIG(d); return u32_at(d->gpu, LINK "link_widths/max_link_width", v); }
EXPORT nvmlReturn_t nvmlDeviceGetPcieReplayCounter(nvmlDevice_t d, unsigned *v) { DEV(d); NOT_MIG(d); return u32_at(d->gpu, "pci/replay_counter", v); }

EXPORT nvmlReturn_t nvmlDeviceGetPcieThroughput(nvmlDevice_t d, int counter, unsigned *v) {
    DEV(d);
    NOT_MIG(d);
    /* The real call samples for ~20 ms; the fake answers at once. */
    return u32_at(d->gpu, counter == 0 ? "pci/tx_util" : "pci/rx_util", v);
}

EXPORT nvmlReturn_t nvmlDeviceGetEccMode(nvmlDevice_t d, int *current, int *pending) {
    DEV(d);
    NOT_MIG(d);
    nvmlReturn_t r = flag_at(d->gpu, "ecc_mode/current_ecc", (unsigned *)current);
    return r ? r : flag_at(d->gpu, "ecc_mode/pending_ecc", (unsigned *)pending);
}

EXPORT nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, int type, int counter, unsigned long long *n) {
    DEV(d);
    NOT_MIG(d);
    static const char *const corrected[] = {"sram_correctable", "dram_correctable", NULL};
    static const char *const uncorrected[] = {"sram_uncorrectable_parity", "sram_uncorrectable_secded",
                                              "dram_uncorrectable", NULL};
    span s;
    if (!path(d->gpu, counter == 0 ? "ecc_errors/volatile" : "ecc_errors/aggregate", &s)) return NVML_ERROR_NOT_SUPPORTED;
    *n = 0;
    for (const char *const *k = type == 0 ? corrected : uncorrected; *k; k++) {
        double v;
        nvmlReturn_t r = num_at(s, *k, &v);
        if (r) return r;
        *n += (unsigned long long)v;
    }
    return NVML_SUCCESS;
}

static nvmlReturn_t retired(nvmlDevice_t d, int cause, unsigned *count, unsigned long long *addresses,
                            unsigned long long *timestamps) {
    DEV(d);
    NOT_MIG(d);
    unsigned n;
    nvmlReturn_t r = u32_at(d->gpu, cause == 0 ? "retired_pages/multiple_single_bit_retirement/retired_count"
                                               : "retired_pages/double_bit_retirement/retired_count", &n);
    if (r) return r;
    if (*count < n) {
        *count = n;
        return n ? NVML_ERROR_INSUFFICIENT_SIZE : NVML_SUCCESS;
    }
    for (unsigned i = 0; i < n; i++) {
        if (addresses) addresses[i] = 0x1000ull * (i + 1);
        if (timestamps) timestamps[i] = 1700000000ull + i;
    }
    *count = n;
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetRetiredPages(nvmlDevice_t d, int cause, unsigned *count, unsigned long long *a) {
    return retired(d, cause, count, a, NULL);
}
EXPORT nvmlReturn_t nvmlDeviceGetRetiredPages_v2(nvmlDevice_t d, int cause, unsigned *count, unsigned long long *a,
                                                 unsigned long long *t) {
    return retired(d, cause, count, a, t);
}
EXPORT nvmlReturn_t nvmlDeviceGetRetiredPagesPendingStatus(nvmlDevice_t d, int *pending) {
    DEV(d);
    NOT_MIG(d);
    return flag_at(d->gpu, "retired_pages/pending_retirement", (unsigned *)pending);
}

EXPORT nvmlReturn_t nvmlDeviceGetRemappedRows(nvmlDevice_t d, unsigned *corr, unsigned *unc, unsigned *pending,
                                              unsigned *failure) {
    DEV(d);
    NOT_MIG(d);
    nvmlReturn_t r = u32_at(d->gpu, "remapped_rows/remapped_row_corr", corr);
    if (!r) r = u32_at(d->gpu, "remapped_rows/remapped_row_unc", unc);
    if (!r) r = flag_at(d->gpu, "remapped_rows/remapped_row_pending", pending);
    if (!r) r = flag_at(d->gpu, "remapped_rows/remapped_row_failure", failure);
    return r;
}

EXPORT nvmlReturn_t nvmlDeviceGetNumFans(nvmlDevice_t d, unsigned *n) {
    DEV(d);
    NOT_MIG(d);
    unsigned v;
    /* Passively cooled boards: no fan. */
    *n = u32_at(d->gpu, "fan_speed", &v) == NVML_SUCCESS ? 1 : 0;
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed_v2(nvmlDevice_t d, unsigned fan, unsigned *v) {
    DEV(d);
    NOT_MIG(d);
    if (fan != 0) return NVML_ERROR_INVALID_ARGUMENT;
    return u32_at(d->gpu, "fan_speed", v);
}
EXPORT nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t d, unsigned *v) { return nvmlDeviceGetFanSpeed_v2(d, 0, v); }
EXPORT nvmlReturn_t nvmlDeviceGetFanSpeedRPM(nvmlDevice_t d, void *fan) {
    /* nvmlFanSpeedInfo_t { version, fan, speed }. */
    DEV(d);
    NOT_MIG(d);
    unsigned *f = fan;
    if (f[1] != 0) return NVML_ERROR_INVALID_ARGUMENT;
    return u32_at(d->gpu, "fake_fan_speed_rpm", &f[2]);
}

EXPORT nvmlReturn_t nvmlDeviceGetComputeMode(nvmlDevice_t d, int *mode) {
    DEV(d);
    NOT_MIG(d);
    span t;
    nvmlReturn_t r = text_at(d->gpu, "compute_mode", &t);
    if (r) return r;
    if (is(t, "Default")) *mode = 0;
    else if (is(t, "Exclusive_Thread")) *mode = 1;
    else if (is(t, "Prohibited")) *mode = 2;
    else if (is(t, "Exclusive_Process")) *mode = 3;
    else return NVML_ERROR_UNKNOWN;
    return NVML_SUCCESS;
}

/* nvidia-smi -q does not print the compute capability: it follows the architecture. */
EXPORT nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t d, int *major, int *minor) {
    DEV(d);
    span t;
    nvmlReturn_t r = text_at(d->gpu, "product_architecture", &t);
    if (r) return r;
    if (is(t, "Hopper")) *major = 9, *minor = 0;
    else if (is(t, "Ampere")) *major = 8, *minor = 0;
    else if (is(t, "Blackwell")) *major = 10, *minor = 0;
    else return NVML_ERROR_NOT_SUPPORTED;
    return NVML_SUCCESS;
}

/* ---------------------------------------------------------------- NVLink (fake extension)
 * <nvlinks><nvlink><link>0</link><state>Active</state><version>4</version>
 *   <remote_pci_bus_id>…</remote_pci_bus_id><replay>0</replay><recovery>0</recovery>
 *   <crc_flit>0</crc_flit><crc_data>0</crc_data></nvlink>…</nvlinks> */
static nvmlReturn_t nvlink(nvmlDevice_t d, unsigned link, span *out) {
    span list;
    if (!find(d->gpu, "nvlinks", &list)) return NVML_ERROR_NOT_SUPPORTED;
    for (int i = 0; find_nth(list, "nvlink", i, out); i++) {
        unsigned n;
        if (u32_at(*out, "link", &n) == NVML_SUCCESS && n == link) return NVML_SUCCESS;
    }
    return NVML_ERROR_INVALID_ARGUMENT;
}
EXPORT nvmlReturn_t nvmlDeviceGetNvLinkState(nvmlDevice_t d, unsigned link, int *active) {
    DEV(d);
    NOT_MIG(d);
    span l;
    nvmlReturn_t r = nvlink(d, link, &l);
    return r ? r : flag_at(l, "state", (unsigned *)active);
}
EXPORT nvmlReturn_t nvmlDeviceGetNvLinkVersion(nvmlDevice_t d, unsigned link, unsigned *v) {
    DEV(d);
    NOT_MIG(d);
    span l;
    nvmlReturn_t r = nvlink(d, link, &l);
    return r ? r : u32_at(l, "version", v);
}
EXPORT nvmlReturn_t nvmlDeviceGetNvLinkRemotePciInfo_v2(nvmlDevice_t d, unsigned link, nvmlPciInfo_t *p) {
    DEV(d);
    NOT_MIG(d);
    span l;
    nvmlReturn_t r = nvlink(d, link, &l);
    if (r) return r;
    memset(p, 0, sizeof *p);
    return str_at(l, "remote_pci_bus_id", p->busId, sizeof p->busId);
}
EXPORT nvmlReturn_t nvmlDeviceGetNvLinkErrorCounter(nvmlDevice_t d, unsigned link, int counter, unsigned long long *v) {
    DEV(d);
    NOT_MIG(d);
    static const char *const names[] = {"replay", "recovery", "crc_flit", "crc_data"};
    if (counter < 0 || counter > 3) return NVML_ERROR_INVALID_ARGUMENT;
    span l;
    nvmlReturn_t r = nvlink(d, link, &l);
    double x;
    if (!r) r = num_at(l, names[counter], &x);
    if (!r) *v = (unsigned long long)x;
    return r;
}

/* ---------------------------------------------------------------- MIG */

EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned *current, unsigned *pending) {
    DEV(d);
    NOT_MIG(d);
    nvmlReturn_t r = flag_at(d->gpu, "mig_mode/current_mig", current);
    return r ? r : flag_at(d->gpu, "mig_mode/pending_mig", pending);
}
EXPORT nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned *n) {
    DEV(d);
    NOT_MIG(d);
    unsigned on = 0;
    flag_at(d->gpu, "mig_mode/current_mig", &on);
    *n = on ? 7 : 0;
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned i, nvmlDevice_t *out) {
    DEV(d);
    NOT_MIG(d);
    if (i >= (unsigned)nmig[d->index]) return NVML_ERROR_NOT_FOUND;
    *out = &migs[d->index][i];
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceIsMigDeviceHandle(nvmlDevice_t d, unsigned *is_mig) {
    DEV_STATIC(d);
    *is_mig = (unsigned)d->is_mig;
    return NVML_SUCCESS;
}
EXPORT nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned *id) {
    DEV(d);
    if (!d->is_mig) return NVML_ERROR_NOT_SUPPORTED;
    return u32_at(d->mig, "gpu_instance_id", id);
}
EXPORT nvmlReturn_t nvmlDeviceGetComputeInstanceId(nvmlDevice_t d, unsigned *id) {
    DEV(d);
    if (!d->is_mig) return NVML_ERROR_NOT_SUPPORTED;
    return u32_at(d->mig, "compute_instance_id", id);
}

/* ---------------------------------------------------------------- processes */

typedef struct {
    unsigned pid;
    unsigned long long usedGpuMemory;
    unsigned gpuInstanceId, computeInstanceId;
} nvmlProcessInfo_v2_t;
/* The struct early R535 drivers wrote through the `_v3` calls. */
typedef struct {
    unsigned pid;
    unsigned long long usedGpuMemory;
    unsigned gpuInstanceId, computeInstanceId;
    unsigned long long usedGpuCcProtectedMemory;
} nvmlProcessInfo_r535_t;

/* The nth process of d of kind 'C' or 'G' (MIG devices: those of their instance). */
static int process(nvmlDevice_t d, char kind, int nth, nvmlProcessInfo_v2_t *out, span *elem) {
    span list, p;
    if (!find(d->gpu, "processes", &list)) return 0;
    int seen = 0;
    for (int i = 0; find_nth(list, "process_info", i, &p); i++) {
        span type;
        if (text_at(p, "type", &type)) continue;
        if (!memchr(type.b, kind, (size_t)(type.e - type.b))) continue;
        unsigned gi = NA_U32, ci = NA_U32, pid = 0;
        u32_at(p, "gpu_instance_id", &gi);
        u32_at(p, "compute_instance_id", &ci);
        if (d->is_mig) {
            unsigned mgi = NA_U32, mci = NA_U32;
            u32_at(d->mig, "gpu_instance_id", &mgi);
            u32_at(d->mig, "compute_instance_id", &mci);
            if (gi != mgi || ci != mci) continue;
        }
        if (seen++ != nth) continue;
        u32_at(p, "pid", &pid);
        out->pid = pid;
        out->gpuInstanceId = gi;
        out->computeInstanceId = ci;
        if (mib_at(p, "used_memory", &out->usedGpuMemory)) out->usedGpuMemory = NA_U64;
        if (elem) *elem = p;
        return 1;
    }
    return 0;
}

static nvmlReturn_t processes(nvmlDevice_t d, char kind, unsigned *count, void *infos, size_t stride) {
    DEV(d);
    span list, denied;
    /* `<processes>Insufficient Permissions</processes>`: the list is refused. */
    if (find(d->gpu, "processes", &list) && (denied = trim(list), status_of(denied) == NVML_ERROR_NO_PERMISSION))
        return NVML_ERROR_NO_PERMISSION;
    unsigned n = 0;
    nvmlProcessInfo_v2_t e;
    while (process(d, kind, (int)n, &e, NULL)) n++;
    if (!infos || *count < n) {
        *count = n;
        return n ? NVML_ERROR_INSUFFICIENT_SIZE : NVML_SUCCESS;
    }
    for (unsigned i = 0; i < n; i++) {
        process(d, kind, (int)i, &e, NULL);
        char *slot = (char *)infos + i * stride;
        memset(slot, 0, stride);
        memcpy(slot, &e, sizeof e);
    }
    *count = n;
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
#ifdef FAKE_R535_V3
#define V3_STRIDE sizeof(nvmlProcessInfo_r535_t)
#else
#define V3_STRIDE sizeof(nvmlProcessInfo_v2_t)
#endif
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned *count, void *infos) {
    return processes(d, 'C', count, infos, V3_STRIDE);
}
EXPORT nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(nvmlDevice_t d, unsigned *count, void *infos) {
    return processes(d, 'G', count, infos, V3_STRIDE);
}
#endif
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t d, unsigned *count, void *infos) {
    return processes(d, 'C', count, infos, sizeof(nvmlProcessInfo_v2_t));
}
EXPORT nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v2(nvmlDevice_t d, unsigned *count, void *infos) {
    return processes(d, 'G', count, infos, sizeof(nvmlProcessInfo_v2_t));
}

typedef struct {
    unsigned pid;
    unsigned long long timeStamp;
    unsigned smUtil, memUtil, encUtil, decUtil;
} nvmlProcessUtilizationSample_t;

/* Per-process samples from the fake `<sm_util>`, `<mem_util>`, `<enc_util>`, `<dec_util>`
 * of each `<process_info>` (nvidia-smi pmon's columns); each call's samples are one
 * second newer than the last call's. */
EXPORT nvmlReturn_t nvmlDeviceGetProcessUtilization(nvmlDevice_t d, nvmlProcessUtilizationSample_t *s, unsigned *count,
                                                    unsigned long long last_seen) {
    DEV(d);
    NOT_MIG(d);
    (void)last_seen;
    unsigned n = 0;
    span list, p;
    if (!find(d->gpu, "processes", &list)) return NVML_ERROR_NOT_FOUND;
    for (int i = 0; find_nth(list, "process_info", i, &p); i++) {
        unsigned v;
        if (u32_at(p, "sm_util", &v) == NVML_SUCCESS) n++;
    }
    if (n == 0) return NVML_ERROR_NOT_FOUND;
    if (!s || *count < n) {
        *count = n;
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    sample_clock += 1000000;
    unsigned k = 0;
    for (int i = 0; find_nth(list, "process_info", i, &p) && k < n; i++) {
        unsigned sm;
        if (u32_at(p, "sm_util", &sm)) continue;
        nvmlProcessUtilizationSample_t *o = &s[k++];
        memset(o, 0, sizeof *o);
        u32_at(p, "pid", &o->pid);
        o->timeStamp = sample_clock;
        o->smUtil = sm;
        u32_at(p, "mem_util", &o->memUtil);
        u32_at(p, "enc_util", &o->encUtil);
        u32_at(p, "dec_util", &o->decUtil);
    }
    *count = k;
    return NVML_SUCCESS;
}
