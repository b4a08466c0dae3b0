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
echo "load after:$(uptime | sed 's/.*load average//')"
