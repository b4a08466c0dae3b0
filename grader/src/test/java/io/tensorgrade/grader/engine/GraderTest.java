package io.tensorgrade.grader.engine;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraderTest {

    /** A kind whose check crashes, or (file: x) passes when the submission has file x, without answers.yaml. */
    static final class TestKind implements CheckKind {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public Set<String> keys() {
            return Set.of("file", "crash");
        }

        @Override
        public Check create(ConfigReader c) {
            String file = c.string("file", "");
            boolean crash = c.bool("crash", false);
            return new Check() {
                @Override
                public Expected expected() {
                    return Expected.of("a file " + file);
                }

                @Override
                public String answerForm() {
                    return "the file " + file;
                }

                @Override
                public Verdict grade(CheckContext ctx) {
                    if (crash) {
                        throw new IllegalStateException("sandbox died");
                    }
                    return Files.exists(ctx.submission().file(file)) ? Verdict.pass("found " + file)
                            : Verdict.fail("missing " + file);
                }

                @Override
                public boolean needsAnswer() {
                    return false;
                }
            };
        }
    }

    @TempDir
    Path dir;

    private Rubric rubric(String parts) {
        Path file = Fixtures.write(dir, "rubric.yaml", "assignment: hw\nparts:\n" + parts);
        return RubricLoader.load(file, CheckKinds.standard().with(new TestKind()));
    }

    private Submission submission(String answers) {
        Path sub = dir.resolve("sub");
        Fixtures.write(sub, "hw4.py", "def f(): pass\n");
        if (answers != null) {
            Fixtures.write(sub, "answers.yaml", answers);
        }
        return Submission.open(sub);
    }

    private static final String PARTS = """
              - {id: q1, points: 4, check: integer, expected: 10}
              - {id: q2, points: 6, check: test, crash: true}
              - {id: q3, points: 5, check: test, file: hw4.py}
              - {id: q4, points: 2, check: shape, expected: [3, 4], visibility: hidden}
            """;

    @Test
    void aCrashingCheckGetsZeroWithTheReasonAndTheOthersAreGraded() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: 10\nq4: 3x4\n")));
        PartResult crashed = r.results().get(1);
        assertEquals(Status.ERROR, crashed.status());
        assertEquals(0.0, crashed.score());
        assertTrue(crashed.feedback().startsWith("The check for this part crashed (IllegalStateException: sandbox"
                + " died)."), crashed.feedback());
        assertEquals(List.of(Status.PASSED, Status.ERROR, Status.PASSED, Status.PASSED),
                r.results().stream().map(PartResult::status).toList());
        assertEquals(11.0, r.score());
        assertEquals(17.0, r.maxScore());
    }

    @Test
    void withoutAnswersFileTheAnswerPartsGetZeroAndTheOthersAreGraded() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission(null)));
        PartResult q1 = r.results().get(0);
        assertEquals(Status.FAILED, q1.status());
        assertEquals("No answer for q1: the submission has no answers.yaml (nor answers.yml or answers.json).",
                q1.feedback());
        assertEquals(Status.PASSED, r.results().get(2).status());
        assertEquals(5.0, r.score());
    }

    @Test
    void aSyntaxErrorInOneEntryMakesOnlyThatPartUnreadableAndIsOneWarning() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: [10\nq4: 3x4\n")));
        assertEquals(Status.UNREADABLE, r.results().get(0).status());
        assertTrue(r.results().get(0).feedback().contains("answers.yaml, line 1: syntax error"),
                r.results().get(0).feedback());
        assertFalse(r.results().get(3).feedback().contains("syntax error"), r.results().get(3).feedback());
        assertEquals(Status.PASSED, r.results().get(2).status());
        assertEquals(1, r.warnings().stream().filter(w -> w.contains("'q1' could not be read")).count(),
                r.warnings().toString());
    }

    @Test
    void anAnswersFileThatCannotBeReadAtAllMakesEveryAnsweredPartUnreadable() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("[10, 3\n")));
        assertEquals(Status.UNREADABLE, r.results().get(0).status());
        assertEquals(Status.UNREADABLE, r.results().get(3).status());
        assertTrue(r.warnings().get(0).startsWith("The answers file could not be read"), r.warnings().toString());
    }

    @Test
    void anUnreadableAnswerGetsZeroWithItsLocationAndTheExpectedForm() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: ten\n")));
        PartResult q1 = r.results().get(0);
        assertEquals(Status.UNREADABLE, q1.status());
        assertTrue(q1.feedback().startsWith("answers.yaml:1: Could not read 'ten' as an integer; expected a whole"
                + " number"), q1.feedback());
    }

    @Test
    void unknownAnswerIdsAreWarningsAndMissingOnesPointAtThem() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q_1: 10\n")));
        assertEquals(List.of("answers.yaml:1: 'q_1' is not a part of this assignment (did you mean 'q1'?); it was"
                + " ignored."), r.warnings());
        assertEquals("No answer for q1 in answers.yaml (line 1 has 'q_1': if it is meant for q1, rename it).",
                r.results().get(0).feedback());
    }

    @Test
    void partialCreditOffTurnsAPartialAnswerIntoZero() {
        Rubric rubric = rubric("""
                  - id: q1
                    points: 4
                    check: integer
                    expected: 10
                    partial_credit: false
                    accept: [{name: rounded, value: 9, credit: 0.5}]
                """);
        PartResult q1 = Grader.grade(GradeRequest.of(rubric, submission("q1: 9\n"))).results().get(0);
        assertEquals(Status.FAILED, q1.status());
        assertEquals(0.0, q1.score());
        assertTrue(q1.feedback().endsWith("This part gives no partial credit."), q1.feedback());
    }

    @Test
    void partialCreditScalesThePoints() {
        Rubric rubric = rubric("  - {id: q1, points: 3, check: integer, expected: 10,"
                + " accept: [{name: rounded, value: 9, credit: 0.3333}]}\n");
        PartResult q1 = Grader.grade(GradeRequest.of(rubric, submission("q1: 9\n"))).results().get(0);
        assertEquals(Status.PARTIAL, q1.status());
        assertEquals(0.9999, q1.score());
    }

    @Test
    void aVisibilityFilterSkipsTheOtherPartsWithoutCountingThem() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: 10\n"))
                .only(p -> p.visibility() == Visibility.VISIBLE));
        assertEquals(List.of("q4"), r.skipped().stream().map(PartResult::partId).toList());
        assertEquals("Checked after submission.", r.skipped().get(0).feedback());
        assertEquals(15.0, r.maxScore());
        assertNull(r.skipped().get(0).mistake());
    }

    @Test
    void aNamedMistakeIsKeptInTheResult() {
        Rubric rubric = rubric("  - {id: q1, points: 1, check: integer, expected: 7,"
                + " mistakes: [{name: no_padding, value: 6, explanation: the padding is left out}]}\n");
        PartResult q1 = Grader.grade(GradeRequest.of(rubric, submission("q1: 6\n"))).results().get(0);
        assertEquals("no_padding", q1.mistake());
    }

    @Test
    void aFolderWithNoneOfTheExpectedFilesIsAWarningSayingWhatWasExpectedAndWhatIsThere(@TempDir Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("report.pdf"), "%PDF");
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), Submission.open(dir)));
        assertEquals("None of the files this assignment expects (answers.yaml) is in the submission; it holds"
                + " report.pdf.", r.warnings().get(0));
    }

    @Test
    void anEmptyFolderIsAWarningSayingWhatWasExpected(@TempDir Path dir) {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), Submission.open(dir)));
        assertEquals("The submission folder is empty: this assignment expects answers.yaml.", r.warnings().get(0));
    }

    @Test
    void theProgressListenerSeesEachPartAsItIsGradedAndThePartsStillToGrade() {
        List<GradeReport> seen = new java.util.ArrayList<>();
        GradeReport last = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: 10\nq4: 3x4\n"))
                .progress(seen::add));
        // The answered parts (q1, q4) come first, then the others (q2, q3) in rubric order.
        assertEquals(5, seen.size());
        GradeReport first = seen.get(0);
        assertTrue(first.results().stream().allMatch(r -> r.status() == Status.ERROR
                && r.feedback().equals(Grader.PENDING)), first.results().toString());
        assertTrue(first.warnings().get(0).startsWith("Grading had not finished when this report was written: 4"
                + " part(s) not graded yet."), first.warnings().toString());
        GradeReport afterAnswers = seen.get(2);
        assertEquals(Status.PASSED, afterAnswers.results().get(0).status());
        assertEquals(Grader.PENDING, afterAnswers.results().get(1).feedback());
        assertEquals(last.results(), seen.get(4).results());
        assertFalse(seen.get(4).warnings().stream().anyMatch(w -> w.startsWith("Grading had not finished")));
    }

    @Test
    void pastTheDeadlineNoPartStartsAndEachSaysWhy() {
        GradeReport r = Grader.grade(GradeRequest.of(rubric(PARTS), submission("q1: 10\n"))
                .deadline(java.time.Instant.now().minusSeconds(1)));
        for (PartResult p : r.results()) {
            assertEquals(Status.ERROR, p.status(), p.toString());
            assertTrue(p.feedback().startsWith("Not graded: the grading deadline passed before this part could"
                    + " start"), p.feedback());
        }
    }
}
