# tensorgrade images. Build context: the repository root (or the folder `tensorgrade sandbox build`
# writes, which has the same layout). Nothing here needs BuildKit.
#
#   sandbox     Python runtime for student code: python3, numpy, torch, the harness, user `student`.
#   autograder  JRE + grader jar + the sandbox runtime, for Gradescope (see the note on that target).
#
# BASE defaults to the offline image that `tensorgrade sandbox build` makes with debootstrap and
# `docker import`, which already has python3, numpy and torch, so the build downloads nothing.
# With a registry, pass e.g. --build-arg BASE=debian:bookworm-slim and apt installs them.
ARG BASE=tensorgrade-base:bookworm

FROM ${BASE} AS sandbox
RUN set -e; \
    if ! /usr/bin/python3 -c 'import numpy, torch' >/dev/null 2>&1; then \
        apt-get update; \
        apt-get install -y --no-install-recommends python3 python3-numpy python3-torch; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    if ! getent passwd 10001 >/dev/null; then \
        useradd --uid 10001 --user-group --home-dir /work --no-create-home --shell /usr/sbin/nologin student; \
    fi; \
    mkdir -p /work /opt/tensorgrade/harness; \
    chown 10001:10001 /work
COPY grader/src/main/resources/harness/ /opt/tensorgrade/harness/
# The harness is root-owned and read-only for the student; compiling it here keeps start-up fast.
RUN chmod -R a+rX,go-w /opt/tensorgrade \
 && /usr/bin/python3 -m compileall -q /opt/tensorgrade/harness \
 && /usr/bin/python3 -I -c "import sys; sys.path.insert(0, '/opt/tensorgrade/harness'); import tg_common, wire, scan, guard, convert"
ENV LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 OMP_NUM_THREADS=1
# The grader starts its containers as root with every capability dropped but SETUID, SETGID and
# KILL: its runner needs them to run student code as this user (which has none) and to stop it.
USER 10001:10001
WORKDIR /work
CMD ["sleep", "infinity"]

# Gradescope runs this image as root with no Docker inside, so the grader uses its process
# sandbox there (rlimits, a dropped uid, bubblewrap when the kernel allows it).
# SKETCH: it builds only when BASE already has a JRE (java on PATH) or apt can reach a mirror;
# the offline debootstrap base has neither, so build it with e.g.
#   --build-arg BASE=eclipse-temurin:17-jre-jammy  (after `mvn package`, for grader/target/tensorgrade.jar)
FROM sandbox AS autograder
USER root
RUN set -e; \
    if ! command -v java >/dev/null 2>&1; then \
        apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless bubblewrap \
        || { echo 'autograder target: BASE has no JRE and apt cannot install one' >&2; exit 1; }; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    mkdir -p /autograder/results
COPY grader/target/tensorgrade.jar /opt/tensorgrade/tensorgrade.jar
RUN printf '%s\n' '#!/bin/sh' \
      'exec java -jar /opt/tensorgrade/tensorgrade.jar grade --sandbox process \' \
      '  --submission /autograder/submission --results /autograder/results/results.json "$@"' \
      > /autograder/run_autograder \
 && chmod 755 /autograder/run_autograder
WORKDIR /autograder
CMD ["/autograder/run_autograder"]
