package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.check.ConfigReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Reads a rubric's {@code due:} and {@code late_policy: {per_day, zero_after_days, grace_minutes}}. */
final class LatePolicyReader {

    static final List<String> KEYS = List.of("per_day", "zero_after_days", "grace_minutes");

    private LatePolicyReader() {
    }

    /** The policy, or empty when the rubric has no due date (a late_policy without one is an error). */
    static Optional<LatePolicy> read(ConfigReader top) {
        Optional<ConfigReader> policy = top.map("late_policy", KEYS);
        if (!top.has("due")) {
            policy.ifPresent(p -> top.error("late_policy", "a late policy needs a due date: add 'due:' with an ISO"
                    + " date-time and zone, e.g. due: 2026-10-09T23:59:00-07:00"));
            return Optional.empty();
        }
        Instant due = instant(top, top.string("due"));
        if (due == null) {
            return Optional.empty();
        }
        if (policy.isEmpty()) {
            // A due date alone: lateness is shown, nothing is taken off.
            return Optional.of(new LatePolicy(due, 0, null, Duration.ZERO));
        }
        ConfigReader p = policy.get();
        double perDay = p.fraction("per_day", 0);
        Integer zeroAfter = null;
        if (p.has("zero_after_days")) {
            long days = p.integer("zero_after_days");
            if (days < 0) {
                p.error("zero_after_days", "expected a number of days >= 0, found " + days);
            } else {
                zeroAfter = (int) Math.min(days, 36_500);
            }
        }
        long grace = p.integer("grace_minutes", 0);
        if (grace < 0) {
            p.error("grace_minutes", "expected minutes >= 0, found " + grace);
            grace = 0;
        }
        return Optional.of(new LatePolicy(due, perDay, zeroAfter, Duration.ofMinutes(grace)));
    }

    private static Instant instant(ConfigReader top, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            try {
                return ZonedDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                top.error("due", "'" + text + "' is not an ISO date-time with a zone; write e.g."
                        + " 2026-10-09T23:59:00-07:00 or 2026-10-10T06:59:00Z");
                return null;
            }
        }
    }
}
