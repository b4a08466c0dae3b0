package io.tensorgrade.ref.io;

import java.nio.ByteOrder;
import java.util.List;

/**
 * A {@code numpy.dtype} built by a pickle: {@code numpy.dtype('f8', False, True)} followed by BUILD
 * with {@code (3, '<', None, None, None, -1, -1, 0)}. Types tensorgrade cannot read (strings, objects,
 * records) are kept as their type string and fail only when an array of them is used as numbers.
 */
final class NumpyDescr implements PyStateful {
    private final String typeString;
    private final DType dtype;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean structured;

    NumpyDescr(String typeString) {
        this.typeString = typeString;
        this.dtype = DType.fromNumpy(typeString);
    }

    /** {@code numpy.dtype(spec, align, copy)}. */
    static NumpyDescr create(List<Object> args) {
        PyValues.arity(args, 1, 3, "numpy.dtype");
        String spec = PyValues.string(args.get(0), "numpy.dtype's type");
        if (spec.length() > 40) {
            throw new PickleException("numpy.dtype's type '" + PickleText.shorten(spec) + "' is too long");
        }
        // The pickle names the type without byte order ('f8'); a '<' or '>' prefix is tolerated.
        if (spec.startsWith("<") || spec.startsWith("|") || spec.startsWith("=")) {
            return new NumpyDescr(spec.substring(1));
        }
        if (spec.startsWith(">")) {
            NumpyDescr d = new NumpyDescr(spec.substring(1));
            d.order = ByteOrder.BIG_ENDIAN;
            return d;
        }
        return new NumpyDescr(spec);
    }

    @Override
    public void setState(Object state) {
        PyTuple t = PyValues.tuple(state, "the state of numpy.dtype");
        if (t.size() < 8 || t.size() > 9) {
            throw new PickleException("the state of numpy.dtype must have 8 or 9 items, got " + t.size());
        }
        String endian = PyValues.string(t.get(1), "numpy.dtype's byte order");
        switch (endian) {
            case "<", "|", "=" -> order = ByteOrder.LITTLE_ENDIAN;
            case ">" -> order = ByteOrder.BIG_ENDIAN;
            default -> throw new PickleException("numpy.dtype's byte order '" + PickleGlobals.printable(endian)
                    + "' is not one of <, >, |, =");
        }
        // A subarray or named fields make it a structured type: never numbers for a tensor.
        structured = t.get(2) != null || t.get(3) != null || t.get(4) != null;
    }

    /** The element type, or null when this is not a plain numeric type tensorgrade reads. */
    DType dtype() {
        return structured ? null : dtype;
    }

    ByteOrder order() {
        return order;
    }

    /** E.g. {@code <f4}, for messages. */
    String descr() {
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + PickleGlobals.printable(typeString)
                + (structured ? " (structured)" : "");
    }

    @Override
    public String toString() {
        return "numpy.dtype('" + descr() + "')";
    }
}
