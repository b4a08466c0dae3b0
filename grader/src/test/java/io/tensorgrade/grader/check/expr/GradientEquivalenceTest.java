package io.tensorgrade.grader.check.expr;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000, Q2: x -> z1 = h(x*w(x,1)), z2 = h(z1*w(1,2)), z3 = h(z1*w(1,3)) with h the sigmoid, and
 * E = (z2 - y2)^2 + (z3 - y3)^2 for one data point. The reference gradients are derived by hand and checked
 * here against PyTorch autograd and against central differences of E.
 */
class GradientEquivalenceTest {
    private static final Domain NET = Domain.builder()
            .real("x", -2, 2).real("wx1", -3, 3).real("w12", -3, 3).real("w13", -3, 3)
            .real("y2", 0, 1).real("y3", 0, 1)
            .define("z1", "sigma(x*wx1)").define("z2", "sigma(z1*w12)").define("z3", "sigma(z1*w13)")
            .build();
    private static final Expression ERROR = NET.parse("(z2 - y2)^2 + (z3 - y3)^2");
    private static final Expression D_W12 = NET.parse("2*(z2 - y2)*z2*(1 - z2)*z1");
    private static final Expression D_W13 = NET.parse("2*(z3 - y3)*z3*(1 - z3)*z1");
    private static final Expression D_WX1 =
            NET.parse("(2*(z2 - y2)*z2*(1 - z2)*w12 + 2*(z3 - y3)*z3*(1 - z3)*w13)*z1*(1 - z1)*x");

    @Test
    void referenceGradientsMatchPyTorchAutograd() {
        // torch 1.13, float64: x=0.7, w(x,1)=-1.3, w(1,2)=0.8, w(1,3)=2.1, y2=0.25, y3=0.9, E.backward().
        Map<String, Double> at = Map.of("x", 0.7, "wx1", -1.3, "w12", 0.8, "w13", 2.1, "y2", 0.25, "y3", 0.9);
        assertEquals(0.15871762288908636, NET.valueAt(ERROR, at), 1e-14);
        assertEquals(-0.017526669918383742, NET.valueAt(D_WX1, at), 1e-14);
        assertEquals(0.04350006400043489, NET.valueAt(D_W12, at), 1e-14);
        assertEquals(-0.03329361562409412, NET.valueAt(D_W13, at), 1e-14);
        assertEquals(0.2869998372477183, NET.complete(at).get("z1"), 1e-15);
    }

    @Test
    void referenceGradientsMatchCentralDifferencesAtSampledPoints() {
        Map<String, Expression> gradients = Map.of("wx1", D_WX1, "w12", D_W12, "w13", D_W13);
        List<Map<String, Double>> points = new EquivalenceTester(NET, EquivalenceTester.DEFAULT_TOLERANCE, 30, 1L).points();
        double h = 1e-5;
        for (Map<String, Double> p : points) {
            for (Map.Entry<String, Expression> g : gradients.entrySet()) {
                Map<String, Double> plus = new HashMap<>(p);
                Map<String, Double> minus = new HashMap<>(p);
                plus.put(g.getKey(), p.get(g.getKey()) + h);
                minus.put(g.getKey(), p.get(g.getKey()) - h);
                double numeric = (NET.valueAt(ERROR, plus) - NET.valueAt(ERROR, minus)) / (2 * h);
                assertEquals(numeric, NET.valueAt(g.getValue(), p), 1e-8, g.getKey() + " at " + p);
            }
        }
    }

    @Test
    void seedAnswerForW12IsEquivalent() {
        // The seed's answer with its h written as sigma: 2(z2 − y2) · h(z1·w12) · (1 − h(z1·w12)) · z1.
        Expression student = NET.parse("2(z2 − y2) · σ(z1 · w12) · (1 − σ(z1 · w12)) · z1");
        EquivalenceResult r = EquivalenceTester.of(NET).test(D_W12, student);
        assertTrue(r.equivalent(), r.describe());
        assertEquals(200, r.pointsCompared());
    }

    @Test
    void seedAnswerForW13IsEquivalent() {
        Expression student = NET.parse("2(z3 − y3) · sigmoid(z1 · w13) · (1 − sigmoid(z1 · w13)) · z1");
        assertTrue(EquivalenceTester.of(NET).test(D_W13, student).equivalent());
    }

    @Test
    void gradientWrittenWithImplicitProductsIsEquivalent() {
        Expression student = NET.parse("(2(z2-y2)z2(1-z2)w12 + 2(z3-y3)z3(1-z3)w13) z1(1-z1)x");
        assertTrue(EquivalenceTester.of(NET).test(D_WX1, student).equivalent(), student.readAs());
    }

    @Test
    void gradientWrittenInTheFreeVariablesOnlyIsEquivalent() {
        Expression student = NET.parse(
                "2(σ(σ(x·wx1)·w12) − y2)·σ(σ(x·wx1)·w12)·(1 − σ(σ(x·wx1)·w12))·σ(x·wx1)");
        assertTrue(EquivalenceTester.of(NET).test(D_W12, student).equivalent());
    }

    @Test
    void gradientMissingTheOutgoingWeightsIsNotEquivalent() {
        Expression student = NET.parse("(2(z2-y2)z2(1-z2) + 2(z3-y3)z3(1-z3)) z1(1-z1) x");
        EquivalenceResult r = EquivalenceTester.of(NET).test(D_WX1, student);
        assertFalse(r.equivalent());
        String message = r.counterexample().orElseThrow().describe();
        assertTrue(message.matches("at x=.*, wx1=.*, w12=.*, w13=.*, y2=.*, y3=.* \\(so z1=.*, z2=.*, z3=.*\\): "
                + "expected .*, got .*"), message);
    }

    @Test
    void mistakeMatcherNamesTheMissingBranch() {
        Map<String, Expression> mistakes = new LinkedHashMap<>();
        mistakes.put("only the path through z2", NET.parse("2(z2-y2)z2(1-z2) w12 z1(1-z1) x"));
        mistakes.put("outgoing weights w12, w13 left out",
                NET.parse("(2(z2-y2)z2(1-z2) + 2(z3-y3)z3(1-z3)) z1(1-z1) x"));
        mistakes.put("chain rule stops at z1", NET.parse("2(z2-y2)z2(1-z2)w12 + 2(z3-y3)z3(1-z3)w13"));
        Expression onlyZ2 = NET.parse("2*(z2 - y2)*z2*(1 - z2)*w12*z1*(1 - z1)*x");
        assertEquals(Optional.of("only the path through z2"), MistakeMatcher.matchingMistake(onlyZ2, mistakes, NET));
        assertEquals(Optional.empty(), MistakeMatcher.matchingMistake(D_WX1, mistakes, NET));
    }
}
