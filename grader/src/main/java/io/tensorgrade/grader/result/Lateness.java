package io.tensorgrade.grader.result;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How late a submission was and what that costs: {@code penalty} is the fraction of the points taken off
 * (0 on time, 1 for a zero). Computed by {@code rubric.LatePolicy}; {@link #NONE} when the rubric has no
 * due date or the submission time is unknown.
 *
 * @param submittedAt when the submission was made, null when unknown
 * @param due         the due date it was measured against, null when none
 * @param daysLate    whole days late, counted up (one second late is one day); 0 when on time
 * @param penalty     the fraction of the score taken off, in [0, 1]
 * @param rule        the policy in words, e.g. "15% off per day late, zero after 7 days"; empty for none
 */
public record Lateness(Instant submittedAt, Instant due, int daysLate, double penalty, String rule) {

    /** Nothing known, nothing taken off. */
    public static final Lateness NONE = new Lateness(null, null, 0, 0, "");

    public Lateness {
        if (daysLate < 0) {
            throw new IllegalArgumentException("daysLate=" + daysLate + " must be >= 0");
        }
        if (!(penalty >= 0 && penalty <= 1)) {
            throw new IllegalArgumentException("penalty=" + penalty + " must be in [0, 1]");
        }
        rule = rule == null ? "" : rule;
    }

    /** Whether the submission came in after the due date (and its grace). */
    public boolean late() {
        return daysLate > 0;
    }

    /** {@code score} after the penalty, rounded as every score is. */
    public double apply(double score) {
        return Points.round(score * (1 - penalty));
    }

    /** One sentence for the feedback, e.g. "Submitted 2 days late (…): 30% off (15% off per day late, …)."; empty when on time. */
    public String describe() {
        if (!late()) {
            return "";
        }
        Duration by = Duration.between(due, submittedAt);
        String percent = Points.format(Points.round(penalty * 100));
        String cost = penalty >= 1 ? "the score is zero (" + rule + ")" : penalty == 0 ? "no points off"
                : percent + "% off (" + rule + ")";
        return "Submitted " + daysLate + (daysLate == 1 ? " day" : " days") + " late (" + elapsed(by) + " after the"
                + " due date " + due + "): " + cost + ".";
    }

    private static String elapsed(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 1 ? Math.max(1, d.toSeconds()) + " s" : minutes < 120 ? minutes + " min"
                : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }
}
