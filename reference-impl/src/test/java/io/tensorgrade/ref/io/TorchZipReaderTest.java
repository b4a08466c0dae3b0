package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variations of a real torch.save archive (state_dict.pt), rewritten entry by entry. */
class TorchZipReaderTest {
    @TempDir
    Path dir;

    /**
     * Copies state_dict.pt to a new archive; {@code edit} gets each entry's name and bytes and returns the
     * bytes to write (null to leave the entry out).
     */
    private Path rewrite(String name, BiFunction<String, byte[], byte[]> edit, String... extra) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile in = new ZipFile(Fixtures.path("checkpoints/state_dict.pt").toFile());
                OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = edit.apply(e.getName(), in.getInputStream(e).readAllBytes());
                if (bytes != null) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(bytes);
                }
            }
            for (int i = 0; i < extra.length; i += 2) {
                zip.putNextEntry(new ZipEntry(extra[i]));
                zip.write(extra[i + 1].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    private static String prefix() throws IOException {
        try (ZipFile in = new ZipFile(Fixtures.path("checkpoints/state_dict.pt").toFile())) {
            String first = in.entries().nextElement().getName();
            return first.substring(0, first.indexOf('/') + 1);
        }
    }

    @Test
    void readsBigEndianStoragesWhenByteorderSaysSo() throws IOException {
        String p = prefix();
        // Storage 6 is the int64 num_batches_tracked; the others hold float32.
        Path big = rewrite("big.pt", (name, bytes) -> name.startsWith(p + "data/")
                ? swap(bytes, name.endsWith("/6") ? 8 : 4) : bytes, p + "byteorder", "big");
        Checkpoint expected = Checkpoint.read(Fixtures.path("checkpoints/state_dict.pt"));
        Checkpoint actual = Checkpoint.read(big);
        assertEquals(expected.tensors(), actual.tensors());
        assertEquals(expected.dtypes(), actual.dtypes());
    }

    @Test
    void missingStorageIsNamed() throws IOException {
        String p = prefix();
        Path file = rewrite("missing.pt", (name, bytes) -> name.equals(p + "data/3") ? null : bytes);
        assertEquals(file + ": data.pkl refers to storage 3, but the archive has no " + p + "data/3 (truncated or "
                + "corrupt file?)", assertThrows(RefException.class, () -> Checkpoint.read(file)).getMessage());
    }

    @Test
    void shortStorageIsNamed() throws IOException {
        String p = prefix();
        Path file = rewrite("short.pt", (name, bytes) -> name.equals(p + "data/0")
                ? java.util.Arrays.copyOf(bytes, 10) : bytes);
        assertEquals(file + ": storage 0 (54 float32 values) (" + p + "data/0) has 10 bytes, 216 expected (truncated "
                + "file?)", assertThrows(RefException.class, () -> Checkpoint.read(file)).getMessage());
    }

    @Test
    void unknownByteorderIsRefused() throws IOException {
        Path file = rewrite("odd.pt", (name, bytes) -> bytes, prefix() + "byteorder", "middle");
        assertEquals(file + ": byteorder says 'middle', expected 'little' or 'big'",
                assertThrows(RefException.class, () -> Checkpoint.read(file)).getMessage());
    }

    @Test
    void twoCheckpointsInOneArchiveAreAmbiguous() throws IOException {
        Path file = rewrite("two.pt", (name, bytes) -> bytes, "other/data.pkl", "x");
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the zip archive holds 2 checkpoints ("), e.getMessage());
    }

    @Test
    void aTinyBudgetStopsANormalCheckpoint() {
        Path file = Fixtures.path("checkpoints/state_dict.pt");
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(file, 1000));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 1000 bytes this reader may allocate for one file"),
                e.getMessage());
        assertEquals("maxBytes must be positive, got 0",
                assertThrows(RefException.class, () -> Checkpoint.read(file, 0)).getMessage());
    }

    private static byte[] swap(byte[] bytes, int width) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i += width) {
            for (int k = 0; k < width; k++) {
                out[i + k] = bytes[i + width - 1 - k];
            }
        }
        return out;
    }
}
