package io.tensorgrade.grader.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.LeaderboardEntry;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.ref.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Gradescope's {@code results.json} (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
 * top-level score, execution_time (seconds), output (markdown), visibility, stdout_visibility, and
 * one test per graded part with name, number (the part id), score, max_score, status
 * ({@code passed} / {@code failed}), output (markdown), visibility and tags. Skipped parts are left out. Parts
 * that put a value on the leaderboard (an accuracy part's {@code leaderboard:}) fill {@code leaderboard}.
 */
public final class GradescopeReport {

    private GradescopeReport() {
    }

    /** The results.json text. */
    public static String render(GradeReport report) {
        return Json.render(g -> write(g, report));
    }

    /** Writes results.json to {@code target} atomically. */
    public static void write(GradeReport report, Path target) {
        AtomicFiles.write(target, render(report));
    }

    private static void write(JsonGenerator g, GradeReport report) throws IOException {
        g.writeStartObject();
        g.writeNumberField("score", report.score());
        // Gradescope documents whole seconds here.
        g.writeNumberField("execution_time", (long) Math.ceil(report.executionTime().toMillis() / 1000.0));
        g.writeStringField("output", summary(report));
        g.writeStringField("output_format", "md");
        g.writeStringField("visibility", "visible");
        g.writeStringField("stdout_visibility", "hidden");
        g.writeArrayFieldStart("tests");
        for (PartResult r : report.graded()) {
            g.writeStartObject();
            g.writeStringField("name", r.title());
            g.writeStringField("number", r.partId());
            g.writeNumberField("score", r.score());
            g.writeNumberField("max_score", r.maxScore());
            g.writeStringField("status", r.status() == Status.PASSED ? "passed" : "failed");
            g.writeStringField("output", r.feedback());
            g.writeStringField("output_format", "md");
            g.writeStringField("visibility", r.visibility().yamlName());
            Json.strings(g, "tags", r.tags());
            g.writeObjectFieldStart("extra_data");
            g.writeStringField("status", r.status().label());
            Json.optional(g, "mistake", r.mistake());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        List<LeaderboardEntry> board = report.graded().stream().map(PartResult::leaderboard)
                .filter(java.util.Objects::nonNull).toList();
        if (!board.isEmpty()) {
            g.writeArrayFieldStart("leaderboard");
            for (LeaderboardEntry e : board) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                g.writeNumberField("value", e.value());
                g.writeStringField("order", e.order());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static String summary(GradeReport report) {
        StringBuilder sb = new StringBuilder("**").append(report.title()).append("**: ")
                .append(Points.format(report.score())).append(" / ")
                .append(Points.format(report.maxScore())).append(" points.");
        if (report.lateness().late()) {
            sb.append("\n\n").append(report.lateness().describe()).append(" Before the penalty: ")
                    .append(Points.format(report.rawScore())).append(" points.");
        }
        if (!report.warnings().isEmpty()) {
            sb.append("\n\nWarnings:\n");
            report.warnings().forEach(w -> sb.append("\n- ").append(w));
        }
        return sb.toString();
    }
}
