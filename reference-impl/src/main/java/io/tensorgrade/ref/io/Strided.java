package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;

/** Reads a strided view of stored elements (a PyTorch tensor over its storage, a Fortran-order array) into row-major doubles. */
final class Strided {
    private Strided() {
    }

    /** The number of elements of {@code shape}, or -1 when it does not fit in an int. */
    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                return -1;
            }
        }
        return n;
    }

    /**
     * The largest element index the view touches, plus one (0 for an empty view): the storage must hold
     * at least this many elements. -1 when it does not fit a long (a crafted view).
     */
    static long extent(long offset, int[] shape, long[] strides) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        try {
            long last = offset;
            for (int i = 0; i < shape.length; i++) {
                last = Math.addExact(last, Math.multiplyExact(shape[i] - 1L, strides[i]));
            }
            return Math.addExact(last, 1);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Row-major strides of {@code shape}, in elements. */
    static long[] contiguous(int[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** Column-major (Fortran) strides of {@code shape}, in elements. */
    static long[] fortran(int[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = 0; i < shape.length; i++) {
            s[i] = step;
            step *= Math.max(shape[i], 1);
        }
        return s;
    }

    /**
     * The elements of the view in row-major order. The caller has checked that {@code count(shape)} fits
     * and that {@code extent} lies within {@code buf}.
     */
    static double[] gather(ByteBuffer buf, DType dtype, long offset, int[] shape, long[] strides) {
        int n = (int) count(shape);
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int rank = shape.length;
        int[] index = new int[rank];
        long pos = offset;
        int item = dtype.itemSize();
        for (int k = 0; k < n; k++) {
            out[k] = dtype.read(buf, (int) (pos * item));
            // Odometer: advance the last dimension, carrying into earlier ones.
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    pos += strides[d];
                    break;
                }
                pos -= (shape[d] - 1L) * strides[d];
                index[d] = 0;
            }
        }
        return out;
    }
}
