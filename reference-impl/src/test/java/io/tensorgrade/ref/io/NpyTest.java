package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads files written by numpy (see src/test/python/make_npy_fixtures.py) and round-trips our own. */
class NpyTest {
    /** The values make_npy_fixtures.py stores: arange(6).reshape(2, 3) / 4 - 0.5, exact in binary. */
    private static final double[] BASE = {-0.5, -0.25, 0, 0.25, 0.5, 0.75};

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/io/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> float64Versions() {
        return Stream.of(Arguments.of("f8_2x3.npy"), Arguments.of("f8_v2.npy"), Arguments.of("f8_v3.npy"));
    }

    @ParameterizedTest
    @MethodSource("float64Versions")
    void readsFloat64InFormatVersions1To3(String file) {
        NpyArray a = Npy.read(fixture(file));
        assertEquals(DType.FLOAT64, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(BASE, a.tensor().data());
        assertNull(a.longs());
    }

    @Test
    void readsFloat32AsDoubles() {
        NpyArray a = Npy.read(fixture("f4_2x3.npy"));
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(BASE, a.tensor().data());
    }

    @Test
    void readsInt32WithExactLongs() {
        NpyArray a = Npy.read(fixture("i4_4.npy"));
        assertEquals(DType.INT32, a.dtype());
        assertArrayEquals(new long[] {-3, 0, 7, 2147483647}, a.longs());
        assertArrayEquals(new double[] {-3, 0, 7, 2147483647}, a.tensor().data());
    }

    @Test
    void readsInt64ExactlyBeyondTwoToThe53() {
        NpyArray a = Npy.read(fixture("i8_3.npy"));
        assertEquals(DType.INT64, a.dtype());
        assertArrayEquals(new int[] {3}, a.shape());
        assertArrayEquals(new long[] {(1L << 53) + 1, -1, 9}, a.longs());
        assertEquals(-1.0, a.tensor().get(1));
    }

    @Test
    void readsBoolAsZeroOne() {
        NpyArray a = Npy.read(fixture("b1_2x2.npy"));
        assertEquals(DType.BOOL, a.dtype());
        assertArrayEquals(new double[] {1, 0, 0, 1}, a.tensor().data());
        assertNull(a.longs());
    }

    @Test
    void readsZeroDimensionalArray() {
        NpyArray a = Npy.read(fixture("f8_scalar.npy"));
        assertEquals(0, a.tensor().rank());
        assertEquals(2.5, a.tensor().item());
    }

    @Test
    void readsEmptyArray() {
        NpyArray a = Npy.read(fixture("f8_empty_0x3.npy"));
        assertArrayEquals(new int[] {0, 3}, a.shape());
        assertEquals(0, a.tensor().size());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("f8_fortran.npy", "fortran_order=True is not supported"),
                Arguments.of("f8_bigendian.npy", "big-endian dtype '>f8' is not supported"),
                Arguments.of("object.npy", "object arrays ('|O') are not supported"),
                Arguments.of("u1.npy", "unsupported dtype '|u1'; supported: <f4, <f8, <i4, <i8, |b1"),
                Arguments.of("f8_truncated.npy", "truncated data: shape [2, 3] of <f8 needs 48 bytes, the file has 43"),
                Arguments.of("bad_magic.npy", "not a .npy file (bad magic"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void rejectsUnsupportedFilesNamingTheFileAndTheProblem(String file, String problem) {
        Path path = fixture(file);
        RefException e = assertThrows(RefException.class, () -> Npy.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.npy");
        RefException e = assertThrows(RefException.class, () -> Npy.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void malformedHeaderIsReported() {
        byte[] bytes = header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 'x'), }");
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "h.npy"));
        assertTrue(e.getMessage().startsWith("h.npy: .npy header: shape [2, x] has a bad dimension x"), e.getMessage());
    }

    @Test
    void headerWithoutShapeIsReported() {
        byte[] bytes = header("{'descr': '<f8', 'fortran_order': False}");
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "h.npy"));
        assertTrue(e.getMessage().contains("has no 'shape'"), e.getMessage());
    }

    @Test
    void headerWithUnbalancedBracketIsReported() {
        byte[] bytes = header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3}");
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "h.npy"));
        assertTrue(e.getMessage().startsWith("h.npy: malformed .npy header"), e.getMessage());
    }

    @Test
    void deeplyNestedHeaderIsRefusedWithoutOverflowingTheStack() {
        byte[] text = ("{'descr': " + "[".repeat(50_000) + "]".repeat(50_000) + "}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = java.nio.ByteBuffer.allocate(12 + text.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(text.length).put(text).array();
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "h.npy"));
        assertTrue(e.getMessage().contains("nested more than 16 deep"), e.getMessage());
    }

    @Test
    void headerWithPython2LongsAndOddSpacingIsRead() {
        byte[] head = header("{\"shape\":(1L,2L),\"fortran_order\":False,\"descr\":\"<f8\"}");
        byte[] bytes = new byte[head.length + 16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        assertArrayEquals(new int[] {1, 2}, Npy.read(bytes, "h.npy").shape());
    }

    @Test
    void trailingBytesAreReported() {
        byte[] good = Npy.toBytes(Tensor.scalar(1));
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 3);
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "t.npy"));
        assertEquals("t.npy: 3 unexpected bytes after the data of shape [] of <f8", e.getMessage());
    }

    @Test
    void unsupportedVersionIsReported() {
        byte[] bytes = Npy.toBytes(Tensor.scalar(1));
        bytes[6] = 4;
        RefException e = assertThrows(RefException.class, () -> Npy.read(bytes, "v.npy"));
        assertEquals("v.npy: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)", e.getMessage());
    }

    static Stream<Arguments> numpyFiles() {
        return Stream.of(
                Arguments.of("f8_2x3.npy", Tensor.of(BASE, 2, 3)),
                Arguments.of("f8_scalar.npy", Tensor.scalar(2.5)),
                Arguments.of("f8_empty_0x3.npy", Tensor.zeros(0, 3)));
    }

    @ParameterizedTest
    @MethodSource("numpyFiles")
    void writesFloat64ByteForByteAsNumpyDoes(String file, Tensor t) throws IOException {
        assertArrayEquals(Files.readAllBytes(fixture(file)), Npy.toBytes(t));
    }

    @Test
    void writesInt64ByteForByteAsNumpyDoes() throws IOException {
        assertArrayEquals(Files.readAllBytes(fixture("i8_3.npy")), Npy.toBytes(new long[] {(1L << 53) + 1, -1, 9}, 3));
    }

    @Test
    void float64RoundTripsThroughAFile(@TempDir Path dir) {
        Tensor t = Tensor.of(new double[] {Math.PI, -0.0, Double.MIN_VALUE, 1e300, Double.NaN, Double.NEGATIVE_INFINITY},
                1, 2, 3);
        Path file = dir.resolve("sub/rt.npy");
        Npy.write(file, t);
        NpyArray back = Npy.read(file);
        assertEquals(DType.FLOAT64, back.dtype());
        assertEquals(t, back.tensor());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.tensor().get(0, 0, 1)));
    }

    @Test
    void int64RoundTripsThroughAFile(@TempDir Path dir) throws IOException {
        long[] values = {Long.MIN_VALUE, 0, Long.MAX_VALUE, 3};
        Path file = dir.resolve("t.npy");
        Npy.writeInt64(file, values, 2, 2);
        NpyArray back = Npy.read(file);
        assertEquals(DType.INT64, back.dtype());
        assertArrayEquals(new int[] {2, 2}, back.shape());
        assertArrayEquals(values, back.longs());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writeReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.npy");
        Files.writeString(file, "old", StandardCharsets.UTF_8);
        Npy.write(file, Tensor.scalar(7));
        assertEquals(7.0, Npy.read(file).tensor().item());
    }

    @Test
    void int64ShapeMismatchIsReported() {
        RefException e = assertThrows(RefException.class, () -> Npy.toBytes(new long[] {1, 2, 3}, 2, 2));
        assertEquals("npy: shape [2, 2] needs 4 values, got 3", e.getMessage());
    }

    @Test
    void largeHeaderUsesVersion2() {
        int[] shape = new int[25_000];
        java.util.Arrays.fill(shape, 1);
        byte[] bytes = Npy.toBytes(Tensor.zeros(shape));
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - 8) % 64, "data starts 64-byte aligned");
        assertArrayEquals(shape, Npy.read(bytes, "big.npy").shape());
    }

    /** A version 1.0 file with this header text and no data. */
    private static byte[] header(String dict) {
        String text = dict + "\n";
        byte[] h = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + h.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0};
        System.arraycopy(magic, 0, bytes, 0, 10);
        System.arraycopy(h, 0, bytes, 10, h.length);
        return bytes;
    }
}
