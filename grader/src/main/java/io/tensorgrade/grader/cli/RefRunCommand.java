package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgrade ref run CASE_DIR... [--out DIR]}: computes op cases with the reference implementation
 * and writes each output as float64 {@code NAME.npy}. A bad case is reported and the others still run.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Compute reference ops on .npy inputs.",
            "Each CASE_DIR holds case.json ({\"op\": NAME, \"params\": {...}}) and inputs/NAME.npy; "
                + "outputs go to CASE_DIR/actual/NAME.npy, or DIR/<case folder name>/NAME.npy with --out."})
final class RefRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CASE_DIR", description = "Case folders to run.")
    List<Path> cases;

    @Option(names = "--out", paramLabel = "DIR", description = "Write outputs to DIR/<case folder name>/.")
    Path out;

    @Override
    public Integer call() {
        checkOutputFolders();
        var stdout = spec.commandLine().getOut();
        var stderr = spec.commandLine().getErr();
        int failed = 0;
        for (Path dir : cases) {
            try {
                Map<String, Tensor> outputs = OpCaseRunner.run(dir);
                Path target = outputDir(dir);
                OpCaseRunner.write(outputs, target);
                stdout.println("ok      " + dir + ": " + String.join(", ", outputs.keySet()) + " -> " + target);
            } catch (GraderException | RefException e) {
                failed++;
                stderr.println("FAILED  " + e.getMessage());
                if (Main.verbose(spec)) {
                    e.printStackTrace(stderr);
                }
            }
        }
        String summary = cases.size() + (cases.size() == 1 ? " case: " : " cases: ") + (cases.size() - failed)
                + " ok, " + failed + " failed";
        (failed == 0 ? stdout : stderr).println(summary);
        stdout.flush();
        stderr.flush();
        return failed == 0 ? Main.OK : Main.FAILURE;
    }

    private Path outputDir(Path caseDir) {
        return out == null ? caseDir.resolve("actual") : out.resolve(name(caseDir));
    }

    private static String name(Path caseDir) {
        Path n = caseDir.toAbsolutePath().normalize().getFileName();
        return n == null ? "case" : n.toString();
    }

    /** With --out, two case folders of the same name would overwrite each other's outputs: refuse up front. */
    private void checkOutputFolders() {
        if (out == null) {
            return;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file; give a folder (it is created when missing)");
        }
        Map<String, Path> seen = new HashMap<>();
        for (Path dir : cases) {
            Path before = seen.putIfAbsent(name(dir), dir);
            if (before != null && !before.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                throw new UsageException("cases " + before + " and " + dir + " would both write to "
                        + out.resolve(name(dir)) + "; run them with different --out folders");
            }
        }
    }
}
