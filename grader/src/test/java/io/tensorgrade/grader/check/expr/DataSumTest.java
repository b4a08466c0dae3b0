package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static io.tensorgrade.grader.check.expr.SeedParts.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000 writes its gradients with the error's sum in front, {@code \sum_{i \space \epsilon \space data}};
 * the rubric grades them per data point ({@code sum_index}), so a leading data sum is dropped and said so.
 */
class DataSumTest {
    private static final String BODY = "2(z_2 - y_{2i}) z_2 (1 - z_2) z_1";

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ExpressionKind(), () -> dir);

    static Stream<Arguments> leadingDataSums() {
        return Stream.of(
                Arguments.of("\\sum_{i \\in data} " + BODY, "\\sum_{i \\in data}"),
                Arguments.of("\\sum_{i \\space \\epsilon \\space data } " + BODY, "\\sum_{i \\space \\epsilon \\space data}"),
                Arguments.of("\\sum_i " + BODY, "\\sum_i"),
                Arguments.of("\\sum_{i=1}^{N} " + BODY, "\\sum_{i=1}^{N}"),
                Arguments.of("\\sum\\limits_{i} " + BODY, "\\sum\\limits_{i}"),
                Arguments.of("sum_i " + BODY, "sum_i"),
                Arguments.of("Σ_i " + BODY, "Σ_i"),
                Arguments.of("∑ᵢ " + BODY, "∑ᵢ"),
                Arguments.of("\\frac{\\partial E}{\\partial w_{(1,2)}} = \\sum_{i \\in data} " + BODY, "\\sum_{i \\in data}"),
                Arguments.of("2 \\sum_i (z_2 - y_{2i}) z_2 (1 - z_2) z_1", "\\sum_i"));
    }

    @ParameterizedTest
    @MethodSource("leadingDataSums")
    void aLeadingSumOverTheDataIsDroppedAndSaidSo(String answer, String sum) {
        Verdict v = kind.grade(kind.check(SeedParts.W12 + SeedParts.PER_POINT), yaml(answer));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().startsWith("Correct: your formula, read as 2*(z2 - y2)*z2*(1 - z2)*z1, agrees"), v.feedback());
        assertTrue(v.feedback().contains("Note: the leading sum " + sum + " is dropped: the formula is graded for one"
                + " data point; read y2i as y2, its value at data point i."), v.feedback());
    }

    @Test
    void theSeedsAnswerForW13AsItsLatexReadsIsCorrect() {
        Verdict v = kind.grade(kind.check(SeedParts.W13 + SeedParts.PER_POINT), yaml("\\sum_{i \\space \\epsilon \\space"
                + " data } 2(z_3 − y_{3i}) \\cdot h(z_1 \\cdot w_{(1,3)}) \\cdot (1-h(z_1 \\cdot w_{(1,3)})) \\cdot z_1"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().endsWith("Note: the leading sum \\sum_{i \\space \\epsilon \\space data} is dropped: the"
                + " formula is graded for one data point; read w_{(1,3)} as w13; read y3i as y3, its value at data point"
                + " i."), v.feedback());
    }

    @Test
    void sumIndexTrueReadsSumsOverIOrN() {
        Check c = kind.check(SeedParts.W12 + "sum_index: true\n");
        Verdict n = kind.grade(c, yaml("\\sum_n 2(z_2 - y_{2n}) z_2 (1 - z_2) z_1"));
        assertEquals(Status.PASSED, n.status(), n.feedback());
        assertTrue(n.feedback().contains("the leading sum \\sum_n is dropped") && n.feedback().contains(
                "read y2n as y2, its value at data point n"), n.feedback());
        assertEquals(Status.PASSED, kind.grade(c, yaml("\\sum_i " + BODY)).status());
    }

    @Test
    void aSumOverAnotherIndexIsRefusedWithWhatToWrite() {
        Check c = kind.check(SeedParts.W12 + "sum_index: [n]\n");
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("\\sum_i " + BODY)));
        assertTrue(e.getMessage().startsWith("answers.yaml:1: could not read the formula: could not read the sum over i"
                + " (\\sum_i) in \"\\sum_i " + BODY + "\", at column 1 of how it was read; the answer is graded for one"
                + " data point and only a leading sum over the data index n is read; if i counts the data points, write"
                + " the sum over n or leave it out; otherwise write its terms out, one for each value of i:"),
                e.getMessage());
    }

    @Test
    void aSumOverTheOutputsIsRefusedRatherThanGuessed() {
        Check c = kind.check(SeedParts.WX1 + SeedParts.PER_POINT);
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> kind.grade(c,
                yaml("\\sum_{a \\in \\{2,3\\}} 2(z_a - y_a) z_a (1 - z_a) w_{1a} z_1 (1 - z_1) x")));
        assertTrue(e.getMessage().contains("could not read the sum over a (\\sum_{a \\in \\{2,3\\}})"), e.getMessage());
        assertTrue(e.getMessage().contains("read as:   Σ_a 2(z_a - y_a)"), e.getMessage());
    }

    @Test
    void aSumInsideTheFormulaIsRefused() {
        Check c = kind.check(SeedParts.W12 + SeedParts.PER_POINT);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("x \\sum_i " + BODY)));
        assertTrue(e.getMessage().contains("could not read the sum over i (\\sum_i)") && e.getMessage().contains(
                "a sum over the data is read only in front of the whole formula (after at most a constant factor);"
                        + " write the formula for one data point (a leading \\sum_i may be kept)"), e.getMessage());
    }

    @Test
    void aPartThatIsNotPerDataPointRefusesASumWithAClearMessage() {
        Check c = kind.check(SeedParts.W12);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("sum_i 2(z2 - y2) z2 (1 - z2) z1")));
        assertEquals("answers.yaml:1: could not read the formula: could not read the sum over i (sum_i) at column 1;"
                + " this part asks for one formula, not a sum; leave the sum out:\n  sum_i 2(z2 - y2) z2 (1 - z2) z1\n"
                + "  ^", e.getMessage());
    }

    @Test
    void aSumIndexThatIsNotANameIsARubricError() {
        assertTrue(kind.problemText(SeedParts.W12 + "sum_index: 1i\n").contains(
                "sum_index: '1i' is not a name such as i or n (or true for either)"));
    }

    @Test
    void dataSumsAreDroppedOnlyInFront() {
        DataSum.Reading r = DataSum.read("-2\\sum_{i} x + y", List.of("i"));
        assertEquals("-2 x + y", r.text());
        assertEquals(List.of("\\sum_{i}"), r.dropped());
        assertTrue(r.refused().isEmpty());
    }
}
