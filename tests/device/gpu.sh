#!/usr/bin/env bash
# The real-GPU check (issue 10), for a machine with an NVIDIA GPU and its driver:
#   1. libprobe's GPUs (`probe snapshot --json --domains gpu`) against `nvidia-smi -q -x`
#      and `nvidia-smi --query-compute-apps`, field by field (tests/device/compare_gpu.py),
#      with a CUDA process running when torch is there to start one;
#   2. the benchmark (bench/run_gpu.py --real): libprobe beside the NVML floor, pynvml and
#      nvidia-smi as a process.
#
#   tests/device/gpu.sh [OUT_DIR]        (default: $OUT, else ./gpu-device-check)
#
# Uses target/release/probe and target/release/libprobe_gpu when present (built here and
# carried), else builds them with cargo. NVIDIA_SMI and PROBE override the commands (the
# self-test runs it against the fake NVML with a stand-in nvidia-smi).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT_DIR=${1:-${OUT:-./gpu-device-check}}
mkdir -p "$OUT_DIR"
SMI=${NVIDIA_SMI:-nvidia-smi}
PROBE=${PROBE:-target/release/probe}
PY=${PYTHON:-python3}

if ! command -v "${SMI%% *}" >/dev/null 2>&1; then
  echo "gpu.sh: no nvidia-smi here: this check needs an NVIDIA GPU" >&2
  exit 2
fi
if [ ! -x "$PROBE" ]; then
  cargo build --release -q -p probe-cli
fi
$SMI -L | tee "$OUT_DIR/smi-L.txt"

# A CUDA process to see in both lists (bounded: it exits by itself after 60 s).
LOAD_PID=
for p in "$PY" /opt/torch/.venv/bin/python3; do
  if "$p" -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
    "$p" -c 'import torch, time; a = torch.ones(256 << 20, device="cuda"); time.sleep(60)' &
    LOAD_PID=$!
    sleep 8
    break
  fi
done
trap '[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true' EXIT

$SMI -q -x > "$OUT_DIR/smi.xml"
$SMI --query-compute-apps=pid,process_name,used_memory,gpu_uuid --format=csv,noheader,nounits > "$OUT_DIR/apps.csv"
"$PROBE" snapshot --json --domains gpu --pcie-throughput --nvml-energy > "$OUT_DIR/probe.json"
"$PROBE" gpu > "$OUT_DIR/probe-gpu.txt" || true
status=0
"$PY" tests/device/compare_gpu.py "$OUT_DIR/probe.json" "$OUT_DIR/smi.xml" "$OUT_DIR/apps.csv" | tee "$OUT_DIR/compare.txt" || status=1
[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true

if [ -z "${SKIP_BENCH:-}" ]; then
  "$PY" bench/run_gpu.py --real --runs 10 --repeat 2000 --out "$OUT_DIR/gpu-bench" || status=1
fi
exit $status
