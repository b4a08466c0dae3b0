package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainTest {

    @Test
    void unsatisfiableConstraintsNameTheRejectingConstraint() {
        Domain d = Domain.builder().integer("I", 5, 10).integer("K", 1, 3).constraint("K > I").build();
        GraderException e = assertThrows(GraderException.class,
                () -> new EquivalenceTester(d, EquivalenceTester.DEFAULT_TOLERANCE, 10, 1L));
        assertEquals("the constraints are unsatisfiable in the given ranges: none of 10000 random points passed "
                + "('K > I' rejected 10000); domain: integer I in [5, 10], integer K in [1, 3]; K > I", e.getMessage());
    }

    @Test
    void eachRejectionIsChargedToTheFirstConstraintThatFails() {
        Domain d = Domain.builder().integer("I", 1, 4).constraint("I >= 3").constraint("I <= 2").build();
        GraderException e = assertThrows(GraderException.class,
                () -> new EquivalenceTester(d, EquivalenceTester.DEFAULT_TOLERANCE, 10, 1L));
        assertTrue(e.getMessage().matches(".*\\('I >= 3' rejected \\d+, 'I <= 2' rejected \\d+\\).*"),
                e.getMessage());
    }

    @Test
    void rareConstraintYieldsFewerPointsThatAllSatisfyIt() {
        Domain d = Domain.builder().integer("I", 1, 1000).integer("K", 1, 3).constraint("I == 7").build();
        List<Map<String, Double>> points = EquivalenceTester.of(d).points();
        assertTrue(points.size() > 0 && points.size() < EquivalenceTester.DEFAULT_POINTS, "" + points.size());
        points.forEach(p -> assertEquals(7.0, p.get("I"), 0.0));
    }

    @Test
    void integerRangesIncludeBothEndsAndOnlyIntegers() {
        Domain d = Domain.builder().integer("P", 0, 2).real("x", -0.5, 0.5).build();
        Set<Double> seen = new HashSet<>();
        for (Map<String, Double> p : new EquivalenceTester(d, EquivalenceTester.DEFAULT_TOLERANCE, 300, 3L).points()) {
            seen.add(p.get("P"));
            assertTrue(p.get("x") >= -0.5 && p.get("x") < 0.5, p.toString());
        }
        assertEquals(Set.of(0.0, 1.0, 2.0), seen);
    }

    @Test
    void constraintsMayUseDerivedVariables() {
        Domain d = Domain.builder().integer("I", 1, 20).integer("K", 1, 5).define("O", "I - K + 1")
                .constraint("O >= 1").build();
        for (Map<String, Double> p : EquivalenceTester.of(d).points()) {
            assertEquals(p.get("I") - p.get("K") + 1, p.get("O"), 0.0);
            assertTrue(p.get("O") >= 1, p.toString());
        }
    }

    @Test
    void completeAddsDerivedVariablesInOrder() {
        Domain d = Domain.builder().real("x", 0, 1).define("a", "2x").define("b", "a + x").build();
        assertEquals(List.of("x", "a", "b"), List.copyOf(d.variableNames()));
        assertEquals(Map.of("x", 1.5, "a", 3.0, "b", 4.5), d.complete(Map.of("x", 1.5)));
        assertEquals(9.0, d.valueAt(d.parse("2b"), Map.of("x", 1.5)), 0.0);
    }

    @Test
    void completeNamesTheMissingVariable() {
        Domain d = Domain.builder().integer("I", 1, 5).integer("K", 1, 5).build();
        assertEquals("no value for K; the domain needs I, K",
                assertThrows(GraderException.class, () -> d.complete(Map.of("I", 3))).getMessage());
    }

    @Test
    void definitionCannotUseALaterDefinition() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Domain.builder().real("x", 0, 1).define("a", "b + 1").define("b", "x").build());
        assertEquals("unknown variable 'b' at column 1; known variables: x:\n  b + 1\n  ^", e.getMessage());
        Expression early = Expression.parse("b + 1", "x", "b");
        GraderException g = assertThrows(GraderException.class, () -> new Domain(List.of(Range.real("x", 0, 1)),
                List.of(new Definition("a", early)), List.of()));
        assertEquals("domain: definition of a uses b, which is not defined before it", g.getMessage());
    }

    @Test
    void invalidDomainsAreRejectedWithTheirReason() {
        assertEquals("domain: variable x has two ranges", assertThrows(GraderException.class,
                () -> Domain.builder().real("x", 0, 1).integer("x", 0, 1).build()).getMessage());
        assertEquals("domain: variable x has two ranges", assertThrows(GraderException.class,
                () -> new Domain(List.of(Range.real("x", 0, 1), Range.real("x", 0, 2)), List.of(), List.of()))
                .getMessage());
        assertEquals("domain: constraint 'x' is not a comparison", assertThrows(GraderException.class,
                () -> new Domain(List.of(Range.real("x", 0, 1)), List.of(), List.of(Expression.parse("x", "x"))))
                .getMessage());
        assertEquals("range of x: [2.0, 1.0] is not a finite interval with lo <= hi",
                assertThrows(GraderException.class, () -> Range.real("x", 2, 1)).getMessage());
        assertEquals("range of K: integer bounds [0.5, 2.0] must be whole numbers within +-1e15",
                assertThrows(GraderException.class, () -> new Range("K", true, 0.5, 2)).getMessage());
    }

    @Test
    void describeListsRangesDefinitionsAndConstraints() {
        Domain d = Domain.builder().integer("I", 1, 64).real("x", -0.5, 2).define("z", "sigma(x)")
                .constraint("I >= 2").constraint("x < 1").build();
        assertEquals("integer I in [1, 64], real x in [-0.5, 2]; z = sigma(x); I >= 2 and x < 1", d.describe());
    }
}
