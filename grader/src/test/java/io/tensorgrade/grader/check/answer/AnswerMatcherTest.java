package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FLOP numbers are those of homework 3 (conv 30x14x14 -> 12 filters 4x4, padding 1, stride 2,
 * then 3x3/2 max-pool): 12*7*7*(30*16 + 30*16 - 1) + 12*3*3*8 = 564,756; the seed student's
 * answer 547,704 forgets the additions across channels; 2*MACs gives 565,344.
 */
class AnswerMatcherTest {

    private static final AnswerMatcher FLOPS = new AnswerMatcher(Value.of(564756), Tolerance.EXACT,
            List.of(new Alternative("the 2*MACs convention", Value.of(565344), 0.5, "30*16 additions per output")),
            List.of(Mistake.of("no_channel_adds", Value.of(547704),
                    "the additions across input channels are forgotten (12*7*7*(16-1)*30 instead of"
                            + " 12*7*7*(30*16-1))")));

    @Test
    void theExpectedValueEarnsFullCredit() {
        Verdict v = FLOPS.match(Value.of(564756), "564756");
        assertEquals(Status.PASSED, v.status());
        assertEquals(1.0, v.credit());
        assertEquals("Correct: 564,756.", v.feedback());
    }

    @Test
    void aNamedMistakeIsExplainedWithGivenAndExpected() {
        Verdict v = FLOPS.match(Value.of(547704), "547704");
        assertEquals(Status.FAILED, v.status());
        assertEquals(0.0, v.credit());
        assertEquals("no_channel_adds", v.mistake());
        assertEquals("You answered 547704, which is what you get when the additions across input channels are"
                + " forgotten (12*7*7*(16-1)*30 instead of 12*7*7*(30*16-1)). Expected 564,756.", v.feedback());
    }

    @Test
    void anAcceptedAlternativeEarnsItsOwnCredit() {
        Verdict v = FLOPS.match(Value.of(565344), "565,344");
        assertEquals(Status.PARTIAL, v.status());
        assertEquals(0.5, v.credit());
        assertNull(v.mistake());
        assertTrue(v.feedback().contains("accepted as the 2*MACs convention (30*16 additions per output)"),
                v.feedback());
        assertTrue(v.feedback().contains("50% of the points"), v.feedback());
        assertTrue(v.feedback().contains("564,756"), v.feedback());
    }

    @Test
    void aFullCreditAlternativePasses() {
        AnswerMatcher m = new AnswerMatcher(Value.of(10), Tolerance.EXACT,
                List.of(new Alternative("with bias", Value.of(11), 1.0, "")), List.of());
        Verdict v = m.match(Value.of(11), "11");
        assertEquals(Status.PASSED, v.status());
        assertTrue(v.feedback().contains("Full credit"), v.feedback());
    }

    @Test
    void aMistakeCanKeepPartialCredit() {
        AnswerMatcher m = new AnswerMatcher(Value.of(10), Tolerance.EXACT, List.of(),
                List.of(new Mistake("off_by_bias", Value.of(9), "the bias is left out", 0.25)));
        Verdict v = m.match(Value.of(9), "9");
        assertEquals(Status.PARTIAL, v.status());
        assertEquals(0.25, v.credit());
        assertEquals("off_by_bias", v.mistake());
        assertTrue(v.feedback().contains("Partial credit: 25%"), v.feedback());
    }

    @Test
    void anUnknownWrongAnswerSaysHowFarOffItIs() {
        Verdict v = FLOPS.match(Value.of(600000), "600000");
        assertEquals(Status.FAILED, v.status());
        assertEquals("You answered 600000; expected 564,756 (+6.24% off).", v.feedback());
    }

    @Test
    void aRealWithinTheToleranceIsCorrectAndShowsTheExactValue() {
        AnswerMatcher m = new AnswerMatcher(Value.of(0.7310585786300049), new Tolerance(5e-4, 0), List.of(),
                List.of());
        Verdict v = m.match(Value.of(0.7311), "0.7311");
        assertEquals(Status.PASSED, v.status());
        assertTrue(v.feedback().contains("the exact value is 0.73105858"), v.feedback());
        assertEquals(Status.FAILED, m.match(Value.of(0.732), "0.732").status());
    }

    @Test
    void aRelativeToleranceScalesWithTheExpectedValue() {
        AnswerMatcher m = new AnswerMatcher(Value.of(1_000_000), new Tolerance(0, 0.01), List.of(), List.of());
        assertEquals(Status.PASSED, m.match(Value.of(1_009_999), "1009999").status());
        assertEquals(Status.FAILED, m.match(Value.of(1_010_001), "1010001").status());
    }

    @Test
    void integersAreExactWithoutATolerance() {
        AnswerMatcher m = AnswerMatcher.exactly(Value.of(564756));
        assertFalse(m.same(Value.of(564756), Value.of(564757)));
        assertTrue(m.same(Value.of(564756), Value.of(564756.0)));
    }

    @Test
    void shapesCompareSizeBySizeAndNameTheFirstDifference() {
        AnswerMatcher m = AnswerMatcher.exactly(Value.shape(12, 7, 7));
        assertEquals(Status.PASSED, m.match(Value.shape(12, 7, 7), "12x7x7").status());
        assertEquals("You answered [12, 6, 7]; expected [12, 7, 7] (size 2 is 6 instead of 7).",
                m.match(Value.shape(12, 6, 7), "[12, 6, 7]").feedback());
        assertEquals("You answered [7, 7]; expected [12, 7, 7] (2 sizes given, 3 expected).",
                m.match(Value.shape(7, 7), "[7, 7]").feedback());
    }

    @Test
    void aShapeNeverMatchesANumber() {
        assertFalse(AnswerMatcher.exactly(Value.of(7)).same(Value.of(7), Value.shape(7)));
        assertFalse(AnswerMatcher.exactly(Value.shape(7)).same(Value.shape(7), Value.of(7)));
    }

    @Test
    void creditsOutsideTheirRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Alternative("a", Value.of(1), 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new Mistake("m", Value.of(1), "", 1.0));
    }
}
