package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rubric side of {@code check: function}: keys, validation and expected values; no Python needed. */
class FunctionKindTest {

    static final String CONV = "file: hw4.py\nfunction: my_conv\nreference: conv2d\n"
            + "inputs: {x: [1, 2, 5, 5], weight: [3, 2, 3, 3]}\nparams: {stride: 1, padding: 1}\n";

    private static Check create(String yaml, List<Problem> problems) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, Path.of("."));
        c.checkKeys(new java.util.TreeSet<>(new FunctionKind().keys()));
        Check check = new FunctionKind().create(c);
        return problems.isEmpty() ? check : null;
    }

    private static String messages(List<Problem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void validPartNeedsNoAnswerAndShowsTheReferenceOutputShape() {
        List<Problem> problems = new ArrayList<>();
        Check check = create(CONV, problems);
        assertNotNull(check, messages(problems));
        assertFalse(check.needsAnswer());
        assertTrue(check.expected().value().contains("[1, 3, 5, 5]"), check.expected().value());
        assertTrue(check.answerForm().contains("my_conv") && check.answerForm().contains("hw4.py"),
                check.answerForm());
    }

    @Test
    void withoutASandboxThePartIsAGraderErrorNotTheStudents(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("hw4.py"), "def my_conv(x, weight):\n    return x\n");
        Check check = create(CONV, new ArrayList<>());
        var verdict = check.grade(new io.tensorgrade.grader.check.CheckContext("p1",
                io.tensorgrade.grader.submission.Submission.open(dir), dir));
        assertEquals(io.tensorgrade.grader.result.Status.ERROR, verdict.status());
        assertTrue(verdict.feedback().contains("no sandbox was configured"), verdict.feedback());
    }

    @Test
    void aMissingFileFailsNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Check check = create(CONV, new ArrayList<>());
        var verdict = check.grade(new io.tensorgrade.grader.check.CheckContext("p1",
                io.tensorgrade.grader.submission.Submission.open(dir), dir));
        assertEquals(io.tensorgrade.grader.result.Status.FAILED, verdict.status());
        assertTrue(verdict.feedback().contains("hw4.py is not in your submission"), verdict.feedback());
    }

    @Test
    void unknownInputIsReportedWithTheKnownOnes() {
        List<Problem> problems = new ArrayList<>();
        assertNull(create(CONV.replace("weight: [3, 2, 3, 3]", "weight: [3, 2, 3, 3], kernel: [3]"), problems));
        assertTrue(messages(problems).contains("inputs.kernel: unknown input 'kernel'"), messages(problems));
    }

    @Test
    void unknownOutputIsReportedWithTheOpsOutputs() {
        List<Problem> problems = new ArrayList<>();
        assertNull(create(CONV + "output: result\n", problems));
        assertTrue(messages(problems).contains("unknown output 'result' of conv2d"), messages(problems));
    }

    @Test
    void fileMustBePythonOrNotebook() {
        List<Problem> problems = new ArrayList<>();
        assertNull(create(CONV.replace("hw4.py", "../hw4.txt"), problems));
        assertTrue(messages(problems).contains("expected a .py or .ipynb file name"), messages(problems));
    }

    @Test
    void inputsAreReproducibleFromTheSeedAndDifferBetweenCases() {
        var x = java.util.Map.of("x", InputSpec.uniform(new int[]{2, 3}));
        var params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var a = new CaseSpec(1, "", 1, x, params).generate().get("x").rawData();
        var again = new CaseSpec(1, "", 1, x, params).generate().get("x").rawData();
        var other = new CaseSpec(2, "", 1, x, params).generate().get("x").rawData();
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(again));
        assertFalse(java.util.Arrays.equals(a, other));
    }
}
