package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Synthetic CIFAR-10 batches in the real formats (make_io_fixtures.py): 5 test images, 2 per training batch. */
class Cifar10Test {
    /** The pixel formula of make_io_fixtures.py: it differs along every axis, so a transposed layout fails. */
    private static int pixel(int image, int c, int y, int x) {
        return (image * 37 + c * 101 + y * 7 + x * 3) % 256;
    }

    /**
     * Checks a dataset of {@code n} images whose generator index starts at {@code first} and whose labels
     * count up from {@code label} (-1: labels not checked here).
     */
    private static void assertImages(ImageDataset d, int n, int first, int label) {
        assertEquals(n, d.size());
        assertEquals(3, d.channels());
        assertEquals(32, d.height());
        assertEquals(32, d.width());
        for (int i = 0; i < n; i++) {
            if (label >= 0) {
                assertEquals((label + i) % 10, d.label(i), "label " + i);
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        if (d.pixel(i, c, y, x) != pixel(first + i, c, y, x)) {
                            assertEquals(pixel(first + i, c, y, x), d.pixel(i, c, y, x),
                                    "image " + i + " pixel (" + c + ", " + y + ", " + x + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void readsABinaryBatch() {
        assertImages(Cifar10.readBinary(Fixtures.path("datasets/cifar/cifar-10-batches-bin/test_batch.bin")), 5, 100, 3);
    }

    static Stream<Arguments> pickles() {
        return Stream.of("cifar/cifar-10-batches-py/test_batch", "cifar-variants/test_batch_protocol0",
                "cifar-variants/test_batch_protocol1", "cifar-variants/test_batch_protocol4",
                "cifar-variants/test_batch_protocol5", "cifar-variants/test_batch_py2",
                "cifar-variants/test_batch_str_keys").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("pickles")
    void readsAPickledBatchAsPython2And3WroteIt(String file) {
        ImageDataset d = Cifar10.readPickle(Fixtures.path("datasets/" + file));
        assertImages(d, 5, 100, 3);
        assertArrayEquals(Cifar10.readBinary(Fixtures.path("datasets/cifar/cifar-10-batches-bin/test_batch.bin"))
                .rawPixels(), d.rawPixels());
    }

    static Stream<Arguments> layouts() {
        return Stream.of(Arguments.of("cifar"), Arguments.of("cifar/cifar-10-batches-bin"),
                Arguments.of("cifar/cifar-10-batches-py"));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void readDirFindsEitherLayoutAndConcatenatesTrainingBatches(String dir) {
        Path root = Fixtures.path("datasets/" + dir);
        assertImages(Cifar10.readDir(root, Cifar10.Split.TEST), 5, 100, 3);
        ImageDataset train = Cifar10.readDir(root, Cifar10.Split.TRAIN);
        assertImages(train, 10, 0, -1);
        assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, train.labels());
    }

    @Test
    void readDirSaysWhatItLookedFor(@TempDir Path dir) {
        RefException e = assertThrows(RefException.class, () -> Cifar10.readDir(dir, Cifar10.Split.TEST));
        assertTrue(e.getMessage().startsWith(dir + ": no CIFAR-10 batches found; expected cifar-10-batches-bin/"),
                e.getMessage());
    }

    @Test
    void binaryFileOfTheWrongSizeIsRefused() {
        Path path = Fixtures.path("datasets/cifar-variants/wrong_size.bin");
        assertEquals(path + ": 3000 bytes is not a whole number of CIFAR-10 records (3073 bytes each: 1 label byte "
                + "and 3072 pixel bytes)", assertThrows(RefException.class, () -> Cifar10.readBinary(path)).getMessage());
    }

    @Test
    void binaryLabelAboveNineIsRefused(@TempDir Path dir) throws IOException {
        byte[] record = new byte[3073];
        record[0] = 10;
        Path file = Files.write(dir.resolve("test_batch.bin"), record);
        assertEquals(file + ": label 0 is 10, expected 0 to 9",
                assertThrows(RefException.class, () -> Cifar10.readBinary(file)).getMessage());
    }

    @Test
    void aBinaryBatchIsNotAPickle() {
        Path path = Fixtures.path("datasets/cifar/cifar-10-batches-bin/test_batch.bin");
        RefException e = assertThrows(RefException.class, () -> Cifar10.readPickle(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    @Test
    void aPickleOfSomethingElseIsRefused(@TempDir Path dir) throws IOException {
        Path list = Files.write(dir.resolve("batch"), new byte[] {(byte) 0x80, 2, ']', '.'});
        assertEquals(list + ": a CIFAR-10 batch is a dict, this file holds a list of 0",
                assertThrows(RefException.class, () -> Cifar10.readPickle(list)).getMessage());
        Path empty = Files.write(dir.resolve("empty"), new byte[] {(byte) 0x80, 2, '}', '.'});
        assertEquals(empty + ": the batch has no b'data' entry; it has 0 keys",
                assertThrows(RefException.class, () -> Cifar10.readPickle(empty)).getMessage());
    }
}
