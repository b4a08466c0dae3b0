package io.tensorgrade.grader.sandbox;

import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DebugTest {
    @Test
    void debug() throws Exception {
        Path layers = Path.of(getClass().getResource("layers.py").toURI());
        SandboxJob job = SandboxJob.builder().file(layers)
                .input("x", Tensor.of(new double[]{-1, 2, -3, 4, 5, -6}, 2, 3))
                .step(Call.of("relu", "layers.py", "relu", Arg.input("x")).withReturns(Returns.tensor()))
                .forbid("torch.nn.functional.conv2d")
                .build();
        TestcontainersSetup.dockerAvailable();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Path work = Files.createTempDirectory("dbg");
            JobWriter.write(job, work.resolve("job"));
            DockerBackend b = new DockerBackend(SandboxImage.defaultTag(), job.limits());
            t = lap("write", t);
            b.prepare(work);
            t = lap("prepare", t);
            Backend.Run r = b.run(true, Duration.ofSeconds(30), work.resolve("out"));
            t = lap("run " + r, t);
            b.close();
            lap("close", t);
        }
    }

    private static long lap(String what, long t) {
        long now = System.nanoTime();
        System.out.printf("%-10s %7.1f ms%n", what, (now - t) / 1e6);
        return now;
    }
}
