package io.tensorgrade.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade --format gradescope --out F} as Gradescope runs it, with a part whose code takes a minute: killed
 * part-way (as Gradescope's timeout kills it), F holds the parts graded before; under {@code --deadline} the run
 * ends in time on its own, the slow part cut, the others kept.
 */
class GradeDeadlineProcessTest {

    private static final String RUBRIC = """
            assignment: slow
            parts:
              - {id: q1, points: 1, check: integer, expected: 10}
              - id: p2
                points: 2
                check: function
                file: hw.py
                function: my_sigmoid
                reference: sigmoid
                inputs: {x: [2, 3]}
                tensors: numpy
                timeout: 90
              - {id: q3, points: 1, check: integer, expected: 30}
            """;

    @TempDir
    Path dir;

    private Path rubric;
    private Path submission;

    @BeforeEach
    void aSubmissionWithASlowFunction() {
        Assumptions.assumeTrue(TestSandboxes.pythonHas("numpy"), "no numpy in " + ProcessSandbox.DEFAULT_PYTHON);
        rubric = Fixtures.write(dir, "slow.yaml", RUBRIC);
        submission = dir.resolve("s");
        Fixtures.write(submission, "answers.yaml", "q1: 10\nq3: 30\n");
        Fixtures.write(submission, "hw.py", "import time\nimport numpy as np\n\ndef my_sigmoid(x):\n"
                + "    time.sleep(60)\n    return 1 / (1 + np.exp(-x))\n");
    }

    private Process grade(Path out, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "grade", "--sandbox", "process", "--rubric", rubric.toString(), "--format",
                "gradescope", "--out", out.toString()));
        cmd.addAll(List.of(extra));
        cmd.add(submission.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    }

    private static JsonNode test(JsonNode results, String id) {
        for (JsonNode t : results.get("tests")) {
            if (t.get("number").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no test " + id + " in " + results);
    }

    @Test
    void aGraderKilledPartWayLeavesTheResultsOfThePartsBeforeTheSlowOne() throws Exception {
        Path out = dir.resolve("results.json");
        Process p = grade(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode results = null;
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.isRegularFile(out)) {
                results = new ObjectMapper().readTree(out.toFile());
                if (test(results, "q3").get("score").asDouble() == 1) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the slow part ended too soon: " + Files.readString(dir.resolve("log")));
        p.destroyForcibly();  // as a timeout kills it: no clean-up
        p.waitFor(30, TimeUnit.SECONDS);

        results = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, results.get("score").asDouble(), 1e-9, results.toString());
        assertEquals(1, test(results, "q1").get("score").asDouble());
        JsonNode slow = test(results, "p2");
        assertEquals(0, slow.get("score").asDouble());
        assertTrue(slow.get("output").asText().startsWith("Not graded yet"), slow.toString());
        assertTrue(results.get("output").asText().contains("Grading had not finished"), results.toString());
    }

    @Test
    void underADeadlineTheRunEndsInTimeWithTheSlowPartCutAndTheOthersKept() throws Exception {
        Path out = dir.resolve("results.json");
        long started = System.nanoTime();
        Process p = grade(out, "--deadline", "8");
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "grade did not end by itself under --deadline 8");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String log = Files.readString(dir.resolve("log"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(seconds < 40, "took " + seconds + " s");

        JsonNode results = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, results.get("score").asDouble(), 1e-9, results.toString());
        JsonNode slow = test(results, "p2");
        assertEquals(0, slow.get("score").asDouble());
        assertEquals("error", slow.get("extra_data").get("status").asText(), "a cut part is not the student's fault");
        assertTrue(slow.get("output").asText().contains("not held against you"), slow.toString());
        assertTrue(results.get("output").asText().contains("cut to"), results.toString());
    }
}
