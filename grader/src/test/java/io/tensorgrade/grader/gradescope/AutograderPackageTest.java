package io.tensorgrade.grader.gradescope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutograderPackageTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path RUBRIC = ROOT.resolve("rubrics/conv-pool-fundamentals.yaml");
    static final Path BUILT_JAR = ROOT.resolve("grader/target/tensorgrade.jar");

    private static Rubric rubric() {
        return RubricLoader.load(RUBRIC);
    }

    private static Path fakeJar(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tg.jar"), "not really a jar");
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void zipHoldsTheScriptsTheJarAndTheRubricAtItsRoot(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("out/autograder.zip");
        AutograderPackage.writeZip(new AutograderPackage.Contents(rubric(), fakeJar(dir), null, null), zip);
        List<String> names = entries(zip);
        assertTrue(names.containsAll(List.of("setup.sh", "run_autograder", "tensorgrade.jar",
                "rubric/conv-pool-fundamentals.yaml")), names::toString);
        assertFalse(names.contains("rubric/alexnet-cifar10.yaml"), "other rubrics stay out: " + names);
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(zip), left.toList(), "no temporary file is left beside the zip");
        }
    }

    @Test
    void runAutograderGradesThePackagedRubricInTheProcessSandbox() {
        String script = AutograderPackage.script("run_autograder", rubric());
        assertTrue(script.contains("\"$source/rubric/conv-pool-fundamentals.yaml\""), script);
        assertTrue(script.contains("--sandbox process"), script);
        assertTrue(script.contains("--format gradescope --out \"$root/results/results.json\""), script);
        assertFalse(script.contains("@RUBRIC@"), script);
    }

    @Test
    void aPackageDeadlineIsSetForGradeAndNoneLeavesItUnset() {
        assertTrue(AutograderPackage.script("run_autograder", rubric(), 1500L).contains("deadline=\"1500\""));
        String none = AutograderPackage.script("run_autograder", rubric());
        assertTrue(none.contains("deadline=\"\""), none);
        assertFalse(none.contains("@DEADLINE@"), none);
    }

    @Test
    void onlyARubricThatScoresModelsStartsJavaWithTheVectorModule() {
        String answers = AutograderPackage.script("run_autograder", rubric());
        assertFalse(answers.contains("jdk.incubator.vector"), answers);
        assertTrue(answers.contains("exec \"$java\" -XX:TieredStopAtLevel=1 -jar"), answers);
        assertFalse(answers.contains("@JAVA_OPTS@"), answers);
        String models = AutograderPackage.script("run_autograder",
                RubricLoader.load(ROOT.resolve("rubrics/alexnet-cifar10.yaml")));
        assertTrue(models.contains("exec \"$java\" --add-modules jdk.incubator.vector -jar"), models);
    }

    @Test
    void dataFolderIsShippedAndPassedWithData(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("cifar"));
        Files.writeString(data.resolve("test_batch.bin"), "x");
        List<Path> written = AutograderPackage.writeFolder(
                new AutograderPackage.Contents(rubric(), fakeJar(dir), data, null), dir.resolve("pkg"));
        assertTrue(written.contains(dir.resolve("pkg/data/test_batch.bin")), written::toString);
        assertTrue(Files.isExecutable(dir.resolve("pkg/run_autograder")));
        assertTrue(AutograderPackage.script("run_autograder", rubric()).contains("--data=$source/data"));
    }

    @Test
    void aFolderThatIsNotEmptyIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        GraderException e = assertThrows(GraderException.class, () -> AutograderPackage.writeFolder(
                new AutograderPackage.Contents(rubric(), fakeJar(dir), null, null), dir));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt(@TempDir Path dir) {
        GraderException e = assertThrows(GraderException.class, () -> new AutograderPackage.Contents(rubric(),
                dir.resolve("nope.jar"), null, null));
        assertTrue(e.getMessage().contains("nope.jar") && e.getMessage().contains("mvn"), e.getMessage());
    }

    /** The packaged run_autograder, run as Gradescope would, writes results.json for a sample submission. */
    @Test
    void packagedAutograderWritesResultsJsonForASampleSubmission(@TempDir Path root) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(BUILT_JAR), "no " + BUILT_JAR + " yet (mvn package builds it)");
        Path source = root.resolve("source");
        AutograderPackage.writeFolder(new AutograderPackage.Contents(rubric(), BUILT_JAR, null, null), source);
        Path submission = Files.createDirectories(root.resolve("submission"));
        Files.copy(ROOT.resolve("submissions-sample/conv-pool-fundamentals/correct/answers.yaml"),
                submission.resolve("answers.yaml"));
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        ProcessBuilder pb = new ProcessBuilder("sh", source.resolve("run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("stdout").toFile());
        pb.environment().put("AUTOGRADER_ROOT", root.toString());
        pb.environment().put("PATH", javaBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "run_autograder did not finish in 120 s");
        String log = Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        JsonNode results = new ObjectMapper().readTree(root.resolve("results/results.json").toFile());
        assertEquals(rubric().parts().stream().mapToDouble(x -> x.points()).sum(), results.get("score").asDouble(),
                1e-9, log);
        assertTrue(results.get("tests").size() > 0, results::toString);
    }
}
