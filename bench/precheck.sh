#!/usr/bin/env bash
# Benchmark: wall time of a student's pre-check (`tensorgrade check` on a theory rubric), JVM start included,
# against a bare JVM start (`java -version`) measured in the same run. Target: pre-check under 1.5 s.
#   bench/precheck.sh [RUBRIC SUBMISSION] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rubric="${1:-rubrics/cnn-sizes-flops.yaml}"
submission="${2:-submissions-sample/cnn-sizes-flops/as-written}"
runs="${3:-10}"
target_ms=1500

./tensorgrade check --rubric "$rubric" "$submission" > /dev/null   # builds the jar and the CDS archive if needed

median_ms() {  # runs "$@" $runs times, prints the median wall time in ms
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# Interleave the two sides in rounds so that load from other processes hits both alike.
base=(); pre=()
for _ in 1 2 3; do
  base+=("$(median_ms java -Xshare:auto -version)")
  pre+=("$(median_ms ./tensorgrade check --rubric "$rubric" "$submission")")
done
med() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
b=$(med "${base[@]}"); p=$(med "${pre[@]}")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bare JVM start (java -version):       ${b} ms"
echo "pre-check ($rubric): ${p} ms"
awk -v p="$p" -v b="$b" -v t="$target_ms" 'BEGIN {
  printf "ratio pre-check / bare JVM start:      %.2f\n", p / b;
  printf "target %d ms: %s\n", t, (p <= t ? "met" : "NOT met") }'
