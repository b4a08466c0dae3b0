package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.input.ClassSubmission;
import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RegradePlanTest {

    private static final String VERSION = "v1";
    private static final Map<String, String> PARTS = parts("h1", "h2");
    private static final RegradePlan.Selection ALL = new RegradePlan.Selection(Set.of(), Set.of(), false);

    private static Map<String, String> parts(String q1, String q2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q1", q1);
        m.put("q2", q2);
        return m;
    }

    private static RosterEntry entry(String student, String content) {
        return new RosterEntry(new ClassSubmission(student, Path.of("class", student), List.of(), null, null), content);
    }

    private static StoredPart part(String id, String content, String hash, String version, Status status) {
        return new StoredPart(new PartResult(id, id, 0, 1, status, "", Visibility.VISIBLE, List.of(), null), content,
                hash, version);
    }

    /** A grade whose every part is current for content {@code content}. */
    private static StoredGrade current(String student, String content) {
        return new StoredGrade(student, content, SubmissionStatus.GRADED, "", List.of(), 10, Map.of(
                "q1", part("q1", content, "h1", VERSION, Status.PASSED),
                "q2", part("q2", content, "h2", VERSION, Status.FAILED)));
    }

    private static StoredGrade grade(String student, StoredPart... parts) {
        Map<String, StoredPart> m = new LinkedHashMap<>();
        for (StoredPart p : parts) {
            m.put(p.result().partId(), p);
        }
        return new StoredGrade(student, "c", SubmissionStatus.GRADED, "", List.of(), 10, m);
    }

    private static RegradePlan plan(List<RosterEntry> roster, Map<String, StoredGrade> stored) {
        return RegradePlan.of(roster, stored, PARTS, VERSION, ALL);
    }

    @Test
    void aSubmissionNeverGradedIsNewWithEveryPart() {
        RegradePlan plan = plan(List.of(entry("alice", "c")), Map.of());
        assertEquals(1, plan.work().size());
        assertEquals(Set.of("q1", "q2"), plan.work().get(0).parts());
        assertEquals("new", plan.work().get(0).why());
        assertEquals(0, plan.unchanged());
    }

    @Test
    void aSubmissionWhoseEveryPartIsCurrentIsCountedUnchanged() {
        RegradePlan plan = plan(List.of(entry("alice", "c"), entry("bob", "d")),
                Map.of("alice", current("alice", "c"), "bob", current("bob", "d")));
        assertEquals(List.of(), plan.work());
        assertEquals(2, plan.unchanged());
        assertEquals("2 unchanged, nothing to grade", plan.summary());
    }

    @Test
    void anotherContentHashRegradesEveryPartAsFilesChanged() {
        RegradePlan plan = plan(List.of(entry("alice", "c-new")), Map.of("alice", current("alice", "c-old")));
        assertEquals(Set.of("q1", "q2"), plan.work().get(0).parts());
        assertEquals("files changed", plan.work().get(0).why());
    }

    @Test
    void aChangedPartHashRegradesOnlyThatPart() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c")), Map.of("alice", current("alice", "c")),
                parts("h1", "h2-edited"), VERSION, ALL);
        assertEquals(Set.of("q2"), plan.work().get(0).parts());
        assertEquals("part q2 changed", plan.work().get(0).why());
    }

    @Test
    void twoChangedPartsAreBothNamed() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c")), Map.of("alice", current("alice", "c")),
                parts("h1-edited", "h2-edited"), VERSION, ALL);
        assertEquals("part q1 changed, part q2 changed", plan.work().get(0).why());
    }

    @Test
    void anotherGraderVersionRegradesEveryPart() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c")), Map.of("alice", current("alice", "c")),
                PARTS, "v2", ALL);
        assertEquals(Set.of("q1", "q2"), plan.work().get(0).parts());
        assertEquals("grader version changed", plan.work().get(0).why());
    }

    @Test
    void aPartThatHadAnErrorIsTriedAgain() {
        StoredGrade g = grade("alice", part("q1", "c", "h1", VERSION, Status.ERROR),
                part("q2", "c", "h2", VERSION, Status.PASSED));
        RegradePlan plan = plan(List.of(entry("alice", "c")), Map.of("alice", g));
        assertEquals(Set.of("q1"), plan.work().get(0).parts());
        assertEquals("part q1 had an error", plan.work().get(0).why());
    }

    @Test
    void aPartMissingFromAStoredGradeIsGradedNow() {
        StoredGrade g = grade("alice", part("q1", "c", "h1", VERSION, Status.PASSED));
        RegradePlan plan = plan(List.of(entry("alice", "c")), Map.of("alice", g));
        assertEquals(Set.of("q2"), plan.work().get(0).parts());
        assertEquals("part q2 not graded yet", plan.work().get(0).why());
    }

    @Test
    void forceRegradesEveryPartOfEverySubmission() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c"), entry("bob", "d")),
                Map.of("alice", current("alice", "c"), "bob", current("bob", "d")), PARTS, VERSION,
                new RegradePlan.Selection(Set.of(), Set.of(), true));
        assertEquals(2, plan.work().size());
        plan.work().forEach(w -> assertEquals(Set.of("q1", "q2"), w.parts()));
        assertEquals("forced", plan.work().get(0).why());
        assertEquals(0, plan.unchanged());
    }

    @Test
    void namedStudentsAloneAreRegradedWhateverTheStoreHolds() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c"), entry("bob", "d"), entry("carol", "e")),
                Map.of("alice", current("alice", "c"), "bob", current("bob", "d")), PARTS, VERSION,
                new RegradePlan.Selection(Set.of("bob"), Set.of(), false));
        assertEquals(List.of("bob"), plan.work().stream().map(w -> w.entry().student()).toList());
        assertEquals(Set.of("q1", "q2"), plan.work().get(0).parts());
        assertEquals("asked for", plan.work().get(0).why());
        assertEquals(0, plan.unchanged());
    }

    @Test
    void namedPartsAloneAreRegradedForEverySubmission() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c"), entry("bob", "d")),
                Map.of("alice", current("alice", "c"), "bob", current("bob", "d")), PARTS, VERSION,
                new RegradePlan.Selection(Set.of(), Set.of("q2"), false));
        assertEquals(2, plan.work().size());
        plan.work().forEach(w -> assertEquals(Set.of("q2"), w.parts()));
        assertEquals("asked for", plan.work().get(1).why());
    }

    @Test
    void partsThatAreNotNamedAreNotRegradedEvenWhenTheyChanged() {
        RegradePlan plan = RegradePlan.of(List.of(entry("alice", "c")), Map.of("alice", current("alice", "c")),
                parts("h1-edited", "h2"), VERSION, new RegradePlan.Selection(Set.of(), Set.of("q2"), false));
        assertEquals(Set.of("q2"), plan.work().get(0).parts());
    }

    @Test
    void theWorkFollowsTheRosterOrder() {
        RegradePlan plan = plan(List.of(entry("zoe", "z"), entry("adam", "a")), Map.of());
        assertEquals(List.of("zoe", "adam"), plan.work().stream().map(w -> w.entry().student()).toList());
    }

    @Test
    void theSummaryCountsUnchangedAndNamesTheOneReason() {
        RegradePlan plan = plan(List.of(entry("a", "1"), entry("b", "2"), entry("c", "3"), entry("d", "4"),
                entry("e", "5")), Map.of("a", current("a", "1"), "b", current("b", "2"), "c", current("c", "3")));
        assertEquals("3 unchanged, 2 to grade: new", plan.summary());
    }

    @Test
    void theSummaryCountsEachReasonMostFrequentFirst() {
        RegradePlan plan = plan(List.of(entry("a", "1"), entry("b", "2"), entry("c", "3"), entry("d", "4-new")),
                Map.of("a", current("a", "1"), "d", current("d", "4-old")));
        assertEquals("1 unchanged, 3 to grade: new (2), files changed (1)", plan.summary());
    }
}
