package main

// Peer names: beside the families derived from the schema, the names that the exporters
// people already run give to the same data, so that their dashboards and alerts work on
// this exporter unchanged (-compat=false turns them off):
//
//   - NVIDIA's dcgm-exporter: DCGM_FI_DEV_* per GPU, labels gpu, UUID, pci_bus_id, device,
//     modelName (no Hostname);
//   - Prometheus' node_exporter: node_rapl_*, node_hwmon_*, node_power_supply_*,
//     node_thermal_zone_temp, node_cooling_device_*, node_btrfs_*, node_zfs_*;
//   - smartctl_exporter: smartctl_device_* with label device.
//
// The mapping is the table peerMetrics: a peer's name, its type, our help, the libprobe
// field it comes from (a record's JSON name), the factor from libprobe's unit to the
// peer's, constant labels, and which series the peer leaves out. The records and their
// labels come from peerSources. Values are the peer's units (MiB, %, W, µWh → Wh as the
// peer has them), not base units. A value libprobe could not read gives no series, as for
// the derived families. What a peer computes that libprobe does not read (XID errors, the
// NVLink totals, Btrfs commit statistics, smartctl's drive database names) is not there;
// docs/go.md lists the differences.
//
// These families are for Prometheus' text format only: OTLP carries the derived families.

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	libprobe "github.com/libprobe/libprobe/bindings/go"
)

type peerType int

const (
	peerGauge peerType = iota
	peerCounter
	peerUntyped // node_exporter's ZFS kstats
)

// The promlint complaints a peer's own naming draws: accepted for the rows that say so,
// since the name is the point.
const (
	lintTotal    = `should have "_total" suffix`  // a counter named without _total
	lintCamel    = `not 'camelCase'`              // DCGM's modelName label
	lintTypeName = `should not include type`      // DCGM_FI_DEV_PCIE_REPLAY_COUNTER
	lintCount    = `should not have "_count" suf` // smartctl_device_power_cycle_count
)

// peerMetric is one row of the mapping.
type peerMetric struct {
	peer string
	// name is the peer's family name; `%s` in it is the part the source gives
	// (node_rapl_%s_joules_total: the zone's name).
	name   string
	typ    peerType
	help   string
	source string // a key of peerSources
	// field is the JSON name of the record's field; "" for an info metric (always 1).
	field string
	// scale is the peer's unit per libprobe's (0 for 1): 1/2^20 for bytes → MiB.
	scale  float64
	labels []labelPair // constant labels (btrfs error type, smartctl value type)
	// when leaves out the series the peer leaves out (smartctl: a rotation rate of 0).
	when func(v float64, rec reflect.Value) bool
	// value re-encodes a value as the peer does (SMART status: passed 1, failed 0).
	value func(v float64) float64
	lint  []string
}

// peerSource enumerates one kind of record of a snapshot with the peer's labels.
type peerSource struct {
	path   string       // where the records are ("gpus[]", "power.hwmon[].channels[]")
	record reflect.Type // their Go type
	each   func(s *libprobe.Snapshot, yield func(rec reflect.Value, labels []labelPair, part string))
}

const mib = 1.0 / (1 << 20)

func dcgm(name string, typ peerType, field string, scale float64, help string, lint ...string) peerMetric {
	return peerMetric{peer: "dcgm-exporter", name: name, typ: typ, source: "gpu", field: field,
		scale: scale, help: help, lint: append([]string{lintCamel}, lint...)}
}

func nodex(name string, typ peerType, source, field string, scale float64, help string) peerMetric {
	return peerMetric{peer: "node_exporter", name: name, typ: typ, source: source, field: field,
		scale: scale, help: help}
}

func smartctl(name string, typ peerType, source, field string, scale float64, help string, lint ...string) peerMetric {
	return peerMetric{peer: "smartctl_exporter", name: name, typ: typ, source: source, field: field,
		scale: scale, help: help, lint: lint}
}

// tuned is row m with f applied: the few rows that need a filter, a value or a label.
func tuned(m peerMetric, f func(*peerMetric)) peerMetric { f(&m); return m }

// peerMetrics is the mapping. The hwmon rows and the ZFS pool states are added by
// peerRows from their small tables.
var peerMetrics = append([]peerMetric{
	// dcgm-exporter (etc/default-counters.csv and DCGM's field list): every GPU libprobe
	// reads, NVIDIA's with DCGM's own labels.
	dcgm("DCGM_FI_DEV_SM_CLOCK", peerGauge, "clock_sm", 0, "SM clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_MEM_CLOCK", peerGauge, "clock_memory", 0, "Memory clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_VIDEO_CLOCK", peerGauge, "clock_video", 0, "Video encoder/decoder clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_MAX_SM_CLOCK", peerGauge, "clock_max_sm", 0, "Highest SM clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_MAX_MEM_CLOCK", peerGauge, "clock_max_memory", 0, "Highest memory clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_MAX_VIDEO_CLOCK", peerGauge, "clock_max_video", 0, "Highest video clock frequency, MHz."),
	dcgm("DCGM_FI_DEV_GPU_TEMP", peerGauge, "temperature_gpu", 0, "GPU temperature, °C."),
	dcgm("DCGM_FI_DEV_MEMORY_TEMP", peerGauge, "temperature_memory", 0, "Memory temperature, °C."),
	dcgm("DCGM_FI_DEV_SLOWDOWN_TEMP", peerGauge, "temperature_slowdown", 0, "Temperature at which the GPU slows down, °C."),
	dcgm("DCGM_FI_DEV_SHUTDOWN_TEMP", peerGauge, "temperature_shutdown", 0, "Temperature at which the GPU shuts down, °C."),
	dcgm("DCGM_FI_DEV_POWER_USAGE", peerGauge, "power_draw", 0, "Power draw, W."),
	dcgm("DCGM_FI_DEV_POWER_USAGE_INSTANT", peerGauge, "power_draw_instant", 0, "Instantaneous power draw, W."),
	dcgm("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", peerCounter, "energy_total", 0,
		"Energy used since the driver loaded, mJ (NVIDIA: with -set gpu.nvml_energy=true).", lintTotal),
	dcgm("DCGM_FI_DEV_POWER_MGMT_LIMIT", peerGauge, "power_limit", 0, "Power limit in force, W."),
	dcgm("DCGM_FI_DEV_POWER_MGMT_LIMIT_MIN", peerGauge, "power_min_limit", 0, "Lowest power limit that can be set, W."),
	dcgm("DCGM_FI_DEV_POWER_MGMT_LIMIT_MAX", peerGauge, "power_max_limit", 0, "Highest power limit that can be set, W."),
	dcgm("DCGM_FI_DEV_POWER_MGMT_LIMIT_DEF", peerGauge, "power_default_limit", 0, "Default power limit, W."),
	dcgm("DCGM_FI_DEV_ENFORCED_POWER_LIMIT", peerGauge, "power_enforced_limit", 0, "Power limit the GPU enforces now, W."),
	dcgm("DCGM_FI_DEV_PSTATE", peerGauge, "power_state", 0, "Performance state, 0 (fastest) to 15."),
	dcgm("DCGM_FI_DEV_FAN_SPEED", peerGauge, "fan_speed", 0, "Fan speed, % of its maximum."),
	dcgm("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", peerCounter, "pcie_replay_errors", 0,
		"PCIe replays since the driver loaded.", lintTotal, lintTypeName),
	dcgm("DCGM_FI_DEV_PCIE_LINK_GEN", peerGauge, "pcie_link_gen_current", 0, "PCIe generation of the link now."),
	dcgm("DCGM_FI_DEV_PCIE_LINK_WIDTH", peerGauge, "pcie_link_width_current", 0, "PCIe lanes of the link now."),
	dcgm("DCGM_FI_DEV_PCIE_MAX_LINK_GEN", peerGauge, "pcie_link_gen_max", 0, "Highest PCIe generation of the link."),
	dcgm("DCGM_FI_DEV_PCIE_MAX_LINK_WIDTH", peerGauge, "pcie_link_width_max", 0, "Most PCIe lanes of the link."),
	dcgm("DCGM_FI_DEV_GPU_UTIL", peerGauge, "utilization_gpu", 0, "GPU utilization, %."),
	dcgm("DCGM_FI_DEV_MEM_COPY_UTIL", peerGauge, "utilization_memory", 0, "Memory utilization (time memory was read or written), %."),
	dcgm("DCGM_FI_DEV_ENC_UTIL", peerGauge, "utilization_encoder", 0, "Video encoder utilization, %."),
	dcgm("DCGM_FI_DEV_DEC_UTIL", peerGauge, "utilization_decoder", 0, "Video decoder utilization, %."),
	dcgm("DCGM_FI_DEV_FB_TOTAL", peerGauge, "memory_total", mib, "Framebuffer memory, MiB."),
	dcgm("DCGM_FI_DEV_FB_FREE", peerGauge, "memory_free", mib, "Framebuffer memory free, MiB."),
	dcgm("DCGM_FI_DEV_FB_USED", peerGauge, "memory_used", mib, "Framebuffer memory used, MiB."),
	dcgm("DCGM_FI_DEV_FB_RESERVED", peerGauge, "memory_reserved", mib, "Framebuffer memory reserved by the driver, MiB."),
	dcgm("DCGM_FI_DEV_ECC_CURRENT", peerGauge, "ecc_enabled", 0, "1 when ECC is on."),
	dcgm("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", peerCounter, "ecc_errors_corrected", 0, "Corrected ECC errors since the driver loaded.", lintTotal),
	dcgm("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", peerCounter, "ecc_errors_uncorrected", 0, "Uncorrected ECC errors since the driver loaded.", lintTotal),
	dcgm("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", peerCounter, "ecc_errors_corrected_aggregate", 0, "Corrected ECC errors over the GPU's life.", lintTotal),
	dcgm("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", peerCounter, "ecc_errors_uncorrected_aggregate", 0, "Uncorrected ECC errors over the GPU's life.", lintTotal),
	dcgm("DCGM_FI_DEV_RETIRED_SBE", peerCounter, "retired_pages_single_bit", 0, "Pages retired for single-bit errors.", lintTotal),
	dcgm("DCGM_FI_DEV_RETIRED_DBE", peerCounter, "retired_pages_double_bit", 0, "Pages retired for double-bit errors.", lintTotal),
	dcgm("DCGM_FI_DEV_RETIRED_PENDING", peerCounter, "retired_pages_pending", 0, "1 when pages wait for retirement.", lintTotal),
	dcgm("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", peerCounter, "remapped_rows_correctable", 0, "Rows remapped for correctable errors.", lintTotal),
	dcgm("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", peerCounter, "remapped_rows_uncorrectable", 0, "Rows remapped for uncorrectable errors.", lintTotal),
	dcgm("DCGM_FI_DEV_ROW_REMAP_FAILURE", peerGauge, "remapped_rows_failure", 0, "1 when a row remapping failed."),
	dcgm("DCGM_FI_DEV_PERSISTENCE_MODE", peerGauge, "persistence_mode", 0, "1 when persistence mode is on."),
	dcgm("DCGM_FI_DEV_MIG_MODE", peerGauge, "mig_mode_current", 0, "1 when MIG is on."),

	// node_exporter: rapl, hwmon (rows below), powersupplyclass, thermal_zone, btrfs, zfs.
	nodex("node_rapl_%s_joules_total", peerCounter, "rapl", "energy_uj", 1e-6, "RAPL zone energy counter, joules."),
	nodex("node_hwmon_chip_names", peerGauge, "hwmon.chip", "", 0, "Hardware monitoring chips by name (always 1)."),
	nodex("node_hwmon_sensor_label", peerGauge, "hwmon.label", "", 0, "Hardware monitoring channels by label (always 1)."),
	nodex("node_power_supply_present", peerGauge, "battery", "present", 0, "1 when the battery is inserted."),
	tuned(nodex("node_power_supply_capacity", peerGauge, "battery", "capacity_percent", 0, "Charge, % of full."),
		func(m *peerMetric) { m.when = notDerived("capacity_percent") }),
	nodex("node_power_supply_cyclecount", peerGauge, "battery", "cycle_count", 0, "Charge cycles."),
	nodex("node_power_supply_energy_watthour", peerGauge, "battery", "energy_now_uwh", 1e-6, "Energy held now, Wh."),
	nodex("node_power_supply_energy_full", peerGauge, "battery", "energy_full_uwh", 1e-6, "Energy held when full, Wh."),
	nodex("node_power_supply_energy_full_design", peerGauge, "battery", "energy_full_design_uwh", 1e-6, "Energy held when full as designed, Wh."),
	nodex("node_power_supply_power_watt", peerGauge, "battery", "power_now_uw", 1e-6, "Power flowing in or out, W, with the driver's sign."),
	nodex("node_power_supply_voltage_volt", peerGauge, "battery", "voltage_now_uv", 1e-6, "Voltage now, V."),
	nodex("node_power_supply_voltage_min_design", peerGauge, "battery", "voltage_min_design_uv", 1e-6, "Lowest design voltage, V."),
	nodex("node_power_supply_current_ampere", peerGauge, "battery", "current_now_ua", 1e-6, "Current now, A, with the driver's sign."),
	nodex("node_power_supply_charge_ampere", peerGauge, "battery", "charge_now_uah", 1e-6, "Charge held now, Ah."),
	nodex("node_power_supply_charge_full", peerGauge, "battery", "charge_full_uah", 1e-6, "Charge held when full, Ah."),
	nodex("node_power_supply_charge_full_design", peerGauge, "battery", "charge_full_design_uah", 1e-6, "Charge held when full as designed, Ah."),
	nodex("node_power_supply_temp_celsius", peerGauge, "battery", "temperature_celsius", 0, "Battery temperature, °C."),
	nodex("node_power_supply_info", peerGauge, "battery.info", "", 0, "Power supplies and what they say about themselves (always 1)."),
	nodex("node_power_supply_online", peerGauge, "supply", "online", 0, "1 when the supply supplies power."),
	nodex("node_power_supply_voltage_volt", peerGauge, "supply", "voltage_now_uv", 1e-6, "Voltage now, V."),
	nodex("node_power_supply_current_ampere", peerGauge, "supply", "current_now_ua", 1e-6, "Current now, A, with the driver's sign."),
	nodex("node_power_supply_current_max", peerGauge, "supply", "current_max_ua", 1e-6, "Most current the supply can give, A."),
	nodex("node_power_supply_capacity", peerGauge, "supply", "capacity_percent", 0, "Charge, % of full."),
	nodex("node_power_supply_info", peerGauge, "supply.info", "", 0, "Power supplies and what they say about themselves (always 1)."),
	nodex("node_thermal_zone_temp", peerGauge, "thermal_zone", "temperature_celsius", 0, "Thermal zone temperature, °C."),
	nodex("node_cooling_device_cur_state", peerGauge, "cooling_device", "cur_state", 0, "Cooling state now (0: no cooling)."),
	nodex("node_cooling_device_max_state", peerGauge, "cooling_device", "max_state", 0, "Highest cooling state."),
	nodex("node_btrfs_info", peerGauge, "btrfs.info", "", 0, "Btrfs filesystems by UUID and label (always 1)."),
	nodex("node_btrfs_global_rsv_size_bytes", peerGauge, "btrfs", "global_reserve_bytes", 0, "Global block reserve, bytes."),
	nodex("node_btrfs_size_bytes", peerGauge, "btrfs.allocation", "total_bytes", 0, "Logical size of the chunks of a block group type and profile, bytes."),
	nodex("node_btrfs_used_bytes", peerGauge, "btrfs.allocation", "used_bytes", 0, "Logical bytes used in them, bytes."),
	nodex("node_btrfs_device_size_bytes", peerGauge, "btrfs.device", "size_bytes", 0, "Size the filesystem uses on the device, bytes."),
	nodex("node_btrfs_device_unused_bytes", peerGauge, "btrfs.device", "unallocated_bytes", 0, "Space of the device not allocated to chunks, bytes."),
	btrfsErrors("write", "write_errors"),
	btrfsErrors("read", "read_errors"),
	btrfsErrors("flush", "flush_errors"),
	btrfsErrors("corruption", "corruption_errors"),
	btrfsErrors("generation", "generation_errors"),
	nodex("node_zfs_arc_size", peerUntyped, "zfs.arc", "size_bytes", 0, "ARC size, bytes (arcstats size)."),
	nodex("node_zfs_arc_c", peerUntyped, "zfs.arc", "target_bytes", 0, "ARC target size, bytes (arcstats c)."),
	nodex("node_zfs_arc_c_min", peerUntyped, "zfs.arc", "min_bytes", 0, "ARC minimum size, bytes (arcstats c_min)."),
	nodex("node_zfs_arc_c_max", peerUntyped, "zfs.arc", "max_bytes", 0, "ARC maximum size, bytes (arcstats c_max)."),
	nodex("node_zfs_arc_hits", peerUntyped, "zfs.arc", "hits", 0, "ARC hits (arcstats hits)."),
	nodex("node_zfs_arc_misses", peerUntyped, "zfs.arc", "misses", 0, "ARC misses (arcstats misses)."),
	nodex("node_zfs_arc_mru_size", peerUntyped, "zfs.arc", "mru_bytes", 0, "ARC most-recently-used list, bytes (arcstats mru_size)."),
	nodex("node_zfs_arc_mfu_size", peerUntyped, "zfs.arc", "mfu_bytes", 0, "ARC most-frequently-used list, bytes (arcstats mfu_size)."),
	nodex("node_zfs_arc_l2_hits", peerUntyped, "zfs.arc", "l2_hits", 0, "L2ARC hits (arcstats l2_hits)."),
	nodex("node_zfs_arc_l2_misses", peerUntyped, "zfs.arc", "l2_misses", 0, "L2ARC misses (arcstats l2_misses)."),
	nodex("node_zfs_zpool_nread", peerUntyped, "zfs.pool", "read_bytes", 0, "Bytes read from the pool since import."),
	nodex("node_zfs_zpool_nwritten", peerUntyped, "zfs.pool", "written_bytes", 0, "Bytes written to the pool since import."),
	nodex("node_zfs_zpool_reads", peerUntyped, "zfs.pool", "read_ops", 0, "Read operations since import."),
	nodex("node_zfs_zpool_writes", peerUntyped, "zfs.pool", "write_ops", 0, "Write operations since import."),
	nodex("node_zfs_zpool_dataset_reads", peerUntyped, "zfs.dataset", "reads", 0, "Reads of the dataset (objset kstat reads)."),
	nodex("node_zfs_zpool_dataset_writes", peerUntyped, "zfs.dataset", "writes", 0, "Writes to the dataset (objset kstat writes)."),
	nodex("node_zfs_zpool_dataset_nread", peerUntyped, "zfs.dataset", "read_bytes", 0, "Bytes read from the dataset (objset kstat nread)."),
	nodex("node_zfs_zpool_dataset_nwritten", peerUntyped, "zfs.dataset", "written_bytes", 0, "Bytes written to the dataset (objset kstat nwritten)."),
	nodex("node_zfs_zpool_dataset_nunlinks", peerUntyped, "zfs.dataset", "unlinks", 0, "Files unlinked (objset kstat nunlinks)."),
	nodex("node_zfs_zpool_dataset_nunlinked", peerUntyped, "zfs.dataset", "unlinked", 0, "Unlinked files whose space was reclaimed (objset kstat nunlinked)."),

	// smartctl_exporter (metrics.go, smartctl.go): label device is the node without /dev/.
	smartctl("smartctl_device", peerGauge, "smart.info", "", 0, "Disks and what they say about themselves (always 1)."),
	smartctl("smartctl_device_capacity_bytes", peerGauge, "smart", "capacity_bytes", 0, "User capacity, bytes."),
	tuned(smartctl("smartctl_device_rotation_rate", peerGauge, "smart", "rotation_rate", 0, "Nominal rotation rate, rpm (none for solid-state devices)."),
		func(m *peerMetric) { m.when = positive }),
	tuned(smartctl("smartctl_device_temperature", peerGauge, "smart", "temperature_celsius", 0, "Temperature, °C."),
		func(m *peerMetric) { m.labels = []labelPair{{"temperature_type", "current"}} }),
	smartctl("smartctl_device_power_on_seconds", peerCounter, "smart", "power_on_hours", 3600, "Power-on time, seconds (whole hours).", lintTotal),
	smartctl("smartctl_device_power_cycle_count", peerCounter, "smart", "power_cycle_count", 0, "Power cycles.", lintTotal, lintCount),
	tuned(smartctl("smartctl_device_smart_status", peerGauge, "smart", "smart_status", 0, "1 when the SMART health verdict is passed, 0 when failed."),
		func(m *peerMetric) { m.value = is(float64(libprobe.SmartStatusPassed)) }),
	smartctl("smartctl_device_percentage_used", peerCounter, "smart", "nvme_percentage_used", 0, "NVMe: rated endurance used, %.", lintTotal),
	smartctl("smartctl_device_available_spare", peerCounter, "smart", "nvme_spare_percent", 0, "NVMe: available spare capacity, %.", lintTotal),
	smartctl("smartctl_device_available_spare_threshold", peerCounter, "smart", "nvme_spare_threshold_percent", 0, "NVMe: spare threshold, %.", lintTotal),
	smartctl("smartctl_device_critical_warning", peerCounter, "smart", "nvme_critical_warning", 0, "NVMe: critical warning bits.", lintTotal),
	smartctl("smartctl_device_media_errors", peerCounter, "smart", "nvme_media_errors", 0, "NVMe: unrecovered data integrity errors.", lintTotal),
	smartctl("smartctl_device_num_err_log_entries", peerCounter, "smart", "nvme_error_log_entries", 0, "NVMe: error information log entries.", lintTotal),
	tuned(smartctl("smartctl_device_bytes_read", peerCounter, "smart", "nvme_data_read_bytes", 0, "NVMe: data read by the host, bytes.", lintTotal),
		func(m *peerMetric) { m.when = positive }),
	tuned(smartctl("smartctl_device_bytes_written", peerCounter, "smart", "nvme_data_written_bytes", 0, "NVMe: data written by the host, bytes.", lintTotal),
		func(m *peerMetric) { m.when = positive }),
	smartctl("smartctl_read_total_uncorrected_errors", peerGauge, "smart", "scsi_read_uncorrected_errors", 0, "SCSI: uncorrected read errors."),
	smartctl("smartctl_write_total_uncorrected_errors", peerGauge, "smart", "scsi_write_uncorrected_errors", 0, "SCSI: uncorrected write errors."),
	smartAttribute("value", "value"),
	smartAttribute("worst", "worst"),
	smartAttribute("thresh", "threshold"),
	smartAttribute("raw", "raw_value"),
}, peerRows()...)

func btrfsErrors(kind, field string) peerMetric {
	return tuned(nodex("node_btrfs_device_errors_total", peerCounter, "btrfs.device", field, 0,
		"I/O errors of the device since its counters were reset, by type."),
		func(m *peerMetric) { m.labels = []labelPair{{"type", kind}} })
}

func smartAttribute(kind, field string) peerMetric {
	return tuned(smartctl("smartctl_device_attribute", peerGauge, "smart.attribute", field, 0,
		"ATA SMART attributes: normalised value, worst, threshold and 48-bit raw value (attribute_value_type)."),
		func(m *peerMetric) { m.labels = []labelPair{{"attribute_value_type", kind}} })
}

// hwmonKinds: node_exporter's name for each kind of channel, its unit suffix, and the
// channel's values it names (input is the bare name: node_hwmon_temp_celsius).
var hwmonKinds = []struct {
	kind     libprobe.SensorKind
	prefix   string
	unit     string
	counter  bool
	elements []string
	flags    []string // alarm, fault: no unit
}{
	{libprobe.SensorKindTemperature, "temp", "celsius", false,
		[]string{"input", "min", "max", "lcrit", "crit", "emergency", "lowest", "highest", "max_hyst", "crit_hyst"}, []string{"alarm", "fault"}},
	{libprobe.SensorKindVoltage, "in", "volts", false,
		[]string{"input", "min", "max", "lcrit", "crit", "average", "lowest", "highest"}, []string{"alarm"}},
	{libprobe.SensorKindCurrent, "curr", "amps", false,
		[]string{"input", "min", "max", "lcrit", "crit", "average", "lowest", "highest"}, []string{"alarm"}},
	{libprobe.SensorKindPower, "power", "watt", false,
		[]string{"input", "average", "max", "crit", "cap"}, []string{"alarm"}},
	{libprobe.SensorKindFan, "fan", "rpm", false,
		[]string{"input", "min", "max", "target"}, []string{"alarm", "fault"}},
	{libprobe.SensorKindEnergy, "energy", "joule_total", true, []string{"input"}, nil},
}

// zfsStates are the states node_zfs_zpool_state has a series for, in its order.
var zfsStates = []struct {
	label string
	state libprobe.ZfsHealth
}{
	{"online", libprobe.ZfsHealthOnline}, {"degraded", libprobe.ZfsHealthDegraded},
	{"faulted", libprobe.ZfsHealthFaulted}, {"offline", libprobe.ZfsHealthOffline},
	{"removed", libprobe.ZfsHealthRemoved}, {"unavail", libprobe.ZfsHealthUnavail},
	{"suspended", libprobe.ZfsHealthSuspended},
}

func peerRows() []peerMetric {
	var rows []peerMetric
	for _, k := range hwmonKinds {
		src := "hwmon." + k.prefix
		typ := peerGauge
		if k.counter {
			typ = peerCounter
		}
		for _, el := range k.elements {
			name := "node_hwmon_" + k.prefix
			if el != "input" {
				name += "_" + el
			}
			name += "_" + k.unit
			rows = append(rows, nodex(name, typ, src, el, 0,
				fmt.Sprintf("Hardware monitoring %s channel: %s (%s).", k.prefix, el, strings.TrimSuffix(k.unit, "_total"))))
		}
		for _, fl := range k.flags {
			rows = append(rows, nodex("node_hwmon_"+k.prefix+"_"+fl, peerGauge, src, fl, 0,
				fmt.Sprintf("Hardware monitoring %s channel: %s (1 when raised).", k.prefix, fl)))
		}
	}
	for _, s := range zfsStates {
		rows = append(rows, tuned(nodex("node_zfs_zpool_state", peerGauge, "zfs.pool", "health", 0,
			"1 for the pool's state, 0 for the others."),
			func(m *peerMetric) {
				m.labels = []labelPair{{"state", s.label}}
				m.value = is(float64(s.state))
			}))
	}
	return rows
}

func positive(v float64, _ reflect.Value) bool { return v > 0 }

func is(want float64) func(float64) float64 {
	return func(v float64) float64 {
		if v == want {
			return 1
		}
		return 0
	}
}

// notDerived leaves out a battery value libprobe computed (node_exporter shows the
// kernel's only).
func notDerived(field string) func(float64, reflect.Value) bool {
	return func(_ float64, rec reflect.Value) bool {
		b, ok := rec.Interface().(libprobe.BatteryInfo)
		return ok && !contains(b.Derived, field)
	}
}

// ---- Sources: the records and the peer's labels.

var peerSources = map[string]*peerSource{
	"gpu": {"gpus[]", reflect.TypeOf(libprobe.GPUMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		gpus, _ := s.Gpus.Get()
		for i := range gpus {
			yield(reflect.ValueOf(&gpus[i]).Elem(), dcgmLabels(&gpus[i]), "")
		}
	}},
	"rapl": {"power.domains[]", reflect.TypeOf(libprobe.RaplDomain{}), eachRapl},
	"hwmon.chip": {"power.hwmon[]", reflect.TypeOf(libprobe.HwmonChip{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		chips, names := hwmonChips(s)
		for i := range chips {
			if n, ok := chips[i].Name.Get(); ok && cleanHwmon(n) != "" {
				yield(reflect.ValueOf(&chips[i]).Elem(), []labelPair{{"chip", names[i]}, {"chip_name", cleanHwmon(n)}}, "")
			}
		}
	}},
	"hwmon.label": {"power.hwmon[].channels[]", reflect.TypeOf(libprobe.SensorChannel{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		chips, names := hwmonChips(s)
		for i := range chips {
			for j := range chips[i].Channels {
				c := &chips[i].Channels[j]
				if l, ok := c.Label.Get(); ok {
					yield(reflect.ValueOf(c).Elem(), []labelPair{{"chip", names[i]}, {"sensor", labelValue(c.Name)}, {"label", labelValue(l)}}, "")
				}
			}
		}
	}},
	"battery": {"power.batteries[]", reflect.TypeOf(libprobe.BatteryInfo{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, b := range batteries(s) {
			yield(reflect.ValueOf(b).Elem(), []labelPair{{"power_supply", labelValue(b.Name)}}, "")
		}
	}},
	"battery.info": {"power.batteries[]", reflect.TypeOf(libprobe.BatteryInfo{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, b := range batteries(s) {
			l := []labelPair{{"power_supply", labelValue(b.Name)}, {"type", "Battery"}}
			if st, ok := b.Status.Get(); ok {
				l = append(l, labelPair{"status", supplyStatus(st)})
			}
			for _, f := range []struct {
				label string
				v     libprobe.Field[string]
			}{{"capacity_level", b.CapacityLevel}, {"technology", b.Technology}, {"health", b.Health},
				{"manufacturer", b.Manufacturer}, {"model_name", b.ModelName}, {"serial_number", b.SerialNumber}, {"scope", b.Scope}} {
				if v, ok := f.v.Get(); ok && v != "" {
					l = append(l, labelPair{f.label, labelValue(v)})
				}
			}
			yield(reflect.ValueOf(b).Elem(), l, "")
		}
	}},
	"supply": {"power.supplies[]", reflect.TypeOf(libprobe.PowerSupply{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, p := range supplies(s) {
			yield(reflect.ValueOf(p).Elem(), []labelPair{{"power_supply", labelValue(p.Name)}}, "")
		}
	}},
	"supply.info": {"power.supplies[]", reflect.TypeOf(libprobe.PowerSupply{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, p := range supplies(s) {
			l := []labelPair{{"power_supply", labelValue(p.Name)}}
			if t, ok := p.SupplyType.Get(); ok && t != "" {
				l = append(l, labelPair{"type", labelValue(t)})
			}
			if st, ok := p.Status.Get(); ok {
				l = append(l, labelPair{"status", supplyStatus(st)})
			}
			for _, f := range []struct {
				label string
				v     libprobe.Field[string]
			}{{"usb_type", p.UsbType}, {"manufacturer", p.Manufacturer}, {"model_name", p.ModelName}, {"scope", p.Scope}} {
				if v, ok := f.v.Get(); ok && v != "" {
					l = append(l, labelPair{f.label, labelValue(v)})
				}
			}
			yield(reflect.ValueOf(p).Elem(), l, "")
		}
	}},
	"thermal_zone": {"power.thermal_zones[]", reflect.TypeOf(libprobe.ThermalZone{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		p, _ := s.Power.Get()
		zones, _ := p.ThermalZones.Get()
		for i := range zones {
			z := &zones[i]
			t, _ := z.ZoneType.Get()
			yield(reflect.ValueOf(z).Elem(), []labelPair{{"zone", strings.TrimPrefix(z.ID, "thermal_zone")}, {"type", labelValue(t)}}, "")
		}
	}},
	"cooling_device": {"power.cooling_devices[]", reflect.TypeOf(libprobe.CoolingDevice{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		p, _ := s.Power.Get()
		devs, _ := p.CoolingDevices.Get()
		for i := range devs {
			d := &devs[i]
			t, _ := d.DeviceType.Get()
			yield(reflect.ValueOf(d).Elem(), []labelPair{{"name", strings.TrimPrefix(d.ID, "cooling_device")}, {"type", labelValue(t)}}, "")
		}
	}},
	"btrfs": {"storage.btrfs[]", reflect.TypeOf(libprobe.BtrfsMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, fs := range btrfs(s) {
			yield(reflect.ValueOf(fs).Elem(), []labelPair{{"uuid", labelValue(fs.Uuid)}}, "")
		}
	}},
	"btrfs.info": {"storage.btrfs[]", reflect.TypeOf(libprobe.BtrfsMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, fs := range btrfs(s) {
			label, _ := fs.Label.Get()
			yield(reflect.ValueOf(fs).Elem(), []labelPair{{"uuid", labelValue(fs.Uuid)}, {"label", labelValue(label)}}, "")
		}
	}},
	"btrfs.device": {"storage.btrfs[].devices[]", reflect.TypeOf(libprobe.BtrfsDevice{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, fs := range btrfs(s) {
			for i := range fs.Devices {
				d := &fs.Devices[i]
				path, ok := d.Path.Get()
				if !ok {
					continue
				}
				dev := path[strings.LastIndexByte(path, '/')+1:]
				yield(reflect.ValueOf(d).Elem(), []labelPair{{"uuid", labelValue(fs.Uuid)}, {"device", labelValue(dev)}}, "")
			}
		}
	}},
	// node_exporter has a series per profile of a block group type; the record has the
	// type's totals, which are the profile's when there is one profile.
	"btrfs.allocation": {"storage.btrfs[].allocations[]", reflect.TypeOf(libprobe.BtrfsAllocation{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, fs := range btrfs(s) {
			for i := range fs.Allocations {
				a := &fs.Allocations[i]
				if len(a.Profiles) == 1 {
					yield(reflect.ValueOf(a).Elem(), []labelPair{{"uuid", labelValue(fs.Uuid)},
						{"block_group_type", labelValue(a.Kind)}, {"mode", labelValue(a.Profiles[0])}}, "")
				}
			}
		}
	}},
	"zfs.arc": {"storage.zfs_arc", reflect.TypeOf(libprobe.ZfsArcStats{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		st, _ := s.Storage.Get()
		if arc, ok := st.ZfsArc.Get(); ok {
			yield(reflect.ValueOf(&arc).Elem(), nil, "")
		}
	}},
	"zfs.pool": {"storage.zfs_pools[]", reflect.TypeOf(libprobe.ZfsPoolMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, p := range zfsPools(s) {
			yield(reflect.ValueOf(p).Elem(), []labelPair{{"zpool", labelValue(p.Name)}}, "")
		}
	}},
	"zfs.dataset": {"storage.zfs_pools[].datasets[]", reflect.TypeOf(libprobe.ZfsDataset{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, p := range zfsPools(s) {
			for i := range p.Datasets {
				d := &p.Datasets[i]
				yield(reflect.ValueOf(d).Elem(), []labelPair{{"zpool", labelValue(p.Name)}, {"dataset", labelValue(d.Name)}}, "")
			}
		}
	}},
	"smart": {"storage.smart[]", reflect.TypeOf(libprobe.SmartMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, d := range disks(s) {
			yield(reflect.ValueOf(d).Elem(), []labelPair{{"device", smartDevice(d)}}, "")
		}
	}},
	"smart.info": {"storage.smart[]", reflect.TypeOf(libprobe.SmartMetrics{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, d := range disks(s) {
			kind := smartKinds[d.Protocol]
			l := []labelPair{{"device", smartDevice(d)}, {"interface", kind[0]}, {"protocol", kind[1]}}
			for _, f := range []struct {
				label string
				v     libprobe.Field[string]
			}{{"model_name", d.Model}, {"serial_number", d.Serial}, {"firmware_version", d.Firmware}, {"form_factor", d.FormFactor}} {
				if v, ok := f.v.Get(); ok && v != "" {
					l = append(l, labelPair{f.label, labelValue(v)})
				}
			}
			yield(reflect.ValueOf(d).Elem(), l, "")
		}
	}},
	"smart.attribute": {"storage.smart[].attributes[]", reflect.TypeOf(libprobe.SmartAttribute{}), func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
		for _, d := range disks(s) {
			dev := smartDevice(d)
			for i := range d.Attributes {
				a := &d.Attributes[i]
				short, long := smartFlags(a.Flags)
				yield(reflect.ValueOf(a).Elem(), []labelPair{{"device", dev}, {"attribute_name", smartAttributeName(a.ID)},
					{"attribute_flags_short", short}, {"attribute_flags_long", long}, {"attribute_id", strconv.Itoa(int(a.ID))}}, "")
			}
		}
	}},
}

func init() {
	for _, k := range hwmonKinds {
		kind := k.kind
		peerSources["hwmon."+k.prefix] = &peerSource{"power.hwmon[].channels[]", reflect.TypeOf(libprobe.SensorChannel{}),
			func(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
				chips, names := hwmonChips(s)
				for i := range chips {
					for j := range chips[i].Channels {
						if c := &chips[i].Channels[j]; c.Kind == kind {
							yield(reflect.ValueOf(c).Elem(), []labelPair{{"chip", names[i]}, {"sensor", labelValue(c.Name)}}, "")
						}
					}
				}
			}}
	}
}

// dcgmLabels are dcgm-exporter's labels of a GPU: gpu (the index), UUID, pci_bus_id (as
// NVML writes it for NVIDIA GPUs: an eight-digit domain, upper case), device (nvidia<gpu>,
// NVIDIA only) and modelName; a label libprobe could not read is left out.
func dcgmLabels(g *libprobe.GPUMetrics) []labelPair {
	idx := strconv.Itoa(int(g.Index))
	l := []labelPair{{"gpu", idx}}
	if u, ok := g.Uuid.Get(); ok {
		l = append(l, labelPair{"UUID", labelValue(u)})
	}
	if b, ok := g.PciBusID.Get(); ok {
		if g.Vendor == libprobe.GPUVendorNvidia {
			if dom, rest, found := strings.Cut(b, ":"); found {
				if d, err := strconv.ParseUint(dom, 16, 32); err == nil {
					b = fmt.Sprintf("%08X:%s", d, strings.ToUpper(rest))
				}
			}
		}
		l = append(l, labelPair{"pci_bus_id", labelValue(b)})
	}
	if g.Vendor == libprobe.GPUVendorNvidia {
		l = append(l, labelPair{"device", "nvidia" + idx})
	}
	if n, ok := g.Name.Get(); ok {
		l = append(l, labelPair{"modelName", labelValue(n)})
	}
	return l
}

var raplName = regexp.MustCompile(`_*[^0-9A-Za-z_]+_*`)

// eachRapl gives node_exporter's RAPL series: every zone with a name, in the order of
// /sys/class/powercap's entries; `package-0` is part `package`, index 0; a name without a
// number (`dram`) is indexed by how many zones of that name came before.
func eachRapl(s *libprobe.Snapshot, yield func(reflect.Value, []labelPair, string)) {
	p, _ := s.Power.Get()
	zones, _ := p.Domains.Get()
	order := make([]int, len(zones))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return zones[order[a]].Zone < zones[order[b]].Zone })
	seen := map[string]int{}
	for _, i := range order {
		z := &zones[i]
		name, ok := z.Name.Get()
		if !ok {
			continue
		}
		index := seen[name]
		if parts := strings.Split(name, "-"); len(parts) == 2 {
			if n, err := strconv.Atoi(parts[1]); err == nil {
				index, name = n, parts[0]
			}
		}
		seen[name] = index + 1
		yield(reflect.ValueOf(z).Elem(), []labelPair{{"index", strconv.Itoa(index)},
			{"path", "/sys/class/powercap/" + labelValue(z.Zone)}}, raplName.ReplaceAllString(name, "_"))
	}
}

var hwmonInvalid = regexp.MustCompile(`[^a-z0-9:_]`)

// cleanHwmon is node_exporter's form of a chip name: lower case, [a-z0-9:_] only.
func cleanHwmon(s string) string {
	return strings.Trim(hwmonInvalid.ReplaceAllLiteralString(strings.ToLower(strings.TrimSpace(s)), "_"), "_")
}

// hwmonChips gives the chips and their `chip` labels: the chip's device (node_exporter
// prefixes it with the bus, `platform_coretemp_0`, which the record does not have), else its
// name, else the class entry; chips sharing one get their name, else the entry, appended.
func hwmonChips(s *libprobe.Snapshot) ([]libprobe.HwmonChip, []string) {
	p, _ := s.Power.Get()
	chips, _ := p.Hwmon.Get()
	names := make([]string, len(chips))
	count := map[string]int{}
	for i := range chips {
		c := &chips[i]
		name := ""
		if d, ok := c.Device.Get(); ok {
			name = cleanHwmon(d)
		}
		if n, ok := c.Name.Get(); ok && name == "" {
			name = cleanHwmon(n)
		}
		if name == "" {
			name = cleanHwmon(c.ID)
		}
		names[i] = name
		count[name]++
	}
	for i := range chips {
		if count[names[i]] > 1 {
			suffix := cleanHwmon(chips[i].ID)
			if n, ok := chips[i].Name.Get(); ok && cleanHwmon(n) != names[i] {
				suffix = cleanHwmon(n)
			}
			names[i] += "_" + suffix
		}
	}
	return chips, names
}

func batteries(s *libprobe.Snapshot) []*libprobe.BatteryInfo {
	p, _ := s.Power.Get()
	bs, _ := p.Batteries.Get()
	out := make([]*libprobe.BatteryInfo, len(bs))
	for i := range bs {
		out[i] = &bs[i]
	}
	return out
}

func supplies(s *libprobe.Snapshot) []*libprobe.PowerSupply {
	p, _ := s.Power.Get()
	ps, _ := p.Supplies.Get()
	out := make([]*libprobe.PowerSupply, len(ps))
	for i := range ps {
		out[i] = &ps[i]
	}
	return out
}

// supplyStatus is the kernel's text of a status, as node_exporter labels it.
func supplyStatus(st libprobe.BatteryStatus) string {
	switch st {
	case libprobe.BatteryStatusCharging:
		return "Charging"
	case libprobe.BatteryStatusDischarging:
		return "Discharging"
	case libprobe.BatteryStatusNotCharging:
		return "Not charging"
	case libprobe.BatteryStatusFull:
		return "Full"
	}
	return "Unknown"
}

func btrfs(s *libprobe.Snapshot) []*libprobe.BtrfsMetrics {
	st, _ := s.Storage.Get()
	fss, _ := st.Btrfs.Get()
	out := make([]*libprobe.BtrfsMetrics, len(fss))
	for i := range fss {
		out[i] = &fss[i]
	}
	return out
}

func zfsPools(s *libprobe.Snapshot) []*libprobe.ZfsPoolMetrics {
	st, _ := s.Storage.Get()
	ps, _ := st.ZfsPools.Get()
	out := make([]*libprobe.ZfsPoolMetrics, len(ps))
	for i := range ps {
		out[i] = &ps[i]
	}
	return out
}

func disks(s *libprobe.Snapshot) []*libprobe.SmartMetrics {
	st, _ := s.Storage.Get()
	ds, _ := st.Smart.Get()
	out := make([]*libprobe.SmartMetrics, len(ds))
	for i := range ds {
		out[i] = &ds[i]
	}
	return out
}

// smartKinds are smartctl's device type (-d) and protocol of each command set.
var smartKinds = map[libprobe.StorageProtocol][2]string{
	libprobe.StorageProtocolSata: {"sat", "ATA"},
	libprobe.StorageProtocolNvme: {"nvme", "NVMe"},
	libprobe.StorageProtocolSas:  {"scsi", "SCSI"},
}

// smartDevice is smartctl_exporter's device label: the node without /dev/ (sda, nvme0).
func smartDevice(d *libprobe.SmartMetrics) string {
	return labelValue(strings.ReplaceAll(strings.TrimPrefix(d.Path, "/dev/"), "/", "_"))
}

// smartFlags are smartctl's two spellings of an attribute's flags: `PO--CK` and
// `prefailure,updated_online,event_count,auto_keep`.
func smartFlags(flags uint16) (short, long string) {
	letters := []byte("POSRCK")
	names := []string{"prefailure", "updated_online", "performance", "error_rate", "event_count", "auto_keep"}
	var set []string
	for i := range letters {
		if flags&(1<<i) == 0 {
			letters[i] = '-'
		} else {
			set = append(set, names[i])
		}
	}
	return string(letters), strings.Join(set, ",")
}

// smartAttributeName is smartctl's default name of an ATA attribute (smartmontools' drive
// database can give a model other names; those are not applied here).
func smartAttributeName(id uint8) string {
	if n, ok := smartNames[id]; ok {
		return n
	}
	return "Unknown_Attribute"
}

var smartNames = map[uint8]string{
	1: "Raw_Read_Error_Rate", 2: "Throughput_Performance", 3: "Spin_Up_Time", 4: "Start_Stop_Count",
	5: "Reallocated_Sector_Ct", 6: "Read_Channel_Margin", 7: "Seek_Error_Rate", 8: "Seek_Time_Performance",
	9: "Power_On_Hours", 10: "Spin_Retry_Count", 11: "Calibration_Retry_Count", 12: "Power_Cycle_Count",
	13: "Read_Soft_Error_Rate", 175: "Program_Fail_Count_Chip", 176: "Erase_Fail_Count_Chip",
	177: "Wear_Leveling_Count", 178: "Used_Rsvd_Blk_Cnt_Chip", 179: "Used_Rsvd_Blk_Cnt_Tot",
	180: "Unused_Rsvd_Blk_Cnt_Tot", 181: "Program_Fail_Cnt_Total", 182: "Erase_Fail_Count_Total",
	183: "Runtime_Bad_Block", 184: "End-to-End_Error", 187: "Reported_Uncorrect", 188: "Command_Timeout",
	189: "High_Fly_Writes", 190: "Airflow_Temperature_Cel", 191: "G-Sense_Error_Rate",
	192: "Power-Off_Retract_Count", 193: "Load_Cycle_Count", 194: "Temperature_Celsius",
	195: "Hardware_ECC_Recovered", 196: "Reallocated_Event_Count", 197: "Current_Pending_Sector",
	198: "Offline_Uncorrectable", 199: "UDMA_CRC_Error_Count", 200: "Multi_Zone_Error_Rate",
	201: "Soft_Read_Error_Rate", 202: "Data_Address_Mark_Errs", 203: "Run_Out_Cancel",
	204: "Soft_ECC_Correction", 205: "Thermal_Asperity_Rate", 206: "Flying_Height", 207: "Spin_High_Current",
	208: "Spin_Buzz", 209: "Offline_Seek_Performnce", 220: "Disk_Shift", 221: "G-Sense_Error_Rate",
	222: "Loaded_Hours", 223: "Load_Retry_Count", 224: "Load_Friction", 225: "Load_Cycle_Count",
	226: "Load-in_Time", 227: "Torq-amp_Count", 228: "Power-off_Retract_Count", 230: "Head_Amplitude",
	231: "Temperature_Celsius", 232: "Available_Reservd_Space", 233: "Media_Wearout_Indicator",
	240: "Head_Flying_Hours", 241: "Total_LBAs_Written", 242: "Total_LBAs_Read", 250: "Read_Error_Retry_Rate",
	254: "Free_Fall_Sensor",
}

// ---- The plan and a scrape.

type peerBinding struct {
	m       *peerMetric
	fam     *family // nil for a templated name: by part, in peers.byName
	field   int     // -1: an info metric
	wrapped bool
	div     float64 // 1/scale when that is whole (exact decimal results)
}

type peerPlan struct {
	src      *peerSource
	bindings []*peerBinding
}

// peers is the compat plan: the sources in a fixed order, each with its rows.
type peers struct {
	plans    []*peerPlan
	byName   map[string]*family
	families *[]*family // the exporter's: templated families are added to it
}

func peerFamily(m *peerMetric) *family {
	base := m.name
	if m.typ == peerCounter {
		base = strings.TrimSuffix(base, "_total")
	}
	return &family{name: m.name, base: base, help: m.help, counter: m.typ == peerCounter,
		untyped: m.typ == peerUntyped, peer: m.peer, seen: map[string]struct{}{}}
}

// newPeers plans the mapping. A peer name that a derived family has is a conflict (none
// can be: derived names start with libprobe_); rows of one name share their family.
func newPeers(pl *planner, families *[]*family) *peers {
	p := &peers{byName: map[string]*family{}, families: families}
	bySource := map[string]*peerPlan{}
	var keys []string
	for i := range peerMetrics {
		m := &peerMetrics[i]
		pp := bySource[m.source]
		if pp == nil {
			pp = &peerPlan{src: peerSources[m.source]}
			bySource[m.source] = pp
			keys = append(keys, m.source)
		}
		b := &peerBinding{m: m, field: -1}
		if m.field != "" {
			t := pp.src.record
			for j := 0; j < t.NumField(); j++ {
				if jsonName(t.Field(j)) == m.field {
					b.field, b.wrapped = j, isFieldType(t.Field(j).Type)
				}
			}
			if b.field < 0 {
				panic("compat: " + m.name + ": no field " + m.field + " in " + t.Name())
			}
		}
		if s := m.scale; s != 0 && s < 1 {
			if d := math.Round(1 / s); math.Abs(d*s-1) < 1e-12 {
				b.div = d
			}
		}
		if !strings.Contains(m.name, "%s") {
			if _, taken := pl.byName[m.name]; taken {
				pl.conflicts = append(pl.conflicts, m.name)
				continue
			}
			f := p.byName[m.name]
			if f == nil {
				f = peerFamily(m)
				p.byName[m.name] = f
				*families = append(*families, f)
			}
			b.fam = f
		}
		pp.bindings = append(pp.bindings, b)
	}
	for _, k := range keys {
		p.plans = append(p.plans, bySource[k])
	}
	return p
}

func peerNumber(v reflect.Value) (float64, bool) {
	switch v.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint()), true
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		return float64(v.Int()), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	case reflect.Bool:
		if v.Bool() {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// collect adds the peers' series of one snapshot.
func (p *peers) collect(w *walker, snap *libprobe.Snapshot) {
	for _, pp := range p.plans {
		pp.src.each(snap, func(rec reflect.Value, labels []labelPair, part string) {
			for _, b := range pp.bindings {
				m := b.m
				x := 1.0
				if b.field >= 0 {
					fv := rec.Field(b.field)
					if b.wrapped {
						if !fv.Field(1).Bool() {
							continue // missing: no series, never a zero
						}
						fv = fv.Field(0)
					}
					var ok bool
					if x, ok = peerNumber(fv); !ok {
						continue
					}
				}
				if m.when != nil && !m.when(x, rec) {
					continue
				}
				if m.value != nil {
					x = m.value(x)
				}
				switch {
				case b.div != 0:
					x /= b.div
				case m.scale != 0:
					x *= m.scale
				}
				f := b.fam
				if f == nil {
					f = p.templated(m, part)
				}
				w.add(f, with(labels, m.labels...), x)
			}
		})
	}
}

// templated is the family of a name with a part (node_rapl_<zone>_joules_total), made on
// first sight: one per zone name of the machine.
func (p *peers) templated(m *peerMetric, part string) *family {
	name := fmt.Sprintf(m.name, part)
	if f := p.byName[name]; f != nil {
		return f
	}
	mm := *m
	mm.name = name
	f := peerFamily(&mm)
	p.byName[name] = f
	*p.families = append(*p.families, f)
	return f
}

// peerLint is the promlint complaints accepted for a peer family (nil for a family that
// has none, derived families included).
func peerLint(name string) []string {
	for i := range peerMetrics {
		m := &peerMetrics[i]
		if m.name == name || strings.Contains(m.name, "%s") && matchTemplate(m.name, name) {
			return m.lint
		}
	}
	return nil
}

func matchTemplate(tmpl, name string) bool {
	pre, suf, _ := strings.Cut(tmpl, "%s")
	return len(name) > len(pre)+len(suf) && strings.HasPrefix(name, pre) && strings.HasSuffix(name, suf)
}
