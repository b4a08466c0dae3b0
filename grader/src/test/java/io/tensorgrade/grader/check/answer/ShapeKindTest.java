package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected shape [12, 7, 7] is PyTorch's output of a 4x4/2 conv with padding 1 on 30x14x14 (12 filters). */
class ShapeKindTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();

    private Check check(String yaml) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, dir);
        c.checkKeys(new ShapeKind().keys());
        return new ShapeKind().create(c);
    }

    private Verdict grade(Check check, String answer) {
        Fixtures.write(dir, "sub/answers.yaml", "q: " + answer + "\n");
        return check.grade(new CheckContext("q", Submission.open(dir.resolve("sub")), dir));
    }

    @Test
    void byDefaultAnotherOrderIsTheNamedMistakeWrongOrder() {
        Check c = check("expected: [12, 7, 7]\n");
        Verdict v = grade(c, "7x7x12");
        assertEquals(Status.FAILED, v.status());
        assertEquals(ShapeKind.WRONG_ORDER, v.mistake());
        assertTrue(v.feedback().contains("the right sizes are written in the wrong order"), v.feedback());
        assertTrue(v.feedback().contains("(order C, H, W)"), v.feedback());
        assertEquals(Status.PASSED, grade(c, "[12, 7, 7]").status());
    }

    @Test
    void listedLayoutsAreAcceptedWithFullCredit() {
        Check c = check("expected: [12, 7, 7]\norder: [CHW, HWC]\n");
        assertEquals(Status.PASSED, grade(c, "7 × 7 × 12").status());
        assertEquals(ShapeKind.WRONG_ORDER, grade(c, "[7, 12, 7]").mistake());
        assertTrue(c.answerForm().contains("in CHW or HWC order"), c.answerForm());
    }

    @Test
    void orderAnyAcceptsEveryPermutation() {
        Check c = check("expected: [12, 3, 3]\norder: any\n");
        assertEquals(Status.PASSED, grade(c, "[3, 12, 3]").status());
        assertEquals(Status.FAILED, grade(c, "[3, 3, 3]").status());
    }

    @Test
    void aDeclaredMistakeIsNamedBeforeTheGenericWrongOrder() {
        Check c = check("expected: [12, 7, 7]\nmistakes:\n  - {name: no_padding, value: [12, 6, 6],"
                + " explanation: the padding is left out}\n");
        Verdict v = grade(c, "12x6x6");
        assertEquals("no_padding", v.mistake());
        assertTrue(v.feedback().contains("the padding is left out"), v.feedback());
    }

    @Test
    void anOrderThatIsNotAReorderingOfTheLayoutIsRejected() {
        check("expected: [12, 7, 7]\norder: [CHW, HWX]\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("order", problems.get(0).field());
        assertTrue(problems.get(0).message().contains("unknown order 'HWX'; allowed: exact, any, or a list"),
                problems.get(0).message());
    }

    @Test
    void aLayoutMustNameEachDimensionOnce() {
        check("expected: [12, 7, 7]\nlayout: CH\n");
        assertTrue(problems.get(0).message().contains("must name each of the 3 dimensions"), problems.toString());
    }

    @Test
    void theExpectedValueShowsTheLayout() {
        assertEquals("[1, 3, 32, 32] (order N, C, H, W)", check("expected: [1, 3, 32, 32]\n").expected().value());
    }
}
