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

# Gradescope "custom Docker image" (or any host that runs the autograder as a container). The build
# context folder AUTOGRADER is what `tensorgrade gradescope package --folder` writes; with --jlink it holds
# its own Java runtime, so the image builds offline from the debootstrap base. Gradescope runs it as root
# with no Docker inside, so run_autograder uses the process sandbox (rlimits, a dropped uid, timeouts).
#   ./tensorgrade gradescope package --rubric rubrics/alexnet-cifar10.yaml --jlink --folder build/autograder
#   docker build --target autograder --build-arg AUTOGRADER=build/autograder -t cs5242-hw4-autograder .
FROM sandbox AS autograder
ARG AUTOGRADER=build/autograder
USER root
COPY ${AUTOGRADER}/ /autograder/source/
RUN set -e; \
    if [ ! -x /autograder/source/jre/bin/java ] && ! command -v java >/dev/null 2>&1; then \
        apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
        || { echo 'autograder target: no jre/ in the package (use --jlink) and apt cannot install one' >&2; exit 1; }; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    cp /autograder/source/run_autograder /autograder/run_autograder; \
    chmod 755 /autograder/run_autograder /autograder/source/run_autograder; \
    mkdir -p /autograder/results /autograder/submission
WORKDIR /autograder
CMD ["/autograder/run_autograder"]
