package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.input.Submitter;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code gradebook.csv}: one row per student (per submitter of a group submission; per folder when the submitters
 * are unknown) with one column per part, the late penalty, the total and the status. RFC 4180 quoting, as
 * Gradescope's and Canvas's imports read it; columns are documented in docs/regrade.md.
 */
final class Gradebook {

    static final List<String> LEADING = List.of("folder", "name", "sid", "email", "submitted_at");
    static final List<String> TRAILING = List.of("raw_total", "late_days", "late_penalty", "total", "max_points",
            "status", "status_reason", "gradescope_score");

    private Gradebook() {
    }

    /** The CSV text for {@code reports} (in their order). */
    static String render(RubricSnapshot rubric, List<ClassReport> reports) {
        List<String> header = new ArrayList<>(LEADING);
        rubric.parts().forEach(p -> header.add(p.id()));
        header.addAll(TRAILING);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            for (ClassReport r : reports) {
                List<Submitter> people = r.entry().submission().submitters();
                for (Submitter s : people.isEmpty() ? List.of(new Submitter(null, null, null)) : people) {
                    csv.printRecord(row(rubric, r, s));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> row(RubricSnapshot rubric, ClassReport r, Submitter s) {
        var sub = r.entry().submission();
        List<String> row = new ArrayList<>(List.of(sub.student(), text(s.name()), text(s.sid()), text(s.email()),
                sub.submittedAt() == null ? "" : sub.submittedAt().toString()));
        GradeReport report = r.report();
        for (RubricSnapshot.PartInfo p : rubric.parts()) {
            PartResult part = report == null ? null : report.results().stream().filter(x -> x.partId().equals(p.id()))
                    .findFirst().orElse(null);
            row.add(part == null || part.status() == io.tensorgrade.grader.result.Status.SKIPPED ? ""
                    : Points.format(part.score()));
        }
        if (report == null) {
            row.addAll(List.of("", "", "", "", Points.format(Points.round(rubric.totalPoints())), "not_graded",
                    "not graded yet: run the same regrade command again", gs(sub.gradescopeScore())));
            return row;
        }
        row.add(Points.format(report.rawScore()));
        row.add(String.valueOf(report.lateness().daysLate()));
        row.add(Points.format(report.latePenaltyPoints()));
        row.add(Points.format(report.score()));
        row.add(Points.format(Points.round(rubric.totalPoints())));
        row.add(r.grade().status().label());
        row.add(r.grade().reason());
        row.add(gs(sub.gradescopeScore()));
        return row;
    }

    private static String gs(Double score) {
        return score == null ? "" : Points.format(Points.round(score));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
