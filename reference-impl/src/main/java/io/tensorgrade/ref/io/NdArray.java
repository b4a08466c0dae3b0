package io.tensorgrade.ref.io;

import io.tensorgrade.ref.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A numpy array built by a pickle: {@code numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')}
 * and then BUILD with {@code (1, shape, dtype, is_fortran, data)}, or {@code _frombuffer} at protocol 5.
 * The data length is checked against the shape before the array can be used.
 */
final class NdArray implements PyStateful {
    private final Budget budget;
    private int[] shape;
    private NumpyDescr descr;
    private boolean fortran;
    private byte[] data;
    private boolean objects;

    private NdArray(Budget budget) {
        this.budget = budget;
    }

    /** {@code _reconstruct(subtype, shape, dtype)}: an empty array waiting for its state. */
    static NdArray reconstruct(List<Object> args, Budget budget) {
        PyValues.arity(args, 3, 3, "numpy _reconstruct");
        if (!(args.get(0) instanceof PyGlobal g) || !g.name().equals("ndarray")) {
            throw new PickleException("numpy _reconstruct may only build numpy.ndarray, not "
                    + PyValues.describe(args.get(0)));
        }
        return new NdArray(budget);
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)}: how numpy pickles arrays at protocol 5. */
    static NdArray fromBuffer(List<Object> args, Budget budget) {
        PyValues.arity(args, 4, 4, "numpy _frombuffer");
        NdArray a = new NdArray(budget);
        String order = PyValues.string(args.get(3), "numpy _frombuffer's order");
        a.fill(PyValues.dims(args.get(2), "numpy _frombuffer's shape"), args.get(1), "F".equals(order), args.get(0));
        return a;
    }

    @Override
    public void setState(Object state) {
        if (shape != null) {
            throw new PickleException("BUILD sets the state of a numpy array twice");
        }
        PyTuple t = PyValues.tuple(state, "the state of a numpy array");
        int at = t.size() == 5 ? 1 : 0;
        if (t.size() != 4 && t.size() != 5) {
            throw new PickleException("the state of a numpy array must have 4 or 5 items, got " + t.size());
        }
        fill(PyValues.dims(t.get(at), "a numpy array's shape"), t.get(at + 1),
                PyValues.bool(t.get(at + 2), "a numpy array's is_fortran"), t.get(at + 3));
    }

    private void fill(int[] dims, Object dtype, boolean isFortran, Object raw) {
        if (!(dtype instanceof NumpyDescr d)) {
            throw new PickleException("a numpy array's dtype must be a numpy.dtype, got " + PyValues.describe(dtype));
        }
        long n = Strided.count(dims);
        if (n < 0) {
            throw new PickleException("a numpy array of shape " + Arrays.toString(dims) + " is too large");
        }
        if (raw instanceof List<?> items) {
            // An object array: its items were unpickled through the same allow-list, but are not numbers.
            objects = true;
        } else if (raw instanceof PyBytes b) {
            data = b.data();
        } else if (raw instanceof String s) {
            // Python 2 pickles may carry the data as text: a copy, so it is charged.
            budget.charge(s.length(), "a numpy array's data");
            data = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        } else {
            throw new PickleException("a numpy array's data must be bytes, got " + PyValues.describe(raw));
        }
        DType type = d.dtype();
        if (data != null && type != null && data.length != n * type.itemSize()) {
            throw new PickleException("a numpy array of shape " + Arrays.toString(dims) + " and dtype " + d.descr()
                    + " needs " + n * type.itemSize() + " bytes of data, the pickle has " + data.length);
        }
        shape = dims;
        descr = d;
        fortran = isFortran;
    }

    /** The element type, or null when it is not one tensorgrade reads as numbers (or BUILD never came). */
    DType dtype() {
        return shape == null || objects ? null : descr.dtype();
    }

    /** The shape; only for an array whose {@link #dtype()} is not null. */
    int[] shape() {
        return shape.clone();
    }

    /** E.g. {@code <u1}, for messages. */
    String descr() {
        return shape == null ? "an unbuilt array" : objects ? "object" : descr.descr();
    }

    /** The raw bytes of a C-order uint8 array (not copied), or null when it is something else. */
    byte[] uint8Data() {
        boolean c = shape != null && (!fortran || shape.length <= 1);
        return dtype() == DType.UINT8 && c ? data : null;
    }

    /** The values as doubles, charged to {@code budget}; the caller has checked {@link #dtype()}. */
    Tensor toTensor(Budget budget, String what) {
        DType type = dtype();
        budget.charge(8L * Strided.count(shape), what);
        ByteBuffer buf = ByteBuffer.wrap(data).order(descr.order());
        long[] strides = fortran ? Strided.fortran(shape) : Strided.contiguous(shape);
        return Tensor.wrap(Strided.gather(buf, type, 0, shape, strides), shape);
    }

    @Override
    public String toString() {
        return shape == null ? "an unbuilt numpy array" : "a numpy array " + descr() + " " + Arrays.toString(shape);
    }
}
