package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0), C order, little-endian,
 * with the dtypes of {@link #READABLE}. Every error is a {@link RefException} that names the file
 * and what is wrong with it.
 */
public final class Npy {
    /** The element types read from and written to {@code .npy} files, all little-endian or byte-sized. */
    public static final List<DType> READABLE = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64,
            DType.BOOL);
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes so that files can be memory-mapped; we do the same. */
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** Reads a {@code .npy} file; the path is used as the name in error messages. */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RefException(file + ": no such file", e);
        } catch (IOException e) {
            throw new RefException(file + ": cannot read: " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    /**
     * The fixed start of an {@code .npy} file: its format version and the length of its header.
     *
     * @param headerLength the header's length in bytes, which the file is checked to hold
     */
    public record Preamble(int major, int minor, long headerLength) {
        /** Bytes before the header: magic, version and the header's length. */
        int size() {
            return MAGIC.length + 2 + (major == 1 ? 2 : 4);
        }
    }

    /** Reads and checks the preamble of {@code bytes}; {@code name} names the file in error messages. */
    public static Preamble preamble(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new RefException(name + ": not a .npy file (bad magic: the file must start with \\x93NUMPY)");
        }
        buf.position(MAGIC.length);
        int major = buf.get() & 0xff;
        int minor = buf.get() & 0xff;
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new RefException(name + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        };
        if (buf.remaining() < lengthBytes) {
            throw new RefException(name + ": truncated .npy header");
        }
        long headerLength = lengthBytes == 2 ? buf.getShort() & 0xffff : buf.getInt() & 0xffffffffL;
        if (headerLength > buf.remaining()) {
            throw new RefException(name + ": truncated .npy header: it says " + headerLength + " bytes, the file has "
                    + buf.remaining() + " left");
        }
        return new Preamble(major, minor, headerLength);
    }

    /** The parsed header of {@code bytes}; {@code buf} (over the same bytes) is left at the start of the data. */
    static NpyHeader header(byte[] bytes, ByteBuffer buf, String name) {
        Preamble p = preamble(bytes, name);
        int start = p.size();
        // Versions 1.0 and 2.0 store the header in latin-1; 3.0 allows UTF-8.
        String text = new String(bytes, start, (int) p.headerLength(),
                p.major() == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        buf.position(start + (int) p.headerLength());
        return NpyHeader.parse(text, name);
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} names it in error messages. */
    public static NpyArray read(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        NpyHeader header = header(bytes, buf, name);
        DType dtype = dtype(header.descr(), name);
        if (header.fortranOrder()) {
            throw new RefException(name + ": fortran_order=True is not supported; save a C-ordered array "
                    + "(np.ascontiguousarray) instead");
        }
        int[] shape = header.shape();
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new RefException(name + ": shape " + Arrays.toString(shape) + " is too large");
            }
        }
        long need = count * dtype.itemSize();
        if (buf.remaining() < need) {
            throw new RefException(name + ": truncated data: shape " + Arrays.toString(shape) + " of " + dtype.numpyDescr()
                    + " needs " + need + " bytes, the file has " + buf.remaining());
        }
        if (buf.remaining() > need) {
            throw new RefException(name + ": " + (buf.remaining() - need) + " unexpected bytes after the data of shape "
                    + Arrays.toString(shape) + " of " + dtype.numpyDescr());
        }
        return decode(buf, dtype, (int) count, shape);
    }

    private static DType dtype(Object descr, String name) {
        if (!(descr instanceof String s)) {
            throw new RefException(name + ": structured dtype " + descr + " is not supported; supported: "
                    + supported());
        }
        for (DType t : READABLE) {
            if (t.numpyDescr().equals(s)) {
                return t;
            }
        }
        if (s.startsWith(">")) {
            throw new RefException(name + ": big-endian dtype '" + s + "' is not supported; save with "
                    + "arr.astype(arr.dtype.newbyteorder('<'))");
        }
        if (s.endsWith("O")) {
            throw new RefException(name + ": object arrays ('" + s + "') are not supported; save a numeric array");
        }
        throw new RefException(name + ": unsupported dtype '" + s + "'; supported: " + supported());
    }

    private static String supported() {
        return READABLE.stream().map(DType::numpyDescr).collect(Collectors.joining(", "));
    }

    private static NpyArray decode(ByteBuffer buf, DType dtype, int n, int[] shape) {
        double[] values = new double[n];
        long[] longs = dtype.isInteger() ? new long[n] : null;
        for (int i = 0; i < n; i++) {
            switch (dtype) {
                case FLOAT32 -> values[i] = buf.getFloat();
                case FLOAT64 -> values[i] = buf.getDouble();
                case INT32 -> values[i] = longs[i] = buf.getInt();
                case INT64 -> values[i] = longs[i] = buf.getLong();
                case BOOL -> values[i] = buf.get() != 0 ? 1 : 0;
                default -> throw new IllegalStateException(dtype.toString());
            }
        }
        return new NpyArray(dtype, Tensor.wrap(values, shape), longs);
    }

    /** The bytes of a float64 ({@code <f8}) {@code .npy} file holding {@code t}. */
    public static byte[] toBytes(Tensor t) {
        double[] data = t.rawData();
        ByteBuffer buf = start(DType.FLOAT64, t.shape(), data.length);
        for (double v : data) {
            buf.putDouble(v);
        }
        return buf.array();
    }

    /** The bytes of an int64 ({@code <i8}) {@code .npy} file with the given values and shape. */
    public static byte[] toBytes(long[] values, int... shape) {
        long n = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (n != values.length) {
            throw new RefException("npy: shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
        ByteBuffer buf = start(DType.INT64, shape, values.length);
        for (long v : values) {
            buf.putLong(v);
        }
        return buf.array();
    }

    /** Writes {@code t} as float64 to {@code file}, atomically (a temporary file renamed into place). */
    public static void write(Path file, Tensor t) {
        AtomicFiles.write(file, toBytes(t));
    }

    /** Writes int64 values with the given shape to {@code file}, atomically. */
    public static void writeInt64(Path file, long[] values, int... shape) {
        AtomicFiles.write(file, toBytes(values, shape));
    }

    /** A buffer holding the header, positioned at the start of the data. */
    private static ByteBuffer start(DType dtype, int[] shape, int count) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        // numpy writes (n,) for one dimension and () for none: a trailing comma only for a single entry.
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + dtype.numpyDescr() + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Version 1.0 while the header fits a 2-byte length, 2.0 beyond (as numpy does).
        int prefix = MAGIC.length + 2 + 2;
        boolean v2 = prefix + dict.length() + 1 > 65535;
        if (v2) {
            prefix += 2;
        }
        int padded = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(padded + count * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            buf.putInt(header.length());
        } else {
            buf.putShort((short) header.length());
        }
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return buf;
    }

}
