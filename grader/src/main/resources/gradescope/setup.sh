#!/usr/bin/env bash
# Gradescope runs this once while building the autograder image (Ubuntu or Debian base, as root).
# It installs what the grader needs: a Java 17 runtime, and python3 with numpy and torch (CPU) for
# the process sandbox that runs student code. bubblewrap adds namespaces where the kernel allows it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jre-headless python3 python3-numpy bubblewrap util-linux
# Debian and Ubuntu package PyTorch as python3-torch; older Ubuntu releases do not, so fall back to pip.
if ! apt-get install -y --no-install-recommends python3-torch; then
  apt-get install -y --no-install-recommends python3-pip
  python3 -m pip install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cpu
fi
# Zip files made on some systems lose the executable bit; the harness needs it on the entry point.
chmod 755 /autograder/run_autograder /autograder/source/run_autograder 2>/dev/null || true
/usr/bin/python3 -c 'import numpy, torch; print("tensorgrade: numpy", numpy.__version__, "torch", torch.__version__)'
