package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coding parts of {@code rubrics/cnn-sizes-flops.yaml} (seed 000's ImageNet label parsing, {@code check:
 * json_function}) graded against {@code submissions-sample/cnn-sizes-flops/} in the process sandbox (skipped,
 * saying why, where {@code /usr/bin/python3} lacks numpy), and the correct sample once in Docker (skipped,
 * saying why, without a daemon or the sandbox image). The answered parts are SampleSubmissionsTest's.
 */
class ImageNetLabelSamplesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("submissions-sample/cnn-sizes-flops");
    static final Set<String> CODE = Set.of("c1_parsesynsetwords", "c2_parseclasslabel");

    private static Rubric rubric;
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        rubric = RubricLoader.load(ROOT.resolve("rubrics/cnn-sizes-flops.yaml"));
    }

    private static Sandbox process() {
        Assumptions.assumeTrue(TestSandboxes.pythonHas("numpy"), "no numpy in " + ProcessSandbox.DEFAULT_PYTHON
                + " here, so student functions cannot run");
        if (sandbox == null) {
            sandbox = ProcessSandbox.create();
        }
        return sandbox;
    }

    private static GradeReport grade(String sample, Sandbox with) {
        return Grader.grade(GradeRequest.of(rubric, Submission.open(SAMPLES.resolve(sample)))
                .only(p -> CODE.contains(p.id())).sandbox(() -> with));
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst().orElseThrow();
    }

    private static String describe(GradeReport report) {
        return report.results().stream().map(r -> r.partId() + ": " + r.score() + " " + r.status() + " -- "
                + r.feedback()).collect(Collectors.joining("\n", "\n", ""));
    }

    @Test
    void correctParsersScoreFullMarks() {
        GradeReport report = grade("correct", process());
        assertEquals(2, part(report, "c1_parsesynsetwords").score(), 1e-9, () -> describe(report));
        assertEquals(3, part(report, "c2_parseclasslabel").score(), 1e-9, () -> describe(report));
        assertTrue(part(report, "c2_parseclasslabel").feedback().contains("in 3 of 3 case(s)"), describe(report));
    }

    @Test
    void asWrittenHasNoModuleSinceTheCourseHandedItOut() {
        GradeReport report = grade("as-written", process());
        for (String id : CODE) {
            PartResult r = part(report, id);
            assertEquals(0, r.score(), 1e-9, () -> describe(report));
            assertTrue(r.feedback().contains("getimagenetclasses.py is not in your submission"), r.feedback());
        }
    }

    @Test
    void indicesFromOneLoseTheSynsetPartNamingKeyZero() {
        GradeReport report = grade("mistakes/index-off-by-one", process());
        PartResult synsets = part(report, "c1_parsesynsetwords");
        assertEquals(0, synsets.score(), 1e-9, () -> describe(report));
        assertTrue(synsets.feedback().contains("indicestosynsets has no key 0"), synsets.feedback());
        assertEquals(3, part(report, "c2_parseclasslabel").score(), 1e-9, () -> describe(report));
    }

    @Test
    void aDescriptionKeepingTheNewlineIsShownWithItsBackslashN() {
        GradeReport report = grade("mistakes/description-keeps-newline", process());
        PartResult synsets = part(report, "c1_parsesynsetwords");
        assertEquals(0, synsets.score(), 1e-9, () -> describe(report));
        assertTrue(synsets.feedback().contains("synsetstoclassdescr['n01440764']: expected 'tench, Tinca tinca',"
                + " got 'tench, Tinca tinca\\n'"), synsets.feedback());
        assertEquals(3, part(report, "c2_parseclasslabel").score(), 1e-9, () -> describe(report));
    }

    @Test
    void exitOnTwoBoxesOfOneClassCostsThatCaseAndIsNamed() {
        GradeReport report = grade("mistakes/label-list-exits", process());
        PartResult label = part(report, "c2_parseclasslabel");
        assertEquals(2, label.score(), 1e-9, () -> describe(report));
        assertEquals(Status.PARTIAL, label.status());
        assertTrue(label.feedback().contains("case 3 (xml=synthetic_two_tenches.xml, synsets=synset_words.txt):"
                + " called exit()"), label.feedback());
        assertTrue(label.feedback().contains("in parseclasslabel"), label.feedback());
        assertEquals(2, part(report, "c1_parsesynsetwords").score(), 1e-9, () -> describe(report));
    }

    @Test
    void correctParsersScoreFullMarksInDockerToo() {
        try (DockerSandbox docker = TestSandboxes.docker()) {
            GradeReport report = grade("correct", docker);
            assertEquals(5, report.score(), 1e-9, () -> describe(report));
        }
    }
}
