package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's weights read from an untrusted file: a PyTorch checkpoint ({@code .pt}/{@code .pth}, the
 * zip format of {@code torch.save} or its legacy format), {@code .safetensors} or {@code .npz}. The format is recognised
 * from the content, not the name. Nothing in the file is ever executed: pickles go through an
 * allow-list of tensors and dicts, and all allocation is bounded by {@code maxBytes}.
 *
 * @param file         the path as given, for messages
 * @param format       the format that was recognised
 * @param stateDictKey where the state_dict was found in a PyTorch checkpoint: "" for the top level,
 *                     else the key such as {@code model_state_dict}; always "" for other formats
 * @param tensors      name to values (as doubles), in the file's order
 * @param dtypes       name to the type the values were stored with; same keys and order as {@code tensors}
 */
public record Checkpoint(String file, Format format, String stateDictKey, Map<String, Tensor> tensors,
        Map<String, DType> dtypes) {
    /** What {@link #read(Path)} may allocate for one file: 1 GiB (a float32 model of ~90M parameters). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /** The file formats tensorgrade reads. */
    public enum Format {
        /** {@code torch.save} since PyTorch 1.6: a zip with data.pkl and one entry per storage. */
        TORCH_ZIP,
        /** {@code torch.save} before 1.6 or with {@code _use_new_zipfile_serialization=False}. */
        TORCH_LEGACY,
        SAFETENSORS,
        NPZ
    }

    public Checkpoint {
        if (file == null || format == null || stateDictKey == null || tensors == null || dtypes == null) {
            throw new RefException("Checkpoint: file, format, stateDictKey, tensors and dtypes are required");
        }
        if (!new ArrayList<>(tensors.keySet()).equals(new ArrayList<>(dtypes.keySet()))) {
            throw new RefException("Checkpoint: tensors and dtypes must have the same keys in the same order, got "
                    + tensors.keySet() + " and " + dtypes.keySet());
        }
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
    }

    /** Reads {@code file}, allocating at most {@link #DEFAULT_MAX_BYTES}. */
    public static Checkpoint read(Path file) {
        return read(file, DEFAULT_MAX_BYTES);
    }

    /** Reads {@code file}, allocating at most {@code maxBytes} (raw bytes read plus 8 per value). */
    public static Checkpoint read(Path file, long maxBytes) {
        String name = file.toString();
        Budget budget = new Budget(name, maxBytes);
        byte[] head = head(file, name);
        if (head.length == 0) {
            throw new RefException(name + ": the file is empty");
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return readZip(file, name, budget);
        }
        if (SafetensorsReader.looksLike(head)) {
            return SafetensorsReader.read(file, budget);
        }
        if ((head[0] & 0xff) == 0x80) {
            byte[] bytes = DataFiles.readAll(file, maxBytes);
            budget.charge(bytes.length, "the file");
            if (!TorchLegacyReader.looksLike(bytes, name)) {
                throw new RefException(name + ": a Python pickle but not a PyTorch checkpoint; save the model's "
                        + "weights with torch.save(model.state_dict(), path)");
            }
            return torch(name, Format.TORCH_LEGACY, TorchLegacyReader.read(bytes, name, budget));
        }
        throw new RefException(name + ": not a checkpoint format tensorgrade reads; save the model's state_dict "
                + "with torch.save (.pt/.pth), safetensors (.safetensors) or numpy.savez (.npz)");
    }

    /** The tensor called {@code name}, or a message that lists the names there are. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new RefException(file + ": no tensor '" + name + "'" + (stateDictKey.isEmpty() ? ""
                    : " in '" + stateDictKey + "'") + "; it has " + names());
        }
        return t;
    }

    /** The type {@code name} was stored with. */
    public DType dtype(String name) {
        tensor(name);
        return dtypes.get(name);
    }

    /** The tensor names in the file's order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    private static Checkpoint readZip(Path file, String name, Budget budget) {
        try (ZipArchive zip = ZipArchive.open(file)) {
            String prefix = TorchZipReader.prefix(zip, name);
            if (prefix != null) {
                return torch(name, Format.TORCH_ZIP, TorchZipReader.read(zip, prefix, name, budget));
            }
            if (zip.names().stream().anyMatch(n -> n.endsWith(".npy"))) {
                return NpzReader.read(zip, name, budget);
            }
            throw new RefException(name + ": a zip archive that is neither a PyTorch checkpoint (no data.pkl) nor "
                    + "an .npz (no .npy files)");
        }
    }

    /** The state_dict in an unpickled PyTorch checkpoint, its values gathered now. */
    private static Checkpoint torch(String name, Format format, Object root) {
        StateDicts.Found found = StateDicts.find(root, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, DType> dtypes = new LinkedHashMap<>();
        found.tensors().forEach((k, t) -> {
            tensors.put(k, t.values());
            dtypes.put(k, t.dtype());
        });
        return new Checkpoint(name, format, found.key(), tensors, dtypes);
    }

    private static byte[] head(Path file, String name) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        } catch (NoSuchFileException e) {
            throw new RefException(name + ": no such file", e);
        } catch (IOException e) {
            throw new RefException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
