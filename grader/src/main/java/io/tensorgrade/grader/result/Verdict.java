package io.tensorgrade.grader.result;

import java.util.Objects;

/**
 * What a check decides about one answer: the fraction of the part's points earned, the status,
 * feedback for the student (markdown-friendly) and, when the answer matches a known mistake,
 * that mistake's name. The engine turns it into a {@link PartResult} with the part's points.
 *
 * @param staffLog what only the course staff see (e.g. the full log of a training run); empty for none
 * @param timedOut whether some of the student's code ran past its time limit (a regrade's triage shows it)
 * @param leaderboard what the part puts on Gradescope's leaderboard (an accuracy); null for nothing
 */
public record Verdict(double credit, Status status, String feedback, String mistake, String staffLog,
                      boolean timedOut, LeaderboardEntry leaderboard) {

    /** A verdict for no leaderboard. */
    public Verdict(double credit, Status status, String feedback, String mistake, String staffLog, boolean timedOut) {
        this(credit, status, feedback, mistake, staffLog, timedOut, null);
    }

    public Verdict {
        if (!(credit >= 0 && credit <= 1)) {
            throw new IllegalArgumentException("credit=" + credit + " must be in [0, 1]");
        }
        Objects.requireNonNull(status, "status");
        feedback = feedback == null ? "" : feedback;
        staffLog = staffLog == null ? "" : staffLog;
    }

    /** A verdict whose code did not time out. */
    public Verdict(double credit, Status status, String feedback, String mistake, String staffLog) {
        this(credit, status, feedback, mistake, staffLog, false);
    }

    /** A verdict without a staff log. */
    public Verdict(double credit, Status status, String feedback, String mistake) {
        this(credit, status, feedback, mistake, "");
    }

    /** The same verdict with {@code log} as its staff log. */
    public Verdict withStaffLog(String log) {
        return new Verdict(credit, status, feedback, mistake, log, timedOut, leaderboard);
    }

    /** The same verdict putting {@code entry} on the leaderboard. */
    public Verdict withLeaderboard(LeaderboardEntry entry) {
        return new Verdict(credit, status, feedback, mistake, staffLog, timedOut, entry);
    }

    /** The same verdict, marked as one where the student's code ran past its time limit. */
    public Verdict withTimedOut() {
        return new Verdict(credit, status, feedback, mistake, staffLog, true, leaderboard);
    }

    /** Full credit. */
    public static Verdict pass(String feedback) {
        return new Verdict(1, Status.PASSED, feedback, null);
    }

    /** No credit. */
    public static Verdict fail(String feedback) {
        return new Verdict(0, Status.FAILED, feedback, null);
    }

    /** No credit: the answer could not be read (it says why and how to write it). */
    public static Verdict unreadable(String feedback) {
        return new Verdict(0, Status.UNREADABLE, feedback, null);
    }

    /** {@code credit} of the points; the status follows from it (1 passed, 0 failed, else partial). */
    public static Verdict of(double credit, String feedback, String mistake) {
        Status status = credit >= 1 ? Status.PASSED : credit <= 0 ? Status.FAILED : Status.PARTIAL;
        return new Verdict(credit, status, feedback, mistake);
    }

    /** The check could not run; zero, not the student's fault. */
    public static Verdict error(String feedback) {
        return new Verdict(0, Status.ERROR, feedback, null);
    }

    /** The same verdict with {@code text} appended as a new paragraph. */
    public Verdict withNote(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String joined = feedback.isEmpty() ? text : feedback + "\n\n" + text;
        return new Verdict(credit, status, joined, mistake, staffLog, timedOut, leaderboard);
    }
}
