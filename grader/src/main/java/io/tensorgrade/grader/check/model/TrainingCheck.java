package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.DataUnavailableException;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.ScriptJob;
import io.tensorgrade.grader.sandbox.ScriptResult;
import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the student's training script in the sandbox (one script job per part) and grades the checkpoint it
 * wrote with the accuracy check's own code, outside the sandbox. The full log goes to the staff; the
 * student sees its last lines.
 */
final class TrainingCheck implements Check {
    static final String MISSING_SCRIPT = "missing_training_script";
    static final String OVER_BUDGET = "training_over_budget";
    static final String CRASHED = "training_failed";
    static final String NO_CHECKPOINT = "no_checkpoint_written";

    private final TrainingSettings training;
    private final AccuracySettings accuracySettings;
    private final AccuracyCheck accuracy;

    TrainingCheck(TrainingSettings training, AccuracySettings accuracy) {
        this.training = training;
        this.accuracySettings = accuracy;
        this.accuracy = new AccuracyCheck(accuracy);
    }

    @Override
    public Expected expected() {
        Expected acc = accuracy.expected();
        return new Expected("train with " + training.script() + " within " + budgetText() + ", then "
                + acc.value(), "The script gets the training split " + training.trainData().describe()
                + " read-only in $TG_DATA and writes " + accuracySettings.checkpoints().get(0)
                + " into $TG_OUT (its working folder). " + acc.derivation());
    }

    @Override
    public String answerForm() {
        return "the script " + training.script() + " in your submission: it reads the training data from the folder"
                + " in $TG_DATA, trains within " + budgetText() + " and saves the weights with torch.save("
                + "model.state_dict(), '" + accuracySettings.checkpoints().get(0) + "') in its working folder"
                + " ($TG_OUT); $TG_DEVICE says cuda or cpu";
    }

    @Override
    public boolean scoresModel() {
        return true;
    }

    /** The checkpoint names it accepts (any one will do). */
    @Override
    public java.util.List<String> submittedFiles() {
        return java.util.List.of(training.script());
    }

    @Override
    public boolean needsAnswer() {
        return false;
    }

    @Override
    public Verdict grade(CheckContext context) {
        Path script;
        try {
            script = context.submission().file(training.script());
        } catch (GraderException e) {
            script = null;
        }
        if (script == null || !Files.isRegularFile(script)) {
            return new Verdict(0, Status.FAILED, "No training script: expected " + training.script()
                    + " in your submission.", MISSING_SCRIPT);
        }
        Map<String, Path> data;
        try {
            data = training.trainData().locate(context.rubricDir(), context.dataDir());
            List<Path> heldOut = accuracySettings.dataset().files(accuracySettings.dataset()
                    .locate(context.rubricDir(), context.dataDir()));
            String leak = leak(data, heldOut);
            if (leak != null) {
                return Verdict.error("The training data of this part includes " + leak + " of the held-out set,"
                        + " so the script was not run. This is a rubric problem, not a problem with your submission.");
            }
        } catch (DataUnavailableException e) {
            return Verdict.error("The training run could not be prepared: " + e.getMessage()
                    + ". This is not a problem with your submission.");
        }
        Sandbox sandbox = context.sandbox().get();
        boolean gpu = training.device() != TrainingSettings.Device.CPU && sandbox.gpu();
        if (training.device() != TrainingSettings.Device.CPU && !gpu
                && training.whenNoGpu() == TrainingSettings.NoGpu.SKIP) {
            return new Verdict(0, Status.SKIPPED, "Not graded here: this part trains on a GPU and the " + sandbox.name()
                    + " sandbox on this machine has none. It is graded where one is available.", null);
        }
        Duration budget = gpu || training.device() == TrainingSettings.Device.CPU ? training.budget()
                : training.cpuBudget();
        Path collect = null;
        try {
            collect = Files.createTempDirectory("tensorgrade-trained-");
            ScriptJob job = new ScriptJob(context.submission().dir(), training.script(), training.args(), data,
                    collect, gpu, limits(budget), accuracySettings.maxCheckpointBytes());
            ScriptResult run = sandbox.runScript(job);
            return verdict(run, budget, context).withStaffLog(TrainingLog.staff(run, budget));
        } catch (IOException e) {
            return Verdict.error("The training run could not be prepared: " + e.getMessage()
                    + ". This is not a problem with your submission.");
        } finally {
            deleteTree(collect);
        }
    }

    private Verdict verdict(ScriptResult run, Duration budget, CheckContext context) {
        String where = (run.gpu() ? "with a GPU" : "on CPU") + " in the " + run.sandbox() + " sandbox";
        String log = TrainingLog.student(run, training.studentLines());
        switch (run.outcome()) {
            case SANDBOX_FAILED:
                return Verdict.error("The training run could not start: " + run.reason()
                        + ". This is not a problem with your submission.");
            case TIMED_OUT:
                return new Verdict(0, Status.FAILED, "Your training script " + training.script() + " ran past its"
                        + " budget of " + budget.toSeconds() + " s " + where + " and was stopped; a run must finish"
                        + " (and save " + accuracySettings.checkpoints().get(0) + ") within the budget. Train for"
                        + " fewer epochs or check the time yourself (the budget is in $TG_BUDGET_S)." + log,
                        OVER_BUDGET).withTimedOut();
            case FAILED:
                return new Verdict(0, Status.FAILED, "Your training script " + training.script() + " failed "
                        + where + ": " + run.reason() + "." + log, CRASHED);
            default:
                break;
        }
        String ran = String.format(java.util.Locale.ROOT, "Training ran for %.1f s of its %d s budget %s.",
                run.wall().toNanos() / 1e9, budget.toSeconds(), where);
        Path file = null;
        String name = null;
        for (String n : accuracySettings.checkpoints()) {
            if (run.outputs().containsKey(n)) {
                file = run.outputs().get(n);
                name = n;
                break;
            }
        }
        if (file == null) {
            return new Verdict(0, Status.FAILED, ran + " It finished, but wrote no " + String.join(" or ",
                    accuracySettings.checkpoints()) + " into its working folder ($TG_OUT)"
                    + (run.outputs().isEmpty() ? "" : "; it wrote " + String.join(", ", run.outputs().keySet()))
                    + (run.notes().isEmpty() ? "" : " (" + String.join("; ", run.notes()) + ")") + "." + log,
                    NO_CHECKPOINT);
        }
        try {
            return accuracy.gradeFile(file, name + " (written by " + training.script() + ")", context).withNote(ran);
        } catch (RefException e) {
            return Verdict.error("The checkpoint could not be graded: " + e.getMessage());
        }
    }

    private Limits limits(Duration budget) {
        return Limits.defaults().withJobTimeout(budget).withMemoryBytes(training.memoryBytes())
                .withScratchBytes(Math.max(256L << 20, 2 * accuracySettings.maxCheckpointBytes()))
                .withOutput(training.logBytes(), training.logBytes()).withPids(256).withCpus(training.cpus());
    }

    /** The first training file that is (or is named like) a held-out file, or null. */
    private static String leak(Map<String, Path> train, List<Path> heldOut) {
        for (Path t : train.values()) {
            for (Path h : heldOut) {
                try {
                    if (Files.isSameFile(t, h) || t.getFileName().equals(h.getFileName())) {
                        return t.getFileName().toString();
                    }
                } catch (IOException e) {
                    return t.getFileName().toString();
                }
            }
        }
        return null;
    }

    private String budgetText() {
        return training.device() == TrainingSettings.Device.CPU ? training.budget().toSeconds() + " s on CPU"
                : training.budget().toSeconds() + " s with a GPU" + (training.whenNoGpu() == TrainingSettings.NoGpu.CPU
                ? " (" + training.cpuBudget().toSeconds() + " s on CPU when there is none)" : "");
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
