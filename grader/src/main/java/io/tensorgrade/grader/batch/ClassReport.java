package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.Lateness;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One student's report as the run store holds it: the stored part results in rubric order (a part not graded yet
 * is shown as skipped), the late penalty from the rubric's policy and the submission time.
 *
 * @param grade  null when the submission has not been graded yet
 * @param report null when the submission has not been graded yet
 */
public record ClassReport(RosterEntry entry, StoredGrade grade, GradeReport report) {

    /** The reports of every submission of the roster, in roster order. */
    public static List<ClassReport> all(RubricSnapshot rubric, List<RosterEntry> roster,
                                        Map<String, StoredGrade> grades) {
        List<ClassReport> out = new ArrayList<>();
        for (RosterEntry e : roster) {
            StoredGrade g = grades.get(e.student());
            out.add(new ClassReport(e, g, g == null ? null : report(rubric, e, g)));
        }
        return out;
    }

    private static GradeReport report(RubricSnapshot rubric, RosterEntry entry, StoredGrade grade) {
        List<PartResult> results = new ArrayList<>();
        for (RubricSnapshot.PartInfo p : rubric.parts()) {
            StoredPart stored = grade.parts().get(p.id());
            results.add(stored != null ? stored.result() : new PartResult(p.id(), p.title(), 0, p.points(),
                    Status.SKIPPED, "Not graded yet in this run.", p.visibility(), p.tags(), null));
        }
        Lateness late = rubric.late() == null ? Lateness.NONE : rubric.late().assess(entry.submission().submittedAt());
        return new GradeReport(rubric.assignment(), rubric.title(), rubric.rubricFile(),
                entry.submission().dir().toString(), results, Duration.ofMillis(grade.millis()), grade.warnings(),
                late);
    }

    /** The student's key (the folder name). */
    public String student() {
        return entry.student();
    }
}
