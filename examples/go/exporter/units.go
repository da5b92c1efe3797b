package main

import (
	"strings"
)

// unitInfo says how a value in a schema unit becomes a Prometheus base unit: the name
// suffix, the factor, the OpenTelemetry (UCUM) unit, and the tokens a field name may
// already end with for that unit (`read_time_ms` → `read_time` + `_seconds`).
type unitInfo struct {
	suffix string
	scale  float64
	// perTick: the value is in clock ticks; the factor is 1/ticks per second.
	perTick bool
	otel    string
	strip   []string
}

// units maps every unit the core's records use. A unit not listed keeps its own name as
// the suffix, unscaled (see unitOf).
var units = map[string]unitInfo{
	"bytes":        {suffix: "bytes", scale: 1, otel: "By", strip: []string{"_bytes"}},
	"bits":         {suffix: "bytes", scale: 1.0 / 8, otel: "By", strip: []string{"_bits"}},
	"ticks":        {suffix: "seconds", perTick: true, otel: "s", strip: []string{"_ticks"}},
	"ns":           {suffix: "seconds", scale: 1e-9, otel: "s", strip: []string{"_ns"}},
	"us":           {suffix: "seconds", scale: 1e-6, otel: "s", strip: []string{"_us"}},
	"ms":           {suffix: "seconds", scale: 1e-3, otel: "s", strip: []string{"_ms"}},
	"s":            {suffix: "seconds", scale: 1, otel: "s", strip: []string{"_seconds", "_secs"}},
	"seconds":      {suffix: "seconds", scale: 1, otel: "s", strip: []string{"_seconds", "_secs"}},
	"minutes":      {suffix: "seconds", scale: 60, otel: "s", strip: []string{"_minutes", "_mins"}},
	"hours":        {suffix: "seconds", scale: 3600, otel: "s", strip: []string{"_hours"}},
	"percent":      {suffix: "ratio", scale: 0.01, otel: "1", strip: []string{"_percent", "_pct"}},
	"Hz":           {suffix: "hertz", scale: 1, otel: "Hz", strip: []string{"_hz"}},
	"kHz":          {suffix: "hertz", scale: 1e3, otel: "Hz", strip: []string{"_khz"}},
	"MHz":          {suffix: "hertz", scale: 1e6, otel: "Hz", strip: []string{"_mhz"}},
	"bytes/s":      {suffix: "bytes_per_second", scale: 1, otel: "By/s", strip: []string{"_bps"}},
	"KB/s":         {suffix: "bytes_per_second", scale: 1024, otel: "By/s", strip: []string{"_kbps"}},
	"Mbit/s":       {suffix: "bytes_per_second", scale: 1e6 / 8, otel: "By/s", strip: []string{"_mbps"}},
	"ops/s":        {suffix: "per_second", scale: 1, otel: "{operation}/s", strip: []string{"_ops"}},
	"sectors":      {suffix: "sectors", scale: 1, otel: "{sector}", strip: []string{"_sectors"}},
	"pages":        {suffix: "pages", scale: 1, otel: "{page}", strip: []string{"_pages"}},
	"uJ":           {suffix: "joules", scale: 1e-6, otel: "J", strip: []string{"_uj"}},
	"uj":           {suffix: "joules", scale: 1e-6, otel: "J", strip: []string{"_uj"}},
	"mJ":           {suffix: "joules", scale: 1e-3, otel: "J", strip: []string{"_mj"}},
	"J":            {suffix: "joules", scale: 1, otel: "J", strip: []string{"_joules", "_j"}},
	"uWh":          {suffix: "joules", scale: 3.6e-3, otel: "J", strip: []string{"_uwh"}},
	"mWh":          {suffix: "joules", scale: 3.6, otel: "J", strip: []string{"_mwh"}},
	"Wh":           {suffix: "joules", scale: 3600, otel: "J", strip: []string{"_wh"}},
	"uW":           {suffix: "watts", scale: 1e-6, otel: "W", strip: []string{"_uw"}},
	"mW":           {suffix: "watts", scale: 1e-3, otel: "W", strip: []string{"_mw"}},
	"W":            {suffix: "watts", scale: 1, otel: "W", strip: []string{"_watts", "_w"}},
	"uV":           {suffix: "volts", scale: 1e-6, otel: "V", strip: []string{"_uv"}},
	"mV":           {suffix: "volts", scale: 1e-3, otel: "V", strip: []string{"_mv"}},
	"V":            {suffix: "volts", scale: 1, otel: "V", strip: []string{"_volts", "_v"}},
	"uA":           {suffix: "amperes", scale: 1e-6, otel: "A", strip: []string{"_ua"}},
	"mA":           {suffix: "amperes", scale: 1e-3, otel: "A", strip: []string{"_ma"}},
	"A":            {suffix: "amperes", scale: 1, otel: "A", strip: []string{"_amperes", "_a"}},
	"uAh":          {suffix: "coulombs", scale: 3.6e-3, otel: "C", strip: []string{"_uah"}},
	"mAh":          {suffix: "coulombs", scale: 3.6, otel: "C", strip: []string{"_mah"}},
	"millicelsius": {suffix: "celsius", scale: 1e-3, otel: "Cel", strip: []string{"_millicelsius"}},
	"celsius":      {suffix: "celsius", scale: 1, otel: "Cel", strip: []string{"_celsius"}},
	"rpm":          {suffix: "rpm", scale: 1, otel: "{rotation}/min", strip: []string{"_rpm"}},
}

// unitOf is the unitInfo of a schema unit ("" for none).
func unitOf(unit string) unitInfo {
	if unit == "" {
		return unitInfo{scale: 1, otel: "1"}
	}
	if u, ok := units[unit]; ok {
		return u
	}
	word := sanitize(strings.ToLower(unit))
	return unitInfo{suffix: word, scale: 1, otel: "{" + word + "}", strip: []string{"_" + word}}
}

// sanitize keeps [a-z0-9_] and turns every other run of bytes into one underscore.
func sanitize(s string) string {
	var b strings.Builder
	under := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// metricName makes a Prometheus name from a field's path, unit and kind: base units, the
// unit as a suffix (once), `_total` for counters only.
//
//	system, cpu_total, user (ticks, counter) → libprobe_system_cpu_total_user_seconds_total
//	system, disks, read_time_ms (ms, counter) → libprobe_system_disks_read_time_seconds_total
//	system, pressure, cpu, some, total_us (us, counter) → …_pressure_cpu_some_seconds_total
//	system, filesystems, inodes_total (gauge) → libprobe_system_filesystems_inodes_all
//
// It also gives the name without `_total` (OpenTelemetry's).
func metricName(path []string, u unitInfo, counter bool) (name, base string) {
	return metricNameOf(path, u, counter, false)
}

// metricNameOf is metricName; keepTotal keeps a `total` the field's name has (the second
// choice, when two fields would otherwise share a name: `blkio_delay_ticks` and
// `blkio_delay_total_ns`).
func metricNameOf(path []string, u unitInfo, counter, keepTotal bool) (name, base string) {
	last := path[len(path)-1]
	for _, t := range u.strip {
		if strings.HasSuffix(last, t) { // within the field's own name: `percent` stays
			last = strings.TrimSuffix(last, t)
			break
		}
	}
	path = renamed(append(path[:len(path)-1:len(path)-1], last))
	base = "libprobe_" + strings.Join(path, "_")
	if counter && !keepTotal {
		base = strings.TrimSuffix(base, "_total")
	}
	// The unit as a suffix, unless the field's name already says it (`sectors_read`).
	if u.suffix != "" && !strings.HasSuffix(base, "_"+u.suffix) &&
		!contains(strings.Split(path[len(path)-1], "_"), u.suffix) {
		base += "_" + u.suffix
	}
	if counter {
		return base + "_total", base
	}
	// Suffixes Prometheus reserves: `_total` for counters, `_count`, `_sum` and `_bucket`
	// for histograms and summaries.
	for _, r := range [][2]string{{"_total", "_all"}, {"_count", "_number"}, {"_sum", "_summed"}, {"_bucket", "_buckets"}} {
		if strings.HasSuffix(base, r[0]) {
			base = strings.TrimSuffix(base, r[0]) + r[1]
			break
		}
	}
	return base, base
}

// segments renames the field names that read as something else in a metric name: `ns`
// (a namespace, not nanoseconds), `bits` (a bit mask, not a unit).
var segments = map[string]string{"ns": "namespace", "bits": "bitmask"}

func renamed(path []string) []string {
	out := make([]string, len(path))
	for i, seg := range path {
		parts := strings.Split(seg, "_")
		for j, p := range parts {
			if r, ok := segments[p]; ok {
				parts[j] = r
			}
		}
		out[i] = strings.Join(parts, "_")
	}
	return out
}

// singular is the label name for an element of a list field (`cpus` → `cpu`).
func singular(list string) string {
	switch {
	case strings.HasSuffix(list, "ies"):
		return strings.TrimSuffix(list, "ies") + "y"
	case strings.HasSuffix(list, "sses"), strings.HasSuffix(list, "xes"):
		return strings.TrimSuffix(list, "es")
	case strings.HasSuffix(list, "s") && !strings.HasSuffix(list, "ss"):
		return strings.TrimSuffix(list, "s")
	}
	return list
}
