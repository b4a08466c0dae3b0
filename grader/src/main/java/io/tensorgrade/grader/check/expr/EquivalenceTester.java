package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Tolerance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether two formulas are equal on a domain by evaluating both at the same random points.
 * The points are drawn once, in the constructor, from a seeded {@link java.util.Random}: the same domain,
 * count and seed give the same points, so a grade can be reproduced.
 */
public final class EquivalenceTester {
    public static final int DEFAULT_POINTS = 200;
    /** Tight enough to separate formulas, loose enough for different but equivalent operation orders. */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-9, 1e-6);
    public static final long DEFAULT_SEED = 5242L;

    private final Domain domain;
    private final Tolerance tolerance;
    private final int points;
    private final long seed;
    private final List<Map<String, Double>> samples;

    /**
     * @throws GraderException if {@code points < 1} or no point satisfies the domain's constraints
     */
    public EquivalenceTester(Domain domain, Tolerance tolerance, int points, long seed) {
        if (domain == null || tolerance == null) {
            throw new GraderException("equivalence tester: domain and tolerance are required");
        }
        if (points < 1) {
            throw new GraderException("equivalence tester: points=" + points + " must be at least 1");
        }
        this.domain = domain;
        this.tolerance = tolerance;
        this.points = points;
        this.seed = seed;
        this.samples = PointSampler.sample(domain, points, seed);
    }

    /** {@link #DEFAULT_POINTS} points, {@link Tolerance#DEFAULT}, {@link #DEFAULT_SEED}. */
    public static EquivalenceTester of(Domain domain) {
        return new EquivalenceTester(domain, DEFAULT_TOLERANCE, DEFAULT_POINTS, DEFAULT_SEED);
    }

    /**
     * Compares {@code student} with {@code reference} at every sampled point. Points where the reference is
     * NaN or infinite are skipped; a student value that is not finite where the reference is counts as a
     * mismatch.
     *
     * @throws GraderException if a formula uses a variable the domain lacks, or the reference is not finite
     *                         at any sampled point (a rubric error)
     */
    public EquivalenceResult test(Expression reference, Expression student) {
        requireVariables("reference", reference);
        requireVariables("answer", student);
        int compared = 0;
        int skipped = 0;
        int mismatches = 0;
        Counterexample first = null;
        for (Map<String, Double> point : samples) {
            double expected = reference.evaluate(point);
            if (!Double.isFinite(expected)) {
                skipped++;
                continue;
            }
            compared++;
            double actual = student.evaluate(point);
            if (!tolerance.accepts(expected, actual)) {
                mismatches++;
                if (first == null) {
                    first = counterexample(point, expected, actual);
                }
            }
        }
        if (compared == 0) {
            throw new GraderException("reference '" + reference + "' is not finite at any of the " + skipped
                    + " sampled points; domain: " + domain.describe());
        }
        return new EquivalenceResult(mismatches == 0, compared, skipped, mismatches, Optional.ofNullable(first));
    }

    /**
     * The name of the first mistake (in the map's iteration order) whose formula the student's is equivalent
     * to, e.g. "ceil instead of floor"; empty if none matches.
     */
    public Optional<String> matchingMistake(Expression student, Map<String, Expression> mistakes) {
        for (Map.Entry<String, Expression> m : mistakes.entrySet()) {
            if (test(m.getValue(), student).equivalent()) {
                return Optional.of(m.getKey());
            }
        }
        return Optional.empty();
    }

    /** The sampled points, free and derived variables, in order; unmodifiable. */
    public List<Map<String, Double>> points() {
        return samples;
    }

    public Domain domain() {
        return domain;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    /** The number of points requested; {@link #points()} may hold fewer under tight constraints. */
    public int requestedPoints() {
        return points;
    }

    public long seed() {
        return seed;
    }

    private void requireVariables(String role, Expression e) {
        for (String v : e.variables()) {
            if (!domain.variableNames().contains(v)) {
                throw new GraderException(role + " '" + e + "' uses " + v + ", which the domain does not define; "
                        + "it has " + String.join(", ", domain.variableNames()));
            }
        }
    }

    private Counterexample counterexample(Map<String, Double> point, double expected, double actual) {
        Map<String, Double> free = new LinkedHashMap<>();
        Map<String, Double> derived = new LinkedHashMap<>();
        domain.ranges().forEach(r -> free.put(r.name(), point.get(r.name())));
        domain.definitions().forEach(d -> derived.put(d.name(), point.get(d.name())));
        return new Counterexample(free, derived, expected, actual);
    }
}
