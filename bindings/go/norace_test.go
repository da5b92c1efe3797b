//go:build !race

package libprobe

const raceEnabled = false
