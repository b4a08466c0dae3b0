package io.tensorgrade.grader.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.report.GradescopeReport;
import io.tensorgrade.grader.report.JsonReport;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.Lateness;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatePolicyTest {

    /** Seed 002's deadline, 2026-10-09T23:59:00-07:00. */
    private static final Instant DUE = Instant.parse("2026-10-10T06:59:00Z");
    /** Seed 002: 15% off per day late, zero after 7 days. */
    private static final LatePolicy SEED = new LatePolicy(DUE, 0.15, 7, Duration.ZERO);
    private static final LatePolicy TEN = new LatePolicy(DUE, 0.10, 7, Duration.ZERO);
    private static final String PARTS = "parts:\n  - {id: q1, points: 1, check: integer, expected: 1}\n";

    @TempDir
    Path dir;

    private static Lateness seed(Duration after) {
        return SEED.assess(DUE.plus(after));
    }

    private Rubric load(String top) {
        return RubricLoader.load(Fixtures.write(dir, "hw.yaml", "assignment: a\n" + top + PARTS));
    }

    private String errors(String top) {
        Path file = Fixtures.write(dir, "hw.yaml", "assignment: a\n" + top + PARTS);
        List<RubricError> errors = assertThrows(RubricException.class, () -> RubricLoader.load(file)).errors();
        return String.join("\n", errors.stream().map(RubricError::toString).toList());
    }

    private static GradeReport report(Lateness late) {
        return new GradeReport("hw", "Homework", "hw.yaml", "alice", List.of(
                new PartResult("q1", "One", 5, 5, Status.PASSED, "Correct.", Visibility.VISIBLE, List.of(), null),
                new PartResult("q2", "Two", 1.5, 3, Status.PARTIAL, "Half.", Visibility.VISIBLE, List.of(), null)),
                Duration.ofSeconds(1), List.of(), late);
    }

    @Test
    void submittingExactlyAtTheDueDateIsOnTime() {
        Lateness l = seed(Duration.ZERO);
        assertEquals(0, l.daysLate());
        assertEquals(0.0, l.penalty());
        assertFalse(l.late());
    }

    @Test
    void submittingBeforeTheDueDateIsOnTime() {
        assertEquals(0, seed(Duration.ofHours(-3)).daysLate());
    }

    @Test
    void oneSecondLateIsOneDayAndFifteenPercent() {
        Lateness l = seed(Duration.ofSeconds(1));
        assertEquals(1, l.daysLate());
        assertEquals(0.15, l.penalty());
        assertTrue(l.late());
    }

    @Test
    void exactlyTwentyFourHoursLateIsStillOneDay() {
        Lateness l = seed(Duration.ofHours(24));
        assertEquals(1, l.daysLate());
        assertEquals(0.15, l.penalty());
    }

    @Test
    void oneSecondPastTwentyFourHoursIsTwoDaysAndThirtyPercent() {
        Lateness l = seed(Duration.ofHours(24).plusSeconds(1));
        assertEquals(2, l.daysLate());
        assertEquals(0.3, l.penalty());
    }

    @Test
    void sixDaysTwentyThreeHoursIsSevenDaysAndThePenaltyIsCappedAtTheWholeScore() {
        Lateness l = seed(Duration.ofDays(6).plusHours(23));
        assertEquals(7, l.daysLate());
        assertEquals(1.0, l.penalty());
    }

    @Test
    void exactlySevenDaysLateAtTenPercentIsSeventyPercent() {
        Lateness l = TEN.assess(DUE.plus(Duration.ofDays(7)));
        assertEquals(7, l.daysLate());
        assertEquals(0.7, l.penalty());
    }

    @Test
    void oneSecondPastSevenDaysIsCutOffToZero() {
        Lateness l = TEN.assess(DUE.plus(Duration.ofDays(7).plusSeconds(1)));
        assertEquals(8, l.daysLate());
        assertEquals(1.0, l.penalty());
    }

    @Test
    void withoutACutOffThePenaltyStopsAtTheWholeScore() {
        Lateness l = new LatePolicy(DUE, 0.10, null, Duration.ZERO).assess(DUE.plus(Duration.ofDays(30)));
        assertEquals(30, l.daysLate());
        assertEquals(1.0, l.penalty());
    }

    @Test
    void aSubmissionInsideTheGraceIsOnTime() {
        LatePolicy p = new LatePolicy(DUE, 0.15, 7, Duration.ofMinutes(10));
        Lateness l = p.assess(DUE.plus(Duration.ofMinutes(10)));
        assertEquals(0, l.daysLate());
        assertEquals(0.0, l.penalty());
    }

    @Test
    void oneSecondAfterTheGraceIsOneDayLate() {
        LatePolicy p = new LatePolicy(DUE, 0.15, 7, Duration.ofMinutes(10));
        Lateness l = p.assess(DUE.plus(Duration.ofMinutes(10).plusSeconds(1)));
        assertEquals(1, l.daysLate());
        assertEquals(0.15, l.penalty());
        assertEquals(DUE, l.due());
    }

    @Test
    void anUnknownSubmissionTimeIsNoLateness() {
        assertSame(Lateness.NONE, SEED.assess(null));
    }

    @Test
    void dueAtMeasuresTheSamePolicyAgainstAnotherDate() {
        Instant extended = DUE.plus(Duration.ofDays(2));
        Lateness l = SEED.dueAt(extended).assess(DUE.plus(Duration.ofDays(1)));
        assertEquals(0, l.daysLate());
        assertEquals(extended, l.due());
    }

    @Test
    void theRuleNamesThePercentTheCutOffAndTheGrace() {
        assertEquals("15% off per day late, zero after 7 days", SEED.rule());
        assertEquals("10% off per day late, zero after 1 day, 5 min of grace",
                new LatePolicy(DUE, 0.10, 1, Duration.ofMinutes(5)).rule());
        assertEquals("15% off per day late", new LatePolicy(DUE, 0.15, null, Duration.ZERO).rule());
    }

    @Test
    void applyTakesThePenaltyOffAndRounds() {
        Lateness l = seed(Duration.ofHours(25));
        assertEquals(7.0, l.apply(10));
        assertEquals(0.2333, l.apply(1 / 3.0));
        assertEquals(10.0, Lateness.NONE.apply(10));
    }

    @Test
    void describeSaysHowLateWhatItCostsAndTheRule() {
        assertEquals("Submitted 2 days late (25.0 h after the due date 2026-10-10T06:59:00Z): 30% off (15% off per"
                + " day late, zero after 7 days).", seed(Duration.ofHours(25)).describe());
    }

    @Test
    void describeSaysMinutesUnderTwoHoursAndZeroForTheWholePenalty() {
        assertEquals("Submitted 1 day late (90 min after the due date 2026-10-10T06:59:00Z): 15% off (15% off per"
                + " day late, zero after 7 days).", seed(Duration.ofMinutes(90)).describe());
        assertTrue(seed(Duration.ofDays(8)).describe().contains("the score is zero"),
                seed(Duration.ofDays(8)).describe());
    }

    @Test
    void describeSaysSecondsUnderAMinute() {
        assertTrue(seed(Duration.ofSeconds(1)).describe().contains("(1 s after the due date"),
                seed(Duration.ofSeconds(1)).describe());
    }

    @Test
    void aDueDateAloneSaysNoPointsOff() {
        Lateness late = new LatePolicy(DUE, 0, null, Duration.ZERO).assess(DUE.plus(Duration.ofHours(30)));
        assertEquals(2, late.daysLate());
        assertTrue(late.describe().endsWith("no points off."), late.describe());
    }

    @Test
    void aSubmissionCenturiesLateIsZeroWithoutOverflow() {
        Lateness late = SEED.assess(Instant.parse("2400-01-01T00:00:00Z"));
        assertEquals(1.0, late.penalty());
        assertTrue(late.daysLate() > 100_000, String.valueOf(late.daysLate()));
    }

    @Test
    void describeIsEmptyWhenOnTime() {
        assertEquals("", seed(Duration.ZERO).describe());
        assertEquals("", Lateness.NONE.describe());
    }

    @Test
    void theRubricsDueAndLatePolicyAreRead() {
        Rubric r = load("due: 2026-10-09T23:59:00-07:00\nlate_policy: {per_day: 0.15, zero_after_days: 7,"
                + " grace_minutes: 15}\n");
        assertEquals(new LatePolicy(DUE, 0.15, 7, Duration.ofMinutes(15)), r.latePolicy());
    }

    @Test
    void aDueDateWithoutAPolicyShowsLatenessAndTakesNothingOff() {
        LatePolicy p = load("due: 2026-10-10T06:59:00Z\n").latePolicy();
        assertEquals(new LatePolicy(DUE, 0, null, Duration.ZERO), p);
        assertEquals(0.0, p.assess(DUE.plus(Duration.ofDays(3))).penalty());
    }

    @Test
    void aRubricWithoutADueDateHasNoPolicy() {
        assertNull(load("").latePolicy());
        assertTrue(load("").late().isEmpty());
    }

    @Test
    void aDueDateWithoutAZoneIsAnErrorOnDue() {
        String msg = errors("due: 2026-10-09T23:59:00\n");
        assertTrue(msg.contains("hw.yaml:2: due: '2026-10-09T23:59:00' is not an ISO date-time with a zone; write"
                + " e.g. 2026-10-09T23:59:00-07:00"), msg);
    }

    @Test
    void aLatePolicyWithoutADueDateIsAnErrorOnLatePolicy() {
        String msg = errors("late_policy: {per_day: 0.15}\n");
        assertTrue(msg.contains("hw.yaml:2: late_policy: a late policy needs a due date: add 'due:'"), msg);
    }

    @Test
    void aPerDayAboveOneIsAnErrorOnPerDay() {
        String msg = errors("due: 2026-10-10T06:59:00Z\nlate_policy: {per_day: 1.5}\n");
        assertTrue(msg.contains(":3: late_policy.per_day: expected a fraction between 0 and 1, found 1.5"), msg);
    }

    @Test
    void aNegativeGraceIsAnErrorOnGraceMinutes() {
        String msg = errors("due: 2026-10-10T06:59:00Z\nlate_policy: {per_day: 0.1, grace_minutes: -5}\n");
        assertTrue(msg.contains(":3: late_policy.grace_minutes: expected minutes >= 0, found -5"), msg);
    }

    @Test
    void aNegativeCutOffIsAnErrorOnZeroAfterDays() {
        String msg = errors("due: 2026-10-10T06:59:00Z\nlate_policy: {per_day: 0.1, zero_after_days: -1}\n");
        assertTrue(msg.contains(":3: late_policy.zero_after_days: expected a number of days >= 0, found -1"), msg);
    }

    @Test
    void anUnknownLatePolicyKeyIsAnError() {
        String msg = errors("due: 2026-10-10T06:59:00Z\nlate_policy: {per_dya: 0.1}\n");
        assertTrue(msg.contains("late_policy.per_dya: unknown key 'per_dya' (did you mean 'per_day'?)"), msg);
    }

    @Test
    void theConstructorRefusesAPerDayOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatePolicy(DUE, 1.5, null, Duration.ZERO));
        assertEquals("perDay=1.5 must be in [0, 1]", e.getMessage());
    }

    @Test
    void theScoreTakesThePenaltyOffAndTheRawScoreDoesNot() {
        GradeReport r = report(seed(Duration.ofHours(25)));
        assertEquals(6.5, r.rawScore());
        assertEquals(4.55, r.score());
        assertEquals(1.95, r.latePenaltyPoints());
    }

    @Test
    void aReportWithoutLatenessScoresItsRawScore() {
        GradeReport r = report(Lateness.NONE);
        assertEquals(6.5, r.score());
        assertEquals(0.0, r.latePenaltyPoints());
    }

    @Test
    void theJsonReportHasALateObject() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(report(seed(Duration.ofHours(25)))));
        assertEquals(4.55, root.get("score").asDouble());
        JsonNode late = root.get("late");
        assertEquals("2026-10-10T06:59:00Z", late.get("due").asText());
        assertEquals("2026-10-11T07:59:00Z", late.get("submitted_at").asText());
        assertEquals(2, late.get("days_late").asInt());
        assertEquals(0.3, late.get("penalty_fraction").asDouble());
        assertEquals(1.95, late.get("penalty_points").asDouble());
        assertEquals("15% off per day late, zero after 7 days", late.get("rule").asText());
    }

    @Test
    void theJsonReportHasNoLateObjectWithoutADueDate() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(report(Lateness.NONE)));
        assertFalse(root.has("late"), root.toString());
    }

    @Test
    void theGradescopeOutputMentionsThePenaltyWhenLate() throws Exception {
        JsonNode root = new ObjectMapper().readTree(GradescopeReport.render(report(seed(Duration.ofHours(25)))));
        assertEquals(4.55, root.get("score").asDouble());
        String output = root.get("output").asText();
        assertTrue(output.contains("4.55 / 8 points."), output);
        assertTrue(output.contains("Submitted 2 days late (25.0 h after the due date 2026-10-10T06:59:00Z): 30% off"
                + " (15% off per day late, zero after 7 days). Before the penalty: 6.5 points."), output);
    }

    @Test
    void theGradescopeOutputSaysNothingOfLatenessWhenOnTime() throws Exception {
        JsonNode root = new ObjectMapper().readTree(GradescopeReport.render(report(seed(Duration.ZERO))));
        assertFalse(root.get("output").asText().contains("late"), root.get("output").asText());
    }
}
