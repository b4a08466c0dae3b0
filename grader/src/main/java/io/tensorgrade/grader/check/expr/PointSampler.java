package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws points from a domain by rejection sampling; the same seed gives the same points. */
final class PointSampler {
    private PointSampler() {
    }

    /** At most this many draws per requested point (and never fewer than {@link #MIN_DRAWS} in all). */
    static final int DRAWS_PER_POINT = 100;
    static final int MIN_DRAWS = 10_000;

    /**
     * Up to {@code count} completed points that satisfy every constraint. Fewer are returned when the
     * constraints reject almost everything; none at all is an error naming the constraints that rejected.
     */
    static List<Map<String, Double>> sample(Domain domain, int count, long seed) {
        Random random = new Random(seed);
        int maxDraws = Math.max(MIN_DRAWS, DRAWS_PER_POINT * count);
        int[] rejectedBy = new int[domain.constraints().size()];
        List<Map<String, Double>> points = new ArrayList<>(count);
        int draws = 0;
        while (points.size() < count && draws < maxDraws) {
            draws++;
            Map<String, Double> free = new LinkedHashMap<>();
            for (Range r : domain.ranges()) {
                free.put(r.name(), r.sample(random));
            }
            Map<String, Double> point = domain.complete(free);
            int violated = domain.firstViolated(point);
            if (violated < 0) {
                points.add(Collections.unmodifiableMap(point));
            } else {
                rejectedBy[violated]++;
            }
        }
        if (points.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < rejectedBy.length; i++) {
                if (rejectedBy[i] > 0) {
                    why.append(why.length() == 0 ? "" : ", ").append('\'').append(domain.constraints().get(i).text())
                            .append("' rejected ").append(rejectedBy[i]);
                }
            }
            throw new GraderException("the constraints are unsatisfiable in the given ranges: none of " + draws
                    + " random points passed (" + why + "); domain: " + domain.describe());
        }
        return List.copyOf(points);
    }
}
