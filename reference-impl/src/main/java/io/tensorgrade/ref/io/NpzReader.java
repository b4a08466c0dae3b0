package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code .npz} ({@code numpy.savez} or {@code savez_compressed}): a zip of {@code .npy} files,
 * one per tensor, named after it. Object arrays, which numpy stores as pickles, are refused without
 * being unpickled. More types than {@link Npy} accepts (float16, small ints, uint8, either byte order).
 */
final class NpzReader {
    private NpzReader() {
    }

    static Checkpoint read(ZipArchive zip, String file, Budget budget) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, DType> dtypes = new LinkedHashMap<>();
        for (String entry : zip.names()) {
            if (entry.endsWith("/")) {
                continue;
            }
            if (!entry.endsWith(".npy")) {
                throw new RefException(file + ": " + PickleGlobals.printable(entry) + " in the .npz is not an .npy file");
            }
            String name = entry.substring(0, entry.length() - ".npy".length());
            byte[] bytes = zip.read(entry, budget.left(), budget, "array '" + name + "'");
            String what = file + ": " + PickleGlobals.printable(entry);
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            NpyHeader header = Npy.header(bytes, buf, what);
            Object descr = header.descr();
            if (!(descr instanceof String d) || d.length() < 2) {
                throw new RefException(what + ": structured dtype " + descr + " is not supported");
            }
            DType dtype = DType.fromNumpy(d.substring(1));
            if (d.endsWith("O")) {
                throw new RefException(what + ": object arrays are stored as pickles and are never loaded; "
                        + "save numeric arrays");
            }
            if (dtype == null || "<>|=".indexOf(d.charAt(0)) < 0) {
                throw new RefException(what + ": dtype '" + PickleGlobals.printable(d) + "' is not supported; "
                        + "supported: float64, float32, float16, int64, int32, int16, int8, uint8, bool");
            }
            int[] shape = header.shape();
            long count = Strided.count(shape);
            if (count < 0 || buf.remaining() != count * dtype.itemSize()) {
                throw new RefException(what + ": shape " + Arrays.toString(shape) + " of " + d + " needs "
                        + (count < 0 ? "too many" : String.valueOf(count * dtype.itemSize())) + " bytes of data, the file has "
                        + buf.remaining());
            }
            budget.charge(8 * count, "array '" + name + "'");
            ByteBuffer data = buf.slice().order(d.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long[] strides = header.fortranOrder() ? Strided.fortran(shape) : Strided.contiguous(shape);
            tensors.put(name, Tensor.wrap(Strided.gather(data, dtype, 0, shape, strides), shape));
            dtypes.put(name, dtype);
        }
        return new Checkpoint(file, Checkpoint.Format.NPZ, "", tensors, dtypes);
    }

}
