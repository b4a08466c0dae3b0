package io.tensorgrade.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.batch.input.ClassSubmission;
import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDiffTest {

    private static final RubricSnapshot RUBRIC = new RubricSnapshot("hw", "hw", "hw.yaml", List.of(
            new RubricSnapshot.PartInfo("q1", "q1", 2, Visibility.VISIBLE, List.of()),
            new RubricSnapshot.PartInfo("q2", "q2", 4, Visibility.VISIBLE, List.of())), null);

    @TempDir
    Path tmp;

    private static StoredPart part(String id, double score, double max, Status status, String mistake) {
        return new StoredPart(new PartResult(id, id, score, max, status, "", Visibility.VISIBLE, List.of(), mistake),
                "c", "p", "v");
    }

    private void run(Path dir, Map<String, List<StoredPart>> grades) {
        try (RunStore store = RunStore.open(dir)) {
            store.putRubric(RUBRIC);
            store.replaceRoster(grades.keySet().stream().sorted().map(s -> new RosterEntry(new ClassSubmission(s,
                    Path.of(s), List.of(), null, null), "c")).toList());
            grades.forEach((s, parts) -> store.save(new StoredGrade(s, "c", SubmissionStatus.GRADED, "", List.of(), 1,
                    parts.stream().collect(java.util.stream.Collectors.toMap(p -> p.result().partId(), p -> p)))));
        }
    }

    private RunDiff diff(Map<String, List<StoredPart>> a, Map<String, List<StoredPart>> b) {
        run(tmp.resolve("a"), a);
        run(tmp.resolve("b"), b);
        try (RunStore x = RunStore.open(tmp.resolve("a")); RunStore y = RunStore.open(tmp.resolve("b"))) {
            return RunDiff.of(x, y);
        }
    }

    @Test
    void aRubricFixShowsWhoGainedWithTheMistakeBeforeAndAfter() {
        RunDiff d = diff(Map.of(
                        "alice", List.of(part("q1", 0, 2, Status.FAILED, "padding_ignored"), part("q2", 4, 4, Status.PASSED, null)),
                        "bob", List.of(part("q1", 2, 2, Status.PASSED, null), part("q2", 4, 4, Status.PASSED, null))),
                Map.of(
                        "alice", List.of(part("q1", 1, 2, Status.PARTIAL, "padding_ignored"), part("q2", 4, 4, Status.PASSED, null)),
                        "bob", List.of(part("q1", 2, 2, Status.PASSED, null), part("q2", 3, 4, Status.PARTIAL, null))));

        assertEquals(2, d.changes().size());
        assertEquals(List.of("q1: 1 student changed: 1 gained, 0 lost, net +1 points; failed (padding_ignored) ->"
                + " partial (padding_ignored)", "q2: 1 student changed: 0 gained, 1 lost, net -1 points; passed ->"
                + " partial"), d.summary());
        assertTrue(d.text().startsWith("2 of 2 submissions changed:\n"), d.text());
        assertTrue(d.csv().contains("alice,q1,0,1,1,failed,partial,padding_ignored,padding_ignored"), d.csv());
    }

    @Test
    void identicalRunsHaveNoChanges() {
        Map<String, List<StoredPart>> same = Map.of("alice", List.of(part("q1", 2, 2, Status.PASSED, null)));
        RunDiff d = diff(same, same);
        assertEquals(List.of(), d.changes());
        assertTrue(d.text().startsWith("0 of 1 submissions changed."), d.text());
    }

    @Test
    void aStudentInOneRunOnlyIsNamedAndCountsAsNotGradedOnTheOtherSide() {
        RunDiff d = diff(Map.of("alice", List.of(part("q1", 2, 2, Status.PASSED, null))),
                Map.of("alice", List.of(part("q1", 2, 2, Status.PASSED, null)),
                        "carol", List.of(part("q1", 2, 2, Status.PASSED, null))));
        assertEquals(List.of("carol"), d.onlyInB());
        assertEquals("not graded -> passed", d.changes().get(0).why());
        assertEquals(2, d.changes().get(0).delta());
    }
}
