package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected shape [12, 7, 7] is PyTorch's output of a 4x4/2 conv with padding 1 on 30x14x14 (12 filters). */
class ShapeKindTest {

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ShapeKind(), () -> dir);



    @Test
    void byDefaultAnotherOrderIsTheNamedMistakeWrongOrder() {
        Check c = kind.create("expected: [12, 7, 7]\n");
        Verdict v = kind.grade(c, "7x7x12");
        assertEquals(Status.FAILED, v.status());
        assertEquals(ShapeKind.WRONG_ORDER, v.mistake());
        assertTrue(v.feedback().contains("the right sizes are written in the wrong order"), v.feedback());
        assertTrue(v.feedback().contains("(order C, H, W)"), v.feedback());
        assertEquals(Status.PASSED, kind.grade(c, "[12, 7, 7]").status());
    }

    @Test
    void listedLayoutsAreAcceptedWithFullCredit() {
        Check c = kind.create("expected: [12, 7, 7]\norder: [CHW, HWC]\n");
        assertEquals(Status.PASSED, kind.grade(c, "7 × 7 × 12").status());
        assertEquals(ShapeKind.WRONG_ORDER, kind.grade(c, "[7, 12, 7]").mistake());
        assertTrue(c.answerForm().contains("in CHW or HWC order"), c.answerForm());
    }

    @Test
    void orderAnyAcceptsEveryPermutation() {
        Check c = kind.create("expected: [12, 3, 3]\norder: any\n");
        assertEquals(Status.PASSED, kind.grade(c, "[3, 12, 3]").status());
        assertEquals(Status.FAILED, kind.grade(c, "[3, 3, 3]").status());
    }

    @Test
    void aDeclaredMistakeIsNamedBeforeTheGenericWrongOrder() {
        Check c = kind.create("expected: [12, 7, 7]\nmistakes:\n  - {name: no_padding, value: [12, 6, 6],"
                + " explanation: the padding is left out}\n");
        Verdict v = kind.grade(c, "12x6x6");
        assertEquals("no_padding", v.mistake());
        assertTrue(v.feedback().contains("the padding is left out"), v.feedback());
    }

    @Test
    void anOrderThatIsNotAReorderingOfTheLayoutIsRejected() {
        kind.create("expected: [12, 7, 7]\norder: [CHW, HWX]\n");
        assertEquals(1, kind.problems().size(), kind.problems().toString());
        assertEquals("order", kind.problems().get(0).field());
        assertTrue(kind.problems().get(0).message().contains("unknown order 'HWX'; allowed: exact, any, or a list"),
                kind.problems().get(0).message());
    }

    @Test
    void aLayoutMustNameEachDimensionOnce() {
        kind.create("expected: [12, 7, 7]\nlayout: CH\n");
        assertTrue(kind.problems().get(0).message().contains("must name each of the 3 dimensions"), kind.problems().toString());
    }

    @Test
    void theExpectedValueShowsTheLayout() {
        assertEquals("[1, 3, 32, 32] (order N, C, H, W)", kind.create("expected: [1, 3, 32, 32]\n").expected().value());
    }

    @Test
    void theSpatialSizeAloneEarnsHalfCreditAndSaysSo() {
        Check c = kind.create("expected: [12, 7, 7]\norder: [CHW, HWC]\n");
        Verdict v = kind.grade(c, "7x7");
        assertEquals(0.5, v.credit());
        assertEquals(Status.PARTIAL, v.status());
        assertEquals(ShapeReadings.SPATIAL_SIZE_ONLY, v.mistake());
        assertEquals("You answered 7x7, which is what you get when only the spatial size (H x W) is given and the 12"
                + " channels are left implicit. Expected [12, 7, 7]. Partial credit: 50% of the points.", v.feedback());
    }

    @Test
    void withOneChannelTheSpatialSizeIsTheWholeAnswer() {
        Check c = kind.create("expected: [1, 3, 3]\n");
        Verdict v = kind.grade(c, "$$3 \\times 3$$");
        assertEquals(Status.PASSED, v.status(), v.feedback());
    }

    @Test
    void theNumberOfValuesIsANamedMistakeUnlessThePartAsksForTheTotalSize() {
        Check shape = kind.create("expected: [12, 7, 7]\n");
        Verdict v = kind.grade(shape, "588");
        assertEquals(ShapeReadings.ELEMENT_COUNT, v.mistake());
        assertEquals("You answered 588, which is what you get when the values are counted (12 x 7 x 7 = 588) instead"
                + " of giving the shape. Expected [12, 7, 7].", v.feedback());
        Check total = kind.create("expected: [12, 7, 7]\ntotal_size: true\n");
        Verdict t = kind.grade(total, "588");
        assertEquals(Status.PASSED, t.status());
        assertEquals("You answered 588, which is accepted as the total size (the number of values, 12 x 7 x 7 = 588)."
                + " Full credit; the main answer is [12, 7, 7].", t.feedback());
        assertEquals(Status.PASSED, kind.grade(total, "\"12x7x7 = 588\"").status());
    }

    @Test
    void latexAndAssignmentsReadAsTheShapeTheyWrite() {
        Check c = kind.create("expected: [12, 7, 7]\norder: [CHW, HWC]\n");
        for (String answer : new String[]{"\"$7 \\\\times 7 \\\\times 12$\"", "\"\\\\(12 \\\\times 7 \\\\times 7\\\\)\"",
            "7×7×12", "\"O = 7x7x12\"", "\"output: 12 x 7 x 7\"", "[12, 7, 7]"}) {
            assertEquals(Status.PASSED, kind.grade(c, answer).status(), answer);
        }
    }
}
