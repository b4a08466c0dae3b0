package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.RunDiff;
import io.tensorgrade.grader.batch.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade diff RUN_A RUN_B}: who gained or lost points between two regrade runs, and why. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = "Compare two regrade runs of a class (e.g. before and after a rubric fix): per student and part,"
                + " the points before and after and why (status, named mistake), with a summary by part.")
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run folder.")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The later run folder.")
    Path b;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|csv",
            description = "text (summary and changes) or csv (one row per change). Default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("csv")) {
            throw new UsageException("--format must be text or csv, not '" + format + "'");
        }
        RunDiff diff;
        try (RunStore x = RunStore.openExisting(a); RunStore y = RunStore.openExisting(b)) {
            String assignmentA = x.meta("assignment").orElse("?");
            String assignmentB = y.meta("assignment").orElse("?");
            if (!assignmentA.equals(assignmentB)) {
                throw new GraderException(a + " holds assignment '" + assignmentA + "' and " + b + " '" + assignmentB
                        + "': compare two runs of one assignment.");
            }
            diff = RunDiff.of(x, y);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("csv") ? diff.csv() : diff.text());
        out.flush();
        return Main.OK;
    }
}
