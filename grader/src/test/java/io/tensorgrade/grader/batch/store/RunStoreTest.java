package io.tensorgrade.grader.batch.store;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.ClassSubmission;
import io.tensorgrade.grader.batch.input.Submitter;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.LatePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStoreTest {

    @TempDir
    Path tmp;

    private static StoredGrade aliceGrade() {
        PartResult q1 = new PartResult("q1", "Sizes", 2, 2, Status.PASSED, "Correct: [12, 7, 7].",
                Visibility.VISIBLE, List.of("shapes"), null, "", false);
        PartResult q2 = new PartResult("q2", "Code", 0.5, 3, Status.PARTIAL, "Too slow on case 2.",
                Visibility.AFTER_PUBLISHED, List.of("coding", "flops"), "off_by_one", "stdout: 42\nstderr: -",
                true);
        return new StoredGrade("alice", "c-alice", SubmissionStatus.TIMEOUT, "code ran past its time limit in q2",
                List.of("answers.yaml:9: 'q4' is not a part"), 1234, Map.of(
                "q1", new StoredPart(q1, "c-alice", "h-q1", "v1"),
                "q2", new StoredPart(q2, "c-alice", "h-q2", "v1")));
    }

    private List<RosterEntry> roster() {
        return List.of(
                new RosterEntry(new ClassSubmission("submission_1", tmp.resolve("class/submission_1"), List.of(
                        new Submitter("Ada Lovelace", "123", "ada@example.edu"),
                        new Submitter("Bob, \"the\" Builder", null, "bob@example.edu")),
                        Instant.parse("2026-10-10T06:58:59.123Z"), 17.5), "hash-1"),
                new RosterEntry(new ClassSubmission("alice", tmp.resolve("class/alice"), List.of(), null, null),
                        "hash-2"));
    }

    private static RubricSnapshot snapshot(LatePolicy late) {
        return new RubricSnapshot("cnn", "CNN sizes", "rubrics/cnn.yaml", List.of(
                new RubricSnapshot.PartInfo("q1", "Sizes", 2, Visibility.VISIBLE, List.of("shapes")),
                new RubricSnapshot.PartInfo("q2", "Code", 3, Visibility.HIDDEN, List.of())), late);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderThatDoesNotExistGetsAnEmptyStore() {
        Path run = tmp.resolve("runs/hw3");
        try (RunStore store = RunStore.open(run)) {
            assertEquals(run.resolve(RunStore.FILE), store.file());
            assertTrue(Files.isRegularFile(run.resolve(RunStore.FILE)));
            assertEquals(Map.of(), store.grades());
            assertEquals(List.of(), store.roster());
            assertEquals(Optional.empty(), store.rubric());
        }
    }

    @Test
    void anEmptyFolderGetsAStore() {
        try (RunStore store = RunStore.open(tmp)) {
            assertEquals(Optional.of("tensorgrade-run-store"), store.meta("format"));
        }
    }

    @Test
    void aSavedGradeComesBackWithEveryPartField() {
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.save(aliceGrade());
            assertEquals(Map.of("alice", aliceGrade()), store.grades());
        }
    }

    @Test
    void savingAgainReplacesTheGradeAndKeepsPartsNotGiven() {
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.save(aliceGrade());
            StoredPart q1 = aliceGrade().parts().get("q1");
            store.save(new StoredGrade("alice", "c2", SubmissionStatus.GRADED, "", List.of(), 5,
                    Map.of("q1", new StoredPart(q1.result(), "c2", "h-q1", "v2"))));
            StoredGrade back = store.grades().get("alice");
            assertEquals(SubmissionStatus.GRADED, back.status());
            assertEquals("v2", back.parts().get("q1").graderVersion());
            assertEquals(aliceGrade().parts().get("q2"), back.parts().get("q2"));
        }
    }

    @Test
    void theRosterComesBackInOrderWithSubmittersTimesAndScores() {
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.replaceRoster(roster());
            assertEquals(roster(), store.roster());
        }
    }

    @Test
    void replacingTheRosterDropsTheOldEntries() {
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.replaceRoster(roster());
            store.replaceRoster(roster().subList(1, 2));
            assertEquals(List.of("alice"), store.roster().stream().map(RosterEntry::student).toList());
        }
    }

    @Test
    void aTextFileNamedLikeTheStoreIsRefusedAndLeftAsItIs() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path file = Files.writeString(run.resolve(RunStore.FILE), "my notes, not a database\n");
        byte[] before = Files.readAllBytes(file);

        GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));

        assertEquals(file + " is not a tensorgrade run store (not an SQLite database); it was left as it is. Choose"
                + " another folder for --out.", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anSqliteDatabaseWithoutTheMetaTableIsRefusedAndLeftAsItIs() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path file = run.resolve(RunStore.FILE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lab(name TEXT, mark REAL)");
            s.execute("INSERT INTO lab VALUES ('ada', 9.5)");
        }
        byte[] before = Files.readAllBytes(file);

        GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));

        assertTrue(e.getMessage().startsWith(file + " is an SQLite database but not a tensorgrade run store"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("it was left as it is. Choose another folder for --out."), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anSqliteDatabaseWithAMetaTableOfAnotherFormatIsRefused() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path file = run.resolve(RunStore.FILE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('format', 'someone-else')");
        }

        GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));

        assertEquals(file + " is an SQLite database but not a tensorgrade run store (its format is 'someone-else');"
                + " it was left as it is. Choose another folder for --out.", e.getMessage());
    }

    @Test
    void aFolderWithOtherFilesAndNoStoreIsRefusedAndNothingIsCreated() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("notes.txt"), "x");

        GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));

        assertEquals("The run folder " + run + " holds other files (notes.txt, ...) but no tensorgrade run store ("
                + RunStore.FILE + "); it was left as it is. Choose a new or empty folder for --out.", e.getMessage());
        assertEquals(List.of("notes.txt"), names(run));
    }

    @Test
    void aFileGivenAsTheRunFolderIsRefused() throws IOException {
        Path run = Files.writeString(tmp.resolve("run"), "x");
        GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));
        assertEquals("The run folder " + run + " is a file; choose a folder for --out.", e.getMessage());
    }

    @Test
    void aSecondOpenOfAFolderThatIsOpenIsRefused() {
        Path run = tmp.resolve("run");
        try (RunStore first = RunStore.open(run)) {
            GraderException e = assertThrows(GraderException.class, () -> RunStore.open(run));
            assertTrue(e.getMessage().startsWith("Another tensorgrade regrade is using " + run + " right now"),
                    e.getMessage());
            assertEquals(Map.of(), first.grades());
        }
    }

    @Test
    void afterCloseTheFolderOpensAgainWithItsData() {
        Path run = tmp.resolve("run");
        try (RunStore store = RunStore.open(run)) {
            store.replaceRoster(roster());
            store.save(aliceGrade());
            store.putRubric(snapshot(null));
        }
        try (RunStore again = RunStore.open(run)) {
            assertEquals(roster(), again.roster());
            assertEquals(Map.of("alice", aliceGrade()), again.grades());
            assertEquals(Optional.of(snapshot(null)), again.rubric());
        }
    }

    @Test
    void aRubricSnapshotWithoutALatePolicyRoundTrips() {
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.putRubric(snapshot(null));
            assertEquals(Optional.of(snapshot(null)), store.rubric());
            assertEquals(Optional.of("cnn"), store.meta("assignment"));
        }
    }

    @Test
    void aRubricSnapshotWithALatePolicyRoundTrips() {
        LatePolicy late = new LatePolicy(Instant.parse("2026-10-10T06:59:00Z"), 0.15, 7, Duration.ofMinutes(15));
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.putRubric(snapshot(late));
            assertEquals(Optional.of(snapshot(late)), store.rubric());
        }
    }

    @Test
    void aLatePolicyWithoutACutOffRoundTrips() {
        LatePolicy late = new LatePolicy(Instant.parse("2026-10-10T06:59:00Z"), 0.1, null, Duration.ZERO);
        try (RunStore store = RunStore.open(tmp.resolve("run"))) {
            store.putRubric(snapshot(late));
            assertEquals(Optional.of(snapshot(late)), store.rubric());
        }
    }

    @Test
    void aRefusedOpenCreatesNoStoreFile() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("gradebook.csv"), "folder\n");
        assertThrows(GraderException.class, () -> RunStore.open(run));
        assertFalse(Files.exists(run.resolve(RunStore.FILE)));
    }
}
