package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.result.Visibility;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RubricLoaderTest {

    @TempDir
    Path dir;

    private List<RubricError> errors(String yaml) {
        Path file = Fixtures.write(dir, "hw.yaml", yaml);
        return assertThrows(RubricException.class, () -> RubricLoader.load(file)).errors();
    }

    private static String text(List<RubricError> errors) {
        return String.join("\n", errors.stream().map(RubricError::toString).toList());
    }

    @Test
    void loadsAValidRubricWithItsParts() {
        Rubric r = RubricLoader.load(Fixtures.path("rubric/valid.yaml"));
        assertEquals("hw3-cnn", r.assignment());
        assertEquals("CNN fundamentals", r.title());
        assertEquals(List.of("q1a", "q1b", "q1c", "q2"), r.partIds());
        assertEquals(20.0, r.totalPoints());
        Part q1a = r.part("q1a").orElseThrow();
        assertEquals(5.0, q1a.points());
        assertEquals("shape", q1a.kind());
        assertEquals(Visibility.VISIBLE, q1a.visibility());
        assertEquals(List.of("conv", "shapes"), q1a.tags());
        assertEquals(7, q1a.line());
        assertEquals(Visibility.HIDDEN, r.part("q2").orElseThrow().visibility());
        AnswerCheck q1c = assertInstanceOf(AnswerCheck.class, r.part("q1c").orElseThrow().check());
        assertEquals(Value.of(564756), q1c.matcher().expected());
    }

    @Test
    void reportsEveryErrorAtOnceInFileOrderWithFileLinePartAndField() {
        Path file = Fixtures.path("rubric/many-errors.yaml");
        RubricException e = assertThrows(RubricException.class, () -> RubricLoader.load(file));
        String f = file.toString();
        assertEquals(List.of(
                f + ":3: titel: unknown key 'titel' (did you mean 'title'?); allowed: assignment, title,"
                        + " description, total_points, due, late_policy, parts",
                f + ":10: part q1a: visibility: unknown value 'public'; allowed: hidden, after_due_date,"
                        + " after_published, visible",
                f + ":12: part q1b: points: could not read 'five' as a number; expected a number, e.g. 0.25,"
                        + " 1.5e-3 or 3/4",
                f + ":13: part q1b: check: unknown check 'intger' (did you mean 'integer'?); known: "
                        + String.join(", ", CheckKinds.standard().names()),
                f + ":14: part q1a: id: duplicate part id 'q1a' (first used at line 6); part ids must be unique",
                f + ":18: part q1a: kernal: unknown key 'kernal'; allowed: id, title, points, check, visibility,"
                        + " tags, description, partial_credit, accept, derivation, expected, mistakes, tolerance",
                f + ":19: part #4: id: missing required field 'id'",
                f + ":19: part #4: points: missing required field 'points'",
                f + ":19: part #4: check: missing required field 'check'",
                f + ":24: part q2: tolerance.rell: unknown key 'rell' (did you mean 'rel'?); allowed: abs, rel,"
                        + " atol, rtol",
                f + ":25: part q2: accept[0].credit: an accepted answer needs a credit above 0 (list answers"
                        + " worth nothing under 'mistakes')",
                f + ":31: part q3: mistakes[0].value: the value 564,756 already matches the expected value, so"
                        + " this entry never applies"),
                e.errors().stream().map(RubricError::toString).toList());
        assertTrue(e.getMessage().startsWith("The rubric " + f + " has 12 errors; fix them and run again:"),
                e.getMessage());
    }

    @Test
    void pointsThatDoNotAddUpToTheTotalAreListedPartByPart() {
        Path file = Fixtures.path("rubric/bad-total.yaml");
        List<RubricError> errors = assertThrows(RubricException.class, () -> RubricLoader.load(file)).errors();
        assertEquals(file + ":2: total_points: the parts add up to 7.5 points, not 30 (q1a 5, q1b 2.5)",
                text(errors));
    }

    @Test
    void anUnknownCheckListsTheKnownKinds() {
        String msg = text(errors("assignment: a\nparts:\n  - {id: q1, points: 1, check: qqq, expected: 1}\n"));
        assertTrue(msg.endsWith("hw.yaml:3: part q1: check: unknown check 'qqq'; known: "
                + String.join(", ", CheckKinds.standard().names())), msg);
    }

    @Test
    void aMissingAssignmentAndMissingPartsAreReported() {
        String msg = text(errors("title: x\n"));
        assertTrue(msg.contains(":1: assignment: missing required field 'assignment'"), msg);
        assertTrue(msg.contains(":1: parts: missing required field 'parts' (a list of parts)"), msg);
    }

    @Test
    void partsMustBeANonEmptyListOfMappings() {
        assertTrue(text(errors("assignment: a\nparts: []\n")).contains("parts: expected a non-empty list of parts"));
        String msg = text(errors("assignment: a\nparts:\n  - just text\n"));
        assertTrue(msg.contains(":3: part #1: expected a mapping with id, points, check, ..., found the text"
                + " 'just text'"), msg);
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() {
        String msg = text(errors("assignment: a\nparts:\n  - {id: q1, points: 1\n"));
        assertTrue(msg.contains("hw.yaml:3: syntax error"), msg);
    }

    @Test
    void aTopLevelListIsNotARubric() {
        String msg = text(errors("- a\n- b\n"));
        assertTrue(msg.contains(":1: expected a mapping with keys assignment, title"), msg);
    }

    @Test
    void aBadPartIdSaysWhichCharactersAreAllowed() {
        String msg = text(errors("assignment: a\nparts:\n  - {id: 'q 1', points: 1, check: integer, expected: 1}\n"));
        assertTrue(msg.contains("part #1: id: 'q 1' is not a valid part id; use letters, digits"), msg);
    }

    @Test
    void negativePointsAndAWrongPartialCreditTypeAreReported() {
        String msg = text(errors("assignment: a\nparts:\n  - id: q1\n    points: -2\n    check: integer\n"
                + "    expected: 1\n    partial_credit: sometimes\n"));
        assertTrue(msg.contains(":4: part q1: points: points must be >= 0, found -2.0"), msg);
        assertTrue(msg.contains(":7: part q1: partial_credit: expected true or false, found the text 'sometimes'"),
                msg);
    }

    @Test
    void aMissingFileIsAGraderExceptionNamingIt() {
        GraderException e = assertThrows(GraderException.class, () -> RubricLoader.load(dir.resolve("none.yaml")));
        assertEquals("The rubric file " + dir.resolve("none.yaml") + " does not exist.", e.getMessage());
    }
}
