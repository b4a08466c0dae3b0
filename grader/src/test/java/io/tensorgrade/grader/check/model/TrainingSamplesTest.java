package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy and training parts of the real rubrics (alexnet-cifar10, lenet5-filters, cs231n-conv-layers)
 * graded on the samples, with {@code --data} pointing at synthetic data in the real formats written by
 * grader/src/test/python/make_training_fixtures.py (skipped with the reason where /usr/bin/python3 lacks
 * numpy; the training runs also need torch).
 */
class TrainingSamplesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path PYTHON = ProcessSandbox.DEFAULT_PYTHON;
    private static final String MARKER = "/tmp/tensorgrade-accuracy-payload-ran";

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        Assumptions.assumeTrue(pythonHas("numpy"), "no " + PYTHON + " with numpy to write the synthetic data");
        Process p = new ProcessBuilder(PYTHON.toString(), "grader/src/test/python/make_training_fixtures.py", "data",
                data.toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    static boolean pythonHas(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static PartResult grade(String rubric, String sample, String part, Sandbox sandbox) {
        Rubric r = RubricLoader.load(rubric.endsWith(".yaml") ? ROOT.resolve(rubric)
                : ROOT.resolve("rubrics/" + rubric + ".yaml"));
        String folder = rubric.endsWith(".yaml") ? "alexnet-cifar10" : rubric;
        Submission s = Submission.open(ROOT.resolve("submissions-sample/" + folder + "/" + sample));
        GradeReport report = Grader.grade(GradeRequest.of(r, s).only(p -> p.id().equals(part)).data(data)
                .sandbox(() -> sandbox == null ? ProcessSandbox.create() : sandbox));
        return report.results().stream().filter(x -> x.partId().equals(part)).findFirst().orElseThrow();
    }

    /** rubric, sample folder, part, points, status, mistake (null for none), a phrase of the feedback. */
    static Stream<Arguments> checkpoints() {
        return Stream.of(
                Arguments.of("lenet5-filters", "correct", "p8_mnist_accuracy", 5.0, Status.PASSED, null, "at or above"),
                // 92.00%: (0.92 - 0.90) / (0.97 - 0.90) of 5 points
                Arguments.of("lenet5-filters", "mistakes/checkpoint-below", "p8_mnist_accuracy", 1.4286, Status.PARTIAL,
                        null, "Accuracy 92.00%"),
                Arguments.of("lenet5-filters", "mistakes/checkpoint-wrong-architecture", "p8_mnist_accuracy", 0.0,
                        Status.FAILED, AccuracyCheck.ARCHITECTURE, "does not match"),
                Arguments.of("lenet5-filters", "mistakes/checkpoint-truncated", "p8_mnist_accuracy", 0.0, Status.FAILED,
                        AccuracyCheck.UNREADABLE, "could not be read"),
                Arguments.of("lenet5-filters", "mistakes/checkpoint-malicious", "p8_mnist_accuracy", 0.0, Status.FAILED,
                        AccuracyCheck.UNREADABLE, "could not be read"),
                Arguments.of("cs231n-conv-layers", "correct", "three_layer_accuracy", 10.0, Status.PASSED, null,
                        "at or above"),
                // 58.00%: (0.58 - 0.50) / (0.65 - 0.50) of 10 points
                Arguments.of("cs231n-conv-layers", "mistakes/checkpoint-below", "three_layer_accuracy", 5.3333,
                        Status.PARTIAL, null, "Accuracy 58.00%"),
                Arguments.of("cs231n-conv-layers", "mistakes/checkpoint-wrong-architecture", "three_layer_accuracy", 0.0,
                        Status.FAILED, AccuracyCheck.ARCHITECTURE, "does not match"),
                Arguments.of("cs231n-conv-layers", "mistakes/checkpoint-truncated", "three_layer_accuracy", 0.0,
                        Status.FAILED, AccuracyCheck.UNREADABLE, "could not be read"),
                Arguments.of("cs231n-conv-layers", "mistakes/checkpoint-malicious", "three_layer_accuracy", 0.0,
                        Status.FAILED, AccuracyCheck.UNREADABLE, "could not be read"),
                Arguments.of("alexnet-cifar10", "correct", "cifar_accuracy", 10.0, Status.PASSED, null, "80.50%"),
                Arguments.of("alexnet-cifar10", "checkpoint-below", "cifar_accuracy", 2.4, Status.PARTIAL, null,
                        "56.00%"),
                Arguments.of("alexnet-cifar10", "checkpoint-wrong-architecture", "cifar_accuracy", 0.0, Status.FAILED,
                        AccuracyCheck.ARCHITECTURE, "does not match"),
                Arguments.of("alexnet-cifar10", "checkpoint-truncated", "cifar_accuracy", 0.0, Status.FAILED,
                        AccuracyCheck.UNREADABLE, "could not be read"),
                Arguments.of("alexnet-cifar10", "checkpoint-malicious", "cifar_accuracy", 0.0, Status.FAILED,
                        AccuracyCheck.UNREADABLE, "could not be read"));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("checkpoints")
    void checkpointSampleGetsItsGrade(String rubric, String sample, String part, double points, Status status,
                                      String mistake, String phrase) {
        PartResult r = grade(rubric, sample, part, null);
        assertEquals(status, r.status(), r.feedback());
        assertEquals(points, r.score(), 1e-4, r.feedback());
        assertEquals(mistake, r.mistake(), r.feedback());
        assertTrue(r.feedback().contains(phrase), r.feedback());
        assertFalse(Files.exists(Path.of(MARKER)), "the malicious pickle's payload ran");
    }

    @Test
    void correctTrainingScriptTrainsAboveTheThresholdAndTheStaffSeeItsWholeLog() {
        Assumptions.assumeTrue(pythonHas("torch"), "no torch in " + PYTHON + " for the training run");
        PartResult r = grade("alexnet-cifar10", "correct", "cifar_training", null);
        assertEquals(Status.PASSED, r.status(), r.feedback() + "\n" + r.staffLog());
        assertEquals(10.0, r.score());
        assertTrue(r.feedback().contains("Training ran for"), r.feedback());
        assertTrue(r.feedback().contains("model.pt (written by train.py)"), r.feedback());
        assertTrue(r.staffLog().contains("epoch 0: train accuracy") && r.staffLog().contains("saved model.pt"),
                r.staffLog());
        assertFalse(r.feedback().contains("epoch 0:"), "a passing run shows the student no log");
    }

    @Test
    void scriptReadingTheTestDataFailsWithTheReason() {
        Assumptions.assumeTrue(pythonHas("torch"), "no torch in " + PYTHON + " for the training run");
        PartResult r = grade("alexnet-cifar10", "mistakes/training-reads-test-data", "cifar_training", null);
        assertTrainingReadTestData(r);
    }

    @Test
    void scriptReadingTheTestDataFailsInDockerToo() {
        try (DockerSandbox docker = io.tensorgrade.grader.sandbox.TestSandboxes.docker()) {
            PartResult r = grade("alexnet-cifar10", "mistakes/training-reads-test-data", "cifar_training", docker);
            assertTrainingReadTestData(r);
            assertTrue(r.staffLog().contains("docker sandbox"), r.staffLog());
        }
    }

    private static void assertTrainingReadTestData(PartResult r) {
        assertEquals(Status.FAILED, r.status(), r.feedback());
        assertEquals(0.0, r.score());
        assertEquals(TrainingCheck.CRASHED, r.mistake());
        assertTrue(r.feedback().contains("FileNotFoundError") && r.feedback().contains("test_batch"), r.feedback());
        assertTrue(r.feedback().contains("The last"), "the student sees the end of the log: " + r.feedback());
        assertTrue(r.staffLog().contains("Traceback") && r.staffLog().contains("outcome failed"), r.staffLog());
    }

    @Test
    void scriptPastItsBudgetGetsZeroWithTheReason() {
        Assumptions.assumeTrue(pythonHas("torch"), "no torch in " + PYTHON + " for the training run");
        PartResult r = grade("grader/src/test/resources/train/training-budget.yaml", "mistakes/training-over-budget",
                "cifar_training", null);
        assertEquals(Status.FAILED, r.status(), r.feedback());
        assertEquals(TrainingCheck.OVER_BUDGET, r.mistake());
        assertTrue(r.feedback().contains("ran past its budget of 10 s"), r.feedback());
        assertTrue(r.staffLog().contains("outcome timed_out"), r.staffLog());
    }
}
