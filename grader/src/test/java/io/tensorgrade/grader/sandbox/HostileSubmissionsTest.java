package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample under submissions-sample/hostile runs as the middle call of a job between two
 * honest calls: the attack must fail safely with a clear reason, the honest calls before and after
 * it must still give the right values, and the JVM must stay up (it runs this test).
 */
class HostileSubmissionsTest {
    private static final Duration ATTACK_TIMEOUT = Duration.ofSeconds(3);

    /** What one sample must produce; {@code strong} is true when the sandbox isolates network and files. */
    interface Check {
        void verify(CallOutcome attack, SandboxResult result, Isolation isolation);
    }

    /** What the sandbox under test promises. */
    record Isolation(boolean network, boolean files, boolean separateUser) {
        static Isolation of(Sandbox s) {
            if (s instanceof ProcessSandbox p) {
                return new Isolation(p.usesBubblewrap(), p.usesBubblewrap(), p.separateUser());
            }
            return new Isolation(true, true, true);
        }
    }

    record Case(String name, Limits limits, List<String> forbid, List<Arg> extra, Check check, Duration timeout) {
        Case(String name, Limits limits, List<String> forbid, List<Arg> extra, Check check) {
            this(name, limits, forbid, extra, check, ATTACK_TIMEOUT);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Limits base = Limits.defaults().withJobTimeout(Duration.ofSeconds(90));
        return Stream.of(
                new Case("fork_bomb", base.withPids(64), List.of(), List.of(), (a, r, i) ->
                        assertStatusIn(a, Set.of(CallStatus.TIMEOUT, CallStatus.ERROR, CallStatus.CRASHED))),
                new Case("memory_bomb", base.withMemoryBytes(768L << 20), List.of(), List.of(), (a, r, i) -> {
                    // MemoryError under rlimits; a kill, or a timeout while the kernel reclaims, under cgroups.
                    assertStatusIn(a, Set.of(CallStatus.ERROR, CallStatus.CRASHED, CallStatus.TIMEOUT));
                    assertTrue(a.message().contains("MemoryError") || a.message().contains("memory limit"),
                            a.message());
                }, Duration.ofSeconds(15)),
                new Case("infinite_loop", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.TIMEOUT, a.status(), a.message());
                    assertTrue(a.message().contains("did not finish within 3 s"), a.message());
                }),
                new Case("sleep_past_timeout", base, List.of(), List.of(), (a, r, i) ->
                        assertEquals(CallStatus.TIMEOUT, a.status(), a.message())),
                new Case("network_access", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    Assumptions.assumeTrue(i.network(), "this process sandbox has no bubblewrap, so it says it "
                            + "does not isolate the network: " + r.isolation());
                    assertEquals("[]", json(a).toString(), "reached from inside the sandbox");
                }),
                new Case("read_files", base, List.of(), List.of(Arg.json(List.of(
                        Path.of("pom.xml").toAbsolutePath().toString(),
                        Path.of("..", "pom.xml").toAbsolutePath().normalize().toString(),
                        System.getProperty("user.home") + "/.m2/settings.xml"))), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    Assumptions.assumeTrue(i.files(), "this process sandbox has no bubblewrap, so it says it does "
                            + "not hide the filesystem: " + r.isolation());
                    assertEquals("[]", json(a).toString(), "files read from inside the sandbox");
                }),
                new Case("stdout_flood", base.withOutput(8192, 1 << 20), List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.CRASHED, a.status(), a.message());
                    assertTrue(a.message().contains("printed more than"), a.message());
                    assertTrue(r.stdout().contains("spam"), "the first output is kept");
                    assertTrue(r.stdout().length() < 8192 + 200, "stdout is capped: " + r.stdout().length());
                }),
                new Case("disk_flood", base.withScratchBytes(16L << 20), List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.ERROR, a.status(), a.message());
                    assertTrue(a.message().contains("No space left") || a.message().contains("File too large"),
                            a.message());
                }),
                new Case("kill_parent", base, List.of(), List.of(), (a, r, i) -> {
                    assertStatusIn(a, Set.of(CallStatus.ERROR, CallStatus.CRASHED));
                    if (i.separateUser()) {
                        assertEquals(CallStatus.ERROR, a.status());
                        assertTrue(a.message().contains("PermissionError"), a.message());
                    }
                }),
                new Case("pickle_payload", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, a.value(0));
                    assertTrue(v.reason().contains("submission.Payload is not a JSON value"), v.reason());
                    assertFalse(Files.exists(Path.of("/tmp/tensorgrade-pwned")), "the payload ran");
                }),
                new Case("monkeypatch", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    SandboxFixtures.assertClose(Tensor.full(-1, 2, 3), a.tensor(0), 0, 0);
                }),
                new Case("fake_ndarray", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    SandboxFixtures.assertClose(Tensor.full(-1, 2, 3), a.tensor(0), 0, 0);
                }),
                new Case("getattr_evasion", base, List.of("torch.nn.functional.conv2d"), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.FORBIDDEN, a.status(), a.message());
                    assertEquals(List.of("torch.nn.functional.conv2d"), a.forbidden());
                    assertTrue(r.findings().stream().anyMatch(f -> f.kind() == ApiFinding.Kind.EVASION
                            && f.api().equals("getattr") && f.line() == 13), () -> "findings: " + r.findings());
                }),
                new Case("importlib_evasion", base, List.of("torch.nn.functional.conv2d"), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.FORBIDDEN, a.status(), a.message());
                    assertTrue(r.findings().stream().anyMatch(f -> f.api().equals("importlib") && f.line() == 3),
                            () -> "findings: " + r.findings());
                    assertTrue(r.findings().stream().anyMatch(f -> f.api().equals("__import__")),
                            () -> "findings: " + r.findings());
                }),
                new Case("guard_switch_off", base, List.of("torch.nn.functional.conv2d"), List.of(), (a, r, i) ->
                        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == ApiFinding.Kind.EVASION
                                && f.api().equals("guard") && f.line() == 11), () -> "findings: " + r.findings())),
                new Case("os_exit", base, List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.CRASHED, a.status(), a.message());
                    assertTrue(a.message().contains("exited with code 0"), a.message());
                }),
                new Case("forge_results", base, List.of(), List.of(), (a, r, i) -> {
                    Assumptions.assumeTrue(i.separateUser(), "student code runs as the grader's own user here, "
                            + "so the result files are guarded by validation only");
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    assertEquals("[]", json(a).toString(), "forged or deleted from inside the sandbox");
                }),
                new Case("huge_return", base.withScratchBytes(64L << 20), List.of(), List.of(), (a, r, i) -> {
                    assertEquals(CallStatus.OK, a.status(), a.message());
                    ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, a.value(0));
                    assertTrue(v.reason().contains("more than the"), v.reason());
                }),
                new Case("background_garbage", base, List.of(), List.of(), (a, r, i) ->
                        assertStatusIn(a, Set.of(CallStatus.OK, CallStatus.CRASHED))));
    }

    @ParameterizedTest(name = "process sandbox: {0}")
    @MethodSource("cases")
    void hostileSampleFailsSafelyInTheProcessSandbox(Case c) {
        verify(SandboxFixtures.process(), c);
    }

    @ParameterizedTest(name = "docker sandbox: {0}")
    @MethodSource("cases")
    void hostileSampleFailsSafelyInTheDockerSandbox(Case c) {
        verify(SandboxFixtures.docker(), c);
    }

    private static void verify(Sandbox sandbox, Case c) {
        if (!c.forbid().isEmpty()) {
            SandboxFixtures.assumeTorchFor(sandbox);
        }
        Path file = SandboxFixtures.hostile(c.name());
        Call attack = new Call("attack", "submission.py", "attack",
                Stream.concat(Stream.of(Arg.input("x")), c.extra().stream()).toList(),
                java.util.Map.of(), Flavour.NUMPY, Returns.any(), c.timeout());
        SandboxJob job = SandboxJob.builder().file(file).input("x", SandboxFixtures.X)
                .step(Call.of("before", "submission.py", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .step(attack)
                .step(Call.of("after", "submission.py", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .forbid(c.forbid().toArray(String[]::new))
                .limits(c.limits())
                .build();
        SandboxResult r = sandbox.run(job);
        assertEquals(SandboxResult.JobStatus.COMPLETED, r.status(), () -> r.reason() + " " + r.calls());
        for (String honest : List.of("before", "after")) {
            CallOutcome o = r.call(honest);
            assertEquals(CallStatus.OK, o.status(), () -> honest + ": " + o.message());
            SandboxFixtures.assertClose(SandboxFixtures.RELU_X, o.tensor(0), 0, 0);
        }
        CallOutcome a = r.call("attack");
        if (a.status() != CallStatus.OK) {
            assertFalse(a.message().isBlank(), "a failed call says why");
        }
        c.check().verify(a, r, Isolation.of(sandbox));
    }

    private static void assertStatusIn(CallOutcome a, Set<CallStatus> allowed) {
        assertTrue(allowed.contains(a.status()), () -> a.status() + ": " + a.message());
    }

    private static JsonNode json(CallOutcome a) {
        return assertInstanceOf(ReturnedValue.JsonValue.class, a.value(0)).json();
    }
}
