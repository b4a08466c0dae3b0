package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a PyTorch zip checkpoint ({@code torch.save} since 1.6): {@code <archive>/data.pkl} is unpickled
 * with {@link TorchPickles}' allow-list and each storage it names is read from
 * {@code <archive>/data/<key>}, in the order given by {@code <archive>/byteorder} (little-endian when
 * absent, as PyTorch assumes).
 */
final class TorchZipReader {
    /** data.pkl holds only structure (the numbers are in the storages); far below this in practice. */
    static final long MAX_PICKLE_BYTES = 64L << 20;

    private TorchZipReader() {
    }

    /**
     * The archive's prefix ({@code archive/}) when it holds a PyTorch checkpoint, else null. PyTorch
     * writes {@code <name>/data.pkl} one level down; a zip with two of them is refused as ambiguous.
     */
    static String prefix(ZipArchive zip, String file) {
        List<String> found = zip.names().stream()
                .filter(n -> n.equals("data.pkl") || n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - 9)
                .toList();
        if (found.size() > 1) {
            throw new RefException(file + ": the zip archive holds " + found.size() + " checkpoints ("
                    + PickleGlobals.printable(String.join(", ", found.subList(0, Math.min(3, found.size()))))
                    + "); submit one");
        }
        return found.isEmpty() ? null : found.get(0).substring(0, found.get(0).length() - "data.pkl".length());
    }

    /** The unpickled object graph of the checkpoint: dicts, lists, {@link TorchTensor}s, numbers. */
    static Object read(ZipArchive zip, String prefix, String file, Budget budget) {
        List<String> names = zip.names();
        if (zip.contains(prefix + "constants.pkl") || names.stream().anyMatch(n -> n.startsWith(prefix + "code/"))) {
            throw new RefException(file + ": this is a TorchScript archive (torch.jit.save), not a state_dict; "
                    + "save one with torch.save(model.state_dict(), path)");
        }
        ByteOrder order = byteOrder(zip, prefix, file, budget);
        byte[] pickle = zip.read(prefix + "data.pkl", MAX_PICKLE_BYTES, budget, "data.pkl");
        TorchPickles.StorageSource source = (key, dtype, numel) -> {
            String entry = prefix + "data/" + key;
            if (!zip.contains(entry)) {
                throw new RefException(file + ": data.pkl refers to storage " + key + ", but the archive has no "
                        + entry + " (truncated or corrupt file?)");
            }
            byte[] bytes = zip.readExactly(entry, numel * dtype.itemSize(), budget,
                    "storage " + key + " (" + numel + " " + dtype.torchName() + " values)");
            return ByteBuffer.wrap(bytes).order(order);
        };
        return SafeUnpickler.load(pickle, file + ": data.pkl", TorchPickles.globals(budget),
                TorchPickles.storages(source, new java.util.HashMap<>()), budget);
    }

    private static ByteOrder byteOrder(ZipArchive zip, String prefix, String file, Budget budget) {
        if (!zip.contains(prefix + "byteorder")) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String text = new String(zip.read(prefix + "byteorder", 16, budget, "byteorder"), StandardCharsets.US_ASCII)
                .strip();
        return switch (text) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new RefException(file + ": byteorder says '" + PickleGlobals.printable(text)
                    + "', expected 'little' or 'big'");
        };
    }
}
