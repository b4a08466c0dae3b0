package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code check: training}: runs the student's training script in the sandbox with a time budget, the
 * training split mounted read-only and nothing of the held-out set inside, then grades the checkpoint it
 * wrote exactly as {@code check: accuracy} grades a submitted one (same keys: network, dataset, threshold,
 * ...). {@code device: gpu|cpu|auto} and {@code when_no_gpu: cpu|skip} say what happens on a machine
 * without a GPU.
 */
public final class TrainingKind implements CheckKind {
    private static final Set<String> TRAINING_KEYS = Set.of("script", "args", "train_data", "budget", "cpu_budget",
            "device", "when_no_gpu", "memory_mb", "cpus", "log_kb", "log_lines");

    @Override
    public String name() {
        return "training";
    }

    @Override
    public String description() {
        return "runs the submitted training script in the sandbox with a time budget on the training split, then"
                + " grades the checkpoint it wrote like the accuracy check";
    }

    @Override
    public Set<String> keys() {
        Set<String> all = new HashSet<>(AccuracyKind.KEYS);
        all.addAll(TRAINING_KEYS);
        return Set.copyOf(all);
    }

    @Override
    public Check create(ConfigReader config) {
        AccuracySettings accuracy = AccuracyKind.settings(config);
        TrainingSettings training = training(config);
        if (!config.ok() || accuracy == null || training == null) {
            return null;
        }
        return new TrainingCheck(training, accuracy);
    }

    private static TrainingSettings training(ConfigReader config) {
        String script = config.string("script");
        if (!script.isEmpty() && (script.startsWith("/")
                || Arrays.asList(script.replace('\\', '/').split("/")).contains("..") || !script.endsWith(".py"))) {
            config.error("script", "expected a Python file inside the submission, e.g. train.py, found '" + script + "'");
        }
        List<String> args = config.strings("args");
        TrainData data = trainData(config);
        long budget = config.integer("budget");
        if (config.has("budget") && budget < 1) {
            config.error("budget", "expected the training time in seconds (>= 1), found " + budget);
        }
        long cpuBudget = config.integer("cpu_budget", budget);
        if (config.has("cpu_budget") && cpuBudget < 1) {
            config.error("cpu_budget", "expected the CPU training time in seconds (>= 1), found " + cpuBudget);
        }
        String device = config.choice("device", List.of("cpu", "gpu", "auto"), "auto");
        String noGpu = config.choice("when_no_gpu", List.of("cpu", "skip"), device.equals("gpu") ? "skip" : "cpu");
        if (device.equals("cpu") && config.has("when_no_gpu")) {
            config.error("when_no_gpu", "only applies with device: gpu or auto");
        }
        long memoryMb = config.integer("memory_mb", 4096);
        if (memoryMb < 256) {
            config.error("memory_mb", "expected at least 256 MiB for a training run, found " + memoryMb);
        }
        double cpus = config.number("cpus", 2);
        if (!(cpus >= 0.5 && cpus <= 64)) {
            config.error("cpus", "expected between 0.5 and 64 cores, found " + cpus);
        }
        long logKb = config.integer("log_kb", 1024);
        if (logKb < 4) {
            config.error("log_kb", "expected at least 4 KiB of log, found " + logKb);
        }
        long lines = config.integer("log_lines", 20);
        if (lines < 0 || lines > 1000) {
            config.error("log_lines", "expected 0 to 1000 lines, found " + lines);
        }
        if (!config.ok() || data == null || script.isEmpty() || budget < 1) {
            return null;
        }
        return new TrainingSettings(script, args, data, Duration.ofSeconds(budget),
                Duration.ofSeconds(Math.max(1, cpuBudget)), TrainingSettings.Device.valueOf(device.toUpperCase(Locale.ROOT)),
                TrainingSettings.NoGpu.valueOf(noGpu.toUpperCase(Locale.ROOT)), memoryMb << 20, cpus, logKb << 10,
                (int) lines);
    }

    private static TrainData trainData(ConfigReader config) {
        if (!config.has("train_data")) {
            config.error("train_data", "missing required field 'train_data', e.g. {path: cifar-10-batches-py,"
                    + " files: [data_batch_*, batches.meta]}");
            return null;
        }
        ConfigReader d = config.map("train_data", List.of("path", "files")).orElse(null);
        if (d == null) {
            return null;
        }
        String path = d.string("path");
        List<String> files = d.strings("files");
        for (String f : files) {
            if (f.isBlank() || f.contains("/") || f.contains("\\") || f.contains("..")) {
                d.error("files", "expected file-name patterns such as data_batch_*, found '" + f + "'");
            }
        }
        return path.isEmpty() ? null : new TrainData(path, files);
    }
}
