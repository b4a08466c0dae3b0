package io.tensorgrade.ref.io;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    /** Two 2-channel 1x2 images: pixels 0, 51, 102, 153 | 204, 255, 0, 255. */
    private static ImageDataset tiny() {
        byte[] pixels = {0, 51, 102, (byte) 153, (byte) 204, (byte) 255, 0, (byte) 255};
        return ImageDataset.of("tiny", 2, 1, 2, pixels, new byte[] {3, 9});
    }

    @Test
    void batchScalesPixelsToTheUnitInterval() {
        Tensor t = tiny().batch(1, 2);
        assertClose(Tensor.of(new double[] {0.8, 1, 0, 1}, 1, 2, 1, 2), t, 1e-15, 0);
    }

    @Test
    void batchNormalizesPerChannelAsTorchvision() {
        Tensor t = tiny().batch(0, 2, new double[] {0.5, 0.25}, new double[] {0.5, 0.25});
        // (p/255 - mean[c]) / std[c]: 0.2 -> -0.6 in channel 0, 0.4 -> 0.6 in channel 1, and so on.
        double[] expected = {-1, -0.6, (0.4 - 0.25) / 0.25, (0.6 - 0.25) / 0.25, 0.6, 1, -1, 3};
        assertClose(Tensor.of(expected, 2, 2, 1, 2), t, 1e-12, 0);
    }

    @Test
    void pixelsAndLabelsAreCopiedAtTheBorder() {
        byte[] pixels = new byte[2];
        ImageDataset d = ImageDataset.of("d", 1, 1, 2, pixels, new byte[] {1});
        pixels[0] = 9;
        assertEquals(0, d.pixel(0, 0, 0, 0));
        d.pixels()[1] = 9;
        assertEquals(0, d.pixel(0, 0, 0, 1));
    }

    @Test
    void wrongSizesAndIndicesAreNamed() {
        assertEquals("d: 3 pixel bytes for 1 images of 1x1x2 (needs 2)", assertThrows(RefException.class,
                () -> ImageDataset.of("d", 1, 1, 2, new byte[3], new byte[1])).getMessage());
        assertEquals("tiny: image index 2 is outside the 2 images",
                assertThrows(RefException.class, () -> tiny().label(2)).getMessage());
        assertEquals("tiny: batch [1, 3) is outside the 2 images",
                assertThrows(RefException.class, () -> tiny().batch(1, 3)).getMessage());
        assertEquals("tiny: mean has 1 and std 2 values, the images have 2 channels", assertThrows(RefException.class,
                () -> tiny().batch(0, 1, new double[1], new double[2])).getMessage());
    }
}
