package io.tensorgrade.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code tensorgrade regrade} process, killed with SIGKILL part-way or stopped with SIGINT, then run again:
 * the gradebook is the one an uninterrupted run writes, nothing graded is graded again, no container stays.
 */
class RegradeProcessTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path THEORY = ROOT.resolve("rubrics/conv-pool-fundamentals.yaml");
    private static final Path CODE = ROOT.resolve("rubrics/cnn-sizes-flops.yaml");
    private static final Pattern UNCHANGED = Pattern.compile("(\\d+) unchanged");

    private static final int CLASS = 200;

    /** SIGKILL after {@code killAfter} saved submissions (all of them: during or after the outputs), then run again. */
    @ParameterizedTest
    @ValueSource(ints = {1, 60, CLASS})
    void aKilledRunResumedWritesTheGradebookOfAnUninterruptedOne(int killAfter, @TempDir Path dir) throws Exception {
        Path input = theoryClass(dir.resolve("class"), CLASS);
        CliRun whole = CliRun.of("regrade", "--rubric", THEORY.toString(), input.toString(), "--out",
                dir.resolve("whole").toString(), "--quiet");
        assertEquals(0, whole.code(), whole.err());

        Path run = dir.resolve("killed");
        Process p = regrade(List.of("--rubric", THEORY.toString(), input.toString(), "--out", run.toString(),
                "--jobs", "1", "--quiet"), dir.resolve("killed.log"));
        int savedAtKill = waitForSaved(run, killAfter, p);
        p.destroyForcibly();  // SIGKILL: no shutdown hook, no clean-up
        p.waitFor(30, TimeUnit.SECONDS);

        CliRun again = CliRun.of("regrade", "--rubric", THEORY.toString(), input.toString(), "--out", run.toString(),
                "--quiet");
        assertEquals(0, again.code(), again.err());
        Matcher m = UNCHANGED.matcher(again.err());
        assertTrue(m.find(), again.err());
        int unchanged = Integer.parseInt(m.group(1));
        assertTrue(unchanged >= savedAtKill, "saved before the kill: " + savedAtKill + "; " + again.err());
        if (killAfter < CLASS) {
            assertTrue(unchanged < CLASS, "the kill came after the run: " + again.err());
        }
        assertEquals(Files.readString(dir.resolve("whole/gradebook.csv")), Files.readString(run.resolve("gradebook.csv")));
        assertEquals(Files.readString(dir.resolve("whole/summary.txt")), Files.readString(run.resolve("summary.txt")));
        assertEquals(CLASS, saved(run));
    }

    /** SIGINT (Ctrl-C) exits 130, SIGTERM (a scheduler stopping the job) 143; both clean up alike. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aStopSignalEndsTheRunRemovesItsContainersAndSaysHowToResume(String signal, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(TestSandboxes.dockerProblem() == null, () -> "no Docker: " + TestSandboxes.dockerProblem());
        Path input = dir.resolve("class");
        for (int i = 0; i < 8; i++) {
            copy(ROOT.resolve("submissions-sample/cnn-sizes-flops/correct"), input.resolve("student" + i));
        }
        Set<String> before = Set.copyOf(containers());
        Path run = dir.resolve("run");
        Path log = dir.resolve("run.log");
        Process p = regrade(List.of("--rubric", CODE.toString(), input.toString(), "--out", run.toString(), "--jobs",
                "2", "--sandbox", "docker", "--quiet"), log);
        signalOnceAContainerRuns(p, before, log, signal);
        String err = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(signal.equals("INT") ? RegradeCommand.INTERRUPTED : RegradeCommand.TERMINATED, p.exitValue(), err);
        assertTrue(err.contains("run the same command again"), err);
        assertEquals(List.of(), containersLeft(before), "containers left behind");
        assertTrue(Files.isRegularFile(run.resolve("gradebook.csv")), "the outputs are written from what was saved");
    }

    @Test
    void gradeStoppedBySigintLeavesNoContainer(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TestSandboxes.dockerProblem() == null, () -> "no Docker: " + TestSandboxes.dockerProblem());
        Set<String> before = Set.copyOf(containers());
        Path log = dir.resolve("grade.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "grade", "--sandbox", "docker", "--rubric", CODE.toString(),
                ROOT.resolve("submissions-sample/cnn-sizes-flops/correct").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        signalOnceAContainerRuns(p, before, log, "INT");
        assertEquals(List.of(), containersLeft(before), "containers left behind by grade: " + Files.readString(log));
    }

    /** Sends SIG{@code signal} to {@code p} once a sandbox container not in {@code before} exists; waits for the end. */
    private static void signalOnceAContainerRuns(Process p, Set<String> before, Path log, String signal)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (containers().stream().allMatch(before::contains) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "it ended before a container started: " + Files.readString(log));
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "it did not stop after SIG" + signal + ": " + Files.readString(log));
    }

    /** The sandbox containers not in {@code before}, after giving auto-removed ones a moment to go. */
    private static List<String> containersLeft(Set<String> before) throws Exception {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            left = containers().stream().filter(c -> !before.contains(c)).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return left;
    }

    /** The sandbox containers on this daemon, running or not ({@code docker ps -a}). */
    private static List<String> containers() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=io.tensorgrade.sandbox")
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor(30, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code n} folders cycling through the samples of conv-pool-fundamentals (right, as written, each mistake). */
    private static Path theoryClass(Path input, int n) throws IOException {
        Path samples = ROOT.resolve("submissions-sample/conv-pool-fundamentals");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(samples)) {
            walk.filter(p -> p.getFileName().toString().equals("answers.yaml")).sorted().forEach(p ->
                    sources.add(p.getParent()));
        }
        for (int i = 0; i < n; i++) {
            copy(sources.get(i % sources.size()), input.resolve(String.format("s%03d", i)));
        }
        return input;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> list = Files.list(from)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static Process regrade(List<String> args, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "regrade"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the store holds {@code n} graded submissions (or the process ends); returns how many it holds. */
    private static int waitForSaved(Path run, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int saved = 0;
        while (p.isAlive() && System.nanoTime() < deadline) {
            saved = saved(run);
            if (saved >= n) {
                break;
            }
            Thread.sleep(5);
        }
        return saved;
    }

    /** How many graded submissions the store holds (read through SQLite, as another reader would). */
    private static int saved(Path run) {
        Path db = run.resolve(RunStore.FILE);
        if (!Files.isRegularFile(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM grades")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;  // not created yet
        }
    }
}
