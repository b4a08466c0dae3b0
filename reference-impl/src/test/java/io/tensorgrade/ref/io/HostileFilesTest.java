package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files crafted to attack the grader (make_io_fixtures.py checked that Python's own pickle runs their
 * payloads): each is refused with a message naming the file and the problem, and no payload runs.
 */
class HostileFilesTest {

    @BeforeEach
    @AfterEach
    void noMarker() throws IOException {
        Files.deleteIfExists(Fixtures.MARKER);
    }

    @Test
    void osSystemInAStateDictIsRefusedByName() {
        Path path = Fixtures.path("hostile/os_system.pt");
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(path));
        assertEquals(path + ": data.pkl refers to os.system, which a checkpoint may not use; "
                + "only tensors and dicts are allowed", e.getMessage());
        assertFalse(Files.exists(Fixtures.MARKER), "the payload ran");
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("hostile/posix_system.pt", "data.pkl refers to posix.system, which a checkpoint may not use"),
                Arguments.of("hostile/builtins_eval.pt", "data.pkl refers to builtins.eval, which a checkpoint may not use"),
                Arguments.of("hostile/memo_bomb.pt", "data.pkl: the memo grows past 100000 entries"),
                Arguments.of("hostile/view_bomb.pt", "a tensor of size [40000, 40000] needs 11.9 GiB, more than the"),
                Arguments.of("hostile/object_array.npz", "weights.npy: object arrays are stored as pickles and are "
                        + "never loaded"),
                Arguments.of("hostile/truncated.pt", "not a readable zip archive (truncated or corrupt"),
                Arguments.of("hostile/truncated_legacy.pt", "left (truncated?)"),
                Arguments.of("hostile/offsets_past_end.safetensors", "tensor 'w' data_offsets [0, 4000] lie outside "
                        + "the 16 bytes of data in the file"),
                Arguments.of("hostile/header_past_end.safetensors", "the header length 1048576 runs past the end of "
                        + "the file"));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void craftedCheckpointsAreRefusedNamingFileAndProblem(String file, String problem) {
        Path path = Fixtures.path(file);
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(Files.exists(Fixtures.MARKER), "the payload ran");
    }

    @Test
    void zipBombStopsAtTheLimitNotAfter() {
        Path path = Fixtures.path("hostile/zip_bomb.npz");
        long limit = 8L << 20;
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(path, limit));
        assertEquals(path + ": array 'zeros' (zeros.npy) is larger than the 8.0 MiB allowed", e.getMessage());
    }

    @Test
    void subprocessInACifarBatchIsRefused() {
        Path path = Fixtures.path("hostile/cifar_popen_batch");
        RefException e = assertThrows(RefException.class, () -> Cifar10.readPickle(path));
        assertEquals(path + " refers to subprocess.Popen, which a CIFAR-10 batch may not use; "
                + "only arrays, lists and dicts are allowed", e.getMessage());
        assertFalse(Files.exists(Fixtures.MARKER), "the payload ran");
    }
}
