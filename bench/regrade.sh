#!/usr/bin/env bash
# Benchmark: `tensorgrade regrade` over a whole class against what a TA does today, a shell loop of
# `tensorgrade grade` (one JVM per submission), measured in the same run on the same folders.
#   500 theory submissions (the cnn-sizes-flops samples mixed part by part, code parts left out):
#     goals <= 15 s wall on 2 cores, >= 40x the loop; the rerun after one part's rubric entry changed <= 3 s;
#     peak RSS of the grading JVM <= 1 GiB.
#   100 submissions of alexnet-cifar10's part 1 functions in Docker: goal <= 150 s on 2 cores, and the
#     per-submission sandbox overhead.
# The loop is timed on a sample of the folders (LOOP_SAMPLE, default 20 and 5) and scaled to the class:
# its cost per submission is flat. Needs the sandbox image for the Docker part (skipped without it).
#   bench/regrade.sh [THEORY_N] [CODE_N]
set -euo pipefail
cd "$(dirname "$0")/.."
theory_n="${1:-500}"
code_n="${2:-100}"
loop_theory="${LOOP_SAMPLE:-20}"
loop_code="${LOOP_SAMPLE_CODE:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./tensorgrade --version > /dev/null   # builds the jar if needed

now_ms() { date +%s%3N; }

# Runs "$@" and prints "wall_ms peak_rss_kib" (VmHWM of the process, sampled until it exits: the launcher
# execs the JVM, so the pid is the JVM's).
measure() {
  local t0 t1 pid hwm=0 h
  t0=$(now_ms)
  "$@" > "$work/last.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    h=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$h" ] && hwm=$h
    sleep 0.05
  done
  wait "$pid" || { echo "failed: $*" >&2; tail -20 "$work/last.log" >&2; exit 1; }
  t1=$(now_ms)
  echo "$((t1 - t0)) $hwm"
}

loop_ms() {  # the TA's loop over the first $2 folders of class $1 with rubric $3: prints ms per submission
  local class="$1" n="$2" rubric="$3" t0 t1 count=0
  shift 3
  t0=$(now_ms)
  for d in $(ls "$class" | head -n "$n"); do
    ./tensorgrade grade --rubric "$rubric" --format json --out "$work/loop/$d.json" "$@" "$class/$d" \
      > /dev/null 2>&1 || true
    count=$((count + 1))
  done
  t1=$(now_ms)
  echo $(( (t1 - t0) / count ))
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== $theory_n theory submissions (rubrics/cnn-sizes-flops.yaml without its code parts)"
python3 bench/regrade_classes.py theory rubrics/cnn-sizes-flops.yaml "$work/theory" "$theory_n"
rubric="$work/theory/rubric.yaml"
per=$(loop_ms "$work/theory/class" "$loop_theory" "$rubric")
loop_total=$((per * theory_n))
read -r wall rss <<< "$(measure ./tensorgrade regrade --rubric "$rubric" "$work/theory/class" --out "$work/run" --quiet)"
grep -q "$theory_n graded" "$work/last.log" || { cat "$work/last.log"; exit 1; }
sed -i '0,/title: "Q1/s//title: "Q1 (edited)/' "$rubric"   # one part's rubric entry changes
read -r rerun _ <<< "$(measure ./tensorgrade regrade --rubric "$rubric" "$work/theory/class" --out "$work/run" --quiet)"
echo "rerun said: $(grep unchanged "$work/last.log")"
awk -v per="$per" -v n="$theory_n" -v loop="$loop_total" -v wall="$wall" -v rss="$rss" -v rerun="$rerun" \
    -v sample="$loop_theory" 'BEGIN {
  printf "loop of tensorgrade grade: %d ms per submission (timed on %d), %.1f s for %d\n", per, sample, loop / 1000, n;
  printf "regrade, one JVM:          %.1f s  (%.1f ms per submission)   goal <= 15 s: %s\n", wall / 1000,
         wall / n, (wall <= 15000 ? "met" : "NOT met");
  printf "ratio loop / regrade:      %.1fx   goal >= 40x: %s\n", loop / wall, (loop / wall >= 40 ? "met" : "NOT met");
  printf "rerun after one part changed: %.1f s   goal <= 3 s: %s\n", rerun / 1000, (rerun <= 3000 ? "met" : "NOT met");
  printf "peak RSS of the grading JVM:  %d MiB   goal <= 1024 MiB: %s\n", rss / 1024, (rss <= 1048576 ? "met" : "NOT met") }'

echo
if ! ./tensorgrade sandbox status 2>&1 | grep -q "^docker"; then
  echo "== Docker part skipped: $(./tensorgrade sandbox status 2>&1 | head -1)"
  exit 0
fi
echo "== $code_n submissions of alexnet-cifar10 part 1 (six functions) in Docker"
python3 bench/regrade_classes.py code rubrics/alexnet-cifar10.yaml submissions-sample/alexnet-cifar10 \
  "$work/code" "$code_n" p1_
rubric="$work/code/rubric.yaml"
per=$(loop_ms "$work/code/class" "$loop_code" "$rubric" --sandbox docker)
read -r wall rss <<< "$(measure ./tensorgrade regrade --rubric "$rubric" "$work/code/class" --out "$work/code-run" \
  --sandbox docker --quiet)"
grep -q "$code_n graded" "$work/last.log" || { cat "$work/last.log"; exit 1; }
calls=$(grep -o '"feedback" : "[^"]*in [0-9]* of [0-9]* case' "$work/code-run/results/s000.json" \
  | grep -o 'of [0-9]*' | awk '{s += $2} END {print s}')
jobs=$(grep -o '([0-9]* at once)' "$work/last.log" | grep -o '[0-9]*' | head -1)
# The sandbox's own cost per submission: `sandbox bench` starts a container and runs an empty job.
overhead=$(./tensorgrade sandbox bench --sandbox docker --runs 3 2>/dev/null | grep -o 'median [0-9]* ms' | grep -o '[0-9]*' | head -1)
awk -v per="$per" -v n="$code_n" -v wall="$wall" -v calls="${calls:-?}" -v jobs="${jobs:-?}" -v sample="$loop_code" \
    -v overhead="${overhead:-?}" 'BEGIN {
  printf "cases per submission: %s; %s submissions at once\n", calls, jobs;
  printf "loop of tensorgrade grade --sandbox docker: %d ms per submission (timed on %d), %.1f s for %d\n", per,
         sample, per * n / 1000, n;
  printf "regrade, one JVM:  %.1f s  (%.0f ms per submission)   goal <= 150 s: %s\n", wall / 1000, wall / n,
         (wall <= 150000 ? "met" : "NOT met");
  printf "ratio loop / regrade: %.1fx\n", per * n / wall;
  printf "sandbox overhead per submission (tensorgrade sandbox bench, empty job): %s ms\n", overhead }'
