package io.tensorgrade.grader.check.expr;

import java.util.Map;
import java.util.Optional;

/**
 * Names the known mistake a wrong formula corresponds to, for feedback such as "you used ceil instead of
 * floor". The rubric declares the mistakes as named formulas.
 */
public final class MistakeMatcher {
    private MistakeMatcher() {
    }

    /**
     * The first mistake, in the map's iteration order (use a {@link java.util.LinkedHashMap} to rank them),
     * whose formula is equivalent to the student's on {@code domain} with the default points, tolerance and
     * seed of {@link EquivalenceTester#of(Domain)}; empty if none is.
     */
    public static Optional<String> matchingMistake(Expression student, Map<String, Expression> mistakes,
                                                   Domain domain) {
        return EquivalenceTester.of(domain).matchingMistake(student, mistakes);
    }
}
