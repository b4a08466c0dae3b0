package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Four synthetic 28x28 images in MNIST's IDX format, plain and gzipped (make_io_fixtures.py). */
class MnistTest {
    private static Path file(String name) {
        return Fixtures.path("datasets/mnist/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsImagesAndLabelsPlainOrGzipped(String suffix) {
        ImageDataset d = Mnist.read(file("t10k-images-idx3-ubyte" + suffix), file("t10k-labels-idx1-ubyte" + suffix));
        assertEquals(4, d.size());
        assertEquals(1, d.channels());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertArrayEquals(new int[] {7, 2, 1, 0}, d.labels());
        for (int i = 0; i < 4; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int expected = (i * 37 + y * 7 + x * 3) % 256;
                    if (d.pixel(i, 0, y, x) != expected) {
                        assertEquals(expected, d.pixel(i, 0, y, x), "image " + i + " pixel (" + y + ", " + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void swappedFilesAreNamed() {
        Path labels = file("t10k-labels-idx1-ubyte");
        RefException e = assertThrows(RefException.class, () -> Mnist.read(labels, file("t10k-images-idx3-ubyte")));
        assertEquals(labels + ": magic number 0x00000801 is not that of MNIST images (idx3-ubyte), 0x00000803 "
                + "(images and labels swapped?)", e.getMessage());
    }

    @Test
    void truncatedImagesAreReported() {
        Path images = file("truncated-images-idx3-ubyte");
        RefException e = assertThrows(RefException.class, () -> Mnist.read(images, file("t10k-labels-idx1-ubyte")));
        assertEquals(images + ": truncated: the data of the IDX header's dimensions needs 3136 bytes, the file has 984",
                e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() {
        Path labels = file("three-labels-idx1-ubyte");
        Path images = file("t10k-images-idx3-ubyte");
        assertEquals(labels + ": 3 labels for the 4 images of " + images,
                assertThrows(RefException.class, () -> Mnist.read(images, labels)).getMessage());
    }
}
