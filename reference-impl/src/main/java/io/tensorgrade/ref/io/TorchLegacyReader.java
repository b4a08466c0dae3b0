package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PyTorch's legacy checkpoint format ({@code torch.save} before 1.6, or with
 * {@code _use_new_zipfile_serialization=False}): pickles of the magic number, the protocol version
 * (1001) and a sys_info dict, then the object with storages as persistent ids, then the list of
 * storage keys, then each storage as a little-endian int64 element count and its little-endian bytes.
 */
final class TorchLegacyReader {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private TorchLegacyReader() {
    }

    /** Whether {@code bytes} start with the pickled legacy magic number. */
    static boolean looksLike(byte[] bytes, String file) {
        try {
            Budget scratch = new Budget(file, 1 << 16);
            Object magic = SafeUnpickler.load(bytes, 0, file, globals(scratch), null, scratch, PickleLimits.DEFAULT)
                    .value();
            return magic instanceof BigInteger b && b.equals(MAGIC);
        } catch (RefException e) {
            return false;
        }
    }

    /** The unpickled object graph of the checkpoint, every storage's bytes attached. */
    static Object read(byte[] bytes, String file, Budget budget) {
        SafeUnpickler.Result magic = load(bytes, 0, file, globals(budget), null, budget);
        if (!(magic.value() instanceof BigInteger b) || !b.equals(MAGIC)) {
            throw new RefException(file + ": not a PyTorch checkpoint (no magic number)");
        }
        SafeUnpickler.Result version = load(bytes, magic.end(), file, globals(budget), null, budget);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version.value())) {
            throw new RefException(file + ": unsupported legacy PyTorch protocol version "
                    + PyValues.describe(version.value()) + " (supported: " + PROTOCOL_VERSION + ")");
        }
        SafeUnpickler.Result sysInfo = load(bytes, version.end(), file, globals(budget), null, budget);
        if (sysInfo.value() instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new RefException(file + ": written on a big-endian machine, which is not supported");
        }
        Map<String, TorchStorage> storages = new HashMap<>();
        SafeUnpickler.Result main = load(bytes, sysInfo.end(), file, TorchPickles.globals(budget),
                TorchPickles.storages((key, dtype, numel) -> null, storages), budget);
        SafeUnpickler.Result keys = load(bytes, main.end(), file, globals(budget), null, budget);
        if (!(keys.value() instanceof List<?> list)) {
            throw new RefException(file + ": the list of storage keys is missing (truncated file?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(keys.end());
        for (Object k : list) {
            TorchStorage s = k instanceof String key ? storages.get(key) : null;
            if (s == null || s.data() != null) {
                throw new RefException(file + ": storage key " + PyValues.describe(k) + " is "
                        + (s == null ? "not used by the checkpoint" : "listed twice"));
            }
            if (buf.remaining() < 8 || buf.getLong() != s.numel()) {
                throw new RefException(file + ": storage " + s.key() + " does not start with its size " + s.numel()
                        + " (truncated or corrupt file?)");
            }
            long size = s.numel() * s.dtype().itemSize();
            if (buf.remaining() < size) {
                throw new RefException(file + ": storage " + s.key() + " needs " + size + " bytes, the file has "
                        + buf.remaining() + " left (truncated?)");
            }
            s.attach(buf.slice(buf.position(), (int) size).order(ByteOrder.LITTLE_ENDIAN));
            buf.position(buf.position() + (int) size);
        }
        for (TorchStorage s : storages.values()) {
            if (s.data() == null) {
                throw new RefException(file + ": storage " + s.key() + " is used but not stored (truncated file?)");
            }
        }
        return main.value();
    }

    private static PickleGlobals globals(Budget budget) {
        return PickleGlobals.data(TorchPickles.USER, TorchPickles.ALLOWED, m -> "", budget);
    }

    private static SafeUnpickler.Result load(byte[] bytes, int start, String file, PickleGlobals globals,
            PickleMachine.PersistentLoader persistent, Budget budget) {
        return SafeUnpickler.load(bytes, start, file, globals, persistent, budget, PickleLimits.DEFAULT);
    }
}
