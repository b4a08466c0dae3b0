package io.tensorgrade.grader.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of one job (one submission). Docker enforces memory, CPU and processes with
 * cgroups; the process sandbox approximates them with rlimits (see docs/sandbox.md).
 *
 * @param jobTimeout     wall clock for the whole job: start, scan, every step, collection
 * @param callTimeout    default wall clock of one step
 * @param startupTimeout wall clock for the Python worker to start (imports of numpy and torch)
 * @param memoryBytes    memory of the container; address space of each process in the process sandbox
 * @param cpus           CPU cores (docker)
 * @param pids           processes and threads the student code may have at once
 * @param scratchBytes   size of the writable scratch folder (and the largest file student code may write)
 * @param logBytes       how much of stdout and of stderr is kept
 * @param outputBytes    printing more than this in total stops the worker
 * @param resultBytes    the largest single returned tensor
 * @param openFiles      open file descriptors per process
 */
public record Limits(Duration jobTimeout, Duration callTimeout, Duration startupTimeout, long memoryBytes,
                     double cpus, int pids, long scratchBytes, long logBytes, long outputBytes, long resultBytes,
                     int openFiles) {
    private static final long MB = 1L << 20;

    public Limits {
        positive("jobTimeout", jobTimeout);
        positive("callTimeout", callTimeout);
        positive("startupTimeout", startupTimeout);
        atLeast("memoryBytes", memoryBytes, 64 * MB);
        if (!(cpus >= 0.1) || cpus > 256) {
            throw new IllegalArgumentException("Limits: cpus=" + cpus + " must be between 0.1 and 256");
        }
        atLeast("pids", pids, 8);
        atLeast("scratchBytes", scratchBytes, MB);
        atLeast("logBytes", logBytes, 1024);
        atLeast("outputBytes", outputBytes, logBytes);
        atLeast("resultBytes", resultBytes, 1024);
        atLeast("openFiles", openFiles, 32);
    }

    /** 5 min per job, 10 s per call, 2 GiB, 1 CPU, 128 processes, 64 MiB scratch, 64 KiB of each log. */
    public static Limits defaults() {
        return new Limits(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 2048 * MB, 1.0,
                128, 64 * MB, 64 * 1024, 16 * MB, 64 * MB, 256);
    }

    public Limits withJobTimeout(Duration d) {
        return new Limits(d, callTimeout, startupTimeout, memoryBytes, cpus, pids, scratchBytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withCallTimeout(Duration d) {
        return new Limits(jobTimeout, d, startupTimeout, memoryBytes, cpus, pids, scratchBytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withMemoryBytes(long bytes) {
        return new Limits(jobTimeout, callTimeout, startupTimeout, bytes, cpus, pids, scratchBytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withPids(int n) {
        return new Limits(jobTimeout, callTimeout, startupTimeout, memoryBytes, cpus, n, scratchBytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withScratchBytes(long bytes) {
        return new Limits(jobTimeout, callTimeout, startupTimeout, memoryBytes, cpus, pids, bytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withCpus(double n) {
        return new Limits(jobTimeout, callTimeout, startupTimeout, memoryBytes, n, pids, scratchBytes, logBytes,
                outputBytes, resultBytes, openFiles);
    }

    public Limits withOutput(long keptBytes, long maxBytes) {
        return new Limits(jobTimeout, callTimeout, startupTimeout, memoryBytes, cpus, pids, scratchBytes, keptBytes,
                maxBytes, resultBytes, openFiles);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Limits: " + name + "=" + d + " must be positive");
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("Limits: " + name + "=" + value + " must be at least " + min);
        }
    }
}
