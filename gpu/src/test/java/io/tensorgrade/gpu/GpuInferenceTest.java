package io.tensorgrade.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import io.tensorgrade.ref.infer.WeightNaming;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import org.junit.jupiter.api.Test;

class GpuInferenceTest {

    @Test
    void statusNeverThrowsAndAlwaysSaysWhy() {
        GpuStatus s = assertDoesNotThrowStatus();
        assertFalse(s.detail().isBlank());
        assertSame(s, GpuInference.status(), "probed once per JVM");
        System.err.println("GpuInferenceTest: gpu " + (s.available() ? "available: " : "unavailable: ") + s.detail());
    }

    @Test
    void loadWithoutGpuFailsWithTheReason() {
        assumeFalse(GpuInference.available(), "a GPU is available here");
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, 1), WeightNaming.inOrder());
        RefException e = assertThrows(RefException.class, () -> GpuInference.load(cpu));
        assertTrue(e.getMessage().startsWith("gpu inference is not available: ") && e.getMessage()
                .contains(GpuInference.reason()), e.getMessage());
    }

    @Test
    void withoutTheDriverTheReasonNamesTheNativeLibrary() {
        assumeFalse(GpuInference.available(), "a GPU is available here");
        String reason = GpuInference.reason();
        assertTrue(reason.contains("libcuda.so.1") || reason.contains("CUDA"), reason);
    }

    @Test
    void shapesFollowTheStepsOfCs5242Cnn() {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, 1), WeightNaming.inOrder());
        int[][] shapes = GpuPlan.shapes(spec.name(), cpu.steps(), InputFormat.raw(3, 32, 32));
        assertArrayEquals(new int[] {3, 32, 32}, shapes[0]);
        assertArrayEquals(new int[] {16, 32, 32}, shapes[1]);
        assertArrayEquals(new int[] {10, 1, 1}, shapes[shapes.length - 1]);
        assertTrue(cpu.outputSize(InputFormat.raw(3, 32, 32)) == 10);
    }

    @Test
    void linkProblemPicksTheMissingLibraryFromJCudasMessage() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver\"\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: libcuda.so.1: cannot"
                + " open shared object file: No such file or directory\n\tat x.y(Z.java:1)");
        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory",
                GpuInference.linkProblem(e));
        assertEquals("no such thing", GpuInference.linkProblem(new UnsatisfiedLinkError("no such thing\nmore")));
    }

    private static GpuStatus assertDoesNotThrowStatus() {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(GpuInference::status);
    }
}
