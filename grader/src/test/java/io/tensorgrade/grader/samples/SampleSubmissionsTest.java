package io.tensorgrade.grader.samples;

import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.Alternative;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.check.answer.AnswerMatcher;
import io.tensorgrade.grader.check.answer.Mistake;
import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricException;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.samples.SampleExpectations.Loss;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The course rubrics under {@code rubrics/} graded against the sample submissions under
 * {@code submissions-sample/<rubric>/}: {@code correct} scores full marks, {@code as-written} (a seed's
 * own answers) scores the totals worked out in {@link SampleExpectations}, and every
 * {@code mistakes/<name>} loses exactly the points of the parts it gets wrong, with feedback that names
 * the mistake. Reads the real files, so a change to a rubric or to a kind that moves a score fails here.
 */
class SampleSubmissionsTest {

    /** The repository root, seen from the grader module (Maven runs tests in the module folder). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path RUBRICS = ROOT.resolve("rubrics");
    static final Path SAMPLES = ROOT.resolve("submissions-sample");

    /**
     * Rubrics whose parts all run student code: graded in a sandbox by their own sample tests. None now:
     * seed 002's functions are parts of alexnet-cifar10, graded by {@code FunctionSamplesTest}.
     */
    static final Set<String> CODE_RUBRICS = Set.of();

    /**
     * The parts graded here: those answered in answers.yaml. Parts that run code or score a model are
     * graded by their own sample tests, which need a sandbox or a data set.
     */
    static boolean answered(Part part) {
        return part.check().needsAnswer();
    }

    /** Loaded once per rubric: loading computes every expected value with the reference. */
    private static final Map<String, Rubric> LOADED = new ConcurrentHashMap<>();

    // ------------------------------------------------------------------------------------------------

    static Stream<String> rubricNames() {
        try (Stream<Path> files = Files.list(RUBRICS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .filter(n -> !CODE_RUBRICS.contains(n)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> mistakeSamples() {
        return SampleExpectations.MISTAKES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static Rubric rubric(String name) {
        return LOADED.computeIfAbsent(name, n -> RubricLoader.load(RUBRICS.resolve(n + ".yaml")));
    }

    private static GradeReport grade(String rubric, String sample) {
        Path dir = SAMPLES.resolve(rubric).resolve(sample);
        // notations/ samples may hold their answers as uploads do (another case, one folder down).
        assertTrue(sample.startsWith("notations/") || Files.isRegularFile(dir.resolve("answers.yaml")),
                "missing " + dir.resolve("answers.yaml"));
        return Grader.grade(GradeRequest.of(rubric(rubric), Submission.open(dir))
                .only(SampleSubmissionsTest::answered));
    }

    /** Every part's score and first feedback line, for failure messages. */
    private static String describe(GradeReport report) {
        return report.results().stream()
                .map(r -> "  " + r.partId() + ": " + r.score() + "/" + r.maxScore() + " " + r.status()
                        + (r.mistake() == null ? "" : " [" + r.mistake() + "]") + " -- " + r.feedback())
                .collect(Collectors.joining("\n", "\n", ""));
    }

    /** The results of the parts graded here (the others are reported as skipped). */
    private static List<PartResult> graded(GradeReport report) {
        return report.results().stream().filter(r -> r.status() != Status.SKIPPED).toList();
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + id + " in " + report.assignment()));
    }

    @Test
    void theFiveCourseRubricsArePresent() {
        assertEquals(List.of("alexnet-cifar10", "cnn-sizes-flops", "conv-pool-fundamentals", "cs231n-conv-layers",
                "lenet5-filters"), rubricNames().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubricNames")
    void rubricValidates(String name) {
        try {
            Rubric r = rubric(name);
            assertEquals(name, r.assignment(), "assignment id must equal the file name");
        } catch (RubricException e) {
            fail(e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubricNames")
    void everyRubricHasACorrectAnAsWrittenAndAtLeastThreeMistakeSamples(String name) throws IOException {
        Path dir = SAMPLES.resolve(name);
        assertTrue(Files.isRegularFile(dir.resolve("correct/answers.yaml")), name + ": correct/answers.yaml");
        assertTrue(Files.isRegularFile(dir.resolve("as-written/answers.yaml")), name + ": as-written/answers.yaml");
        try (Stream<Path> folders = Files.list(dir.resolve("mistakes"))) {
            assertTrue(folders.filter(Files::isDirectory).count() >= 3, name + ": at least 3 mistakes/ samples");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubricNames")
    void correctSampleScoresFullMarks(String name) {
        GradeReport report = grade(name, "correct");
        double total = rubric(name).parts().stream().filter(SampleSubmissionsTest::answered)
                .mapToDouble(p -> p.points()).sum();
        assertEquals(total, report.score(), 1e-9, () -> name + " correct:" + describe(report));
        graded(report).forEach(r -> assertEquals(Status.PASSED, r.status(), () -> name + ":" + describe(report)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubricNames")
    void asWrittenSampleScoresTheStatedTotal(String name) {
        GradeReport report = grade(name, "as-written");
        Map<String, Double> scored = SampleExpectations.AS_WRITTEN.get(name);
        assertTrue(scored != null, "no as-written expectation for " + name);
        for (PartResult r : graded(report)) {
            double expected = scored.getOrDefault(r.partId(), r.maxScore());
            assertEquals(expected, r.score(), 1e-9, () -> name + " as-written, part " + r.partId() + ":"
                    + describe(report));
        }
        assertEquals(SampleExpectations.AS_WRITTEN_TOTAL.get(name), report.score(), 1e-9,
                () -> name + " as-written:" + describe(report));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakeSamples")
    void mistakeSampleLosesExactlyItsPointsAndIsNamed(String sample, List<Loss> losses) {
        String rubric = sample.substring(0, sample.indexOf('/'));
        GradeReport report = grade(rubric, "mistakes/" + sample.substring(sample.indexOf('/') + 1));
        Map<String, Loss> byPart = losses.stream().collect(Collectors.toMap(Loss::part, loss -> loss));
        for (PartResult r : graded(report)) {
            Loss loss = byPart.get(r.partId());
            double lost = loss == null ? 0 : loss.points();
            assertEquals(r.maxScore() - lost, r.score(), 1e-9, () -> sample + ", part " + r.partId() + ":"
                    + describe(report));
        }
        for (Loss loss : losses) {
            PartResult r = part(report, loss.part());
            if (loss.mistake() == null) {
                assertEquals(Status.UNREADABLE, r.status(), () -> sample + ", part " + loss.part() + describe(report));
                continue;
            }
            assertEquals(loss.mistake(), r.mistake(), () -> sample + ", part " + loss.part()
                    + " should be reported as " + loss.mistake() + ":" + describe(report));
            assertTrue(r.feedback().contains("what you get when"), () -> sample + ", part " + loss.part()
                    + ": the feedback does not explain the mistake:" + describe(report));
        }
    }

    static Stream<String> notationSamples() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : rubricNames().toList()) {
            Path dir = SAMPLES.resolve(name).resolve("notations");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> folders = Files.list(dir)) {
                    folders.filter(Files::isDirectory).sorted().forEach(f -> out.add(name + "/" + f.getFileName()));
                }
            }
        }
        return out.stream();
    }

    /** A correct answer never loses points for its form: every notations/ sample scores full marks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notationSamples")
    void notationSampleScoresFullMarks(String sample) {
        String rubric = sample.substring(0, sample.indexOf('/'));
        GradeReport report = grade(rubric, "notations/" + sample.substring(sample.indexOf('/') + 1));
        graded(report).forEach(r -> assertEquals(Status.PASSED, r.status(), () -> sample + ":" + describe(report)));
        assertFalse(graded(report).isEmpty(), sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubricNames")
    void everyMistakeFolderHasAnExpectation(String name) throws IOException {
        Set<String> onDisk;
        try (Stream<Path> folders = Files.list(SAMPLES.resolve(name).resolve("mistakes"))) {
            onDisk = folders.filter(Files::isDirectory).map(p -> name + "/" + p.getFileName())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> declared = SampleExpectations.MISTAKES.keySet().stream().filter(k -> k.startsWith(name + "/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, onDisk);
    }

    // ------------------------------------------------------------------------------------------------
    // The few literal values in the rubrics (where a kind cannot compute an accepted answer or a mistake
    // yet) must stay equal to what the reference computes.

    private static AnswerMatcher matcher(String rubric, String part) {
        return ((AnswerCheck) rubric(rubric).parts().stream().filter(p -> p.id().equals(part)).findFirst()
                .orElseThrow().check()).matcher();
    }

    private static Value accepted(AnswerMatcher m, String name) {
        return m.accepted().stream().filter(a -> a.name().equals(name)).map(Alternative::value).findFirst()
                .orElseThrow(() -> new AssertionError("no accepted answer " + name));
    }

    @Test
    void seed000LiteralsAreTheReferenceCountsOfLayersCAndP(@TempDir Path dir) throws IOException {
        // The same network, counted over layers 1 and 3 only (conv C and pool P, no ReLU).
        Path file = dir.resolve("c-and-p.yaml");
        Files.writeString(file, """
                assignment: c-and-p
                parts:
                  - id: c_and_p
                    points: 1
                    check: flops
                    convention: mul_add
                    network:
                      - conv2d: {in: 30, out: 12, kernel: 4, stride: 2, padding: 1, bias: false}
                      - relu
                      - max_pool2d: {kernel: 3, stride: 2}
                    input: [30, 14, 14]
                    layers: [1, 3]
                """);
        AnswerMatcher withoutRelu = ((AnswerCheck) RubricLoader.load(file).parts().get(0).check()).matcher();
        AnswerMatcher rubric = matcher("cnn-sizes-flops", "q1_flops_total");
        assertEquals(withoutRelu.expected(), accepted(rubric, "relu_not_part_of_c"));
        Value forgotten = withoutRelu.mistakes().stream()
                .filter(m -> m.name().equals("cross_channel_additions_forgotten")).map(Mistake::value)
                .findFirst().orElseThrow();
        assertTrue(rubric.mistakes().stream().anyMatch(m -> m.name().equals("cross_channel_additions_forgotten")
                && m.value().equals(forgotten)), "the rubric must name " + forgotten.display()
                + ", the cross-channel mistake over layers 1 and 3, as cross_channel_additions_forgotten");
    }
}
