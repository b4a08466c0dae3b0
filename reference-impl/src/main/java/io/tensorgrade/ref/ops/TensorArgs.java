package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/** Argument checks shared by the ops in this package; every message names the op, the argument and its value. */
final class TensorArgs {
    private TensorArgs() {
    }

    static Tensor requireNonNull(String op, String name, Tensor t) {
        if (t == null) {
            throw new RefException(op + ": " + name + " must not be null");
        }
        return t;
    }

    static void requireRank(String op, String name, Tensor t, int rank) {
        requireNonNull(op, name, t);
        if (t.rank() != rank) {
            throw new RefException(op + ": " + name + " must have rank " + rank + ", got shape " + t.shapeString());
        }
    }

    /** A 1-d tensor of exactly {@code length} values, e.g. a per-channel parameter. */
    static void requireVector(String op, String name, Tensor t, int length, String what) {
        requireNonNull(op, name, t);
        if (t.rank() != 1 || t.dim(0) != length) {
            throw new RefException(op + ": " + name + " must have shape [" + length + "] (" + what + "), got "
                    + t.shapeString());
        }
    }

    static void requireSameShape(String op, String name, Tensor t, String refName, Tensor ref) {
        requireNonNull(op, name, t);
        if (!t.sameShape(ref)) {
            throw new RefException(op + ": " + name + " shape " + t.shapeString() + " does not match " + refName
                    + " shape " + ref.shapeString());
        }
    }

    static void requireShape(String op, String name, Tensor t, int[] shape) {
        requireNonNull(op, name, t);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new RefException(op + ": " + name + " must have shape " + Arrays.toString(shape) + ", got "
                    + t.shapeString());
        }
    }

    static void requireFinite(String op, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new RefException(op + ": " + name + "=" + v + " must be finite");
        }
    }

    /**
     * The incoming gradient of a loss as an array: ones when {@code gradOut} is null; for MEAN and SUM any
     * one-element tensor, for NONE a tensor of the loss's shape.
     */
    static double[] lossGrad(String op, Tensor gradOut, Reduction r, int[] lossShape) {
        int[] shape = r == Reduction.NONE ? lossShape : new int[0];
        if (gradOut == null) {
            return Tensor.full(1.0, shape).rawData();
        }
        if (r != Reduction.NONE && gradOut.size() == 1) {
            return gradOut.rawData();
        }
        requireShape(op, "gradOut", gradOut, shape);
        return gradOut.rawData();
    }
}
