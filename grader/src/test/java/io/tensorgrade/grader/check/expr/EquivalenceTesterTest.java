package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Tolerance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output-size formulas (seeds 000 and 001), reproducibility, skipping and mistake matching. */
class EquivalenceTesterTest {
    /** Convolution output width: input I, kernel K, stride S, padding P, with the kernel fitting. */
    private static final Domain CONV = Domain.builder()
            .integer("I", 1, 64).integer("K", 1, 7).integer("S", 1, 4).integer("P", 0, 3)
            .constraint("I + 2*P >= K")
            .build();
    private static final Expression REFERENCE = CONV.parse("floor((I + 2P - K)/S) + 1");

    @Test
    void reorderedOutputSizeFormulaIsEquivalent() {
        EquivalenceResult r = EquivalenceTester.of(CONV).test(REFERENCE, CONV.parse("floor((I - K + 2*P)/S) + 1"));
        assertTrue(r.equivalent(), r.describe());
        assertEquals(EquivalenceTester.DEFAULT_POINTS, r.pointsCompared());
        assertEquals(0, r.pointsSkipped());
        assertEquals(Optional.empty(), r.counterexample());
        assertEquals("agrees with the reference at all 200 points tested", r.describe());
    }

    @Test
    void pythonFloorDivisionIsEquivalent() {
        assertTrue(EquivalenceTester.of(CONV).test(REFERENCE, CONV.parse("(I+2P-K)//S + 1")).equivalent());
    }

    @Test
    void seed000CeilFormulaIsEquivalentToTheFloorFormula() {
        // Seed 000 writes O = ceil((M + 2r - ksize + 1)/k); for integers n >= 0, ceil((n+1)/k) = floor(n/k) + 1.
        Domain d = Domain.builder().integer("M", 1, 64).integer("ksize", 1, 7).integer("k", 1, 4)
                .integer("r", 0, 3).constraint("M + 2r >= ksize").build();
        EquivalenceResult r = EquivalenceTester.of(d)
                .test(d.parse("floor((M + 2r - ksize)/k) + 1"), d.parse("ceil(( M + 2r - ksize + 1) / k)"));
        assertTrue(r.equivalent(), r.describe());
    }

    @Test
    void seed001FormulaIsNotEquivalentAndNamesACounterexample() {
        Expression student = CONV.parse("I - S(K-1)+ 2P");
        EquivalenceResult r = EquivalenceTester.of(CONV).test(REFERENCE, student);
        assertFalse(r.equivalent());
        assertTrue(r.mismatches() > 0 && r.mismatches() <= r.pointsCompared());
        Counterexample c = r.counterexample().orElseThrow();
        // The two formulas agree when S = 1, so any counterexample has a larger stride.
        assertTrue(c.point().get("S") >= 2, c.describe());
        assertEquals(REFERENCE.evaluate(c.point()), c.expected(), 0.0);
        assertEquals(student.evaluate(c.point()), c.actual(), 0.0);
        assertNotEquals(c.expected(), c.actual());
        assertTrue(c.describe().matches("at I=\\d+, K=\\d+, S=\\d+, P=\\d+: expected \\d+, got -?\\d+"),
                c.describe());
        assertTrue(r.describe().startsWith("differs from the reference at " + r.mismatches() + " of 200 points "
                + "tested; first at I="), r.describe());
    }

    @Test
    void seed001FormulaIsConsistentWithItsPartA() {
        // Part (a): a 5x5 image, 3x3 kernel, no padding, stride 1 gives 3x3 (the seed's PyTorch output).
        Map<String, Integer> partA = Map.of("I", 5, "K", 3, "S", 1, "P", 0);
        assertEquals(3.0, CONV.valueAt(CONV.parse("I - S(K-1)+ 2P"), partA), 0.0);
        assertEquals(3.0, CONV.valueAt(REFERENCE, partA), 0.0);
        assertTrue(EquivalenceTester.DEFAULT_TOLERANCE.accepts(3.0, CONV.valueAt(CONV.parse("I - S(K-1)+ 2P"), partA)));
    }

    @Test
    void ceilEqualsFloorWhenTheStrideDividesExactly() {
        Domain divisible = Domain.builder()
                .integer("I", 1, 64).integer("K", 1, 7).integer("S", 1, 4).integer("P", 0, 3)
                .constraint("I + 2*P >= K && (I + 2*P - K) % S == 0")
                .build();
        EquivalenceTester tester = EquivalenceTester.of(divisible);
        Expression ceil = divisible.parse("ceil((I + 2P - K)/S) + 1");
        assertTrue(tester.test(divisible.parse("floor((I + 2P - K)/S) + 1"), ceil).equivalent());
        for (Map<String, Double> p : tester.points()) {
            assertEquals(0.0, (p.get("I") + 2 * p.get("P") - p.get("K")) % p.get("S"), 0.0, p.toString());
        }
        assertFalse(EquivalenceTester.of(CONV).test(REFERENCE, CONV.parse("ceil((I + 2P - K)/S) + 1")).equivalent());
    }

    @Test
    void sameSeedGivesSamePointsAndCounterexample() {
        Expression student = CONV.parse("I - S(K-1)+ 2P");
        EquivalenceTester a = new EquivalenceTester(CONV, EquivalenceTester.DEFAULT_TOLERANCE, 50, 7L);
        EquivalenceTester b = new EquivalenceTester(CONV, EquivalenceTester.DEFAULT_TOLERANCE, 50, 7L);
        EquivalenceTester c = new EquivalenceTester(CONV, EquivalenceTester.DEFAULT_TOLERANCE, 50, 8L);
        assertEquals(a.points(), b.points());
        assertNotEquals(a.points(), c.points());
        assertEquals(a.test(REFERENCE, student), b.test(REFERENCE, student));
        assertEquals(50, a.points().size());
    }

    @Test
    void pointsWhereTheReferenceIsNotFiniteAreSkipped() {
        Expression reference = CONV.parse("K/(S - 1)");
        EquivalenceResult r = EquivalenceTester.of(CONV).test(reference, CONV.parse("K*(S-1)^-1"));
        assertTrue(r.equivalent(), r.describe());
        long stride1 = EquivalenceTester.of(CONV).points().stream().filter(p -> p.get("S") == 1.0).count();
        assertTrue(stride1 > 0);
        assertEquals(stride1, r.pointsSkipped());
        assertEquals(200 - stride1, r.pointsCompared());
    }

    @Test
    void studentValueThatIsNotFiniteIsAMismatch() {
        EquivalenceResult r = EquivalenceTester.of(CONV).test(CONV.parse("K"), CONV.parse("K/(S - S)"));
        assertEquals(r.pointsCompared(), r.mismatches());
        assertTrue(r.counterexample().orElseThrow().describe().endsWith("got inf"), r.describe());
    }

    @Test
    void referenceThatIsNeverFiniteIsARubricError() {
        GraderException e = assertThrows(GraderException.class,
                () -> EquivalenceTester.of(CONV).test(CONV.parse("log(-S)"), CONV.parse("S")));
        assertTrue(e.getMessage().startsWith("reference 'log(-S)' is not finite at any of the 200 sampled points"),
                e.getMessage());
    }

    @Test
    void formulaOverOtherVariablesIsRefused() {
        Expression foreign = Expression.parse("I + Q", "I", "Q");
        GraderException e = assertThrows(GraderException.class, () -> EquivalenceTester.of(CONV).test(REFERENCE,
                foreign));
        assertEquals("answer 'I + Q' uses Q, which the domain does not define; it has I, K, S, P", e.getMessage());
    }

    @Test
    void realFormulasAgreeWithinTolerance() {
        Domain d = Domain.builder().real("x", -3, 3).build();
        EquivalenceTester t = EquivalenceTester.of(d);
        assertTrue(t.test(d.parse("1"), d.parse("sin(x)^2 + cos(x)²")).equivalent());
        assertTrue(t.test(d.parse("tanh(x)"), d.parse("2σ(2x) − 1")).equivalent());
        assertFalse(t.test(d.parse("tanh(x)"), d.parse("2σ(x) − 1")).equivalent());
    }

    @Test
    void matchingMistakeNamesTheFirstEquivalentMistake() {
        Map<String, Expression> mistakes = new LinkedHashMap<>();
        mistakes.put("ceil instead of floor", CONV.parse("ceil((I + 2P - K)/S) + 1"));
        mistakes.put("padding counted once", CONV.parse("floor((I + P - K)/S) + 1"));
        mistakes.put("forgot +1", CONV.parse("floor((I + 2P - K)/S)"));
        mistakes.put("stride ignored", CONV.parse("I + 2P - K + 1"));
        assertEquals(Optional.of("padding counted once"),
                MistakeMatcher.matchingMistake(CONV.parse("⌊(I + P − K)/S⌋ + 1"), mistakes, CONV));
        assertEquals(Optional.of("ceil instead of floor"),
                MistakeMatcher.matchingMistake(CONV.parse("ceil((I-K+2P)/S)+1"), mistakes, CONV));
        assertEquals(Optional.of("forgot +1"),
                MistakeMatcher.matchingMistake(CONV.parse("(I+2P-K)//S"), mistakes, CONV));
        assertEquals(Optional.empty(), MistakeMatcher.matchingMistake(CONV.parse("I - S(K-1)+ 2P"), mistakes, CONV));
        assertEquals(Optional.empty(), MistakeMatcher.matchingMistake(REFERENCE, mistakes, CONV));
    }

    @Test
    void invalidTesterSettingsAreRejected() {
        assertEquals("equivalence tester: points=0 must be at least 1", assertThrows(GraderException.class,
                () -> new EquivalenceTester(CONV, EquivalenceTester.DEFAULT_TOLERANCE, 0, 1L)).getMessage());
        assertEquals("tolerance: atol=-1.0 and rtol=0.0 must be finite and >= 0",
                assertThrows(GraderException.class, () -> new Tolerance(-1, 0)).getMessage());
    }
}
