package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade rubric validate R...}: every error of every rubric; exit 1 if any is invalid. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check rubrics and report all their errors with file:line.")
final class RubricValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUBRIC", arity = "1..*", description = "Rubric YAML files.")
    List<Path> rubrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int invalid = 0;
        for (Path file : rubrics) {
            try {
                Rubric r = RubricLoader.load(file);
                spec.commandLine().getOut().println(file + ": OK (" + r.parts().size()
                        + (r.parts().size() == 1 ? " part, " : " parts, ") + Points.format(r.totalPoints())
                        + " points)");
            } catch (GraderException e) {
                invalid++;
                spec.commandLine().getErr().println(e.getMessage());
            }
        }
        spec.commandLine().getOut().flush();
        return invalid == 0 ? Main.OK : Main.FAILURE;
    }
}
