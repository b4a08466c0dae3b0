package io.tensorgrade.grader.sandbox;

import io.tensorgrade.ref.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static io.tensorgrade.grader.sandbox.SandboxFixtures.X;
import static io.tensorgrade.grader.sandbox.SandboxFixtures.assertClose;
import static io.tensorgrade.grader.sandbox.SandboxFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol end to end, in each sandbox: calls, handles, gradients, notebooks, errors, limits. */
class SandboxBehaviourTest {
    private static final Tensor W = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 3, 2);
    private static final Tensor B = Tensor.of(new double[]{1, -1}, 2);
    private static final Tensor DOUT = Tensor.of(new double[]{1, 0, 0, 1}, 2, 2);

    static Stream<String> sandboxes() {
        return Stream.of("process", "docker");
    }

    private static Sandbox sandbox(String name) {
        return name.equals("docker") ? SandboxFixtures.docker() : SandboxFixtures.process();
    }

    private static SandboxJob.Builder layersJob() {
        return SandboxJob.builder().file(resource("layers.py"))
                .input("x", X).input("w", W).input("b", B).input("dout", DOUT);
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void forwardCacheStaysInsideAndReachesTheBackwardCall(String name) {
        SandboxJob job = layersJob()
                .step(Call.of("fwd", "layers.py", "affine_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("bwd", "layers.py", "affine_backward", Arg.input("dout"), Arg.handle("fwd", 1))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.TENSOR, ValueKind.TENSOR)))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertEquals(SandboxResult.JobStatus.COMPLETED, r.status(), r.reason());
        CallOutcome fwd = r.call("fwd");
        assertInstanceOf(ReturnedValue.Kept.class, fwd.value(1));
        assertClose(plus(matmul(X, W), B), fwd.tensor(0), 1e-12, 0);
        CallOutcome bwd = r.call("bwd");
        assertClose(matmul(DOUT, transpose(W)), bwd.tensor(0), 1e-12, 0);
        assertClose(matmul(transpose(X), DOUT), bwd.tensor(1), 1e-12, 0);
        assertClose(Tensor.of(new double[]{1, 1}, 2), bwd.tensor(2), 1e-12, 0);
        assertTrue(r.stdout().contains("layers.py imported"), r.stdout());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void numericalGradientOfTheStudentsForwardMatchesTheAnalyticOne(String name) {
        Call forward = Call.of("f", "layers.py", "affine_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP));
        SandboxJob job = layersJob()
                .step(NumGrad.of("dx", forward, 0).withOutput(0).withGradOutput("dout"))
                .step(NumGrad.of("dw", forward, 1).withOutput(0).withGradOutput("dout"))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertClose(matmul(DOUT, transpose(W)), r.call("dx").tensor(0), 1e-6, 1e-6);
        assertClose(matmul(transpose(X), DOUT), r.call("dw").tensor(0), 1e-6, 1e-6);
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void notebookContributesOnlyItsImportsAndDefinitions(String name) {
        SandboxFixtures.assumeTorchFor(sandbox(name));  // its last cell imports torch
        SandboxJob job = SandboxJob.builder().file(resource("notebook.ipynb")).input("x", X)
                .step(Call.of("relu", "notebook.ipynb", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("layer", "notebook.ipynb", "Layer.forward", Arg.input("x")))
                .step(Call.of("bad", "notebook.ipynb", "bad", Arg.input("x")))
                .forbid("torch.nn.functional.conv2d")
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertClose(SandboxFixtures.RELU_X, r.call("relu").tensor(0), 0, 0);
        assertClose(Tensor.of(new double[]{-3, 6, -9, 12, -15, 18}, 2, 3), r.call("layer").tensor(0), 0, 0);
        CallOutcome bad = r.call("bad");
        assertEquals(CallStatus.ERROR, bad.status());
        assertTrue(bad.message().contains("File \"notebook.ipynb [cell 4]\", line 9, in bad"), bad.message());
        assertTrue(bad.message().contains("NameError: name 'helper_missing' is not defined"), bad.message());
        assertFalse(r.stdout().contains("top-level code ran"), r.stdout());
        assertEquals(List.of(), r.findings(), "a library check in a cell of its own is not graded code");
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void notebookWithTheWholeHomeworkGradesItsFunctionsDespiteMissingModulesAndTorchLayersElsewhere(String name) {
        SandboxFixtures.assumeTorchFor(sandbox(name));
        SandboxJob job = SandboxJob.builder().file(resource("seed_style.ipynb"))
                .input("x", Tensor.of(new double[]{-1, 2, -3, 4}, 1, 1, 2, 2))
                .step(Call.of("relu", "seed_style.ipynb", "my_relu", Arg.input("x")).withTensors(Flavour.TORCH)
                        .withReturns(Returns.tensor()))
                .step(Call.of("show", "seed_style.ipynb", "show", Arg.input("x")).withTensors(Flavour.TORCH))
                .forbid("torch.nn.MaxPool2d", "torch.nn.functional.relu")
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertClose(Tensor.of(new double[]{0, 2, 0, 4}, 1, 1, 2, 2), r.call("relu").tensor(0), 0, 0);
        CallOutcome show = r.call("show");
        assertEquals(CallStatus.ERROR, show.status());
        assertTrue(show.message().contains("tg_missing_plotting is not available in the grader: No module named"
                + " 'tg_missing_plotting' (imported in seed_style.ipynb [cell 2], line 6)"), show.message());
        assertEquals(List.of(), r.findings(), "the CNN cell's nn.MaxPool2d is not reached by the graded functions");
        assertFalse(r.stdout().contains("training cell ran"), r.stdout());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void aPyFileWhoseImportIsMissingStillGradesTheFunctionsThatDoNotUseIt(String name) {
        SandboxJob job = SandboxJob.builder().file(resource("missing_import.py")).input("x", X)
                .step(Call.of("relu", "missing_import.py", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("show", "missing_import.py", "show", Arg.input("x")))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertClose(SandboxFixtures.RELU_X, r.call("relu").tensor(0), 0, 0);
        CallOutcome show = r.call("show");
        assertEquals(CallStatus.ERROR, show.status());
        assertTrue(show.message().contains("tg_missing_plotting is not available in the grader: No module named"
                + " 'tg_missing_plotting' (imported in missing_import.py, line 3)"), show.message());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void aForbiddenCallInANotebookIsFoundThroughAnImportInAnotherCell(String name) {
        SandboxFixtures.assumeTorchFor(sandbox(name));
        SandboxJob job = SandboxJob.builder().file(resource("seed_style.ipynb"))
                .input("x", Tensor.zeros(1, 1, 2, 2))
                .step(Call.of("pool", "seed_style.ipynb", "my_pool", Arg.input("x")).withTensors(Flavour.TORCH))
                .forbid("torch.nn.functional.max_pool2d")
                .build();
        SandboxResult r = sandbox(name).run(job);
        List<String> found = r.findings().stream().map(f -> f.file() + ":" + f.line() + " " + f.api()).toList();
        assertEquals(List.of("seed_style.ipynb [cell 7]:2 torch.nn.functional.max_pool2d"), found);
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void valuesComeBackAsTensorsIntegersOrJsonWithNonFiniteCounted(String name) {
        SandboxJob job = layersJob()
                .step(Call.of("stats", "layers.py", "stats", Arg.input("x")).withReturns(Returns.single(ValueKind.JSON)))
                .step(Call.of("argmax", "layers.py", "argmax_rows", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("nan", "layers.py", "nonfinite", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("scale", "layers.py", "scale", Arg.input("x")).withKwarg("factor", Arg.json(0.5)))
                .step(Call.of("f32", "layers.py", "dtype_name", Arg.input("x32")))
                .input("x32", new InputTensor(X, InputType.FLOAT32))
                .build();
        SandboxResult r = sandbox(name).run(job);
        ReturnedValue.JsonValue stats = assertInstanceOf(ReturnedValue.JsonValue.class, r.call("stats").value(0));
        assertEquals(List.of(2, 3), List.of(stats.json().get("shape").get(0).asInt(), stats.json().get("shape").get(1).asInt()));
        ReturnedValue.TensorValue argmax = assertInstanceOf(ReturnedValue.TensorValue.class, r.call("argmax").value(0));
        assertTrue(argmax.integer());
        assertClose(Tensor.of(new double[]{1, 2}, 2), argmax.tensor(), 0, 0);
        ReturnedValue.TensorValue nan = assertInstanceOf(ReturnedValue.TensorValue.class, r.call("nan").value(0));
        assertEquals(2, nan.nonFinite());
        assertClose(Tensor.of(new double[]{-0.5, 1, -1.5, 2, -2.5, 3}, 2, 3), r.call("scale").tensor(0), 0, 0);
        assertEquals("float32", assertInstanceOf(ReturnedValue.JsonValue.class, r.call("f32").value(0)).json().asText());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void studentMistakesBecomeOutcomesWithReasons(String name) {
        SandboxJob job = layersJob().file(resource("broken.py"))
                .step(Call.of("typo", "layers.py", "rellu", Arg.input("x")))
                .step(Call.of("syntax", "broken.py", "relu", Arg.input("x")))
                .step(Call.of("tuple", "layers.py", "one_value_not_two", Arg.input("x"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("fwd", "layers.py", "failing_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("bwd", "layers.py", "affine_backward", Arg.input("dout"), Arg.handle("fwd", 1)))
                .step(Call.of("ok", "layers.py", "relu", Arg.input("x")))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertEquals("layers.py has no function rellu; did you mean relu?", r.call("typo").message());
        CallOutcome syntax = r.call("syntax");
        assertEquals(CallStatus.ERROR, syntax.status());
        assertTrue(syntax.message().startsWith("importing broken.py failed:"), syntax.message());
        assertTrue(syntax.message().contains("SyntaxError"), syntax.message());
        assertEquals(CallStatus.BAD_OUTPUT, r.call("tuple").status());
        assertEquals("expected 2 return values, got a numpy.ndarray", r.call("tuple").message());
        assertTrue(r.call("fwd").message().endsWith("ValueError: shapes do not align: (2, 3) and (3, 2)"),
                r.call("fwd").message());
        assertEquals(CallStatus.SKIPPED, r.call("bwd").status());
        assertTrue(r.call("bwd").message().contains("needs the object returned by fwd"), r.call("bwd").message());
        assertTrue(r.call("ok").ok());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void objectsKeptForLaterCallsAreRebuiltAfterATimeoutRestartsTheWorker(String name) {
        SandboxJob job = layersJob()
                .step(Call.of("fwd", "layers.py", "affine_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("slow", "layers.py", "slow", Arg.input("x")).withTimeout(Duration.ofMillis(1500)))
                .step(Call.of("bwd", "layers.py", "affine_backward", Arg.input("dout"), Arg.handle("fwd", 1))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.TENSOR, ValueKind.TENSOR)))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertEquals(CallStatus.TIMEOUT, r.call("slow").status());
        assertEquals("the call did not finish within 1.5 s", r.call("slow").message());
        assertClose(matmul(DOUT, transpose(W)), r.call("bwd").tensor(0), 1e-12, 0);
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void jobTimeLimitStopsEverythingAndNamesTheStepsNotRun(String name) {
        SandboxJob job = layersJob()
                .step(Call.of("ok", "layers.py", "relu", Arg.input("x")))
                .step(Call.of("slow", "layers.py", "slow", Arg.input("x")).withTimeout(Duration.ofSeconds(60)))
                .step(Call.of("never", "layers.py", "relu", Arg.input("x")))
                .limits(Limits.defaults().withJobTimeout(Duration.ofSeconds(8)))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertEquals(SandboxResult.JobStatus.INCOMPLETE, r.status(), r.reason());
        assertTrue(r.call("ok").ok());
        assertEquals(CallStatus.NOT_RUN, r.call("slow").status());
        assertEquals(CallStatus.NOT_RUN, r.call("never").status());
        assertEquals("the job ran out of its time limit of 8 s before this step", r.call("never").message());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void forbiddenApisAreFoundByTheScanAndStoppedAtRunTime(String name) {
        SandboxFixtures.assumeTorchFor(sandbox(name));
        SandboxJob job = SandboxJob.builder().file(resource("forbidden_use.py"))
                .input("x", Tensor.zeros(1, 1, 4, 4)).input("w", Tensor.zeros(1, 1, 1, 1))
                .step(Call.of("conv", "forbidden_use.py", "conv", Arg.input("x"), Arg.input("w")))
                .step(Call.of("fine", "forbidden_use.py", "fine", Arg.input("x"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.TENSOR)))
                .forbid("torch.nn.functional.conv2d", "torch.nn.functional.max_pool2d", "torch.nn.Conv2d")
                .limits(Limits.defaults().withCallTimeout(Duration.ofSeconds(30)))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertEquals(CallStatus.FORBIDDEN, r.call("conv").status());
        assertEquals("torch.nn.functional.conv2d is forbidden in this assignment", r.call("conv").message());
        assertTrue(r.call("fine").ok(), r.call("fine").message());
        List<String> found = r.findings().stream().map(f -> f.line() + " " + f.kind() + " " + f.api()).toList();
        assertEquals(List.of(
                "4 FORBIDDEN torch.nn.functional.max_pool2d",
                "9 FORBIDDEN torch.nn.functional.conv2d",
                "13 FORBIDDEN torch.nn.functional.max_pool2d",
                "17 FORBIDDEN torch.nn.Conv2d",
                "22 EVASION sys.modules",
                "23 EVASION eval",
                "23 EVASION torch._C",
                "23 EVASION __dict__",
                "23 FORBIDDEN torch.nn.functional.conv2d"), found);
        assertTrue(r.forbiddenApiSeen());
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void torchStepsReceiveAndReturnTorchTensors(String name) {
        SandboxFixtures.assumeTorchFor(sandbox(name));
        SandboxJob job = SandboxJob.builder().file(resource("torch_layers.py")).input("x", X)
                .input("x32", new InputTensor(X, InputType.FLOAT32))
                .step(Call.of("double", "torch_layers.py", "double", Arg.input("x")).withTensors(Flavour.TORCH)
                        .withReturns(Returns.tensor()))
                .step(Call.of("dtype", "torch_layers.py", "dtype_name", Arg.input("x32")).withTensors(Flavour.TORCH))
                .limits(Limits.defaults().withCallTimeout(Duration.ofSeconds(30)))
                .build();
        SandboxResult r = sandbox(name).run(job);
        assertClose(Tensor.of(new double[]{-2, 4, -6, 8, -10, 12}, 2, 3), r.call("double").tensor(0), 0, 0);
        assertEquals("torch.float32", assertInstanceOf(ReturnedValue.JsonValue.class, r.call("dtype").value(0)).json().asText());
    }

    private static Tensor matmul(Tensor a, Tensor b) {
        int n = a.dim(0);
        int k = a.dim(1);
        int m = b.dim(1);
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                for (int p = 0; p < k; p++) {
                    out[i * m + j] += a.get(i, p) * b.get(p, j);
                }
            }
        }
        return Tensor.of(out, n, m);
    }

    private static Tensor transpose(Tensor a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < a.dim(0); i++) {
            for (int j = 0; j < a.dim(1); j++) {
                out[j * a.dim(0) + i] = a.get(i, j);
            }
        }
        return Tensor.of(out, a.dim(1), a.dim(0));
    }

    private static Tensor plus(Tensor a, Tensor bias) {
        double[] out = a.data();
        for (int i = 0; i < out.length; i++) {
            out[i] += bias.rawData()[i % bias.size()];
        }
        return Tensor.of(out, a.shape());
    }

}
