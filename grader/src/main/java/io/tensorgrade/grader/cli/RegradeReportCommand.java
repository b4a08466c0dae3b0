package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.batch.RunOutputs;
import io.tensorgrade.grader.batch.store.RunStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade regrade report RUN_DIR}: rewrites the run folder's outputs from its store. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Rewrite gradebook.csv, summary.txt, results/ and feedback/ of a run folder from its store.")
final class RegradeReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder written by tensorgrade regrade.")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (RunStore store = RunStore.openExisting(runDir)) {
            RunOutputs.Written w = RunOutputs.write(store, runDir);
            spec.commandLine().getErr().println("tensorgrade: wrote " + w.gradebook() + " (" + w.students()
                    + " submissions, " + w.graded() + " graded)");
        }
        return Main.OK;
    }
}
