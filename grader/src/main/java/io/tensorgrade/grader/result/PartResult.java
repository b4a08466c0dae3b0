package io.tensorgrade.grader.result;

import java.util.List;
import java.util.Objects;

/**
 * The graded result of one rubric part.
 *
 * @param mistake  the name of the known mistake the answer matched, or null
 * @param staffLog what only the course staff see (a training run's full log); empty for none
 * @param timedOut whether some of the student's code ran past its time limit
 * @param leaderboard what the part puts on Gradescope's leaderboard; null for nothing
 */
public record PartResult(String partId, String title, double score, double maxScore, Status status,
                         String feedback, Visibility visibility, List<String> tags, String mistake,
                         String staffLog, boolean timedOut, LeaderboardEntry leaderboard) {

    /** A result for no leaderboard. */
    public PartResult(String partId, String title, double score, double maxScore, Status status,
                      String feedback, Visibility visibility, List<String> tags, String mistake, String staffLog,
                      boolean timedOut) {
        this(partId, title, score, maxScore, status, feedback, visibility, tags, mistake, staffLog, timedOut, null);
    }

    /** A result whose code did not time out. */
    public PartResult(String partId, String title, double score, double maxScore, Status status,
                      String feedback, Visibility visibility, List<String> tags, String mistake, String staffLog) {
        this(partId, title, score, maxScore, status, feedback, visibility, tags, mistake, staffLog, false);
    }

    /** A result without a staff log. */
    public PartResult(String partId, String title, double score, double maxScore, Status status,
                      String feedback, Visibility visibility, List<String> tags, String mistake) {
        this(partId, title, score, maxScore, status, feedback, visibility, tags, mistake, "");
    }

    public PartResult {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(visibility, "visibility");
        title = title == null ? "" : title;
        feedback = feedback == null ? "" : feedback;
        staffLog = staffLog == null ? "" : staffLog;
        tags = List.copyOf(tags);
        if (!(maxScore >= 0) || !(score >= 0) || score > maxScore + 1e-9) {
            throw new IllegalArgumentException("part " + partId + ": score=" + score + " must be in [0, maxScore="
                    + maxScore + "]");
        }
    }

    /** The first line of the feedback, for tables. */
    public String summary() {
        return feedback.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
