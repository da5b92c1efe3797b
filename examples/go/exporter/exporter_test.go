package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// The fixture's processes name themselves with escape sequences, newlines and invalid
// UTF-8, and carry arguments and an environment: the scrape must still be valid, bounded,
// and hold neither.
func TestScrapeIsValidBoundedAndSecretFree(t *testing.T) {
	dir, _ := filepath.Abs("../../../tests/fixtures/adversarial-names")
	c, err := newCollector(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	var text bytes.Buffer
	enc := expfmt.NewEncoder(&text, expfmt.NewFormat(expfmt.TypeTextPlain))
	byName := map[string]int{}
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "libprobe_") {
			t.Errorf("metric %s lacks the libprobe_ prefix", f.GetName())
		}
		if f.GetType().String() == "COUNTER" && !strings.HasSuffix(f.GetName(), "_total") {
			t.Errorf("counter %s does not end in _total", f.GetName())
		}
		byName[f.GetName()] = len(f.GetMetric())
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	if n := byName["libprobe_process_resident_memory_bytes"]; n != 3 {
		t.Errorf("%d per-process series, want the bound, 3", n)
	}
	if byName["libprobe_processes"] != 1 || byName["libprobe_process_series_dropped"] != 1 {
		t.Errorf("missing process totals: %v", byName)
	}
	out := text.String()
	for _, secret := range []string{"--flag", "environ", "cmdline"} {
		if strings.Contains(out, secret) {
			t.Errorf("the scrape contains %q", secret)
		}
	}
	// The text parses back (label values escaped, valid UTF-8).
	parser := expfmt.NewTextParser(model.LegacyValidation)
	if _, err := parser.TextToMetricFamilies(strings.NewReader(out)); err != nil {
		t.Errorf("the exposition does not parse: %v", err)
	}
}
