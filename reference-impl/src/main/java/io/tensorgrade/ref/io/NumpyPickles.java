package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The numpy names a pickle may use: arrays ({@code _reconstruct} + {@code ndarray} + BUILD, or
 * {@code _frombuffer}), dtypes, and scalars such as a {@code np.float64} accuracy saved next to a
 * state_dict. Both the numpy 1.x ({@code numpy.core}) and 2.x ({@code numpy._core}) module names.
 */
final class NumpyPickles {
    private NumpyPickles() {
    }

    static void register(PickleGlobals g, Budget budget) {
        for (String core : List.of("numpy.core", "numpy._core")) {
            g.add(core + ".multiarray", "_reconstruct", args -> NdArray.reconstruct(args, budget));
            g.add(core + ".multiarray", "scalar", NumpyPickles::scalar);
            g.add(core + ".numeric", "_frombuffer", args -> NdArray.fromBuffer(args, budget));
        }
        g.add("numpy", "ndarray", null);
        g.add("numpy", "dtype", NumpyDescr::create);
    }

    /** {@code scalar(dtype, bytes)}: one number, as a Long, Double or Boolean. */
    private static Object scalar(List<Object> args) {
        PyValues.arity(args, 2, 2, "numpy scalar");
        if (!(args.get(0) instanceof NumpyDescr d) || d.dtype() == null) {
            throw new PickleException("numpy scalar of " + PyValues.describe(args.get(0))
                    + " is not a number tensorgrade reads");
        }
        byte[] raw = args.get(1) instanceof PyBytes b ? b.data()
                : args.get(1) instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
        DType type = d.dtype();
        if (raw == null || raw.length != type.itemSize()) {
            throw new PickleException("numpy scalar of " + d.descr() + " needs " + type.itemSize() + " bytes, got "
                    + PyValues.describe(args.get(1)));
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(d.order());
        return switch (type) {
            case BOOL -> raw[0] != 0;
            case INT64 -> buf.getLong(0);
            case INT32, INT16, INT8, UINT8 -> (long) type.read(buf, 0);
            default -> type.read(buf, 0);
        };
    }
}
