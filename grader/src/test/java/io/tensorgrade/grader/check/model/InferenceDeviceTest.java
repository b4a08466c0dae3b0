package io.tensorgrade.grader.check.model;

import io.tensorgrade.gpu.GpuInference;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.RubricException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@code device:} of an accuracy part: the CPU by default, the GPU on request, the CPU with a reason on auto. */
class InferenceDeviceTest {

    @TempDir
    Path tmp;

    @Test
    void autoWithoutGpuScoresOnTheCpuAndSaysWhy() {
        assumeFalse(GpuInference.available(), "a GPU is available here");
        Check check = AccuracySamples.load(tmp, part("device: auto"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().contains("Inference ran on the CPU because no GPU is usable here ("
                + GpuInference.reason() + ")."), v.feedback());
    }

    @Test
    void gpuWithoutGpuIsAnErrorThatIsNotTheStudentsFault() {
        assumeFalse(GpuInference.available(), "a GPU is available here");
        Check check = AccuracySamples.load(tmp, part("device: gpu"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.ERROR, v.status(), v.feedback());
        assertTrue(v.feedback().contains("The accuracy could not be measured on the GPU: gpu inference is not"
                + " available: " + GpuInference.reason()), v.feedback());
        assertTrue(v.feedback().endsWith("This is not a problem with your submission."), v.feedback());
    }

    @Test
    void cpuIsTheDefaultAndSaysNothingAboutGpus() {
        Check check = AccuracySamples.load(tmp, part(""));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(!v.feedback().contains("no GPU is usable") && !v.feedback().contains("cuda:"), v.feedback());
    }

    @Test
    void unknownDeviceIsARubricErrorNamingTheField() {
        RubricException e = assertThrows(RubricException.class, () -> AccuracySamples.load(tmp, part("device: tpu")));

        assertTrue(e.getMessage().contains("device") && e.getMessage().contains("tpu"), e.getMessage());
    }

    private static String part(String extra) {
        return "network: zoo:cs5242-cnn\ncheckpoint: [model.pt, model.npz]\n"
                + "dataset: {format: cifar10, path: " + AccuracySamples.dataDir().resolve("cifar-10-batches-py") + "}\n"
                + "normalize: {mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]}\nthreshold: 0.75\n" + extra;
    }
}
