package io.tensorgrade.grader.check.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A point where the student's formula and the reference disagree: the free variables, the derived
 * variables (empty without definitions) and both values.
 */
public record Counterexample(Map<String, Double> point, Map<String, Double> derived, double expected,
                             double actual) {

    public Counterexample {
        // Copies that keep the domain's order, so the message lists variables as the rubric declares them.
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
        derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
    }

    /** E.g. {@code at I=7, K=3, S=2, P=1: expected 4, got 5}. */
    public String describe() {
        String[] values = Numbers.formatPair(expected, actual);
        String at = "at " + join(point);
        if (!derived.isEmpty()) {
            at += " (so " + join(derived) + ")";
        }
        return at + ": expected " + values[0] + ", got " + values[1];
    }

    private static String join(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + Numbers.format(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
