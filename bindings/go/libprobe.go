package libprobe

/*
// The library: by default the prebuilt static libprobe.a of this platform inside the module
// (lib/<GOOS>_<GOARCH>/, put there by `make go-lib`; see docs/go.md); with the build tag
// libprobe_system, the one `make install` put on the system, found by pkg-config.
#cgo !libprobe_system CFLAGS: -I${SRCDIR}/include
#cgo !libprobe_system,linux,amd64 LDFLAGS: -L${SRCDIR}/lib/linux_amd64 -l:libprobe.a
#cgo !libprobe_system,linux,arm64 LDFLAGS: -L${SRCDIR}/lib/linux_arm64 -l:libprobe.a
#cgo !libprobe_system LDFLAGS: -lelf -lz -lgcc_s -lutil -lrt -lpthread -lm -ldl
#cgo libprobe_system pkg-config: libprobe
#include <stdint.h>
#include <stdlib.h>
#include <libprobe.h>

// Handles cross into Go as integers: they are tokens, not addresses, and Go must never
// hold a non-address in a pointer-typed variable.
static libprobe_status lp_config_new(uintptr_t *out) {
  libprobe_config *c;
  libprobe_status st = libprobe_config_new(&c);
  if (st == LIBPROBE_STATUS_OK) *out = (uintptr_t)c;
  return st;
}
static void lp_config_free(uintptr_t c) { libprobe_config_free((libprobe_config *)c); }
static const char *lp_config_last_error(uintptr_t c) { return libprobe_config_last_error((const libprobe_config *)c); }
static libprobe_status lp_config_set_domains(uintptr_t c, uint32_t d) {
  return libprobe_config_set_domains((libprobe_config *)c, d);
}
static libprobe_status lp_config_set(uintptr_t c, const char *key, const char *value) {
  return libprobe_config_set((libprobe_config *)c, key, value);
}
static libprobe_status lp_config_get(uintptr_t c, const char *key, libprobe_str *out) {
  return libprobe_config_get((libprobe_config *)c, key, out);
}
static libprobe_status lp_config_set_root(uintptr_t c, uint32_t root, const char *path) {
  return libprobe_config_set_root((libprobe_config *)c, root, path);
}
static libprobe_status lp_config_set_max_file_bytes(uintptr_t c, uint64_t n) {
  return libprobe_config_set_max_file_bytes((libprobe_config *)c, n);
}
static libprobe_status lp_config_set_json(uintptr_t c, uint32_t j) {
  return libprobe_config_set_json((libprobe_config *)c, j);
}
static libprobe_status lp_probe_new(uintptr_t c, uintptr_t *out) {
  libprobe_probe *p;
  libprobe_status st = libprobe_probe_new((const libprobe_config *)c, &p);
  if (st == LIBPROBE_STATUS_OK) *out = (uintptr_t)p;
  return st;
}
static void lp_probe_free(uintptr_t p) { libprobe_probe_free((libprobe_probe *)p); }
static const char *lp_probe_last_error(uintptr_t p) { return libprobe_probe_last_error((const libprobe_probe *)p); }
static libprobe_status lp_probe_snapshot(uintptr_t p, uintptr_t *out) {
  libprobe_snapshot *s;
  libprobe_status st = libprobe_probe_snapshot((libprobe_probe *)p, &s);
  if (st == LIBPROBE_STATUS_OK) *out = (uintptr_t)s;
  return st;
}
static libprobe_status lp_snapshot_root(uintptr_t s, const libprobe_snapshot_view **out) {
  return libprobe_snapshot_root((const libprobe_snapshot *)s, out);
}
static libprobe_status lp_snapshot_json(uintptr_t s, libprobe_str *out) {
  return libprobe_snapshot_json((const libprobe_snapshot *)s, out);
}
static const char *lp_snapshot_last_error(uintptr_t s) {
  return libprobe_snapshot_last_error((const libprobe_snapshot *)s);
}
static void lp_snapshot_free(uintptr_t s) { libprobe_snapshot_free((libprobe_snapshot *)s); }
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// Field is a value that may be missing: Valid reports whether Value holds one; when it
// does not, Reason says why (0 for a value that is legitimately absent, such as a UDP
// socket's remote address). A missing value is never a zero that looks like a
// measurement: check Valid, or use Get.
type Field[T any] struct {
	Value  T
	Valid  bool
	Reason Reason
}

// Get returns the value and whether there is one.
func (f Field[T]) Get() (T, bool) { return f.Value, f.Valid }

// Char is a one-character code as the kernel prints it (StateChar: 'R', 'S', 'D', …).
// It compares with rune constants (p.StateChar == 'R') and prints as the character.
type Char rune

func (c Char) String() string { return string(rune(c)) }

// Entry is one entry of an ordered map (meminfo, vmstat, environ), in the kernel's order.
type Entry[K, V any] struct {
	Key   K
	Value V
}

// Status is a libprobe_status code of the C ABI.
type Status int32

// The statuses of the C ABI (include/libprobe.h); codes are never renumbered.
const (
	StatusOK               Status = C.LIBPROBE_STATUS_OK
	StatusNullArgument     Status = C.LIBPROBE_STATUS_NULL_ARGUMENT
	StatusInvalidArgument  Status = C.LIBPROBE_STATUS_INVALID_ARGUMENT
	StatusStructTooSmall   Status = C.LIBPROBE_STATUS_STRUCT_TOO_SMALL
	StatusUnknownOption    Status = C.LIBPROBE_STATUS_UNKNOWN_OPTION
	StatusOutOfRange       Status = C.LIBPROBE_STATUS_OUT_OF_RANGE
	StatusNotEnabled       Status = C.LIBPROBE_STATUS_NOT_ENABLED
	StatusInvalidHandle    Status = C.LIBPROBE_STATUS_INVALID_HANDLE
	StatusPoisoned         Status = C.LIBPROBE_STATUS_POISONED
	StatusIO               Status = C.LIBPROBE_STATUS_IO
	StatusPermissionDenied Status = C.LIBPROBE_STATUS_PERMISSION_DENIED
	StatusNotFound         Status = C.LIBPROBE_STATUS_NOT_FOUND
	StatusGone             Status = C.LIBPROBE_STATUS_GONE
	StatusParse            Status = C.LIBPROBE_STATUS_PARSE
	StatusTooLarge         Status = C.LIBPROBE_STATUS_TOO_LARGE
	StatusUnsupported      Status = C.LIBPROBE_STATUS_UNSUPPORTED
	StatusNotPresent       Status = C.LIBPROBE_STATUS_NOT_PRESENT
	StatusTimedOut         Status = C.LIBPROBE_STATUS_TIMED_OUT
	StatusPanic            Status = C.LIBPROBE_STATUS_PANIC
)

// String is the C constant's name (LIBPROBE_STATUS_INVALID_ARGUMENT).
func (s Status) String() string { return C.GoString(C.libprobe_status_name(C.libprobe_status(s))) }

// Error is a failed call of the C ABI: its status and the handle's message.
type Error struct {
	Status  Status
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("libprobe: %s: %s", e.Status, e.Message) }

// Is matches another *Error with the same status, so errors.Is(err, &Error{Status: s})
// tests the code.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Status == e.Status
}

// ErrClosed is returned by a Probe used after Close.
var ErrClosed = errors.New("libprobe: probe is closed")

func statusError(st C.libprobe_status, message *C.char) error {
	if st == C.LIBPROBE_STATUS_OK {
		return nil
	}
	m := C.GoString(message)
	if m == "" {
		m = C.GoString(C.libprobe_status_message(st))
	}
	return &Error{Status: Status(st), Message: m}
}

// setting is one option given to (*Options).Set.
type setting struct{ key, value string }

// Set sets an option by key, as text, in the probe command's syntax: keys are "domains"
// and "<domain>.<option>" (the C keys: "network.sockets", "process.smaps_rollup"), values
// "true", "tcp,udp", "1234" (see libprobe_config_set). An unknown key or a value the
// option does not accept is an error at once (Status StatusUnknownOption or
// StatusInvalidArgument). Set options are applied after the struct's fields, in order.
// Agents pass settings from their own config files this way.
func (o *Options) Set(key, value string) error {
	var cfg C.uintptr_t
	if st := C.lp_config_new(&cfg); st != C.LIBPROBE_STATUS_OK {
		return statusError(st, nil)
	}
	defer C.lp_config_free(cfg)
	if err := configSet(cfg, key, value); err != nil {
		return err
	}
	o.set = append(o.set, setting{key, value})
	return nil
}

// Get returns the value the core takes for option key from these options, as text.
func (o *Options) Get(key string) (string, error) {
	cfg, err := o.config()
	if err != nil {
		return "", err
	}
	defer C.lp_config_free(cfg)
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	var out C.libprobe_str
	if st := C.lp_config_get(cfg, ckey, &out); st != C.LIBPROBE_STATUS_OK {
		return "", statusError(st, C.lp_config_last_error(cfg))
	}
	return goString(out), nil
}

// OptionInfo is one option of the core's schema; values are in the text syntax of Set.
type OptionInfo struct {
	// Key is "domains" or "<domain>.<option>".
	Key string
	// Domain is the option's domain ("" for "domains"); Name is its name within it.
	Domain, Name string
	// Kind is bool, uint, names, choice, pids, path, words or namespace.
	Kind string
	Doc  string
	// Unit of an integer option, or "".
	Unit string
	// Default is the value when the option is not set; Sample a valid other value.
	Default, Sample string
	// Min and Max bound a uint option.
	Min, Max uint64
	// Accepted lists the names a names or choice option takes.
	Accepted []string
}

var optionKinds = map[C.libprobe_option_kind]string{
	C.LIBPROBE_OPTION_KIND_BOOL:      "bool",
	C.LIBPROBE_OPTION_KIND_UINT:      "uint",
	C.LIBPROBE_OPTION_KIND_NAMES:     "names",
	C.LIBPROBE_OPTION_KIND_CHOICE:    "choice",
	C.LIBPROBE_OPTION_KIND_PIDS:      "pids",
	C.LIBPROBE_OPTION_KIND_PATH:      "path",
	C.LIBPROBE_OPTION_KIND_WORDS:     "words",
	C.LIBPROBE_OPTION_KIND_NAMESPACE: "namespace",
}

// OptionSchema lists every option the core takes, "domains" first.
func OptionSchema() []OptionInfo {
	var n C.size_t
	first := C.libprobe_options_schema(&n)
	infos := unsafe.Slice(first, int(n))
	out := make([]OptionInfo, 0, len(infos))
	str := func(p *C.char) string {
		if p == nil {
			return ""
		}
		return C.GoString(p)
	}
	for _, i := range infos {
		o := OptionInfo{
			Key: str(i.key), Kind: optionKinds[i.kind], Doc: str(i.doc), Unit: str(i.unit),
			Default: str(i.default_value), Sample: str(i.sample_value), Min: uint64(i.min), Max: uint64(i.max),
		}
		o.Domain, o.Name, _ = strings.Cut(o.Key, ".")
		if o.Name == "" {
			o.Domain, o.Name = "", o.Key
		}
		for _, a := range unsafe.Slice(i.accepted, int(i.accepted_count)) {
			o.Accepted = append(o.Accepted, C.GoString(a))
		}
		out = append(out, o)
	}
	return out
}

// Bool returns a pointer to v, for an option field.
func Bool(v bool) *bool { return &v }

// Uint32 returns a pointer to v, for an option field.
func Uint32(v uint32) *uint32 { return &v }

// String returns a pointer to v, for an option field.
func String(v string) *string { return &v }

func joinPids(pids []int32) string {
	parts := make([]string, len(pids))
	for i, p := range pids {
		parts[i] = strconv.Itoa(int(p))
	}
	return strings.Join(parts, ",")
}

func configSet(cfg C.uintptr_t, key, value string) error {
	ckey, cvalue := C.CString(key), C.CString(value)
	defer C.free(unsafe.Pointer(ckey))
	defer C.free(unsafe.Pointer(cvalue))
	return statusError(C.lp_config_set(cfg, ckey, cvalue), C.lp_config_last_error(cfg))
}

// config builds a C config from the options; the caller frees it.
func (o *Options) config() (C.uintptr_t, error) {
	var cfg C.uintptr_t
	if st := C.lp_config_new(&cfg); st != C.LIBPROBE_STATUS_OK {
		return 0, statusError(st, nil)
	}
	if err := o.apply(cfg); err != nil {
		C.lp_config_free(cfg)
		return 0, err
	}
	return cfg, nil
}

func (o *Options) apply(cfg C.uintptr_t) error {
	set := func(st C.libprobe_status) error { return statusError(st, C.lp_config_last_error(cfg)) }
	if o.Domains != nil {
		var mask uint32
		for _, d := range o.Domains {
			if d < 0 || d >= 32 {
				return &Error{Status: StatusInvalidArgument, Message: fmt.Sprintf("unknown domain %d", d)}
			}
			mask |= 1 << uint32(d)
		}
		if err := set(C.lp_config_set_domains(cfg, C.uint32_t(mask))); err != nil {
			return err
		}
	}
	var err error
	o.settings(func(key, value string) {
		if err == nil {
			err = configSet(cfg, key, value)
		}
	})
	if err != nil {
		return err
	}
	for _, s := range o.set {
		if err := configSet(cfg, s.key, s.value); err != nil {
			return err
		}
	}
	roots := []struct {
		which C.uint32_t
		path  string
	}{
		{C.LIBPROBE_ROOT_FIXTURE, o.Fixture},
		{C.LIBPROBE_ROOT_PROCFS, o.Procfs},
		{C.LIBPROBE_ROOT_SYSFS, o.Sysfs},
		{C.LIBPROBE_ROOT_DEVFS, o.Devfs},
		{C.LIBPROBE_ROOT_ROOTFS, o.Rootfs},
	}
	for _, r := range roots {
		if r.path == "" {
			continue
		}
		cpath := C.CString(r.path)
		err := set(C.lp_config_set_root(cfg, r.which, cpath))
		C.free(unsafe.Pointer(cpath))
		if err != nil {
			return err
		}
	}
	if o.MaxFileBytes != 0 {
		if err := set(C.lp_config_set_max_file_bytes(cfg, C.uint64_t(o.MaxFileBytes))); err != nil {
			return err
		}
	}
	if o.JSON {
		if err := set(C.lp_config_set_json(cfg, C.LIBPROBE_JSON_COMPACT)); err != nil {
			return err
		}
	}
	return nil
}

// Probe collects snapshots and keeps the previous one's counters, so rates (CPUPercent)
// have values from the second snapshot on. Safe for use by several goroutines (calls are
// serialised); Close it when done.
type Probe struct {
	mu     sync.Mutex
	handle C.uintptr_t
	closed bool
	json   bool
}

func (p *Probe) finalize() { _ = p.Close() }

// New creates a probe with the given options (nil: the defaults).
func New(opts *Options) (*Probe, error) {
	if opts == nil {
		opts = &Options{}
	}
	cfg, err := opts.config()
	if err != nil {
		return nil, err
	}
	defer C.lp_config_free(cfg)
	p := &Probe{json: opts.JSON}
	if st := C.lp_probe_new(cfg, &p.handle); st != C.LIBPROBE_STATUS_OK {
		return nil, statusError(st, C.lp_config_last_error(cfg))
	}
	// A safety net only: Close frees the probe deterministically.
	runtime.SetFinalizer(p, (*Probe).finalize)
	return p, nil
}

// Close frees the probe. Calling it again does nothing; other methods then return
// ErrClosed.
func (p *Probe) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	C.lp_probe_free(p.handle)
	p.handle = 0
	runtime.SetFinalizer(p, nil)
	return nil
}

// Snapshot collects every enabled domain. The result is plain Go data: the C snapshot is
// freed before it returns, and nothing in it points into C memory.
func (p *Probe) Snapshot() (*Snapshot, error) {
	s, _, err := p.snapshot(false)
	return s, err
}

// SnapshotJSON collects a snapshot and also returns the core's JSON of it (Options.JSON
// must be set, else the error has StatusNotEnabled).
func (p *Probe) SnapshotJSON() (*Snapshot, []byte, error) {
	return p.snapshot(true)
}

func (p *Probe) snapshot(withJSON bool) (*Snapshot, []byte, error) {
	var snap Snapshot
	var json []byte
	err := p.collect(func(handle C.uintptr_t, view *C.libprobe_snapshot_view) error {
		snap = convSnapshot(view)
		if withJSON {
			var s C.libprobe_str
			if st := C.lp_snapshot_json(handle, &s); st != C.LIBPROBE_STATUS_OK {
				return statusError(st, C.lp_snapshot_last_error(handle))
			}
			json = C.GoBytes(unsafe.Pointer(s.ptr), C.int(s.len))
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &snap, json, nil
}

// collect takes a snapshot and hands its root view to use, then frees it: nothing use
// keeps may point into it.
func (p *Probe) collect(use func(handle C.uintptr_t, view *C.libprobe_snapshot_view) error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	var handle C.uintptr_t
	st := C.lp_probe_snapshot(p.handle, &handle)
	runtime.KeepAlive(p)
	if st != C.LIBPROBE_STATUS_OK {
		return statusError(st, C.lp_probe_last_error(p.handle))
	}
	defer C.lp_snapshot_free(handle)
	var view *C.libprobe_snapshot_view
	if st := C.lp_snapshot_root(handle, &view); st != C.LIBPROBE_STATUS_OK {
		return statusError(st, C.lp_snapshot_last_error(handle))
	}
	return use(handle, view)
}

// ProcessRank is what ranks a process without converting its whole record (see
// SnapshotSelect): its identity, CPU use and resident memory, as in ProcessFull.
type ProcessRank struct {
	PID        int32
	StartTime  uint64
	CPUPercent Field[float64]
	MemoryRSS  Field[uint64]
}

// SnapshotSelect collects a snapshot as Snapshot does, but converts into Go only the
// processes that pick chooses: it gets every process's ProcessRank, in the snapshot's
// order, and returns the indices of those to convert (out-of-range or repeated indices
// are ignored). Snapshot.Processes then holds them, in the order returned. For a program
// that shows a few processes out of many (an exporter's top N, a viewer's visible rows):
// a process record is large, and converting thousands of them costs more than reading
// them. pick is not called when the process domain was not collected.
func (p *Probe) SnapshotSelect(pick func(ranks []ProcessRank) []int) (*Snapshot, error) {
	var snap Snapshot
	err := p.collect(func(_ C.uintptr_t, view *C.libprobe_snapshot_view) error {
		// Everything but the processes, from a copy of the root whose process list is empty.
		root := *view
		root.processes.value.count = 0
		snap = convSnapshot(&root)
		procs := &view.processes
		if procs.present == 0 {
			return nil
		}
		at := func(i int) *C.libprobe_process_full {
			return (*C.libprobe_process_full)(unsafe.Add(unsafe.Pointer(procs.value.ptr), uintptr(i)*uintptr(procs.value.stride)))
		}
		n := int(procs.value.count)
		ranks := make([]ProcessRank, n)
		for i := range ranks {
			c := at(i)
			ranks[i] = ProcessRank{PID: int32(c.pid), StartTime: uint64(c.start_time),
				CPUPercent: convOptF64(&c.cpu_percent), MemoryRSS: convOptU64(&c.memory_rss)}
		}
		chosen := pick(ranks)
		taken := make(map[int]bool, len(chosen))
		list := make([]ProcessFull, 0, len(chosen))
		for _, i := range chosen {
			if i >= 0 && i < n && !taken[i] {
				taken[i] = true
				list = append(list, convProcessFull(at(i)))
			}
		}
		snap.Processes.Value = list
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &snap, nil
}

// Version is the version of the C library linked in.
func Version() string { return C.GoString(C.libprobe_version()) }

// goString copies a libprobe_str: bytes as the kernel gave them (a Go string may hold
// any byte; it is not assumed UTF-8).
func goString(s C.libprobe_str) string {
	if s.len == 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(unsafe.Pointer(s.ptr)), int(s.len)))
}

func unknownName(code int32) string { return fmt.Sprintf("unknown(%d)", code) }
