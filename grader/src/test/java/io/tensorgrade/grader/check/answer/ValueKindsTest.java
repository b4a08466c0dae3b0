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
}
