package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.result.Lateness;
import io.tensorgrade.grader.result.Points;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A rubric's {@code due:} and {@code late_policy:} (seed 002: "15% off per day late, 0 scores if you submit it
 * 7 days after the deadline"). A submission is late once it comes in after {@code due + grace}; every started
 * day costs {@code perDay} of the score (one second late is one day), and a submission more than
 * {@code zeroAfterDays} days after the due date (and grace) scores zero.
 *
 * @param zeroAfterDays null: no cut-off beyond the per-day penalty (which stops at 100%)
 */
public record LatePolicy(Instant due, double perDay, Integer zeroAfterDays, Duration grace) {

    private static final Duration DAY = Duration.ofDays(1);

    public LatePolicy {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(grace, "grace");
        if (!(perDay >= 0 && perDay <= 1)) {
            throw new IllegalArgumentException("perDay=" + perDay + " must be in [0, 1]");
        }
        if (zeroAfterDays != null && zeroAfterDays < 0) {
            throw new IllegalArgumentException("zeroAfterDays=" + zeroAfterDays + " must be >= 0");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace=" + grace + " must be >= 0");
        }
    }

    /** The same policy measured against another due date (Gradescope's own, or a student's extension). */
    public LatePolicy dueAt(Instant other) {
        return new LatePolicy(other, perDay, zeroAfterDays, grace);
    }

    /** What this policy does to a submission made at {@code submittedAt}; {@link Lateness#NONE} when unknown. */
    public Lateness assess(Instant submittedAt) {
        if (submittedAt == null) {
            return Lateness.NONE;
        }
        Duration late = Duration.between(due.plus(grace), submittedAt);
        if (late.isNegative() || late.isZero()) {
            return new Lateness(submittedAt, due, 0, 0, rule());
        }
        // In seconds, not nanoseconds: a timestamp centuries off must not overflow.
        long seconds = late.getSeconds();
        long days = seconds / DAY.getSeconds() + (seconds % DAY.getSeconds() != 0 || late.getNano() != 0 ? 1 : 0);
        boolean cutOff = zeroAfterDays != null && late.compareTo(DAY.multipliedBy(zeroAfterDays)) > 0;
        double penalty = cutOff ? 1 : Math.min(1, Points.round(perDay * days));
        return new Lateness(submittedAt, due, (int) Math.min(Integer.MAX_VALUE, days), penalty, rule());
    }

    /** The policy in words, e.g. "15% off per day late, zero after 7 days". */
    public String rule() {
        String s = Points.format(Points.round(perDay * 100)) + "% off per day late";
        if (zeroAfterDays != null) {
            s += ", zero after " + zeroAfterDays + (zeroAfterDays == 1 ? " day" : " days");
        }
        if (!grace.isZero()) {
            s += ", " + grace.toMinutes() + " min of grace";
        }
        return s;
    }
}
