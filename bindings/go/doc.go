// Package libprobe is the Go face of libprobe, over the C ABI in include/libprobe.h: every
// metric a Linux kernel knows, in one snapshot.
//
//	p, err := libprobe.New(nil) // nil: the defaults
//	if err != nil { ... }
//	defer p.Close()
//	snap, err := p.Snapshot()
//	for _, proc := range snap.Processes.Value {
//		if rss, ok := proc.MemoryRSS.Get(); ok { ... }    // missing: proc.MemoryRSS.Reason
//		if io, ok := proc.IOReadBytes.Get(); ok { ... }
//	}
//
// The structs (types_gen.go) are generated from the core's schema, as the C view is, so
// every domain and field the core has is here, under the specification's names in Go's
// case. A Snapshot is plain Go data, safe to share between goroutines; no C memory is
// kept once Snapshot returns. Build with the static library: CGO_LDFLAGS=-L<dir of
// libprobe.a> (make test-go does it).
package libprobe
