package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.gradescope.AutograderPackage;
import io.tensorgrade.grader.gradescope.JreLinker;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgrade gradescope package --rubric R --out autograder.zip}: the zip to upload as a
 * Gradescope autograder (or, with {@code --folder}, the same files as a Docker build context).
 */
@Command(name = "package",
        mixinStandardHelpOptions = true,
        description = {"Write the autograder.zip to upload to Gradescope for one rubric: setup.sh, run_autograder,",
                "the grader jar and the rubric with the folders beside it. The rubric is validated first."})
final class GradescopePackageCommand implements Callable<Integer> {

    @Option(names = "--rubric", required = true, paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out", paramLabel = "ZIP", description = "Write the zip here, e.g. autograder.zip.")
        Path zip;

        @Option(names = "--folder", paramLabel = "DIR", description = "Write the files into this new folder instead"
                + " (a Docker build context for the Dockerfile's autograder target).")
        Path folder;
    }

    @Option(names = "--data", paramLabel = "DIR", description = "A data folder to ship (copied to data/ and passed"
            + " as --data), e.g. the CIFAR-10 test batch for accuracy parts.")
    Path data;

    @Option(names = "--jar", paramLabel = "FILE", description = "The grader jar. Default: the jar running this command.")
    Path jar;

    @Option(names = "--jre", paramLabel = "DIR", description = "Ship this Java runtime as jre/ (run_autograder prefers it).")
    Path jre;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "Grade for at most SECONDS per submission:"
            + " run_autograder passes it to grade, which starts no part after it and keeps what it graded. Set it a"
            + " minute or two under the assignment's autograder timeout on Gradescope (past that, Gradescope gives the"
            + " whole submission zero).")
    Long deadline;

    @Option(names = "--jlink", description = "Ship a small Java runtime made with this JDK's jlink (about 50 MB),"
            + " for images without a JRE package.")
    boolean jlink;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (jlink && jre != null) {
            throw new UsageException("give --jre DIR or --jlink, not both");
        }
        Rubric r = RubricLoader.load(rubric);
        List<String> needData = partsNeedingData(r);
        if (data == null && !needData.isEmpty()) {
            spec.commandLine().getErr().println("tensorgrade: warning: " + String.join(", ", needData) + " score a model"
                    + " on a data set; without --data DIR in the package they are errors for every submission");
        }
        Path runtime = jre;
        Path linked = null;
        try {
            if (jlink) {
                linked = Files.createTempDirectory("tensorgrade-jre");
                Files.delete(linked);
                runtime = JreLinker.link(linked);
            }
            AutograderPackage.Contents contents = new AutograderPackage.Contents(r, jar != null ? jar : runningJar(),
                    data, runtime, deadline);
            if (target.zip != null) {
                AutograderPackage.writeZip(contents, target.zip);
                spec.commandLine().getErr().println("tensorgrade: wrote " + target.zip + " (" + Files.size(target.zip)
                        / 1024 + " KiB): upload it as the Gradescope autograder of " + r.assignment());
            } else {
                int n = AutograderPackage.writeFolder(contents, target.folder).size();
                spec.commandLine().getErr().println("tensorgrade: wrote " + n + " files to " + target.folder);
            }
        } finally {
            if (linked != null) {
                deleteTree(linked);
            }
        }
        return Main.OK;
    }

    /** The parts that read a held-out or training data set (accuracy and training checks). */
    static List<String> partsNeedingData(Rubric r) {
        return r.parts().stream().filter(p -> DATA_KINDS.contains(p.kind())).map(p -> p.id()).toList();
    }

    private static final Set<String> DATA_KINDS = Set.of("accuracy", "training");

    /** The jar this command runs from; tests and IDE runs have none and must pass --jar. */
    private static Path runningJar() {
        try {
            Path p = Path.of(GradescopePackageCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                return p;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // Fall through to the message below.
        }
        throw new UsageException("not running from the tensorgrade jar; pass --jar grader/target/tensorgrade.jar");
    }

    private static void deleteTree(Path root) {
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
