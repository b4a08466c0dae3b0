package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the end
 * of the header), then the little-endian data. Every length and offset is checked against the file
 * size before anything is read.
 */
final class SafetensorsReader {
    /** The safetensors library refuses headers above 100 MB; so do we. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private SafetensorsReader() {
    }

    /** Whether the first bytes look like a safetensors header: a plausible length, then '{'. */
    static boolean looksLike(byte[] head) {
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n > 1 && n <= MAX_HEADER_BYTES;
    }

    static Checkpoint read(Path path, Budget budget) {
        String file = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long headerLength = read(ch, 0, 8, file, "the header length").order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength > size - 8) {
                throw new RefException(file + ": the header length " + headerLength + " runs past the end of the file ("
                        + size + " bytes; truncated?)");
            }
            budget.charge(3 * headerLength, "the safetensors header");
            String text = StandardCharsets.UTF_8.decode(read(ch, 8, (int) headerLength, file, "the header")).toString();
            Object header;
            try {
                header = MiniJson.parse(text);
            } catch (IllegalArgumentException e) {
                throw new RefException(file + ": the safetensors header is not valid JSON: " + e.getMessage(), e);
            }
            if (!(header instanceof Map<?, ?> entries)) {
                throw new RefException(file + ": the safetensors header must be a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, DType> dtypes = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals("__metadata__")) {
                    continue;
                }
                Entry entry = entry(e.getValue(), file + ": tensor '" + PickleGlobals.printable(name) + "'",
                        size - dataStart);
                budget.charge(entry.bytes() + 8 * Strided.count(entry.shape()), "tensor '" + name + "'");
                ByteBuffer data = read(ch, dataStart + entry.begin(), (int) entry.bytes(), file, "tensor '" + name + "'")
                        .order(ByteOrder.LITTLE_ENDIAN);
                double[] values = Strided.gather(data, entry.dtype(), 0, entry.shape(), Strided.contiguous(entry.shape()));
                tensors.put(name, Tensor.wrap(values, entry.shape()));
                dtypes.put(name, entry.dtype());
            }
            return new Checkpoint(file, Checkpoint.Format.SAFETENSORS, "", tensors, dtypes);
        } catch (IOException e) {
            throw new RefException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private record Entry(DType dtype, int[] shape, long begin, long bytes) {
    }

    private static Entry entry(Object value, String what, long dataLength) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new RefException(what + " must be a JSON object with dtype, shape and data_offsets");
        }
        if (!(m.get("dtype") instanceof String type)) {
            throw new RefException(what + " has no dtype");
        }
        DType dtype = DType.fromSafetensors(type);
        if (dtype == null) {
            throw new RefException(what + " has dtype " + PickleGlobals.printable(type)
                    + ", which is not supported (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }
        int[] shape = longs(m.get("shape"), what + " shape", -1).stream().mapToInt(Long::intValue).toArray();
        long count = Strided.count(shape);
        if (count < 0 || count * dtype.itemSize() > Integer.MAX_VALUE - 8) {
            throw new RefException(what + " shape " + Arrays.toString(shape) + " is too large");
        }
        List<Long> offsets = longs(m.get("data_offsets"), what + " data_offsets", 2);
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin > end || end > dataLength) {
            throw new RefException(what + " data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataLength + " bytes of data in the file (truncated or corrupt?)");
        }
        if (end - begin != count * dtype.itemSize()) {
            throw new RefException(what + " data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes, but shape " + Arrays.toString(shape) + " of " + type + " needs " + count * dtype.itemSize());
        }
        return new Entry(dtype, shape, begin, end - begin);
    }

    /** A JSON array of non-negative integers below 2^31 (of length {@code n} unless n is -1). */
    private static List<Long> longs(Object value, String what, int n) {
        if (!(value instanceof List<?> list) || n >= 0 && list.size() != n || list.size() > 64) {
            throw new RefException(what + " must be a list of " + (n >= 0 ? n + " " : "") + "integers");
        }
        for (Object o : list) {
            if (!(o instanceof Long l) || l < 0 || l > Integer.MAX_VALUE && n < 0) {
                throw new RefException(what + " has a bad value " + o);
            }
        }
        return list.stream().map(Long.class::cast).toList();
    }

    private static ByteBuffer read(FileChannel ch, long position, int length, String file, String what)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new RefException(file + ": " + what + " is truncated");
            }
        }
        return buf.flip();
    }
}
