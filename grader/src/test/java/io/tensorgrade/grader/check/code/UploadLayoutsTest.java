package io.tensorgrade.grader.check.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads as they come from Gradescope: another letter case, one folder around everything, a notebook's
 * script export instead of the notebook. Each is graded as the file the rubric names, and says how it was found.
 */
class UploadLayoutsTest {

    private static final Path ROOT = ConvLayersSamplesTest.ROOT;
    private static final Path CORRECT = ROOT.resolve("submissions-sample/cnn-sizes-flops/correct");
    private static Rubric rubric;
    private static Sandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(TestSandboxes.pythonHas("numpy"), "no numpy in " + ProcessSandbox.DEFAULT_PYTHON);
        rubric = RubricLoader.load(ROOT.resolve("rubrics/cnn-sizes-flops.yaml"));
        sandbox = ProcessSandbox.create();
    }

    private GradeReport grade(Rubric r, Path submission) {
        return Grader.grade(GradeRequest.of(r, Submission.open(submission)).sandbox(() -> sandbox));
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(p -> p.partId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCodeFileInAnotherLetterCaseIsGradedAndSaidSo() throws IOException {
        Path s = Files.createDirectories(dir.resolve("s"));
        Files.copy(CORRECT.resolve("answers.yaml"), s.resolve("answers.yaml"));
        Files.copy(CORRECT.resolve("getimagenetclasses.py"), s.resolve("GetImageNetClasses.py"));

        PartResult c1 = part(grade(rubric, s), "c1_parsesynsetwords");

        assertEquals(Status.PASSED, c1.status(), c1.feedback());
        assertTrue(c1.feedback().contains("getimagenetclasses.py was not in your submission under that name;"
                + " GetImageNetClasses.py was graded in its place."), c1.feedback());
    }

    @Test
    void anUploadInsideOneFolderIsGradedFromThereAndSaidSo() throws IOException {
        Path s = Files.createDirectories(dir.resolve("s/hw3"));
        Files.copy(CORRECT.resolve("answers.yaml"), s.resolve("Answers.yaml"));
        Files.copy(CORRECT.resolve("getimagenetclasses.py"), s.resolve("getimagenetclasses.py"));

        GradeReport report = grade(rubric, dir.resolve("s"));

        assertEquals(rubric.totalPoints(), report.score(), 1e-9, report.results().toString());
        assertTrue(report.warnings().contains("No answers.yaml at the top of the submission; hw3/Answers.yaml was"
                + " read instead."), report.warnings().toString());
        assertTrue(part(report, "c2_parseclasslabel").feedback().contains("hw3/getimagenetclasses.py was graded in"
                + " its place"), part(report, "c2_parseclasslabel").feedback());
    }

    @Test
    void anyOfTheNamesAListedFileMayHaveIsGradedUnderItsOwnName() throws IOException {
        Assumptions.assumeTrue(TestSandboxes.pythonHas("torch"), "no torch in " + ProcessSandbox.DEFAULT_PYTHON);
        Path r = Fixtures.write(dir, "hw4.yaml", """
                assignment: hw4
                parts:
                  - id: p1_sigmoid
                    points: 1
                    check: function
                    file: [hw4.ipynb, hw4.py]
                    function: my_sigmoid
                    reference: sigmoid
                    inputs: {x: [2, 3]}
                    tensors: torch
                """);
        Fixtures.write(dir, "s/hw4.py", "import torch\n\ndef my_sigmoid(x):\n    return 1 / (1 + torch.exp(-x))\n");
        Rubric hw4 = RubricLoader.load(r);

        PartResult p = grade(hw4, dir.resolve("s")).results().get(0);

        assertEquals(Status.PASSED, p.status(), p.feedback());
        assertTrue(hw4.parts().get(0).check().answerForm().contains("my_sigmoid(x) in hw4.ipynb or hw4.py"),
                hw4.parts().get(0).check().answerForm());
    }

    @Test
    void noneOfTheNamesIsNamedWhenTheFileIsMissing() throws IOException {
        Path r = Fixtures.write(dir, "hw4.yaml", """
                assignment: hw4
                parts:
                  - id: p1_sigmoid
                    points: 1
                    check: function
                    file: [hw4.ipynb, hw4.py]
                    function: my_sigmoid
                    reference: sigmoid
                    inputs: {x: [2, 3]}
                    tensors: torch
                """);
        Files.createDirectories(dir.resolve("s"));
        Fixtures.write(dir, "s/notes.txt", "nothing here");

        PartResult p = grade(RubricLoader.load(r), dir.resolve("s")).results().get(0);

        assertEquals(Status.FAILED, p.status());
        assertTrue(p.feedback().startsWith("hw4.ipynb or hw4.py is not in your submission"), p.feedback());
    }
}
