#!/usr/bin/env bash
# Per-submission overhead of the docker and process sandboxes: wall time from container (or process)
# start to validated results, minus the student's own compute, for a job of six small numpy calls
# (relu and affine forward/backward with caches kept in the sandbox, a softmax loss).
# Usage: bench/sandbox-overhead.sh [RUNS]     (builds the jar and, when missing, the sandbox image)
# Target: docker at most 1.5 s per submission. The machine's load changes the figures: note `uptime`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cd "$here"
echo "machine: $(nproc) cores; load:$(uptime | sed 's/.*load average//')"
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  ./tensorgrade sandbox status | head -1
  if ! ./tensorgrade sandbox status 2>/dev/null | head -1 | grep -q '^docker sandbox'; then
    echo "building the sandbox image first..."
    ./tensorgrade sandbox build >/dev/null
  fi
fi
./tensorgrade sandbox bench --runs "$runs"

# The seed 002 rubric end to end: the six my_* parts of a correct notebook (30 calls, one sandbox job per
# submission), graded by the CLI (JVM start, rubric load, reports included), per sandbox. The baseline is
# the same command with --sandbox process, measured in the same run. (Without --data the accuracy and
# training parts stop at once with "data not available".)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_grade() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    ./tensorgrade grade --sandbox "$1" --rubric rubrics/alexnet-cifar10.yaml \
      submissions-sample/alexnet-cifar10/correct >/dev/null 2>&1
    awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN {printf "%.2f\n", a - b}'
  done | median
}
process_s=$(time_grade process)
echo "seed 002 rubric, correct sample, grade wall time (median of $runs): process ${process_s} s"
if ./tensorgrade sandbox status 2>/dev/null | head -1 | grep -q '^docker sandbox'; then
  docker_s=$(time_grade docker)
  echo "seed 002 rubric, correct sample, grade wall time (median of $runs): docker ${docker_s} s;" \
    "docker / process = $(awk -v a="$docker_s" -v b="$process_s" 'BEGIN {printf "%.2f", a / b}')"
fi
echo "load after:$(uptime | sed 's/.*load average//')"
