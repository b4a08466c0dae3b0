package io.tensorgrade.grader.check.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated {@code check: training} part: how to run the student's script; the checkpoint it writes is
 * graded with the part's {@link AccuracySettings}.
 *
 * @param script       the script in the submission, e.g. {@code train.py}
 * @param args         its arguments, with {@code {data}}, {@code {out}} and {@code {device}} placeholders
 * @param trainData    the training split exposed to it, read-only
 * @param budget       wall-clock budget of the run with a GPU (or on CPU when {@code device} is cpu)
 * @param cpuBudget    the budget when it runs on CPU instead of a GPU
 * @param device       where it should run
 * @param whenNoGpu    what to do when it asks for a GPU and there is none
 * @param memoryBytes  memory of the run
 * @param cpus         CPU cores (and threads) of the run
 * @param logBytes     how much of stdout and of stderr is kept for the staff
 * @param studentLines how many last lines of the log the student sees
 */
record TrainingSettings(String script, List<String> args, TrainData trainData, Duration budget, Duration cpuBudget,
                        Device device, NoGpu whenNoGpu, long memoryBytes, double cpus, long logBytes,
                        int studentLines) {

    /** {@code device:} in the rubric. */
    enum Device { CPU, GPU, AUTO }

    /** {@code when_no_gpu:} in the rubric. */
    enum NoGpu { CPU, SKIP }

    TrainingSettings {
        Objects.requireNonNull(script, "script");
        args = List.copyOf(args);
        Objects.requireNonNull(trainData, "trainData");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(cpuBudget, "cpuBudget");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(whenNoGpu, "whenNoGpu");
        if (budget.isNegative() || budget.isZero() || cpuBudget.isNegative() || cpuBudget.isZero()) {
            throw new IllegalArgumentException("budget=" + budget + ", cpuBudget=" + cpuBudget + " must be positive");
        }
    }
}
