package io.tensorgrade.ref.io;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the checkpoints torch 1.13 and numpy wrote (make_io_fixtures.py) and compares with torch's values. */
class CheckpointTest {

    static Stream<Fixtures.Expected> everyTensor() {
        return Fixtures.expected().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTensor")
    void everyTensorHasTheValuesAndTypeTorchSaved(Fixtures.Expected e) {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/" + e.file()));
        Tensor actual = c.tensor(e.key());
        // Exact: every stored type converts to double without rounding.
        assertClose(e.values(), actual, 0, 0);
        assertEquals(e.dtype(), c.dtype(e.key()).torchName());
    }

    static Stream<Arguments> filesAndOrder() {
        return Stream.of("state_dict.pt", "state_dict_protocol1.pt", "state_dict_protocol4.pt",
                "state_dict_protocol5.pt", "nested_model_state_dict.pt", "nested_state_dict.pth", "views.pt",
                "dtypes.pt", "tied.pt", "parameters.pt", "legacy.pt", "legacy_protocol4.pt", "weights.safetensors",
                "weights.npz",
                "weights_compressed.npz").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("filesAndOrder")
    void keepsTheFilesOrderAndNothingElse(String file) {
        List<String> keys = Fixtures.expected(file).stream().map(Fixtures.Expected::key).toList();
        assertEquals(keys, Checkpoint.read(Fixtures.path("checkpoints/" + file)).names());
    }

    static Stream<Arguments> stateDictKeys() {
        return Stream.of(
                Arguments.of("state_dict.pt", ""),
                Arguments.of("nested_model_state_dict.pt", "model_state_dict"),
                Arguments.of("nested_state_dict.pth", "state_dict"),
                Arguments.of("legacy.pt", "state_dict"),
                Arguments.of("weights.safetensors", ""));
    }

    @ParameterizedTest
    @MethodSource("stateDictKeys")
    void reportsWhereTheStateDictWasFound(String file, String key) {
        assertEquals(key, Checkpoint.read(Fixtures.path("checkpoints/" + file)).stateDictKey());
    }

    @Test
    void recognisesTheFormatFromTheContent(@TempDir Path dir) throws IOException {
        Path renamed = dir.resolve("weights.bin");
        Files.copy(Fixtures.path("checkpoints/weights.safetensors"), renamed);
        Checkpoint c = Checkpoint.read(renamed);
        assertEquals(Checkpoint.Format.SAFETENSORS, c.format());
        assertEquals(renamed.toString(), c.file());
        assertEquals(Checkpoint.Format.TORCH_ZIP, Checkpoint.read(Fixtures.path("checkpoints/tied.pt")).format());
        assertEquals(Checkpoint.Format.NPZ, Checkpoint.read(Fixtures.path("checkpoints/weights.npz")).format());
        assertEquals(Checkpoint.Format.TORCH_LEGACY, Checkpoint.read(Fixtures.path("checkpoints/legacy.pt")).format());
    }

    @Test
    void readsTransposedSlicedOffsetAndExpandedViews() {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/views.pt"));
        Tensor base = c.tensor("base");
        assertArrayEquals(new int[] {6, 4}, c.tensor("transposed").shape());
        assertEquals(base.get(3, 1), c.tensor("transposed").get(1, 3));
        assertEquals(base.get(2, 4), c.tensor("column_slice").get(2, 2));
        assertEquals(base.get(2, 0), c.tensor("offset_rows").get(1, 0));
        assertEquals(base.get(0, 5), c.tensor("expanded").get(2, 5));
        assertEquals(0, c.tensor("scalar").rank());
        assertEquals(base.get(2, 3), c.tensor("scalar").item());
    }

    @Test
    void tiedWeightsShareValues() {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/tied.pt"));
        assertEquals(List.of("encoder.weight", "decoder.weight"), c.names());
        assertEquals(c.tensor("encoder.weight"), c.tensor("decoder.weight"));
    }

    @Test
    void keepsTheStoredTypeOfCounters() {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/state_dict.pt"));
        assertEquals(DType.INT64, c.dtype("bn.num_batches_tracked"));
        assertEquals(37.0, c.tensor("bn.num_batches_tracked").item());
        assertEquals(DType.FLOAT32, c.dtype("conv.weight"));
    }

    static Stream<Arguments> refusedCheckpoints() {
        return Stream.of(
                Arguments.of("whole_model.pt", "data.pkl refers to __main__.Small, which a checkpoint may not use; "
                        + "only tensors and dicts are allowed (this looks like a whole model: save "
                        + "model.state_dict() instead)"),
                Arguments.of("plain_pickle.pkl", "a Python pickle but not a PyTorch checkpoint; save the model's "
                        + "weights with torch.save(model.state_dict(), path)"),
                Arguments.of("scripted.pt", "this is a TorchScript archive (torch.jit.save), not a state_dict"),
                Arguments.of("no_tensors.pt", "no state_dict found: the checkpoint is a dict with keys "
                        + "[epoch, losses] and none of them holds a dict of tensors"));
    }

    @ParameterizedTest
    @MethodSource("refusedCheckpoints")
    void refusesWhatIsNotAStateDictSayingWhatToSave(String file, String message) {
        Path path = Fixtures.path("checkpoints/" + file);
        RefException e = assertThrows(RefException.class, () -> Checkpoint.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void missingTensorListsTheNamesThereAre() {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/tied.pt"));
        RefException e = assertThrows(RefException.class, () -> c.tensor("fc.weight"));
        assertEquals(c.file() + ": no tensor 'fc.weight'; it has [encoder.weight, decoder.weight]", e.getMessage());
    }

    @Test
    void missingEmptyAndUnknownFilesAreNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("model.pt");
        assertEquals(missing + ": no such file",
                assertThrows(RefException.class, () -> Checkpoint.read(missing)).getMessage());
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        assertEquals(empty + ": the file is empty",
                assertThrows(RefException.class, () -> Checkpoint.read(empty)).getMessage());
        Path text = Files.writeString(dir.resolve("model.h5"), "HDF5 or anything else");
        assertTrue(assertThrows(RefException.class, () -> Checkpoint.read(text)).getMessage()
                .startsWith(text + ": not a checkpoint format tensorgrade reads"));
    }

    @Test
    void recordCopiesItsMapsAndChecksTheirKeys() {
        Checkpoint c = Checkpoint.read(Fixtures.path("checkpoints/tied.pt"));
        assertThrows(UnsupportedOperationException.class, () -> c.tensors().clear());
        RefException e = assertThrows(RefException.class, () -> new Checkpoint("f", Checkpoint.Format.NPZ, "",
                c.tensors(), java.util.Map.of()));
        assertTrue(e.getMessage().startsWith("Checkpoint: tensors and dtypes must have the same keys"), e.getMessage());
    }
}
