package io.tensorgrade.grader.sandbox.select;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.InputTensor;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.sandbox.Returns;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.ValueKind;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures a sandbox's per-submission overhead: the wall time of a whole run (container or process
 * start to validated results) minus the time the six student calls themselves took.
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {
    }

    /**
     * Timings of one sandbox.
     *
     * @param sandbox     its name
     * @param first       overhead of the first run (cold caches)
     * @param median      median overhead of the later runs
     * @param min         smallest overhead of the later runs
     * @param compute     median time of the student calls themselves
     * @param runs        how many later runs
     */
    public record Stats(String sandbox, Duration first, Duration median, Duration min, Duration compute, int runs) {
    }

    /** Runs the benchmark job once cold and {@code runs} more times. */
    public static Stats measure(Sandbox sandbox, int runs) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tensorgrade-bench-");
            Path file = dir.resolve("bench_layers.py");
            try (InputStream in = SandboxBenchmark.class.getResourceAsStream("/sandbox/bench_layers.py")) {
                Files.write(file, in.readAllBytes());
            }
            SandboxJob job = job(file);
            Duration first = overhead(sandbox.run(job), null);
            List<Duration> over = new ArrayList<>();
            List<Duration> compute = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                SandboxResult r = sandbox.run(job);
                over.add(overhead(r, compute));
            }
            Collections.sort(over);
            Collections.sort(compute);
            return new Stats(sandbox.name(), first, over.get(over.size() / 2), over.get(0),
                    compute.get(compute.size() / 2), runs);
        } catch (IOException e) {
            throw new GraderException("cannot write the benchmark job: " + e.getMessage(), e);
        } finally {
            JobRunner.deleteTree(dir);
        }
    }

    private static Duration overhead(SandboxResult r, List<Duration> compute) {
        if (r.status() != SandboxResult.JobStatus.COMPLETED || r.calls().stream().anyMatch(c -> !c.ok())) {
            throw new GraderException("the benchmark job did not run cleanly in the " + r.sandbox() + " sandbox: "
                    + r.reason() + " " + r.calls());
        }
        Duration calls = r.calls().stream().map(CallOutcome::wall).reduce(Duration.ZERO, Duration::plus);
        if (compute != null) {
            compute.add(calls);
        }
        return r.wall().minus(calls);
    }

    /** Six calls: relu and affine forward and backward (caches kept inside), a softmax loss. */
    static SandboxJob job(Path file) {
        Random rnd = new Random(42);
        String f = file.getFileName().toString();
        return SandboxJob.builder().file(file)
                .input("x", random(rnd, 4, 10)).input("w", random(rnd, 10, 5)).input("b", random(rnd, 5))
                .input("dout", random(rnd, 4, 5)).input("y", new InputTensor(Tensor.of(new double[]{0, 1, 2, 3}, 4),
                        InputType.INT64))
                .step(Call.of("relu_fwd", f, "relu_forward", Arg.input("x"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("relu_bwd", f, "relu_backward", Arg.input("x"), Arg.handle("relu_fwd", 1))
                        .withReturns(Returns.tensor()))
                .step(Call.of("affine_fwd", f, "affine_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("affine_bwd", f, "affine_backward", Arg.input("dout"), Arg.handle("affine_fwd", 1))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.TENSOR, ValueKind.TENSOR)))
                .step(Call.of("loss", f, "softmax_loss", Arg.input("dout"), Arg.input("y"))
                        .withReturns(Returns.tuple(ValueKind.JSON, ValueKind.TENSOR)))
                .step(Call.of("relu_again", f, "relu_forward", Arg.input("dout"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .build();
    }

    private static Tensor random(Random rnd, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Tensor.of(v, shape);
    }
}
