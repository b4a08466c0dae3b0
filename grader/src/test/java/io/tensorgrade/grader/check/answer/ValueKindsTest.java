package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integer and number kinds, from rubric YAML to a verdict on an answers file. */
class ValueKindsTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();

    private Check check(CheckKind kind, String yaml) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, dir);
        c.checkKeys(kind.keys());
        return kind.create(c);
    }

    private Verdict grade(Check check, String answer) {
        Fixtures.write(dir, "sub/answers.yaml", "q: " + answer + "\n");
        return check.grade(new CheckContext("q", Submission.open(dir.resolve("sub")), dir));
    }

    @Test
    void anIntegerCheckReadsTheExpectedValueInAnyFormAndIsExactByDefault() {
        Check c = check(new IntegerKind(), "expected: \"564,756\"\n");
        assertEquals("564,756", c.expected().value());
        assertEquals(Status.PASSED, grade(c, "5.64756e5").status());
        assertEquals(Status.FAILED, grade(c, "564757").status());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void anIntegerCheckCanHaveARelativeTolerance() {
        Check c = check(new IntegerKind(), "expected: 1000000\ntolerance: {rel: 0.01}\n");
        assertEquals(Status.PASSED, grade(c, "1,005,000").status());
        assertTrue(c.answerForm().endsWith("; answers within rel 0.01 count"), c.answerForm());
    }

    @Test
    void aNumberCheckDefaultsToARelativeToleranceOfOneMillionth() {
        Check c = check(new NumberKind(), "expected: 0.75\n");
        assertEquals(Status.PASSED, grade(c, "\"3/4\"").status());
        assertEquals(Status.PASSED, grade(c, "0.7500007").status());
        assertEquals(Status.FAILED, grade(c, "0.7501").status());
    }

    @Test
    void aWrongAnswerIsFollowedByTheDerivation() {
        Check c = check(new IntegerKind(), "expected: 7\nderivation: floor((14 + 2*1 - 4)/2) + 1 = 7\n");
        Verdict v = grade(c, "6");
        assertTrue(v.feedback().endsWith("\n\nHow to get it: floor((14 + 2*1 - 4)/2) + 1 = 7"), v.feedback());
        assertEquals("Correct: 7.", grade(c, "7").feedback());
    }

    @Test
    void aBadAnswerSaysWhereItIsAndWhatFormIsExpected() {
        Check c = check(new IntegerKind(), "expected: 7\n");
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> grade(c, "seven"));
        assertEquals("answers.yaml:1: Could not read 'seven' as an integer; expected " + AnswerParser.INTEGER_FORM
                + ".", e.getMessage());
    }

    @Test
    void theShapeKindDoesNotTakeATolerance() {
        check(new ShapeKind(), "expected: [1, 2]\ntolerance: {abs: 1}\n");
        assertTrue(problems.get(0).message().startsWith("unknown key 'tolerance'"), problems.toString());
    }

    @Test
    void anAcceptedValueOfTheWrongTypeIsAProblemAtItsLine() {
        check(new IntegerKind(), "expected: 7\naccept:\n  - name: rounded\n    value: [7]\n");
        assertEquals(new Problem(4, "accept[0].value", "expected an integer, found a list of 1 item; write "
                + AnswerParser.INTEGER_FORM), problems.get(0));
    }

    // ---------------------------------------------------------------- estimates and workings (issue 13)

    @Test
    void anEstimateOfAnExactCountFailsAndIsNamedAsAnEstimate() {
        // seed 002: AlexNet has 61,100,840 parameters; 61.1M is that count rounded.
        Check c = check(new IntegerKind(), "expected: 61100840\n");
        Verdict v = grade(c, "61.1M");
        assertEquals(Status.FAILED, v.status());
        assertEquals(0.0, v.credit());
        assertEquals("61.1M is an estimate; this part needs the exact count 61,100,840.", v.feedback());
        assertEquals("~61,100,000 is an estimate; this part needs the exact count 61,100,840.",
                grade(c, "\"~61,100,000\"").feedback());
    }

    @Test
    void aRoundedValueWithoutAMarkIsNamedAsRounded() {
        Check c = check(new IntegerKind(), "expected: 2301234\n");
        assertEquals("2.3e6 is rounded; this part needs the exact count 2,301,234.", grade(c, "2.3e6").feedback());
    }

    @Test
    void anEstimateFarFromTheValueIsAPlainWrongAnswer() {
        Check c = check(new IntegerKind(), "expected: 61100840\n");
        Verdict v = grade(c, "62M");
        assertEquals("You answered 62M; expected 61,100,840 (+1.47% off).", v.feedback());
    }

    @Test
    void aComputedValueIsNeverCalledRounded() {
        // 3/4 has no last digit to round at: it is just wrong for 0.7.
        Check c = check(new NumberKind(), "expected: 0.7\n");
        assertEquals("You answered 3/4; expected 0.7 (+7.14% off).", grade(c, "\"3/4\"").feedback());
        assertEquals("0.75 is rounded; this part needs 0.746 within rel 1e-06.",
                grade(check(new NumberKind(), "expected: 0.746\n"), "0.75").feedback());
    }

    @Test
    void anEstimateCountsWhenThePartHasATolerance() {
        Check c = check(new IntegerKind(), "expected: 61100840\ntolerance: {rel: 0.01}\n");
        Verdict v = grade(c, "61.1M");
        assertEquals(Status.PASSED, v.status());
        assertEquals("Correct: you answered 61.1M; the exact value is 61,100,840 (tolerance rel 0.01).", v.feedback());
        Verdict far = grade(c, "~65M");
        assertEquals(Status.FAILED, far.status());
        assertEquals("You answered ~65M; expected 61,100,840 (+6.38% off).", far.feedback());
    }

    @Test
    void anEstimateOfAKnownMistakeSaysWhichMistakeItRounds() {
        Check c = check(new IntegerKind(), "expected: 564756\nmistakes:\n  - {name: no_channel_adds, value: 547704,"
                + " explanation: the additions across input channels are forgotten}\n");
        Verdict v = grade(c, "\"~548k\"");
        assertEquals(0.0, v.credit());
        assertEquals("~548k is an estimate of 547,704, which is what you get when the additions across input channels"
                + " are forgotten; this part needs the exact count 564,756.", v.feedback());
    }

    @Test
    void aRealEstimateIsNamedWithThePartsTolerance() {
        Check c = check(new NumberKind(), "expected: 0.7310585786300049\n");
        assertEquals("~0.73 is an estimate; this part needs 0.73105858 within rel 1e-06.",
                grade(c, "\"~0.73\"").feedback());
        Check rounded = check(new NumberKind(), "expected: 0.7310585786300049\ntolerance: {abs: 0.0005}\n");
        assertEquals(Status.PASSED, grade(rounded, "\"≈ 0.731\"").status());
    }

    @Test
    void aWorkingIsCheckedAndTheValueAfterTheLastEqualsSignIsGraded() {
        // seed 003, C3 with its 16 biases: (3*6 + 4*9 + 6)*25 + 16 = 1516.
        Check c = check(new IntegerKind(), "expected: 1516\n");
        assertEquals("Correct: 1,516.", grade(c, "\"(3*6+4*9+6)*25 + 16 = 1516\"").feedback());
        Verdict v = grade(c, "\"(3*6+4*9+6)*25 = 1516\"");
        assertEquals(Status.PASSED, v.status());
        assertEquals("Correct: 1,516.\n\nYour working (3*6+4*9+6)*25 gives 1,500, not 1,516; the value after the last"
                + " '=' is graded.", v.feedback());
        Verdict wrong = grade(c, "\"C3 = (3*6+4*9+6)*25 = 1500\"");
        assertEquals(Status.FAILED, wrong.status());
        assertEquals("You answered C3 = (3*6+4*9+6)*25 = 1500; expected 1,516 (-1.06% off).", wrong.feedback());
    }

    @Test
    void arithmeticIsReadInTheRubricToo() {
        Check c = check(new IntegerKind(), "expected: 282240 + 264600 + 864\n");
        assertEquals("547,704", c.expected().value());
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
