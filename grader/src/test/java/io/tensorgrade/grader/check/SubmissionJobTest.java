package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One sandbox job per submission: every selected function part of a submission runs in it, each part with its
 * own forbid list. The Python runs use the process sandbox (skipped, saying why, without numpy and torch).
 */
class SubmissionJobTest {

    /** Two parts on one file: sigmoid forbids torch.sigmoid, relu forbids only F.relu; a third on another file. */
    private static final String RUBRIC = """
            assignment: shared-job
            parts:
              - id: sig
                points: 2
                check: function
                file: hw.py
                function: my_sigmoid
                reference: sigmoid
                inputs: {x: [2, 3]}
                tensors: torch
                forbid: [torch.nn.functional.sigmoid, torch.sigmoid, torch.nn.Sigmoid]
              - id: relu
                points: 3
                check: function
                file: hw.py
                function: my_relu
                reference: relu
                inputs: {x: [2, 3]}
                tensors: torch
                forbid: [torch.nn.functional.relu, torch.relu, torch.nn.ReLU]
              - id: extra.relu
                points: 1
                check: function
                file: extra.py
                function: my_relu
                reference: relu
                inputs: {x: [2, 3]}
                visibility: after_published
            """;

    /** Uses torch.sigmoid twice: as the answer to sig (forbidden there) and inside my_relu (allowed there). */
    private static final String STUDENT = """
            import torch

            def my_sigmoid(x):
                return torch.sigmoid(x)

            def my_relu(x):
                return x * (torch.sigmoid(x) > 0.5)
            """;

    @TempDir
    Path dir;

    /** A sandbox that counts its jobs and remembers them, around another sandbox or a canned result. */
    private static final class Counting implements Sandbox {
        final List<SandboxJob> jobs = new ArrayList<>();
        private final Sandbox inner;

        Counting(Sandbox inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String isolation() {
            return "none";
        }

        @Override
        public synchronized SandboxResult run(SandboxJob job) {
            jobs.add(job);
            if (inner != null) {
                return inner.run(job);
            }
            List<CallOutcome> calls = job.steps().stream()
                    .map(s -> new CallOutcome(s.id(), CallStatus.NOT_RUN, "no container", List.of(), Duration.ZERO,
                            List.of())).toList();
            return new SandboxResult("counting", "none", SandboxResult.JobStatus.SANDBOX_FAILED, "no container",
                    calls, List.of(), "", "", Duration.ZERO, List.of());
        }
    }

    private Rubric rubric() throws IOException {
        Path file = dir.resolve("rubric.yaml");
        Files.writeString(file, RUBRIC);
        return RubricLoader.load(file);
    }

    private Submission submission(boolean withExtra) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("hw.py"), STUDENT);
        if (withExtra) {
            Files.writeString(sub.resolve("extra.py"), "def my_relu(x):\n    return x * (x > 0)\n");
        }
        return Submission.open(sub);
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst().orElseThrow();
    }

    private static String describe(GradeReport report) {
        return report.results().stream().map(r -> r.partId() + ": " + r.score() + " " + r.status() + " -- "
                + r.feedback()).collect(Collectors.joining("\n", "\n", ""));
    }

    @Test
    void aForbiddenApiZeroesOnlyThePartsThatForbidItAndEverythingRunsInOneJob() throws IOException {
        Assumptions.assumeTrue(pythonHasTorch(), "no numpy or torch in " + ProcessSandbox.DEFAULT_PYTHON);
        Counting box = new Counting(ProcessSandbox.create());
        GradeReport report = Grader.grade(GradeRequest.of(rubric(), submission(true)).sandbox(() -> box));

        assertEquals(1, box.jobs.size(), "jobs run");
        assertEquals(2, box.jobs.get(0).files().size(), "files of the job");
        PartResult sig = part(report, "sig");
        assertEquals(0.0, sig.score(), describe(report));
        assertEquals("forbidden_api", sig.mistake(), describe(report));
        assertTrue(sig.feedback().startsWith("This part forbids torch.nn.functional.sigmoid"), sig.feedback());
        assertTrue(sig.feedback().contains("hw.py:4"), sig.feedback());
        // my_relu calls torch.sigmoid too: the scan's finding and the runtime guard leave the relu part alone.
        assertEquals(3.0, part(report, "relu").score(), describe(report));
        assertEquals(Status.PASSED, part(report, "relu").status(), describe(report));
        assertEquals(1.0, part(report, "extra.relu").score(), describe(report));
    }

    @Test
    void aFileThatDoesNotParseZeroesEveryPartUsingItWithTheReason() throws IOException {
        Assumptions.assumeTrue(pythonHasTorch(), "no numpy or torch in " + ProcessSandbox.DEFAULT_PYTHON);
        Path sub = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(sub.resolve("hw.py"), "def my_sigmoid(x):\n    return x +\n\ndef my_relu(x):\n    return x\n");
        Files.writeString(sub.resolve("extra.py"), "def my_relu(x):\n    return x * (x > 0)\n");
        Counting box = new Counting(ProcessSandbox.create());
        GradeReport report = Grader.grade(GradeRequest.of(rubric(), Submission.open(sub)).sandbox(() -> box));

        assertEquals(1, box.jobs.size());
        for (String id : List.of("sig", "relu")) {
            PartResult r = part(report, id);
            assertEquals(0.0, r.score(), describe(report));
            assertTrue(r.feedback().contains("could not be read as Python"), describe(report));
        }
        assertEquals(1.0, part(report, "extra.relu").score(), describe(report));
    }

    @Test
    void onlySelectedPartsContributeStepsAndAMissingFileNeedsNoJob() throws IOException {
        Counting box = new Counting(null);
        GradeReport report = Grader.grade(GradeRequest.of(rubric(), submission(false))
                .only(p -> p.visibility() != io.tensorgrade.grader.result.Visibility.AFTER_PUBLISHED).sandbox(() -> box));

        assertEquals(1, box.jobs.size());
        Set<String> prefixes = box.jobs.get(0).steps().stream().map(s -> s.id().substring(0, s.id().indexOf('.')))
                .collect(Collectors.toSet());
        assertEquals(Set.of("sig", "relu"), prefixes);
        assertEquals(List.of("torch.nn.functional.sigmoid", "torch.sigmoid", "torch.nn.Sigmoid"),
                box.jobs.get(0).forbidden("sig.case1"));
        assertEquals(Status.SKIPPED, part(report, "extra.relu").status());

        Counting all = new Counting(null);
        GradeReport missing = Grader.grade(GradeRequest.of(rubric(), submission(false)).sandbox(() -> all));
        assertEquals(1, all.jobs.size());
        assertTrue(part(missing, "extra.relu").feedback().startsWith("extra.py is not in your submission"),
                describe(missing));
    }

    @Test
    void aFailedSandboxGivesEverySharingPartTheSameErrorAsAlone() throws IOException {
        Counting box = new Counting(null);
        GradeReport report = Grader.grade(GradeRequest.of(rubric(), submission(true)).sandbox(() -> box));

        assertEquals(1, box.jobs.size());
        for (String id : List.of("sig", "relu", "extra.relu")) {
            PartResult r = part(report, id);
            assertEquals(Status.ERROR, r.status(), describe(report));
            assertEquals("Your code could not be run (no container). This is a grader problem, not a problem with"
                    + " your code.", r.feedback());
        }
    }

    @Test
    void noSandboxGivesEverySharingPartTheReason() throws IOException {
        GradeReport report = Grader.grade(GradeRequest.of(rubric(), submission(true))
                .sandbox(() -> { throw new GraderException("Docker is not running."); }));
        for (String id : List.of("sig", "relu", "extra.relu")) {
            assertEquals("Your code could not be run: Docker is not running.", part(report, id).feedback());
        }
    }

    @Test
    void prefixesAreSafeShortAndUnique() {
        Set<String> used = new HashSet<>();
        assertEquals("extra_relu.", SubmissionJob.prefix("extra.relu", used));
        assertEquals("extra_relu_2.", SubmissionJob.prefix("extra relu", used));
        assertEquals("p-x.", SubmissionJob.prefix("-x", used));
        assertEquals("a_very_long_part_id_.", SubmissionJob.prefix("a_very_long_part_id_that_goes_on", used));
    }

    private static boolean pythonHasTorch() {
        try {
            Process p = new ProcessBuilder(ProcessSandbox.DEFAULT_PYTHON.toString(), "-I", "-c", "import numpy, torch")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
