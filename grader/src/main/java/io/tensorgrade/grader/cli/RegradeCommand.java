package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.batch.Progress;
import io.tensorgrade.grader.batch.Regrade;
import io.tensorgrade.grader.batch.RegradePlan;
import io.tensorgrade.grader.batch.RunOutputs;
import io.tensorgrade.grader.batch.Workers;
import io.tensorgrade.grader.batch.input.ClassInput;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.select.Sandboxes;
import io.tensorgrade.grader.yaml.DidYouMean;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgrade regrade --rubric R INPUT --out RUN_DIR}: grades a whole class into a run folder whose
 * SQLite store makes the run resumable and incremental; {@code regrade report RUN_DIR} rewrites its outputs.
 */
@Command(name = "regrade",
        mixinStandardHelpOptions = true,
        subcommands = RegradeReportCommand.class,
        description = {"Grade a whole class (TA batch regrading) into a run folder: parallel, resumable after a"
                + " crash or Ctrl-C (run the same command again), incremental (only what changed is graded again).",
                "Writes gradebook.csv, summary.txt, results/ and feedback/ in RUN_DIR; see docs/regrade.md."})
final class RegradeCommand implements Callable<Integer> {

    /** Exit codes after SIGINT and SIGTERM, as a shell reports a process they stopped. */
    static final int INTERRUPTED = 130;
    static final int TERMINATED = 143;

    @Parameters(paramLabel = "INPUT", arity = "0..1", description = "A folder of submission folders, a Gradescope \"Export"
            + " Submissions\" zip (or its extracted folder), or a zip of submission folders.")
    Path input;

    // Checked in call(), not by picocli: `regrade report RUN_DIR` needs neither.
    @Option(names = "--rubric", paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run folder (created when"
            + " missing); running again with the same RUN_DIR resumes and regrades only what changed.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Submissions graded at once (default: from the cores"
            + " and, for code, the sandbox's CPU and memory limits).")
    Integer jobs;

    @Option(names = "--students", split = ",", paramLabel = "a,b", description = "Grade only these submission"
            + " folders (again, whatever the store holds).")
    List<String> students = List.of();

    @Option(names = "--parts", split = ",", paramLabel = "p,q", description = "Grade only these parts (again,"
            + " whatever the store holds).")
    List<String> parts = List.of();

    @Option(names = "--force", description = "Grade every selected submission and part again.")
    boolean force;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Mixin
    DataOption data = new DataOption();

    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (rubric == null || out == null || input == null) {
            throw new UsageException("regrade needs --rubric RUBRIC, INPUT and --out RUN_DIR, e.g. tensorgrade regrade"
                    + " --rubric rubrics/hw3.yaml submissions/ --out runs/hw3 (or: tensorgrade regrade report RUN_DIR)");
        }
        if (jobs != null && (jobs < 1 || jobs > 256)) {
            throw new UsageException("--jobs must be between 1 and 256, not " + jobs);
        }
        Rubric r = RubricLoader.load(rubric);
        checkParts(r);
        int workers = jobs != null ? jobs : Workers.defaultCount(r);
        try (RunStore store = RunStore.open(out)) {
            ClassInput classInput = ClassInput.read(input, out.resolve("input"));
            classInput.notes().forEach(n -> err.println("tensorgrade: " + n));
            checkStudents(classInput);
            RegradePlan.Selection selection = new RegradePlan.Selection(Set.copyOf(students), Set.copyOf(parts), force);
            try (Sandboxes.Lazy lazy = prestarting(err, workers)) {
                Regrade regrade = new Regrade(new Regrade.Settings(r, data.dir, workers, selection), store, lazy);
                int[] signal = {0};
                java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
                Signals.onInterrupt(code -> {
                    signal[0] = code;
                    err.println();
                    err.println("tensorgrade: stopping: no new submission starts, the running sandboxes are"
                            + " stopped (press Ctrl-C again to quit at once)");
                    err.flush();
                    try {
                        regrade.cancel();
                    } finally {
                        stopped.countDown();
                    }
                });
                Regrade.Outcome outcome;
                try {
                    outcome = regrade.run(classInput, line -> {
                        err.println("tensorgrade: " + line + " (" + workers + " at once)");
                        err.flush();
                    }, total -> new Progress(err, total, Progress.modeFor(quiet)));
                } finally {
                    Signals.reset();
                }
                if (outcome.cancelled()) {
                    // The containers must be gone before this JVM exits: its exit hooks race Testcontainers' own.
                    awaitQuietly(stopped);
                    regrade.awaitStopped(30);
                }
                RunOutputs.Written written = RunOutputs.write(store, out);
                if (outcome.cancelled()) {
                    err.println("tensorgrade: interrupted: " + outcome.graded() + " of " + outcome.plan().work().size()
                            + " graded and saved in " + store.file() + "; run the same command again to grade the"
                            + " rest (nothing is graded twice).");
                    return signal[0] == 0 ? INTERRUPTED : signal[0];
                }
                err.println("tensorgrade: " + outcome.graded() + " graded, " + outcome.problems() + " to look at (see"
                        + " summary.txt); wrote " + written.gradebook() + " (" + written.students() + " submissions)");
            }
        }
        return Main.OK;
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(90, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sandbox, chosen on first use; Docker keeps a container started ahead per worker. */
    private Sandboxes.Lazy prestarting(PrintWriter err, int workers) {
        Sandboxes.Lazy plain = sandbox.lazy(err); // validates --sandbox now
        plain.close();
        return Sandboxes.lazy(() -> {
            Sandboxes.Choice c = sandbox.choose();
            return c.sandbox() instanceof DockerSandbox d
                    ? new Sandboxes.Choice(d.prestarting(Math.min(16, workers)), c.reason()) : c;
        }, reason -> {
            err.println("tensorgrade: " + reason);
            err.flush();
        });
    }

    private void checkParts(Rubric r) {
        for (String p : parts) {
            if (r.part(p).isEmpty()) {
                throw new UsageException("--parts: '" + p + "' is not a part of " + rubric + DidYouMean.hint(p,
                        r.partIds()) + "; its parts: " + String.join(", ", r.parts().stream().map(Part::id).toList()));
            }
        }
    }

    private void checkStudents(ClassInput classInput) {
        Set<String> known = new LinkedHashSet<>();
        classInput.submissions().forEach(s -> known.add(s.student()));
        for (String s : students) {
            if (!known.contains(s)) {
                throw new UsageException("--students: no submission folder '" + s + "' in " + input
                        + DidYouMean.hint(s, known));
            }
        }
    }
}
