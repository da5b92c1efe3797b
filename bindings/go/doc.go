// Package libprobe is the Go face of libprobe, over the C ABI in include/libprobe.h.
// It converts types only; every decision about metrics lives in libprobe-core.
// The cgo wrapper itself is not exposed yet.
package libprobe
