package io.tensorgrade.ref.tensor;

import io.tensorgrade.ref.RefException;
import java.util.Arrays;

/**
 * An n-dimensional array of doubles in row-major (C) order; images are NCHW.
 * Immutable from the outside: arrays are copied at the borders, except in
 * {@link #wrap(double[], int...)} and {@link #rawData()}, which say so.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;

    private Tensor(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor of(double[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A tensor that takes ownership of {@code data} without copying; callers must not touch it afterwards. */
    public static Tensor wrap(double[] data, int... shape) {
        int[] s = shape.clone();
        long n = checkedSize(s);
        if (n != data.length) {
            throw new RefException("shape " + Arrays.toString(s) + " needs " + n + " values, got " + data.length);
        }
        return new Tensor(s, data);
    }

    public static Tensor zeros(int... shape) {
        int[] s = shape.clone();
        return new Tensor(s, new double[(int) checkedSize(s)]);
    }

    public static Tensor full(double value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A 0-d tensor (a scalar), as PyTorch returns for a reduced loss. */
    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new double[] {value});
    }

    private static long checkedSize(int[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new RefException("shape " + Arrays.toString(shape) + ": dimension " + i + " is negative");
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE - 8) {
                throw new RefException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return n;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code d}; negative {@code d} counts from the end as in PyTorch. */
    public int dim(int d) {
        return shape[normalizeDim(d)];
    }

    /** Resolves a possibly negative dimension index, failing with a clear message when out of range. */
    public int normalizeDim(int d) {
        int r = shape.length;
        int nd = d < 0 ? d + r : d;
        if (nd < 0 || nd >= Math.max(r, 1)) {
            throw new RefException("dim=" + d + " is out of range for a tensor of rank " + r);
        }
        return nd;
    }

    public int size() {
        return data.length;
    }

    /** A copy of the values in row-major order. */
    public double[] data() {
        return data.clone();
    }

    /** The backing array itself, without copying: read-only by convention, for hot loops. */
    public double[] rawData() {
        return data;
    }

    public double get(int... index) {
        return data[offset(index)];
    }

    /** The single value of a tensor with one element. */
    public double item() {
        if (data.length != 1) {
            throw new RefException("item() needs a tensor with one element, got shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new RefException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor has rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new RefException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** The same values seen with another shape of equal size. */
    public Tensor reshape(int... newShape) {
        return wrap(data.clone(), newShape);
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Shape as PyTorch prints it: {@code [2, 3, 8, 8]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length <= 16) {
            return "Tensor" + Arrays.toString(shape) + Arrays.toString(data);
        }
        return "Tensor" + Arrays.toString(shape) + "[" + data[0] + ", " + data[1] + ", ...]";
    }
}
