#!/usr/bin/env bash
# Times tensorgrade's float32 CPU inference (io.tensorgrade.ref.infer) against PyTorch on the same data:
# 10,000 synthetic CIFAR-format uint8 images through zoo:cs5242-cnn with random weights, the same number
# of threads on both sides, preprocessing (/255, normalise) included. The two sides run alternately, one
# fresh process each per round, so that load from other work on the machine hits both alike.
#
# Environment: THREADS (default: nproc), ROUNDS (default 5), IMAGES (default 10000), PASSES per process
# (default 3: the first includes JIT/oneDNN warm-up), JAVA_BATCH (images per worker batch, default 32),
# TORCH_BATCH (default 256), DATA (folder for the generated data; default a temporary one),
# JAVA_FALLBACK=1 also times the plain-Java kernel (no Vector API) once.
# Prints every pass, then the median and best of the first passes plus setup (cold: Java's compile,
# which warms up the kernel; PyTorch's model build and load_state_dict) and of the later passes (warm),
# and the ratio Java / PyTorch of each. Needs /usr/bin/python3 with torch, and Maven (offline).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${THREADS:-$(nproc)}"
rounds="${ROUNDS:-5}"
images="${IMAGES:-10000}"
passes="${PASSES:-3}"
java_batch="${JAVA_BATCH:-32}"
torch_batch="${TORCH_BATCH:-256}"
python=/usr/bin/python3
data="${DATA:-}"
if [ -z "$data" ]; then
  data="$(mktemp -d)"
  trap 'rm -rf "$data"' EXIT
fi
mkdir -p "$data"
log="$data/bench.log"
: > "$log"

(cd "$here" && mvn -q -B -o -pl reference-impl test-compile)
cp="$here/reference-impl/target/classes:$here/reference-impl/target/test-classes"
"$python" "$here/bench/inference_pytorch.py" generate "$data" --n "$images"

run_java() {
  java --add-modules jdk.incubator.vector -cp "$cp" io.tensorgrade.ref.infer.InferenceBench \
      "$data" "$threads" "$java_batch" "$passes" "${1:-AUTO}" 2>/dev/null | tee -a "$log"
}
run_torch() {
  "$python" "$here/bench/inference_pytorch.py" run "$data" --threads "$threads" --batch "$torch_batch" \
      --passes "$passes" | tee -a "$log"
}

for ((r = 1; r <= rounds; r++)); do
  echo "round $r of $rounds ($(cut -d' ' -f1-3 /proc/loadavg) load)"
  if ((r % 2)); then run_java; run_torch; else run_torch; run_java; fi
done
agree="$(paste "$data/java_pred.txt" "$data/torch_pred.txt" | awk '$1 == $2 { s++ } END { print s + 0 }')"

# Median and best per side, cold (pass 1) and warm (later passes), wall and CPU seconds.
awk -v agree="$agree" -v n="$images" -v rounds="$rounds" '
  function median(a, k,   i, j, t) {
    for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  function best(a, k,   i, m) { m = a[1]; for (i = 2; i <= k; i++) if (a[i] < m) m = a[i]; return m }
  /^(java|pytorch) setup / { split($3, s, "="); split($4, c, "="); setup[$1] = s[2]; setupCpu[$1] = c[2] }
  /^(java|pytorch) pass=/ {
    split($2, p, "="); split($3, s, "="); split($4, c, "=")
    cold = p[2] == 1
    key = $1 (cold ? "-cold" : "-warm")
    # Cold: setup (model compile / build + load_state_dict) plus the first pass.
    w[key, ++cnt[key]] = s[2] + (cold ? setup[$1] : 0); u[key, cnt[key]] = c[2] + (cold ? setupCpu[$1] : 0)
  }
  END {
    printf "\n%-14s %8s %8s %8s %8s  (seconds for %d images, %d rounds)\n", "", "median", "best", "cpu-med", "cpu-best", n, rounds
    split("java-cold pytorch-cold java-warm pytorch-warm", keys, " ")
    for (i = 1; i <= 4; i++) {
      k = keys[i]; m = cnt[k]
      for (j = 1; j <= m; j++) { a[j] = w[k, j]; b[j] = u[k, j] }
      med[k] = median(a, m); bst[k] = best(a, m); cmed[k] = median(b, m); cbst[k] = best(b, m)
      printf "%-14s %8.2f %8.2f %8.2f %8.2f\n", k, med[k], bst[k], cmed[k], cbst[k]
    }
    printf "\nratio java/pytorch, warm: median %.2f, best %.2f; cold: median %.2f, best %.2f\n",
      med["java-warm"] / med["pytorch-warm"], bst["java-warm"] / bst["pytorch-warm"],
      med["java-cold"] / med["pytorch-cold"], bst["java-cold"] / bst["pytorch-cold"]
    printf "predicted classes agree on %d of %d images\n", agree, n
  }' "$log"
if [ "${JAVA_FALLBACK:-0}" = 1 ]; then
  echo
  echo "plain-Java kernel (what runs without --add-modules jdk.incubator.vector), one process:"
  java -cp "$cp" io.tensorgrade.ref.infer.InferenceBench "$data" "$threads" "$java_batch" "$passes" JAVA \
      | sed 's/^java/java-fallback/'
fi
