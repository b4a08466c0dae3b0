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
}
