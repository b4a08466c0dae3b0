#!/usr/bin/env bash
# GPU inference (module gpu, JCuda + PTX) against the CPU backend on a machine with an NVIDIA GPU:
# random He-scaled weights for a zoo network (default cs5242-cnn), random uint8 CIFAR-format images.
#
#   bench/gpu-inference.sh package   # here, with Maven and a JDK: builds gpu/target/device/
#                                    #   (jars + a jlink'ed JRE, about 45 MB) to copy to the GPU machine
#   bench/gpu-inference.sh           # there: 1) agreement on 512 images (logits within 1e-4 + 1e-4*|cpu|,
#                                    #   identical classes; exit 1 otherwise), 2) 10,000 images timed,
#                                    #   GPU (including host<->device copies) against CPU, 3 passes each
#
# The GPU machine needs the NVIDIA driver (libcuda.so.1) and nothing else: no CUDA toolkit, no Java
# (the JRE travels in gpu/target/device/jre; JAVA=/path/to/java overrides it). Environment: IMAGES
# (default 10000), NETWORK (default cs5242-cnn), PASSES (default 3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
device="$here/gpu/target/device"

if [ "${1:-run}" = package ]; then
  (cd "$here" && mvn -q -B -o -pl gpu -am package -DskipTests)
  rm -rf "$device" && mkdir -p "$device/lib"
  m2="${M2_REPO:-$HOME/.m2/repository}"
  cp "$here/reference-impl/target/reference-impl-0.1.0-SNAPSHOT.jar" "$here/gpu/target/gpu-0.1.0-SNAPSHOT.jar" \
     "$m2/org/jcuda/jcuda/12.0.0/jcuda-12.0.0.jar" "$device/lib/"
  # Only the driver API's JNI library is needed; the natives jar also carries 25 MB of others.
  python3 - "$m2/org/jcuda/jcuda-natives/12.0.0/jcuda-natives-12.0.0-linux-x86_64.jar" \
      "$device/lib/jcuda-natives-12.0.0-linux-x86_64.jar" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for e in src.infolist():
        if not e.filename.startswith("lib/") or "JCudaDriver" in e.filename or e.filename == "lib/":
            dst.writestr(e, src.read(e))
PY
  jlink --add-modules java.base,java.logging,jdk.incubator.vector --strip-debug --no-man-pages \
      --no-header-files --compress=2 --output "$device/jre"
  du -sh "$device"
  exit 0
fi

java="${JAVA:-$device/jre/bin/java}"
if [ ! -x "$java" ]; then
  echo "no Java at $java: run 'bench/gpu-inference.sh package' on a machine with a JDK and copy gpu/target/device" >&2
  exit 2
fi
cp="$device/lib/*"
run() { "$java" --add-modules jdk.incubator.vector -cp "$cp" io.tensorgrade.gpu.GpuBench "$@" 2>&1 \
          | grep -v 'Using incubator modules'; return "${PIPESTATUS[0]}"; }
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
echo "== agreement: 512 images, ${NETWORK:-cs5242-cnn}"
run 512 "${NETWORK:-cs5242-cnn}" 1 7
echo "== timing: ${IMAGES:-10000} images, ${NETWORK:-cs5242-cnn}"
run "${IMAGES:-10000}" "${NETWORK:-cs5242-cnn}" "${PASSES:-3}" 1
