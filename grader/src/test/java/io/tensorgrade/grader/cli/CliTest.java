package io.tensorgrade.grader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands through {@link Main#run}, with their exit codes: 0 graded, 1 failure, 2 usage. */
class CliTest {

    private static final String RUBRIC = Fixtures.path("cli/hw3.yaml").toString();
    private static final String MISTAKES = Fixtures.path("cli/mistakes").toString();
    private static final String CORRECT = Fixtures.path("cli/correct").toString();

    @TempDir
    Path dir;

    private String out = "";
    private String err = "";

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void gradePrintsTheTableAndExitsZeroWhateverTheScore() {
        assertEquals(0, run("grade", "--rubric", RUBRIC, MISTAKES));
        assertTrue(out.contains("Total  8 / 20"), out);
        assertTrue(out.contains("q1c    0 / 10  failed   You answered 547704, which is what you get when"), out);
        assertTrue(out.contains("'q3' is not a part of this assignment (did you mean 'q2'?)"), out);
        assertFalse(out.contains("\u001b["), out);
    }

    @Test
    void gradeGivesFullMarksToCorrectAnswersInStudentForms() {
        assertEquals(0, run("grade", "--rubric", RUBRIC, CORRECT));
        assertTrue(out.contains("Total  20 / 20"), out);
    }

    @Test
    void gradeWritesGradescopeResultsAtomically() throws Exception {
        Path results = dir.resolve("results/results.json");
        assertEquals(0, run("grade", "--rubric", RUBRIC, MISTAKES, "--format", "gradescope", "--out",
                results.toString()));
        JsonNode root = new ObjectMapper().readTree(results.toFile());
        assertEquals(8.0, root.get("score").asDouble());
        assertEquals(4, root.get("tests").size());
        assertTrue(err.contains("wrote " + results + " (8 / 20 points)"), err);
        try (var files = Files.list(results.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void gradePrintsThePerStudentJson() throws Exception {
        assertEquals(0, run("grade", "--rubric", RUBRIC, CORRECT, "--format=json"));
        assertEquals(20.0, new ObjectMapper().readTree(out).get("score").asDouble());
    }

    @Test
    void gradeColoursOnlyWhenAsked() {
        assertEquals(0, run("grade", "--rubric", RUBRIC, CORRECT, "--color=always"));
        assertTrue(out.contains("\u001b[32m"), out);
        assertEquals(0, run("grade", "--rubric", RUBRIC, CORRECT, "--color", "never"));
        assertFalse(out.contains("\u001b["), out);
    }

    @Test
    void anInvalidRubricExitsOneAndListsEveryError() {
        String bad = Fixtures.path("rubric/many-errors.yaml").toString();
        assertEquals(1, run("grade", "--rubric", bad, CORRECT));
        assertTrue(err.startsWith("tensorgrade: The rubric " + bad + " has 12 errors"), err);
        assertTrue(err.contains(bad + ":13: part q1b: check: unknown check 'intger'"), err);
    }

    @Test
    void aMissingSubmissionFolderExitsOne() {
        assertEquals(1, run("grade", "--rubric", RUBRIC, dir.resolve("nobody").toString()));
        assertTrue(err.contains("does not exist"), err);
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, run("grade", CORRECT));
        assertTrue(err.contains("Missing required option: '--rubric=RUBRIC'"), err);
        assertEquals(2, run("grade", "--rubric", RUBRIC, CORRECT, "--format", "xml"));
        assertTrue(err.contains("--format"), err);
        assertEquals(2, run("rubric"));
    }

    @Test
    void checkRunsOnlyVisiblePartsAndListsTheOthers() {
        assertEquals(0, run("check", "--rubric", RUBRIC, MISTAKES));
        assertTrue(out.contains("Total  8 / 8"), out);
        assertTrue(out.contains("Checked after submission:\n  q1c  FLOPs of C and P (10 points)\n"
                + "  q2  sigmoid(1) (2 points)"), out);
        assertFalse(out.contains("547704"), out);
        assertTrue(out.contains("This pre-check ran 2 of 4 parts"), out);
    }

    @Test
    void validateReportsEachRubricAndExitsOneIfAnyIsInvalid() {
        String bad = Fixtures.path("rubric/many-errors.yaml").toString();
        assertEquals(0, run("rubric", "validate", RUBRIC));
        assertEquals(RUBRIC + ": OK (4 parts, 20 points)\n", out);
        assertEquals(1, run("rubric", "validate", RUBRIC, bad));
        assertTrue(out.contains(RUBRIC + ": OK"), out);
        assertTrue(err.contains(bad + ":3: titel: unknown key 'titel' (did you mean 'title'?)"), err);
    }

    @Test
    void explainShowsExpectedValues() {
        assertEquals(0, run("rubric", "explain", RUBRIC));
        assertTrue(out.contains("Expected: 564,756"), out);
    }

    @Test
    void templateRefusesToOverwriteWithoutForce() throws Exception {
        Path answers = Fixtures.write(dir, "answers.yaml", "q1a: [12, 7, 7]\n");
        assertEquals(1, run("rubric", "template", RUBRIC, "--out", answers.toString()));
        assertEquals("tensorgrade: The file " + answers + " already exists. Use --force to replace it.\n", err);
        assertEquals("q1a: [12, 7, 7]\n", Files.readString(answers));
        assertEquals(0, run("rubric", "template", RUBRIC, "--out", answers.toString(), "--force"));
        assertTrue(Files.readString(answers).contains("q1a:\n"));
    }

    @Test
    void verboseIsAcceptedByEverySubcommand() {
        assertEquals(1, run("grade", "--verbose", "--rubric", dir.resolve("none.yaml").toString(), CORRECT));
        assertTrue(err.contains("GraderException"), err);
    }
}
