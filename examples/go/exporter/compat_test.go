package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	libprobe "github.com/libprobe/libprobe/bindings/go"
	dto "github.com/prometheus/client_model/go"
)

// Every row of the mapping reads a field its source's record has, has a valid name that
// no derived family has, and rows of one name agree on type and help. The counts per peer
// are logged (go test -run PeerMapping -v).
func TestPeerMappingIsValid(t *testing.T) {
	pl := &planner{byName: map[string]*family{}}
	pl.record(reflect.TypeOf(libprobe.Snapshot{}), libprobe.Schema(), nil, "", nil, nil)
	derived, before := len(pl.families), len(pl.conflicts)
	var fams []*family
	newPeers(pl, &fams)
	if len(pl.conflicts) > before {
		t.Errorf("peer names that derived families have: %v", pl.conflicts[before:])
	}
	for _, f := range fams {
		if pl.byName[f.name] != nil {
			t.Errorf("%s is a derived family's name too", f.name)
		}
	}
	validName := regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	validLabel := regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	first := map[string]*peerMetric{}
	families, rows := map[string]map[string]bool{}, map[string]int{}
	for i := range peerMetrics {
		m := &peerMetrics[i]
		src := peerSources[m.source]
		if src == nil {
			t.Errorf("%s: no source %q", m.name, m.source)
			continue
		}
		if strings.HasPrefix(m.name, "libprobe_") || !validName.MatchString(strings.ReplaceAll(m.name, "%s", "x")) {
			t.Errorf("%q is not a valid peer name", m.name)
		}
		for _, l := range m.labels {
			if !validLabel.MatchString(l.name) {
				t.Errorf("%s: label %q", m.name, l.name)
			}
		}
		if m.help == "" {
			t.Errorf("%s has no help", m.name)
		}
		if f := first[m.name]; f != nil && (f.typ != m.typ || f.help != m.help || f.peer != m.peer) {
			t.Errorf("%s: rows disagree on type, help or peer", m.name)
		}
		first[m.name] = m
		if families[m.peer] == nil {
			families[m.peer] = map[string]bool{}
		}
		families[m.peer][m.name] = true
		rows[m.peer]++
	}
	for _, p := range []string{"dcgm-exporter", "node_exporter", "smartctl_exporter"} {
		if len(families[p]) == 0 {
			t.Errorf("no family of %s", p)
		}
		t.Logf("%s: %d families from %d rows", p, len(families[p]), rows[p])
	}
	if len(pl.families) != derived {
		t.Error("the peers added families to the derived ones' planner")
	}
}

// scrapeFixture scrapes a scenario as the golden test takes it: the domains of its
// `domains` file, the fake NVML answering from its `nvml.xml`, and for a rate scenario
// (t0/, t1/) a second scrape after the tree was swapped under the same probe.
func scrapeFixture(t *testing.T, scenario string, cfg config) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	dir := fixture(t, scenario)
	if b, err := os.ReadFile(filepath.Join(dir, "domains")); err == nil {
		cfg.domains = strings.Split(strings.TrimSpace(string(b)), ",")
	}
	if _, err := os.Stat(filepath.Join(dir, "nvml.xml")); err == nil {
		t.Setenv("LIBPROBE_NVML_LIBRARY", fakeNVML(t, filepath.Join(dir, "nvml.xml")))
	}
	if _, err := os.Stat(filepath.Join(dir, "t0")); err != nil {
		cfg.fixture = dir
		return scrapeSteps(t, cfg, 1, nil)
	}
	tmp := t.TempDir()
	root := filepath.Join(tmp, "root")
	if err := os.Symlink(filepath.Join(dir, "t0"), root); err != nil {
		t.Fatal(err)
	}
	cfg.fixture = root
	return scrapeSteps(t, cfg, 2, func() {
		next := filepath.Join(tmp, "next")
		if err := os.Symlink(filepath.Join(dir, "t1"), next); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(next, root); err != nil {
			t.Fatal(err)
		}
	})
}

// fakeNVML builds tests/fake_nvml/fake_nvml.c as libnvidia-ml.so.1 beside a copy of xml
// (tests/fake_nvml/README.md).
func fakeNVML(t *testing.T, xml string) string {
	t.Helper()
	d := t.TempDir()
	lib := filepath.Join(d, "libnvidia-ml.so.1")
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "cc"
	}
	src, err := filepath.Abs("../../../tests/fake_nvml/fake_nvml.c")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-std=c11", "-shared", "-fPIC", "-O1", "-o", lib, src).CombinedOutput(); err != nil {
		t.Fatalf("building the fake NVML: %v\n%s", err, out)
	}
	b, err := os.ReadFile(xml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "nvml.xml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return lib
}

// golden is a scenario's golden JSON; at walks it by keys and indices.
type golden struct{ v any }

func readGolden(t *testing.T, scenario string) golden {
	t.Helper()
	b, err := os.ReadFile(fixture(t, scenario+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return golden{v}
}

func (g golden) at(t *testing.T, path ...any) float64 {
	t.Helper()
	v := g.v
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	switch x := v.(type) {
	case float64:
		return x
	case bool:
		if x {
			return 1
		}
		return 0
	}
	t.Fatalf("golden %v: %v is not a number", path, v)
	return 0
}

// find is the index of the element of list (at path) whose key is value.
func (g golden) find(t *testing.T, key, value string, path ...string) int {
	t.Helper()
	v := g.v
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	for i, e := range v.([]any) {
		if fmt.Sprint(e.(map[string]any)[key]) == value {
			return i
		}
	}
	t.Fatalf("golden %v: no element with %s %s", path, key, value)
	return -1
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// absent checks that no series of name has these labels: a value libprobe could not read.
func absent(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels ...string) {
	t.Helper()
	for _, m := range fams[name].GetMetric() {
		ok := true
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				found = found || (l.GetName() == labels[i] && l.GetValue() == labels[i+1])
			}
			ok = ok && found
		}
		if ok {
			t.Errorf("%s%v is exported; libprobe could not read it", name, labels)
		}
	}
}

func typeOf(t *testing.T, fams map[string]*dto.MetricFamily, name string, want dto.MetricType) {
	t.Helper()
	if got := fams[name].GetType(); got != want {
		t.Errorf("%s is %v, want %v", name, got, want)
	}
}

// The peers' families are beside every derived family, never one of them.
func checkBeside(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	derived, peer := 0, 0
	for name := range fams {
		if strings.HasPrefix(name, "libprobe_") {
			derived++
		} else {
			peer++
		}
	}
	if derived == 0 || peer == 0 {
		t.Errorf("%d derived and %d peer families", derived, peer)
	}
}

// node_exporter's names on a laptop: RAPL (wrapped package counter, the MMIO copy, psys),
// hwmon, batteries and AC, thermal zones and cooling devices.
func TestPeerNamesPower(t *testing.T) {
	_, fams := scrapeFixture(t, "power-intel-laptop", config{})
	g := readGolden(t, "power-intel-laptop")
	checkBeside(t, fams)
	zone := func(z string) int { return g.find(t, "zone", z, "power", "domains") }
	near(t, "package", value(t, fams, "node_rapl_package_joules_total", "index", "0", "path", "/sys/class/powercap/intel-rapl:0"),
		g.at(t, "power", "domains", zone("intel-rapl:0"), "energy_uj")/1e6)
	near(t, "package (mmio)", value(t, fams, "node_rapl_package_joules_total", "index", "0", "path", "/sys/class/powercap/intel-rapl-mmio:0"),
		g.at(t, "power", "domains", zone("intel-rapl-mmio:0"), "energy_uj")/1e6)
	near(t, "dram", value(t, fams, "node_rapl_dram_joules_total", "index", "0"), g.at(t, "power", "domains", zone("intel-rapl:0:2"), "energy_uj")/1e6)
	near(t, "psys", value(t, fams, "node_rapl_psys_joules_total", "index", "0"), g.at(t, "power", "domains", zone("intel-rapl:1"), "energy_uj")/1e6)
	typeOf(t, fams, "node_rapl_package_joules_total", dto.MetricType_COUNTER)

	chip := g.find(t, "name", "coretemp", "power", "hwmon")
	near(t, "coretemp temp1", value(t, fams, "node_hwmon_temp_celsius", "chip", "coretemp_0", "sensor", "temp1"),
		g.at(t, "power", "hwmon", chip, "channels", 0, "input"))
	near(t, "coretemp temp1 crit", value(t, fams, "node_hwmon_temp_crit_celsius", "chip", "coretemp_0", "sensor", "temp1"),
		g.at(t, "power", "hwmon", chip, "channels", 0, "crit"))
	value(t, fams, "node_hwmon_sensor_label", "chip", "coretemp_0", "sensor", "temp1", "label", "Package id 0")
	value(t, fams, "node_hwmon_chip_names", "chip", "coretemp_0", "chip_name", "coretemp")
	tp := g.find(t, "name", "thinkpad", "power", "hwmon")
	near(t, "fan", value(t, fams, "node_hwmon_fan_rpm", "chip", "thinkpad_hwmon", "sensor", "fan1"), g.at(t, "power", "hwmon", tp, "channels", 0, "input"))
	typeOf(t, fams, "node_hwmon_temp_celsius", dto.MetricType_GAUGE)

	bat := g.find(t, "name", "BAT0", "power", "batteries")
	near(t, "energy now", value(t, fams, "node_power_supply_energy_watthour", "power_supply", "BAT0"),
		g.at(t, "power", "batteries", bat, "energy_now_uwh")/1e6)
	near(t, "voltage", value(t, fams, "node_power_supply_voltage_volt", "power_supply", "BAT0"),
		g.at(t, "power", "batteries", bat, "voltage_now_uv")/1e6)
	near(t, "capacity", value(t, fams, "node_power_supply_capacity", "power_supply", "BAT0"), g.at(t, "power", "batteries", bat, "capacity_percent"))
	near(t, "cycles", value(t, fams, "node_power_supply_cyclecount", "power_supply", "BAT0"), g.at(t, "power", "batteries", bat, "cycle_count"))
	near(t, "AC online", value(t, fams, "node_power_supply_online", "power_supply", "AC"), g.at(t, "power", "supplies", 0, "online"))
	value(t, fams, "node_power_supply_info", "power_supply", "BAT0", "type", "Battery", "status", "Discharging", "technology", "Li-poly")
	absent(t, fams, "node_power_supply_current_ampere", "power_supply", "BAT0") // current_now_ua: not_supported
	absent(t, fams, "node_power_supply_capacity", "power_supply", "hidpp_battery_0")

	tz := g.find(t, "id", "thermal_zone3", "power", "thermal_zones")
	near(t, "TCPU", value(t, fams, "node_thermal_zone_temp", "zone", "3", "type", "TCPU"), g.at(t, "power", "thermal_zones", tz, "temperature_celsius"))
	cd := g.find(t, "id", "cooling_device4", "power", "cooling_devices")
	near(t, "TCC max state", value(t, fams, "node_cooling_device_max_state", "name", "4", "type", "TCC Offset"),
		g.at(t, "power", "cooling_devices", cd, "max_state"))

	// Two AMD packages: `package-1` is index 1 of node_rapl_package_joules_total.
	_, fams = scrapeFixture(t, "power-amd-server", config{})
	g = readGolden(t, "power-amd-server")
	near(t, "package 1", value(t, fams, "node_rapl_package_joules_total", "index", "1", "path", "/sys/class/powercap/intel-rapl:1"),
		g.at(t, "power", "domains", g.find(t, "zone", "intel-rapl:1", "power", "domains"), "energy_uj")/1e6)
}

// smartctl_exporter's names for NVMe, SATA and SAS disks, with the disks read without
// root (nvme1) or asleep (sdd) giving no series; node_exporter's ZFS and Btrfs names.
func TestPeerNamesStorage(t *testing.T) {
	_, fams := scrapeFixture(t, "storage-smart", config{})
	g := readGolden(t, "storage-smart")
	checkBeside(t, fams)
	disk := func(d string) int { return g.find(t, "device", d, "storage", "smart") }
	nvme0, sda, sde := disk("nvme0"), disk("sda"), disk("sde")
	near(t, "nvme0 temperature", value(t, fams, "smartctl_device_temperature", "device", "nvme0", "temperature_type", "current"),
		g.at(t, "storage", "smart", nvme0, "temperature_celsius"))
	near(t, "nvme0 written", value(t, fams, "smartctl_device_bytes_written", "device", "nvme0"), g.at(t, "storage", "smart", nvme0, "nvme_data_written_bytes"))
	near(t, "nvme0 spare", value(t, fams, "smartctl_device_available_spare", "device", "nvme0"), g.at(t, "storage", "smart", nvme0, "nvme_spare_percent"))
	near(t, "nvme0 log entries", value(t, fams, "smartctl_device_num_err_log_entries", "device", "nvme0"),
		g.at(t, "storage", "smart", nvme0, "nvme_error_log_entries"))
	near(t, "sda power on", value(t, fams, "smartctl_device_power_on_seconds", "device", "sda"), g.at(t, "storage", "smart", sda, "power_on_hours")*3600)
	near(t, "sde cycles", value(t, fams, "smartctl_device_power_cycle_count", "device", "sde"), g.at(t, "storage", "smart", sde, "power_cycle_count"))
	near(t, "sde rotation", value(t, fams, "smartctl_device_rotation_rate", "device", "sde"), g.at(t, "storage", "smart", sde, "rotation_rate"))
	near(t, "sda status", value(t, fams, "smartctl_device_smart_status", "device", "sda"), 1)
	attr := -1
	for i := 0; i < 40 && attr < 0; i++ {
		if g.at(t, "storage", "smart", sda, "attributes", i, "id") == 5 {
			attr = i
		}
	}
	near(t, "sda attribute 5 raw", value(t, fams, "smartctl_device_attribute", "device", "sda", "attribute_id", "5",
		"attribute_name", "Reallocated_Sector_Ct", "attribute_value_type", "raw"), g.at(t, "storage", "smart", sda, "attributes", attr, "raw_value"))
	near(t, "sda attribute 5 thresh", value(t, fams, "smartctl_device_attribute", "device", "sda", "attribute_id", "5",
		"attribute_value_type", "thresh"), g.at(t, "storage", "smart", sda, "attributes", attr, "threshold"))
	value(t, fams, "smartctl_device", "device", "sde", "interface", "scsi", "protocol", "SCSI", "form_factor", "3.5 inches")
	typeOf(t, fams, "smartctl_device_power_on_seconds", dto.MetricType_COUNTER)
	typeOf(t, fams, "smartctl_device_temperature", dto.MetricType_GAUGE)
	absent(t, fams, "smartctl_device_power_on_seconds", "device", "nvme1") // permission_denied
	absent(t, fams, "smartctl_device_temperature", "device", "sdd")        // standby
	absent(t, fams, "smartctl_device_rotation_rate", "device", "nvme0")    // 0: the peer leaves it out
	absent(t, fams, "smartctl_device_smart_status", "device", "nvme1")

	_, fams = scrapeFixture(t, "storage-zfs", config{})
	g = readGolden(t, "storage-zfs")
	near(t, "arc size", value(t, fams, "node_zfs_arc_size"), g.at(t, "storage", "zfs_arc", "size_bytes"))
	near(t, "arc c_max", value(t, fams, "node_zfs_arc_c_max"), g.at(t, "storage", "zfs_arc", "max_bytes"))
	typeOf(t, fams, "node_zfs_arc_size", dto.MetricType_UNTYPED)
	near(t, "pool1 nread", value(t, fams, "node_zfs_zpool_nread", "zpool", "pool1"), g.at(t, "storage", "zfs_pools", 0, "read_bytes"))
	near(t, "pool1 online", value(t, fams, "node_zfs_zpool_state", "zpool", "pool1", "state", "online"), 1)
	near(t, "pool1 degraded", value(t, fams, "node_zfs_zpool_state", "zpool", "pool1", "state", "degraded"), 0)
	near(t, "pool2 suspended", value(t, fams, "node_zfs_zpool_state", "zpool", "pool2", "state", "suspended"), 1)
	absent(t, fams, "node_zfs_zpool_nread", "zpool", "pool2")
	near(t, "dataset nread", value(t, fams, "node_zfs_zpool_dataset_nread", "zpool", "pool1", "dataset", "pool1/dataset1"),
		g.at(t, "storage", "zfs_pools", 0, "datasets", 1, "read_bytes"))

	_, fams = scrapeFixture(t, "storage-volumes", config{})
	g = readGolden(t, "storage-volumes")
	value(t, fams, "node_btrfs_info", "uuid", "b891f7a5-0bd9-419d-8838-415b6eeb9ce4", "label", "lp")
	near(t, "reserve", value(t, fams, "node_btrfs_global_rsv_size_bytes"), g.at(t, "storage", "btrfs", 0, "global_reserve_bytes"))
	near(t, "loop2 size", value(t, fams, "node_btrfs_device_size_bytes", "device", "loop2"), g.at(t, "storage", "btrfs", 0, "devices", 0, "size_bytes"))
	near(t, "loop3 unused", value(t, fams, "node_btrfs_device_unused_bytes", "device", "loop3"), g.at(t, "storage", "btrfs", 0, "devices", 1, "unallocated_bytes"))
	near(t, "loop2 corruption", value(t, fams, "node_btrfs_device_errors_total", "device", "loop2", "type", "corruption"),
		g.at(t, "storage", "btrfs", 0, "devices", 0, "corruption_errors"))
	near(t, "data used", value(t, fams, "node_btrfs_used_bytes", "block_group_type", "data", "mode", "raid0"),
		g.at(t, "storage", "btrfs", 0, "allocations", 0, "used_bytes"))
	near(t, "metadata size", value(t, fams, "node_btrfs_size_bytes", "block_group_type", "metadata", "mode", "raid1"),
		g.at(t, "storage", "btrfs", 0, "allocations", 1, "total_bytes"))
}

// dcgm-exporter's names for an NVIDIA H100 (the fake NVML), two AMD and two Intel GPUs,
// with DCGM's labels and units (MiB, %, W, mJ).
func TestPeerNamesGPU(t *testing.T) {
	if _, err := exec.LookPath("cc"); err != nil && os.Getenv("CC") == "" {
		t.Skip("no C compiler for the fake NVML")
	}
	_, fams := scrapeFixture(t, "gpu-all-vendors", config{})
	g := readGolden(t, "gpu-all-vendors")
	checkBeside(t, fams)
	gpu := func(i int, field string) float64 { return g.at(t, "gpus", i, field) }
	h100 := []string{"gpu", "0", "UUID", "GPU-00000000-0000-4000-8000-000000000001", "pci_bus_id", "00000000:00:06.0",
		"device", "nvidia0", "modelName", "NVIDIA H100 80GB HBM3"}
	near(t, "H100 temperature", value(t, fams, "DCGM_FI_DEV_GPU_TEMP", h100...), gpu(0, "temperature_gpu"))
	near(t, "H100 memory temperature", value(t, fams, "DCGM_FI_DEV_MEMORY_TEMP", "gpu", "0"), gpu(0, "temperature_memory"))
	near(t, "H100 power", value(t, fams, "DCGM_FI_DEV_POWER_USAGE", "gpu", "0"), gpu(0, "power_draw"))
	near(t, "H100 free", value(t, fams, "DCGM_FI_DEV_FB_FREE", "gpu", "0"), gpu(0, "memory_free")/(1<<20))
	near(t, "H100 used", value(t, fams, "DCGM_FI_DEV_FB_USED", "gpu", "0"), gpu(0, "memory_used")/(1<<20))
	near(t, "H100 SM clock", value(t, fams, "DCGM_FI_DEV_SM_CLOCK", "gpu", "0"), gpu(0, "clock_sm"))
	near(t, "H100 memory clock", value(t, fams, "DCGM_FI_DEV_MEM_CLOCK", "gpu", "0"), gpu(0, "clock_memory"))
	near(t, "H100 replays", value(t, fams, "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "gpu", "0"), gpu(0, "pcie_replay_errors"))
	absent(t, fams, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "gpu", "0") // gpu.nvml_energy off: disabled
	absent(t, fams, "DCGM_FI_DEV_FAN_SPEED", "gpu", "0")                // passively cooled: not_supported

	near(t, "RX 6800 XT utilization", value(t, fams, "DCGM_FI_DEV_GPU_UTIL", "gpu", "1", "pci_bus_id", "0000:03:00.0"), gpu(1, "utilization_gpu"))
	near(t, "RX 6800 XT memory utilization", value(t, fams, "DCGM_FI_DEV_MEM_COPY_UTIL", "gpu", "1"), gpu(1, "utilization_memory"))
	near(t, "RX 6800 XT energy", value(t, fams, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "gpu", "1"), gpu(1, "energy_total"))
	near(t, "RX 6800 XT fan", value(t, fams, "DCGM_FI_DEV_FAN_SPEED", "gpu", "1"), gpu(1, "fan_speed"))
	absent(t, fams, "DCGM_FI_DEV_SM_CLOCK", "gpu", "1")
	absent(t, fams, "DCGM_FI_DEV_GPU_UTIL", "gpu", "1", "device", "nvidia1")
	near(t, "MI300X power", value(t, fams, "DCGM_FI_DEV_POWER_USAGE", "gpu", "2", "modelName", "AMD Instinct MI300X OAM"), gpu(2, "power_draw"))
	near(t, "Arc A770 power (from energy, t0 → t1)", value(t, fams, "DCGM_FI_DEV_POWER_USAGE", "gpu", "3"), gpu(3, "power_draw"))
	absent(t, fams, "DCGM_FI_DEV_GPU_TEMP", "gpu", "3")
	typeOf(t, fams, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", dto.MetricType_COUNTER)
	typeOf(t, fams, "DCGM_FI_DEV_GPU_UTIL", dto.MetricType_GAUGE)
}

// -compat=false: only the derived families (and the exporter's own).
func TestCompatOff(t *testing.T) {
	_, fams := scrapeFixture(t, "storage-smart", config{compatOff: true})
	for name := range fams {
		if !strings.HasPrefix(name, "libprobe_") {
			t.Errorf("%s with -compat=false", name)
		}
	}
}

// What the peers' names add to a collection (go test -bench Peers): a laptop's power
// domain and a disk shelf's SMART, with and without them.
func BenchmarkCollectPeers(b *testing.B) {
	for _, c := range []struct{ name, fixture, domain string }{
		{"power", "power-intel-laptop/t1", "power"}, {"smart", "storage-smart", "storage"}} {
		for _, off := range []bool{true, false} {
			b.Run(fmt.Sprintf("%s/compat=%v", c.name, !off), func(b *testing.B) {
				dir, err := filepath.Abs(filepath.Join("../../../tests/fixtures", c.fixture))
				if err != nil {
					b.Fatal(err)
				}
				e, err := newExporter(config{fixture: dir, domains: []string{c.domain}, compatOff: off})
				if err != nil {
					b.Fatal(err)
				}
				defer e.Close()
				for i := 0; i < b.N; i++ {
					if _, err := e.collect(); err != nil {
						b.Fatal(err)
					}
					if err := e.writeText(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
