package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001, 1.1(b): the output width O(I, K, S, P) of a convolution, and seed 000, Q2: gradients in the
 * sigmoid network (seed 000 calls the sigmoid h). Expected values come from the reference implementation
 * (OutputSize) and from GradientEquivalenceTest's autograd-checked formulas.
 */
class ExpressionKindTest {

    static final String OUTPUT_SIZE = """
            reference: "floor((I + 2*P - K)/S) + 1"
            variables: {I: {int: [1, 64]}, K: {int: [1, 9]}, S: {int: [1, 4]}, P: {int: [0, 4]}}
            constraints: ["I + 2*P >= K"]
            check_against: conv_output_size
            variable_roles: {input: I, kernel: K, stride: S, padding: P}
            """;

    static final String GRADIENT_W12 = """
            reference: "2*(z2 - y2)*z2*(1 - z2)*z1"
            variables: {x: {real: [-2, 2]}, wx1: {real: [-3, 3]}, w12: {real: [-3, 3]}, w13: {real: [-3, 3]},
                        y2: {real: [0, 1]}, y3: {real: [0, 1]}}
            define: {z1: "h(x*wx1)", z2: "h(z1*w12)", z3: "h(z1*w13)"}
            functions: {h: sigma}
            sum_index: i
            """;

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ExpressionKind(), () -> dir);




    @Test
    void theRuleInAnyNotationIsCorrect() {
        Check c = kind.check(OUTPUT_SIZE);
        for (String answer : List.of("\"floor((I - K + 2P)/S) + 1\"", "\"O = ⌊(I + 2P − K)/S⌋ + 1\"",
                "'$O = \\left\\lfloor \\frac{I + 2P - K}{S} \\right\\rfloor + 1$'", "\"(I + 2*P - K)//S + 1\"")) {
            Verdict v = kind.grade(c, answer);
            assertEquals(Status.PASSED, v.status(), answer + ": " + v.feedback());
        }
        assertEquals("floor((I + 2*P - K)/S) + 1", c.expected().value());
        assertTrue(c.expected().derivation().contains("agrees with conv2d's output size"), c.expected().derivation());
    }

    @Test
    void seed001AnswerIsWrongForStrideAboveOneAndNamed() {
        Verdict v = kind.grade(kind.check(OUTPUT_SIZE), "\"I - S(K-1)+ 2P\"");
        assertEquals(Status.FAILED, v.status());
        assertEquals("kernel_times_stride", v.mistake());
        assertTrue(v.feedback().startsWith("Your formula, read as I - S*(K - 1) + 2*P, is what you get when the"
                + " kernel's extent K - 1 is multiplied by the stride"), v.feedback());
        assertTrue(v.feedback().matches("(?s).*differs from the reference at \\d+ of 200 points tested, e\\.g\\. at "
                + "I=\\d+, K=\\d+, S=[234], P=\\d: expected -?\\d+, got -?\\d+.*"), v.feedback());
        assertTrue(v.feedback().contains("Expected a formula equivalent to floor((I + 2*P - K)/S) + 1."));
    }

    @Test
    void seed001AnswerAtTheAnalysisPointGivesOneInsteadOfTwo() {
        // A domain of one point: I=5, K=3, S=2, P=0 (OutputSize gives 2; the student's formula 1).
        String yaml = OUTPUT_SIZE.replace("{I: {int: [1, 64]}, K: {int: [1, 9]}, S: {int: [1, 4]}, P: {int: [0, 4]}}",
                "{I: {int: [5, 5]}, K: {int: [3, 3]}, S: {int: [2, 2]}, P: {int: [0, 0]}}");
        Verdict v = kind.grade(kind.check(yaml), "\"I - S(K-1)+ 2P\"");
        assertTrue(v.feedback().contains("at I=5, K=3, S=2, P=0: expected 2, got 1"), v.feedback());
    }

    @Test
    void builtInOutputSizeMistakesAreNamed() {
        Check c = kind.check(OUTPUT_SIZE);
        assertEquals("ceil_instead_of_floor", kind.grade(c, "\"ceil((I + 2P - K)/S) + 1\"").mistake());
        assertEquals("floor_missing", kind.grade(c, "\"(I + 2P - K)/S + 1\"").mistake());
        assertEquals("plus_one_forgotten", kind.grade(c, "\"floor((I + 2P - K)/S)\"").mistake());
        assertEquals("padding_one_side", kind.grade(c, "\"floor((I + P - K)/S) + 1\"").mistake());
        assertEquals("padding_ignored", kind.grade(c, "\"floor((I - K)/S) + 1\"").mistake());
        assertEquals("size_over_stride", kind.grade(c, "\"(I + 2P)/S\"").mistake());
        assertEquals("minus_one_instead_of_plus_one", kind.grade(c, "\"floor((I + 2P - K)/S) - 1\"").mistake());
        assertEquals("stride_ignored", kind.grade(c, "\"I + 2P - K + 1\"").mistake());
        Verdict unknown = kind.grade(c, "\"I + K\"");
        assertEquals(Status.FAILED, unknown.status());
        assertEquals(null, unknown.mistake());
        assertTrue(unknown.feedback().startsWith("Your formula, read as I + K, differs from the reference"),
                unknown.feedback());
    }

    @Test
    void builtInsThatTheDomainCannotTellApartAreDropped() {
        // Stride 1 and no padding only: ignoring them changes nothing, so those mistakes must not be named.
        Check c = kind.check(OUTPUT_SIZE.replace("S: {int: [1, 4]}, P: {int: [0, 4]}", "S: {int: [1, 1]}, P: {int: [0, 0]}"));
        List<String> names = ((ExpressionCheck) c).mistakes().stream().map(NamedFormula::name).toList();
        assertTrue(!names.contains("stride_ignored") && !names.contains("padding_ignored")
                && !names.contains("kernel_times_stride") && !names.contains("floor_missing"), names.toString());
        assertTrue(names.contains("plus_one_forgotten"), names.toString());
    }

    @Test
    void acceptedFormulaEarnsItsCreditAndHidesTheSameBuiltIn() {
        Check c = kind.check(OUTPUT_SIZE + """
                accept:
                  - {name: the rule without floor, formula: "(I + 2*P - K)/S + 1", credit: 0.5,
                     explanation: exact when S divides I + 2P - K}
                mistakes:
                  - {name: no_plus_one, formula: "floor((I + 2*P - K)/S)", explanation: the 1 is left out, credit: 0.25}
                """);
        Verdict v = kind.grade(c, "\"(I - K + 2P)/S + 1\"");
        assertEquals(0.5, v.credit());
        assertEquals(Status.PARTIAL, v.status());
        assertTrue(v.feedback().contains("is accepted as the rule without floor (exact when S divides I + 2P - K). "
                + "It earns 50% of the points"), v.feedback());
        Verdict m = kind.grade(c, "\"floor((I - K + 2P)/S)\"");
        assertEquals("no_plus_one", m.mistake());
        assertEquals(0.25, m.credit());
        List<String> names = ((ExpressionCheck) c).mistakes().stream().map(NamedFormula::name).toList();
        assertTrue(!names.contains("floor_missing") && !names.contains("plus_one_forgotten"), names.toString());
    }

    @Test
    void aReferenceThatDisagreesWithTheReferenceImplementationIsARubricError() {
        String msg = kind.problemText(OUTPUT_SIZE.replace("floor((I + 2*P - K)/S) + 1", "floor((I + P - K)/S) + 1"));
        assertTrue(msg.matches("1: reference: 'floor\\(\\(I \\+ P - K\\)/S\\) \\+ 1' disagrees with conv2d's output size"
                + " \\(io.tensorgrade.ref.shape.OutputSize\\) at I=\\d+, K=\\d+, S=\\d, P=[1-4]: the formula gives \\d+,"
                + " conv2d gives floor\\(\\(\\d+ \\+ 2\\*\\d - \\d\\) / \\d\\) \\+ 1 = \\d+"), msg);
    }

    @Test
    void aDomainWithInvalidConvolutionsIsARubricError() {
        String msg = kind.problemText(OUTPUT_SIZE.replace("constraints: [\"I + 2*P >= K\"]\n", ""));
        assertTrue(msg.contains("conv2d refuses the sizes") && msg.contains("add a constraint that excludes such points,"
                + " e.g. \"I + 2*P >= K\""), msg);
    }

    @Test
    void variableRolesMustBeIntegerVariablesOrConstants() {
        String msg = kind.problemText(OUTPUT_SIZE.replace("{input: I, kernel: K, stride: S, padding: P}",
                "{input: I, kernel: Q, padding: P, strides: S}"));
        assertTrue(msg.contains("variable_roles.kernel: 'Q' is not an integer variable"), msg);
        assertTrue(msg.contains("variable_roles.strides: unknown key 'strides' (did you mean 'stride'?)"), msg);
        // Constants are fine: stride 1 without a variable.
        kind.check(OUTPUT_SIZE.replace("S: {int: [1, 4]}, ", "").replace("/S)", ")").replace("stride: S", "stride: 1"));
    }

    @Test
    void aMistakeEqualToTheReferenceNeverAppliesAndIsAnError() {
        String msg = kind.problemText(OUTPUT_SIZE + "mistakes: [{name: same, formula: \"(I + 2*P - K)//S + 1\"}]\n");
        assertEquals("6: mistakes[0].formula: '(I + 2*P - K)//S + 1' is equivalent to the reference on the domain,"
                + " so this entry never applies", msg);
    }

    @Test
    void badVariablesAndFormulasNameTheirField() {
        String msg = kind.problemText("""
                reference: "x + y"
                variables: {x: {int: [1, 3]}, t: [0, 1]}
                define: {z: "x +"}
                """);
        assertTrue(msg.contains("2: variables.t: expected {int: [lo, hi]} or {real: [lo, hi]}, found [0, 1]"), msg);
        String ref = kind.problemText("reference: \"x + y\"\nvariables: {x: {int: [1, 3]}}\n");
        assertTrue(ref.startsWith("1: reference: unknown variable 'y' at column 5; known variables: x"), ref);
    }

    @Test
    void seed000GradientsWithHForTheSigmoidAndASumOverDataAreCorrect() {
        Check c = kind.check(GRADIENT_W12);
        // The seed's answer verbatim: h(z1*w12) is z2.
        Verdict v = kind.grade(c, "\"sum_i 2(z2 - y2i) * h(z1*w12) * (1 - h(z1*w12)) * z1\"");
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().contains("read as 2*(z2 - y2)*sigma(z1*w12)*(1 - sigma(z1*w12))*z1"), v.feedback());
        assertEquals(Status.PASSED, kind.grade(c, "'2(z_2 - y_2)\\sigma(z_1 w_{12})(1-\\sigma(z_1 w_{12})) z_1'").status());
    }

    @Test
    void seed000GradientMistakeGetsACounterexampleWithTheDerivedValues() {
        Check c = kind.check(GRADIENT_W12 + """
                mistakes:
                  - {name: sigmoid_derivative_omitted, formula: "2*(z2 - y2)*z1", explanation: the sigmoid's derivative is left out}
                """);
        Verdict v = kind.grade(c, "\"2(z2 - y2) z1\"");
        assertEquals("sigmoid_derivative_omitted", v.mistake());
        assertTrue(v.feedback().matches("(?s).*e\\.g\\. at x=.*, y3=.* \\(so z1=.*, z2=.*, z3=.*\\): expected .*, got .*"),
                v.feedback());
    }

    @Test
    void unreadableAnswersSayWhereAndWhy() {
        Check c = kind.check(OUTPUT_SIZE);
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> kind.grade(c, "\"floor((I+2P-K))/S) + 1\""));
        assertTrue(e.getMessage().startsWith("answers.yaml:1: could not read the formula: unexpected ')' at column 18"),
                e.getMessage());
        AnswerFormatException list = assertThrows(AnswerFormatException.class, () -> kind.grade(c, "[1, 2]"));
        assertTrue(list.getMessage().startsWith("answers.yaml:1: expected a formula as text, found a list of 2 items"),
                list.getMessage());
        AnswerFormatException unknown = assertThrows(AnswerFormatException.class, () -> kind.grade(c, "\"(W - K)/S + 1\""));
        assertTrue(unknown.getMessage().contains("unknown variable 'W'"), unknown.getMessage());
    }

    @Test
    void parseErrorsQuoteTheAnswerAsWrittenAndShowHowItWasRead() {
        Check c = kind.check(GRADIENT_W12);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, "'sum_{a in (2,3)} z1'"));
        String m = e.getMessage();
        assertTrue(m.contains("in \"sum_{a in (2,3)} z1\""), m);
        assertTrue(m.contains("you wrote: sum_{a in (2,3)} z1\n  read as:   "), m);
        // The caret sits under the reading's offending column.
        String[] lines = m.split("\n");
        String read = lines[lines.length - 2];
        int caret = lines[lines.length - 1].indexOf('^');
        assertTrue(read.startsWith("  read as:   "), read);
        assertEquals("  read as:   ".length(), caret, m);
    }

    @Test
    void parseErrorsPointIntoTheAnswerWhenOnlyALeftHandSideWasDropped() {
        Check c = kind.check(OUTPUT_SIZE);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, "\"O = floor((I+2P-K))/S) + 1\""));
        // ')' is at column 18 of the right-hand side, 4 characters later in what was written.
        assertTrue(e.getMessage().contains("unexpected ')' at column 22:\n  O = floor((I+2P-K))/S) + 1\n"
                + " ".repeat(23) + "^"), e.getMessage());
    }

    @Test
    void implicitProductsAreReadAndNoted() {
        Verdict v = kind.grade(kind.check(OUTPUT_SIZE), "\"floor((I + 2P - K)/S) + KS/KS\"");
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().contains("Note: 'KS' is read as K*S"), v.feedback());
    }
}
