package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.ClassSubmission;
import io.tensorgrade.grader.batch.input.Submitter;
import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOutputsTest {

    private static final String GROUP = "submission_1";
    private static final String QUOTED = "Smith, \"Bobby\" Jr.";
    private static final Instant AT = Instant.parse("2026-10-10T06:00:00Z");
    private static Rubric rubric;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadRubric() {
        rubric = RubricLoader.load(Path.of("../rubrics/cnn-sizes-flops.yaml"));
    }

    private static RosterEntry entry(String student, List<Submitter> people, Instant at, Double gradescope) {
        return new RosterEntry(new ClassSubmission(student, Path.of("class", student), people, at, gradescope),
                "hash-" + student);
    }

    private static StoredPart part(String student, String id, double score, double max, Status status,
                                   String mistake) {
        return new StoredPart(new PartResult(id, id, score, max, status, "Feedback on " + id + ".",
                Visibility.VISIBLE, List.of(), mistake), "hash-" + student, "h-" + id, "v1");
    }

    private static StoredGrade grade(String student, SubmissionStatus status, String reason, StoredPart... parts) {
        Map<String, StoredPart> m = new LinkedHashMap<>();
        for (StoredPart p : parts) {
            m.put(p.result().partId(), p);
        }
        return new StoredGrade(student, "hash-" + student, status, reason, List.of(), 100, m);
    }

    /** A group of two (graded), alice with no submitters (graded, to review), carol (not graded). */
    private RunOutputs.Written writeClass(Path run) {
        try (RunStore store = RunStore.open(run)) {
            store.putRubric(RubricSnapshot.of(rubric));
            store.replaceRoster(List.of(
                    entry(GROUP, List.of(new Submitter("Ada Lovelace", "1", "ada@example.edu"),
                            new Submitter(QUOTED, "2", "bob@example.edu")), AT, 12.0),
                    entry("alice", List.of(), null, null),
                    entry("carol", List.of(new Submitter("Carol", "3", null)), null, null)));
            store.save(grade(GROUP, SubmissionStatus.GRADED, "",
                    part(GROUP, "q1_conv_out", 2, 2, Status.PASSED, null),
                    part(GROUP, "q1_pool_out", 2, 2, Status.PASSED, null),
                    part(GROUP, "q1_flops_total", 0, 4, Status.FAILED, "cross_channel_additions_forgotten")));
            store.save(grade("alice", SubmissionStatus.NEEDS_REVIEW, "the folder is empty",
                    part("alice", "q1_conv_out", 2, 2, Status.PASSED, null),
                    part("alice", "q1_pool_out", 1, 2, Status.PARTIAL, null),
                    part("alice", "q1_flops_total", 0, 4, Status.FAILED, "cross_channel_additions_forgotten")));
            return RunOutputs.write(store, run);
        }
    }

    private static List<CSVRecord> gradebook(Path run) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(Files.readString(run.resolve("gradebook.csv"))),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    private static List<String> header(Path run) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(Files.readString(run.resolve("gradebook.csv"))),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getHeaderNames();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The whitespace-separated cells of the summary's row for {@code part}. */
    private static List<String> summaryRow(Path run, String part) throws IOException {
        return Files.readAllLines(run.resolve("summary.txt")).stream().filter(l -> l.startsWith(part + " "))
                .findFirst().map(l -> List.of(l.trim().split("\\s+"))).orElseThrow();
    }

    @Test
    void theGradebookHeaderHasOneColumnPerPartInRubricOrder() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        List<String> expected = new ArrayList<>(List.of("folder", "name", "sid", "email", "submitted_at"));
        expected.addAll(rubric.partIds());
        expected.addAll(List.of("raw_total", "late_days", "late_penalty", "total", "max_points", "status",
                "status_reason", "gradescope_score"));
        assertEquals(expected, header(run));
    }

    @Test
    void aGroupSubmissionIsOneRowPerSubmitterWithTheSameScores() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        List<CSVRecord> rows = gradebook(run);
        assertEquals(List.of(GROUP, GROUP, "alice", "carol"), rows.stream().map(r -> r.get("folder")).toList());
        CSVRecord ada = rows.get(0);
        CSVRecord bob = rows.get(1);
        assertEquals(List.of("Ada Lovelace", "1", "ada@example.edu"), List.of(ada.get("name"), ada.get("sid"),
                ada.get("email")));
        assertEquals(QUOTED, bob.get("name"));
        for (CSVRecord r : List.of(ada, bob)) {
            assertEquals("2", r.get("q1_conv_out"));
            assertEquals("0", r.get("q1_flops_total"));
            assertEquals("", r.get("q1_flops_pool"), "a part not graded yet is empty");
            assertEquals("4", r.get("raw_total"));
            assertEquals("4", r.get("total"));
            assertEquals("21", r.get("max_points"));
            assertEquals("graded", r.get("status"));
            assertEquals(AT.toString(), r.get("submitted_at"));
            assertEquals("12", r.get("gradescope_score"));
        }
    }

    @Test
    void aSubmissionWithoutSubmittersIsOneRowWithItsStatusAndReason() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        CSVRecord alice = gradebook(run).get(2);
        assertEquals("", alice.get("name"));
        assertEquals("", alice.get("submitted_at"));
        assertEquals("3", alice.get("total"));
        assertEquals("needs_review", alice.get("status"));
        assertEquals("the folder is empty", alice.get("status_reason"));
        assertEquals("", alice.get("gradescope_score"));
    }

    @Test
    void aSubmissionNotGradedYetIsNotGradedWithNoScores() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        CSVRecord carol = gradebook(run).get(3);
        assertEquals("Carol", carol.get("name"));
        assertEquals("not_graded", carol.get("status"));
        assertEquals("not graded yet: run the same regrade command again", carol.get("status_reason"));
        assertEquals("", carol.get("q1_conv_out"));
        assertEquals("", carol.get("total"));
        assertEquals("21", carol.get("max_points"));
    }

    @Test
    void theWrittenCountsSayHowManyStudentsAndHowManyGraded() {
        Path run = tmp.resolve("run");
        assertEquals(new RunOutputs.Written(3, 2, run.resolve("gradebook.csv")), writeClass(run));
    }

    @Test
    void reportsAndFeedbackAreWrittenForGradedSubmissionsOnly() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        assertEquals(List.of("alice", "alice.json", GROUP, GROUP + ".json"), names(run.resolve("results")));
        assertTrue(Files.isRegularFile(run.resolve("results/alice/results.json")));
        assertTrue(Files.isRegularFile(run.resolve("results/" + GROUP + "/results.json")));
        assertEquals(List.of("alice.txt", GROUP + ".txt"), names(run.resolve("feedback")));
        assertTrue(Files.readString(run.resolve("results/alice.json")).contains("\"q1_pool_out\""));
    }

    @Test
    void theSummaryCountsEachPart() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        String summary = Files.readString(run.resolve("summary.txt"));
        assertTrue(summary.contains("(cnn-sizes-flops): 2 of 3 submissions graded\n"), summary);
        assertTrue(summary.contains("status: graded 1, needs_review 1\n"), summary);
        assertTrue(summary.contains("total: mean 3.5 of 21\n"), summary);
        assertEquals(List.of("q1_conv_out", "2/2", "2", "0", "0", "0", "0"), summaryRow(run, "q1_conv_out"));
        assertEquals(List.of("q1_pool_out", "1.5/2", "1", "1", "0", "0", "0"), summaryRow(run, "q1_pool_out"));
        assertEquals(List.of("q1_flops_total", "0/4", "0", "0", "2", "0", "0", "cross_channel_additions_forgotten",
                "(2)"), summaryRow(run, "q1_flops_total"));
        assertEquals(List.of("q1_flops_pool", "-", "0", "0", "0", "0", "0"), summaryRow(run, "q1_flops_pool"));
        assertTrue(summary.contains("to look at:\n  alice  needs_review: the folder is empty\n"), summary);
        assertTrue(summary.contains("not graded yet: carol\n"), summary);
    }

    @Test
    void aStudentKeyWithUnsafeCharactersGetsASafeFileName() {
        Set<String> used = new HashSet<>();
        assertEquals("Ada_Lovelace__late_", RunOutputs.fileName("Ada Lovelace (late)", used));
        assertEquals("a_b_c", RunOutputs.fileName("a/b\\c", used));
        assertEquals("_..", RunOutputs.fileName("..", used));
        assertEquals("a_b_c-2", RunOutputs.fileName("a:b*c", used));
    }

    @Test
    void aStudentFolderWithASpaceIsWrittenUnderItsSafeName() throws IOException {
        Path run = tmp.resolve("run");
        try (RunStore store = RunStore.open(run)) {
            store.putRubric(RubricSnapshot.of(rubric));
            store.replaceRoster(List.of(entry("Ada Lovelace/hw3", List.of(), null, null)));
            store.save(grade("Ada Lovelace/hw3", SubmissionStatus.GRADED, "",
                    part("Ada Lovelace/hw3", "q1_conv_out", 2, 2, Status.PASSED, null)));
            RunOutputs.write(store, run);
        }
        assertEquals(List.of("Ada_Lovelace_hw3", "Ada_Lovelace_hw3.json"), names(run.resolve("results")));
        assertEquals(List.of("Ada_Lovelace_hw3.txt"), names(run.resolve("feedback")));
        assertEquals("Ada Lovelace/hw3", gradebook(run).get(0).get("folder"));
    }

    @Test
    void aStudentNamedLikeAnotherStudentsReportFileDoesNotCollide() throws IOException {
        Path run = tmp.resolve("run");
        try (RunStore store = RunStore.open(run)) {
            store.putRubric(RubricSnapshot.of(rubric));
            store.replaceRoster(List.of(entry("alice", List.of(), null, null),
                    entry("alice.json", List.of(), null, null)));
            for (String s : List.of("alice", "alice.json")) {
                store.save(grade(s, SubmissionStatus.GRADED, "", part(s, "q1_conv_out", 2, 2, Status.PASSED, null)));
            }
            assertEquals(2, RunOutputs.write(store, run).graded());
        }
    }

    @Test
    void writingAgainRewritesNoUnchangedFileAndLeavesNoTemporaryOnes() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        Path report = run.resolve("results/alice.json");
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(report, before);
        try (RunStore store = RunStore.open(run)) {
            RunOutputs.write(store, run);
        }
        assertEquals(before, Files.getLastModifiedTime(report), "an unchanged report was written again");
        List<String> names = names(run);
        assertTrue(names.containsAll(List.of("feedback", "gradebook.csv", "results", "summary.txt", RunStore.FILE)),
                names.toString());
        assertFalse(names(run.resolve("results")).stream().anyMatch(n -> n.endsWith(".tmp")), names.toString());
        assertEquals(4, gradebook(run).size());
    }

    @Test
    void theFilesOfAStudentNoLongerInTheRunAreRemoved() throws IOException {
        Path run = tmp.resolve("run");
        writeClass(run);
        try (RunStore store = RunStore.open(run)) {
            store.replaceRoster(List.of(entry("alice", List.of(), null, null)));
            RunOutputs.write(store, run);
        }
        assertEquals(List.of("alice", "alice.json"), names(run.resolve("results")));
        assertEquals(List.of("alice.txt"), names(run.resolve("feedback")));
    }

    @Test
    void aStoreWithoutARunIsRefused() {
        Path run = tmp.resolve("run");
        try (RunStore store = RunStore.open(run)) {
            GraderException e = assertThrows(GraderException.class, () -> RunOutputs.write(store, run));
            assertEquals("The run store " + store.file() + " holds no run yet: run tensorgrade regrade --rubric R"
                    + " INPUT --out " + run + " first.", e.getMessage());
        }
    }

    @Test
    void aLateSubmissionShowsItsDaysAndPenaltyAndATotalAfterThePenalty() throws IOException {
        Rubric late = RubricLoader.load(Fixtures.write(tmp, "late.yaml", "assignment: late-hw\n"
                + "due: 2026-10-09T23:59:00-07:00\n"
                + "late_policy: {per_day: 0.15, zero_after_days: 7}\n"
                + "parts:\n  - {id: q1, points: 10, check: integer, expected: 42}\n"));
        Instant due = Instant.parse("2026-10-10T06:59:00Z");
        Path run = tmp.resolve("run");
        try (RunStore store = RunStore.open(run)) {
            store.putRubric(RubricSnapshot.of(late));
            store.replaceRoster(List.of(entry("slow", List.of(), due.plus(Duration.ofHours(25)), null),
                    entry("prompt", List.of(), due.minusSeconds(60), null)));
            for (String s : List.of("slow", "prompt")) {
                store.save(grade(s, SubmissionStatus.GRADED, "", part(s, "q1", 10, 10, Status.PASSED, null)));
            }
            RunOutputs.write(store, run);
        }
        List<CSVRecord> rows = gradebook(run);
        CSVRecord slow = rows.get(0);
        assertEquals(List.of("10", "2", "3", "7"), List.of(slow.get("raw_total"), slow.get("late_days"),
                slow.get("late_penalty"), slow.get("total")));
        CSVRecord prompt = rows.get(1);
        assertEquals(List.of("10", "0", "0", "10"), List.of(prompt.get("raw_total"), prompt.get("late_days"),
                prompt.get("late_penalty"), prompt.get("total")));
        assertTrue(Files.readString(run.resolve("feedback/slow.txt")).contains("Submitted 2 days late"));
    }
}
