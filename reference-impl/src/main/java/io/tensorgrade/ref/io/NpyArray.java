package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * An array read from a {@code .npy} file: its stored type, its values as doubles, and for integer
 * types the exact {@code long} values (int64 beyond 2^53 does not survive a double; class-index
 * targets need the exact values).
 *
 * @param dtype  the element type stored in the file
 * @param tensor the values as doubles (bool as 0/1), shape as in the file ({@code []} for 0-d)
 * @param longs  the exact values for int32/int64, null for other types
 */
public record NpyArray(DType dtype, Tensor tensor, long[] longs) {

    public NpyArray {
        if (dtype == null || tensor == null) {
            throw new RefException("NpyArray: dtype and tensor are required");
        }
        if (!Npy.READABLE.contains(dtype)) {
            throw new RefException("NpyArray: dtype " + dtype + " is not one of " + Npy.READABLE);
        }
        if (dtype.isInteger() != (longs != null)) {
            throw new RefException("NpyArray: longs must be given for integer dtypes and only for them, dtype=" + dtype);
        }
        if (longs != null && longs.length != tensor.size()) {
            throw new RefException("NpyArray: " + longs.length + " long values for a tensor of shape "
                    + tensor.shapeString());
        }
        longs = longs == null ? null : longs.clone();
    }

    /** A copy of the exact integer values, or null for float and bool arrays. */
    @Override
    public long[] longs() {
        return longs == null ? null : longs.clone();
    }

    /** The shape as stored ({@code []} for a 0-d array). */
    public int[] shape() {
        return tensor.shape();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && tensor.equals(a.tensor)
                && java.util.Arrays.equals(longs, a.longs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + tensor.hashCode()) + java.util.Arrays.hashCode(longs);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.numpyDescr() + " " + tensor.shapeString() + "]";
    }
}
