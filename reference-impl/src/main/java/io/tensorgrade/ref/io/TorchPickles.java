package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch names a checkpoint pickle may use: tensor and parameter rebuilders, storage types (as
 * persistent ids), plus plain data and numpy. A tensor is materialized when it is rebuilt: its view
 * (offset, size, stride) is checked against its storage and its size charged to the {@link Budget}
 * first, so a view of 10^10 elements over one stored float fails before any allocation.
 */
final class TorchPickles {
    static final String USER = "a checkpoint";
    static final String ALLOWED = "only tensors and dicts are allowed";

    /** Supplies the bytes of a storage, in the archive's byte order. */
    @FunctionalInterface
    interface StorageSource {
        ByteBuffer bytes(String key, DType dtype, long numel);
    }

    private TorchPickles() {
    }

    /** The allow-list for checkpoints. */
    static PickleGlobals globals(Budget budget) {
        PickleGlobals g = PickleGlobals.data(USER, ALLOWED, TorchPickles::hint, budget);
        NumpyPickles.register(g, budget);
        g.add("torch._utils", "_rebuild_tensor_v2", args -> rebuildTensor(args, 6, 7, budget));
        g.add("torch._utils", "_rebuild_tensor", args -> rebuildTensor(args, 4, 4, budget));
        g.add("torch._utils", "_rebuild_parameter", args -> parameter(args, 3));
        g.add("torch._utils", "_rebuild_parameter_with_state", args -> parameter(args, 4));
        g.add("torch._tensor", "_rebuild_from_type_v2", TorchPickles::fromType);
        g.add("torch", "Size", args -> {
            PyValues.arity(args, 1, 1, "torch.Size");
            return PyValues.tuple(args.get(0), "torch.Size's argument");
        });
        g.add("torch", "Tensor", null);
        g.add("torch.nn.parameter", "Parameter", null);
        for (String storage : List.of("DoubleStorage", "FloatStorage", "HalfStorage", "BFloat16Storage",
                "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage")) {
            g.add("torch", storage, null);
        }
        return g;
    }

    /**
     * The persistent-id loader: {@code ('storage', type, key, location, numel[, view_metadata])}; each
     * storage is created once, with the bytes {@code source} gives (null: attached later), in {@code loaded}.
     */
    static PickleMachine.PersistentLoader storages(StorageSource source, Map<String, TorchStorage> loaded) {
        return pid -> {
            PyTuple t = PyValues.tuple(pid, "a persistent id");
            if (t.size() < 5 || t.size() > 6 || !"storage".equals(t.get(0))) {
                throw new PickleException("a persistent id must be ('storage', type, key, location, numel), got "
                        + PyValues.describe(pid) + (t.size() > 0 ? " starting with " + PyValues.describe(t.get(0)) : ""));
            }
            if (t.size() == 6 && t.get(5) != null) {
                throw new PickleException("storage views (legacy view_metadata) are not supported");
            }
            DType dtype = t.get(1) instanceof PyGlobal g ? DType.fromTorchStorage(g.name()) : null;
            if (dtype == null) {
                throw new PickleException("storage type " + PyValues.describe(t.get(1)) + " is not supported");
            }
            String key = PyValues.string(t.get(2), "a storage key");
            if (!key.matches("[A-Za-z0-9_]{1,64}")) {
                throw new PickleException("storage key '" + PickleGlobals.printable(key) + "' is not a plain name");
            }
            long numel = PyValues.integer(t.get(4), "storage " + key + "'s size");
            if (numel < 0 || numel > Integer.MAX_VALUE / 8) {
                throw new PickleException("storage " + key + " has an impossible size " + numel);
            }
            TorchStorage s = loaded.get(key);
            if (s == null) {
                s = new TorchStorage(key, dtype, numel, source.bytes(key, dtype, numel));
                loaded.put(key, s);
            } else if (s.dtype() != dtype || s.numel() != numel) {
                throw new PickleException("storage " + key + " is used as " + s.numel() + " " + s.dtype().torchName()
                        + " and as " + numel + " " + dtype.torchName());
            }
            return s;
        };
    }

    private static String hint(String module) {
        boolean model = module.equals("__main__") || module.startsWith("torch.nn.modules")
                || module.startsWith("__torch__");
        return model ? " (this looks like a whole model: save model.state_dict() instead)" : "";
    }

    private static TorchTensor rebuildTensor(List<Object> args, int min, int max, Budget budget) {
        PyValues.arity(args, min, max, "_rebuild_tensor_v2");
        if (!(args.get(0) instanceof TorchStorage storage)) {
            throw new PickleException("a tensor's storage must be a storage, got " + PyValues.describe(args.get(0)));
        }
        long offset = PyValues.integer(args.get(1), "a tensor's storage offset");
        int[] size = PyValues.dims(args.get(2), "a tensor's size");
        int[] stride = PyValues.dims(args.get(3), "a tensor's stride");
        if (stride.length != size.length) {
            throw new PickleException("a tensor of size " + Arrays.toString(size) + " has stride "
                    + Arrays.toString(stride) + " of another length");
        }
        long n = Strided.count(size);
        if (n < 0) {
            throw new PickleException("a tensor of size " + Arrays.toString(size) + " is too large");
        }
        long[] strides = Arrays.stream(stride).asLongStream().toArray();
        long extent = offset < 0 || offset > Integer.MAX_VALUE ? -1 : Strided.extent(offset, size, strides);
        if (extent < 0 || extent > storage.numel()) {
            throw new PickleException("a tensor of size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride)
                    + " and offset " + offset + " reaches past the end of storage " + storage.key() + " ("
                    + storage.numel() + " elements)");
        }
        budget.charge(8 * n, "a tensor of size " + Arrays.toString(size));
        return new TorchTensor(storage, offset, size, strides);
    }

    private static Object parameter(List<Object> args, int arity) {
        PyValues.arity(args, arity, arity, "_rebuild_parameter");
        if (!(args.get(0) instanceof TorchTensor t)) {
            throw new PickleException("a parameter's data must be a tensor, got " + PyValues.describe(args.get(0)));
        }
        return t;
    }

    /** {@code _rebuild_from_type_v2(func, type, args, state)}: a tensor (subclass) with Python attributes. */
    private static Object fromType(List<Object> args) {
        PyValues.arity(args, 4, 4, "_rebuild_from_type_v2");
        if (!(args.get(0) instanceof PyGlobal func) || !(args.get(1) instanceof PyGlobal)) {
            throw new PickleException("_rebuild_from_type_v2 needs a function and a type, got "
                    + PyValues.describe(args.get(0)) + " and " + PyValues.describe(args.get(1)));
        }
        Object result = func.call(PyValues.tuple(args.get(2), "_rebuild_from_type_v2's arguments").items());
        if (!(result instanceof TorchTensor)) {
            throw new PickleException("_rebuild_from_type_v2 may only rebuild tensors, not " + PyValues.describe(result));
        }
        return result;
    }
}
