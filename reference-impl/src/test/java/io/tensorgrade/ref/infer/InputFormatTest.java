package io.tensorgrade.ref.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.Zoo;
import org.junit.jupiter.api.Test;

/** Input validation of {@link InputFormat} and {@link InferenceModel#predict}. */
class InputFormatTest {

    @Test
    void meanNeedsOneValuePerChannel() {
        RefException e = assertThrows(RefException.class,
                () -> InputFormat.uint8(3, 32, 32, new double[] {0.5}, new double[] {1, 1, 1}));
        assertEquals("input format: mean needs 3 values (one per channel), got [0.5]", e.getMessage());
    }

    @Test
    void stdMustBePositive() {
        RefException e = assertThrows(RefException.class,
                () -> InputFormat.uint8(1, 2, 2, new double[] {0}, new double[] {0}));
        assertEquals("input format: std=[0.0] must hold finite positive values", e.getMessage());
    }

    @Test
    void tooFewValuesForTheImagesAreReported() {
        InferenceModel m = InferenceModel.compile(Zoo.get("cs5242-cnn"), RandomStateDict.of(Zoo.get("cs5242-cnn"), 1),
                WeightNaming.inOrder());
        RefException e = assertThrows(RefException.class,
                () -> m.predict(new float[3071], 1, InputFormat.raw(3, 32, 32)));
        assertEquals("inference: 1 images of 3x32x32 need 3072 values, got 3071", e.getMessage());
    }

    @Test
    void inputShapeThatDoesNotFitTheNetworkIsReportedByLayer() {
        InferenceModel m = InferenceModel.compile(Zoo.get("cs5242-cnn"), RandomStateDict.of(Zoo.get("cs5242-cnn"), 1),
                WeightNaming.inOrder());
        RefException e = assertThrows(RefException.class, () -> m.predict(new float[64], 1, InputFormat.raw(1, 8, 8)));
        assertEquals("cs5242-cnn: layer 1 (conv2d 3->16 k=3 p=1): expects in_channels=3, got input 1x8x8 with 1 channels",
                e.getMessage());
    }

    @Test
    void zeroImagesGiveNoOutput() {
        InferenceModel m = InferenceModel.compile(Zoo.get("cs5242-cnn"), RandomStateDict.of(Zoo.get("cs5242-cnn"), 1),
                WeightNaming.inOrder());
        assertEquals(0, m.predict(new float[0], 0, InputFormat.raw(3, 32, 32)).length);
    }
}
