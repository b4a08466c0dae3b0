package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import io.tensorgrade.ref.infer.WeightNaming;
import io.tensorgrade.ref.io.Checkpoint;
import io.tensorgrade.ref.io.Cifar10;
import io.tensorgrade.ref.io.ImageDataset;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Java inference agrees with PyTorch on the good sample checkpoint: logits within 1e-4 of the ones
 * PyTorch 1.13 computed for the 200 synthetic test images ({@code model/good-logits.npy}), and the same
 * predictions.
 */
class AccuracyAgreementTest {
    private static final double TOL = 1e-4;
    private static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    private static final double[] STD = {0.2470, 0.2435, 0.2616};

    @Test
    void logitsAndPredictionsOfTheGoodCheckpointMatchPyTorch() {
        Checkpoint checkpoint = Checkpoint.read(AccuracySamples.sample("checkpoint-good").resolve("model.pt"));
        ImageDataset data = Cifar10.readDir(AccuracySamples.dataDir(), Cifar10.Split.TEST);
        Tensor torch = Npy.read(Fixtures.path("model/good-logits.npy")).tensor();
        InferenceModel model = InferenceModel.compile(Zoo.get("cs5242-cnn"), checkpoint.tensors(),
                WeightNaming.inOrder());

        float[] logits = model.predict(data.rawPixels(), data.size(), InputFormat.uint8(3, 32, 32, MEAN, STD));

        assertArrayEquals(new int[] {200, 10}, torch.shape(), "shape of PyTorch's logits");
        assertEquals(torch.size(), logits.length, "number of Java logits");
        double[] expected = torch.rawData();
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(logits[i] - expected[i]) <= TOL + TOL * Math.abs(expected[i]))) {
                fail("first differing logit at image " + i / 10 + ", class " + i % 10 + ": PyTorch " + expected[i]
                        + ", Java " + logits[i]);
            }
        }
        float[] torchFloats = new float[expected.length];
        for (int i = 0; i < expected.length; i++) {
            torchFloats[i] = (float) expected[i];
        }
        int[] torchClasses = InferenceModel.argmax(torchFloats, 10);
        assertArrayEquals(torchClasses, InferenceModel.argmax(logits, 10));
        int[] labels = data.labels();
        int correct = (int) java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> torchClasses[i] == labels[i]).count();
        assertEquals(AccuracySamples.GOOD_CORRECT, correct, "PyTorch's correct predictions");
        assertEquals(Arrays.stream(labels).boxed().distinct().count(), 10, "the test set has all ten classes");
    }
}
