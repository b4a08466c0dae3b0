package io.tensorgrade.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tensorgrade regrade} in-process: a class graded, graded again incrementally, reported; usage errors. */
class RegradeCommandTest {

    @TempDir
    Path dir;

    private Path rubric;
    private Path input;
    private Path run;

    @BeforeEach
    void aClassOfThree() throws IOException {
        rubric = dir.resolve("hw3.yaml");
        Files.copy(Fixtures.path("cli/hw3.yaml"), rubric);
        input = dir.resolve("class");
        copy(Fixtures.path("cli/correct/answers.yaml"), input.resolve("alice/answers.yaml"));
        copy(Fixtures.path("cli/mistakes/answers.yaml"), input.resolve("bob/answers.yaml"));
        Files.createDirectories(input.resolve("carol"));
        run = dir.resolve("run");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private CliRun regrade(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("regrade", "--rubric", rubric.toString(),
                input.toString(), "--out", run.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aClassIsGradedIntoTheRunFolder() throws IOException {
        CliRun r = regrade();

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("3 submissions: 0 unchanged, 3 to grade: new"), r.err());
        List<String> gradebook = Files.readAllLines(run.resolve("gradebook.csv"));
        assertEquals(4, gradebook.size(), String.join("\n", gradebook));
        assertTrue(gradebook.get(1).startsWith("alice,") && gradebook.get(1).contains(",20,20,graded,"),
                gradebook.get(1));
        assertTrue(gradebook.get(3).contains("needs_review,the folder is empty"), gradebook.get(3));
        JsonNode alice = new ObjectMapper().readTree(run.resolve("results/alice/results.json").toFile());
        assertEquals(20, alice.get("score").asDouble());
        assertTrue(Files.readString(run.resolve("feedback/bob.txt")).contains("Total"));
        assertTrue(Files.readString(run.resolve("summary.txt")).contains("needs_review 1"));
    }

    @Test
    void theSameCommandAgainGradesNothing() {
        regrade();

        CliRun again = regrade();

        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("3 unchanged, nothing to grade"), again.err());
    }

    @Test
    void aRubricEditRegradesOnlyThatPartAndSaysSo() throws IOException {
        regrade();
        Files.writeString(rubric, Files.readString(rubric).replace("title: FLOPs of C and P", "title: FLOPs of C, P"));

        CliRun again = regrade();

        assertTrue(again.err().contains("0 unchanged, 3 to grade: part q1c changed"), again.err());
        assertTrue(Files.readString(run.resolve("results/alice.json")).contains("FLOPs of C, P"));
    }

    @Test
    void aChangedFolderIsGradedAgainAndTheOthersAreNot() throws IOException {
        regrade();
        Files.copy(Fixtures.path("cli/correct/answers.yaml"), input.resolve("bob/answers.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CliRun again = regrade();

        assertTrue(again.err().contains("2 unchanged, 1 to grade: files changed"), again.err());
        assertTrue(Files.readAllLines(run.resolve("gradebook.csv")).get(2).contains(",20,20,graded,"));
    }

    @Test
    void oneStudentCanBeRegradedByName() {
        regrade();

        CliRun again = regrade("--students", "bob");

        assertTrue(again.err().contains("0 unchanged, 1 to grade: asked for (2 not selected)"), again.err());
    }

    @Test
    void anUnknownStudentIsAUsageErrorWithASuggestion() {
        CliRun r = regrade("--students", "alcie");

        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("no submission folder 'alcie'") && r.err().contains("did you mean 'alice'"),
                r.err());
    }

    @Test
    void anUnknownPartIsAUsageErrorWithASuggestion() {
        CliRun r = regrade("--parts", "q1x");

        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("'q1x' is not a part"), r.err());
    }

    @Test
    void theReportIsRewrittenFromTheStoreAlone() throws IOException {
        regrade();
        String before = Files.readString(run.resolve("gradebook.csv"));
        Files.delete(run.resolve("gradebook.csv"));

        CliRun r = CliRun.of("regrade", "report", run.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals(before, Files.readString(run.resolve("gradebook.csv")));
    }

    @Test
    void aReportOfAFolderWithoutAStoreSaysSo() {
        CliRun r = CliRun.of("regrade", "report", dir.toString());

        assertEquals(Main.FAILURE, r.code());
        assertTrue(r.err().contains("has no tensorgrade-run.sqlite"), r.err());
    }

    @Test
    void gradingAClassFolderAsOneSubmissionIsRefused() {
        CliRun r = CliRun.of("grade", "--rubric", rubric.toString(), input.toString());

        assertEquals(Main.FAILURE, r.code());
        assertTrue(r.err().contains("looks like a folder of 2 submissions (alice/, bob/)")
                && r.err().contains("tensorgrade regrade"), r.err());
    }

    @Test
    void aRubricDueDateOtherThanGradescopesIsNotedAndGradescopesIsUsed() throws IOException {
        Files.writeString(rubric, Files.readString(rubric).replace("total_points: 20",
                "total_points: 20\ndue: 2026-10-08T23:59:00-07:00\nlate_policy: {per_day: 0.15}"));
        Path metadata = Fixtures.write(dir, "submission_metadata.json", "{\"created_at\":"
                + " \"2026-10-09T10:00:00-07:00\", \"assignment\": {\"due_date\": \"2026-10-09T23:59:00-07:00\"}}");

        CliRun r = CliRun.of("grade", "--rubric", rubric.toString(), "--format", "json", "--submission-metadata",
                metadata.toString(), input.resolve("alice").toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the rubric's due date 2026-10-09T06:59:00Z differs from Gradescope's"), r.err());
        assertTrue(r.out().contains("\"score\" : 20"), "on time by Gradescope's due date: " + r.out());
    }

    @Test
    void gradeAppliesTheLatePolicyFromGradescopesSubmissionMetadata() throws IOException {
        Files.writeString(rubric, Files.readString(rubric).replace("total_points: 20",
                "total_points: 20\ndue: 2026-10-09T23:59:00-07:00\nlate_policy: {per_day: 0.15, zero_after_days: 7}"));
        Path metadata = Fixtures.write(dir, "submission_metadata.json", "{\"id\": 1, \"created_at\":"
                + " \"2026-10-11T10:00:00.000000-07:00\", \"assignment\": {\"due_date\":"
                + " \"2026-10-09T23:59:00.000000-07:00\", \"late_due_date\": null}, \"users\": [{\"name\":"
                + " \"Alice Liddell\", \"email\": \"alice@x.edu\", \"id\": 7}]}");
        Path out = dir.resolve("results.json");

        CliRun r = CliRun.of("grade", "--rubric", rubric.toString(), "--format", "gradescope", "--out", out.toString(),
                "--submission-metadata", metadata.toString(), input.resolve("alice").toString());

        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper().readTree(out.toFile());
        assertEquals(14, results.get("score").asDouble(), 1e-9);  // 2 days late: 30% off 20
        assertTrue(results.get("output").asText().contains("Submitted 2 days late"), results.toString());
        assertFalse(results.toString().contains("staff_log"));
        assertTrue(r.err().contains("grading the submission of Alice Liddell <alice@x.edu>, made"
                + " 2026-10-11T17:00:00Z, due 2026-10-10T06:59:00Z"), r.err());
        assertFalse(r.err().contains("differs"), r.err());
    }
}
