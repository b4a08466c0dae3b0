package io.tensorgrade.grader.sandbox;

import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() throws Exception {
        Path layers = Path.of(getClass().getResource("layers.py").toURI());
        SandboxJob job = SandboxJob.builder().file(layers)
                .input("x", Tensor.of(new double[]{-1, 2, -3, 4, 5, -6}, 2, 3))
                .input("w", Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 3, 2))
                .input("b", Tensor.of(new double[]{1, 1}, 2))
                .input("dout", Tensor.of(new double[]{1, 0, 0, 1}, 2, 2))
                .step(Call.of("relu", "layers.py", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("fwd", "layers.py", "affine_forward", Arg.input("x"), Arg.input("w"), Arg.input("b"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)))
                .step(Call.of("bwd", "layers.py", "affine_backward", Arg.input("dout"), Arg.handle("fwd", 1))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.TENSOR, ValueKind.TENSOR)))
                .step(Call.of("stats", "layers.py", "stats", Arg.input("x")).withReturns(Returns.single(ValueKind.JSON)))
                .step(Call.of("div", "layers.py", "divide", Arg.input("x")))
                .step(Call.of("scale", "layers.py", "scale", Arg.input("x")).withKwarg("factor", Arg.json(3)))
                .build();
        SandboxResult r = ProcessSandbox.create().run(job);
        System.out.println(r);
        long t0 = System.nanoTime();
        SandboxResult d = DockerSandbox.create(SandboxImage.defaultTag()).run(job);
        System.out.println((System.nanoTime() - t0) / 1e6 + " ms: " + d);
        t0 = System.nanoTime();
        d = DockerSandbox.create(SandboxImage.defaultTag()).run(job);
        System.out.println((System.nanoTime() - t0) / 1e6 + " ms: " + d.status() + " " + d.wall());
    }
}
