# The storage domain. Its tests are cargo tests (`make test-rust` runs them: parsers,
# goldens, and the live loop-device tests, which need root). The live tests compare a
# Btrfs with `btrfs filesystem usage`/`device stats` (btrfs-progs) and an LVM volume group
# with `vgs`/`lvs`/`pvs` (lvm2), which a fresh machine lacks: `make deps` installs both.
# The benchmark also runs `smartctl` (smartmontools), installed by `bench-storage`.
#
#   make bench-storage   libprobe's SMART, LVM and Btrfs reads beside smartctl, vgs+lvs+pvs
#                        and btrfs filesystem usage (bench/run_storage.py; about a minute)

.PHONY: deps-storage bench-storage

deps: deps-storage

deps-storage:
	@dpkg -s btrfs-progs >/dev/null 2>&1 || { \
	  echo "make: installing btrfs-progs (the storage tests compare a Btrfs with btrfs filesystem usage)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends btrfs-progs; }
	@dpkg -s lvm2 >/dev/null 2>&1 || { \
	  echo "make: installing lvm2 (the storage tests compare LVM metadata with vgs, lvs and pvs)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lvm2; }

bench-storage: $(VENV)/ready build
	@dpkg -s smartmontools >/dev/null 2>&1 || { \
	  echo "make: installing smartmontools (the storage benchmark runs smartctl beside libprobe)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends smartmontools; }
	$(PY) bench/run_storage.py
