package io.tensorgrade.grader.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.Lateness;
import io.tensorgrade.grader.result.PartResult;
import java.io.IOException;

/** A per-student JSON report with every part, including skipped ones, for batch tools and archives. */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(GradeReport report) {
        return Json.render(g -> write(g, report));
    }

    /** {@code "late": {...}} when the rubric has a due date and the submission time is known. */
    private static void late(JsonGenerator g, Lateness late, double penaltyPoints) throws IOException {
        if (late.due() == null || late.submittedAt() == null) {
            return;
        }
        g.writeObjectFieldStart("late");
        g.writeStringField("due", late.due().toString());
        g.writeStringField("submitted_at", late.submittedAt().toString());
        g.writeNumberField("days_late", late.daysLate());
        g.writeNumberField("penalty_fraction", late.penalty());
        g.writeNumberField("penalty_points", penaltyPoints);
        g.writeStringField("rule", late.rule());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, GradeReport report) throws IOException {
        g.writeStartObject();
        g.writeStringField("assignment", report.assignment());
        g.writeStringField("title", report.title());
        g.writeStringField("rubric", report.rubricFile());
        g.writeStringField("submission", report.submission());
        g.writeNumberField("score", report.score());
        g.writeNumberField("max_score", report.maxScore());
        g.writeNumberField("execution_time_ms", report.executionTime().toMillis());
        late(g, report.lateness(), report.latePenaltyPoints());
        Json.strings(g, "warnings", report.warnings());
        g.writeArrayFieldStart("parts");
        for (PartResult r : report.results()) {
            g.writeStartObject();
            g.writeStringField("id", r.partId());
            g.writeStringField("title", r.title());
            g.writeNumberField("score", r.score());
            g.writeNumberField("max_score", r.maxScore());
            g.writeStringField("status", r.status().label());
            g.writeStringField("visibility", r.visibility().yamlName());
            Json.strings(g, "tags", r.tags());
            if (r.mistake() != null) {
                g.writeStringField("mistake", r.mistake());
            } else {
                g.writeNullField("mistake");
            }
            g.writeStringField("feedback", r.feedback());
            if (!r.staffLog().isEmpty()) {
                // Staff only: the Gradescope results.json never carries it.
                g.writeStringField("staff_log", r.staffLog());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
