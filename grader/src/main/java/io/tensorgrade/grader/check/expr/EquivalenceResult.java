package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.Optional;

/**
 * The outcome of comparing a student's formula with the reference at sampled points.
 *
 * @param pointsCompared points where the reference was finite and both formulas were evaluated
 * @param pointsSkipped  sampled points skipped because the reference itself was not finite there
 * @param mismatches     compared points where the values disagree
 * @param counterexample the first such point, present exactly when {@code mismatches > 0}
 */
public record EquivalenceResult(boolean equivalent, int pointsCompared, int pointsSkipped, int mismatches,
                                Optional<Counterexample> counterexample) {

    public EquivalenceResult {
        if (pointsCompared < 0 || pointsSkipped < 0 || mismatches < 0 || mismatches > pointsCompared
                || equivalent != (mismatches == 0) || counterexample.isPresent() != (mismatches > 0)) {
            throw new GraderException("inconsistent equivalence result: equivalent=" + equivalent + ", compared="
                    + pointsCompared + ", skipped=" + pointsSkipped + ", mismatches=" + mismatches);
        }
    }

    /** E.g. {@code differs at 37 of 200 points; first at I=7, K=3, S=2, P=1: expected 4, got 5}. */
    public String describe() {
        if (equivalent) {
            return "agrees with the reference at all " + pointsCompared + " points tested";
        }
        return "differs from the reference at " + mismatches + " of " + pointsCompared + " points tested; first "
                + counterexample.orElseThrow().describe();
    }
}
