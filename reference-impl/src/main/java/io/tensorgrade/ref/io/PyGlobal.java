package io.tensorgrade.ref.io;

import java.util.List;

/**
 * A name a pickle referred to with GLOBAL or STACK_GLOBAL that the allow-list accepted, e.g.
 * {@code collections.OrderedDict}. {@code function} is the Java code that stands in for calling it;
 * null for names that may only be passed around (a storage type, {@code numpy.ndarray}).
 */
record PyGlobal(String module, String name, Function function) {

    /** Java code standing in for a Python callable; it validates its arguments and never runs Python. */
    @FunctionalInterface
    interface Function {
        Object call(List<Object> args);
    }

    /** The dotted name, e.g. {@code torch._utils._rebuild_tensor_v2}. */
    String dotted() {
        return module + "." + name;
    }

    /** Calls the stand-in, or fails when the name may not be called. */
    Object call(List<Object> args) {
        if (function == null) {
            throw new PickleException("calls " + dotted() + ", which may only be referred to, not called");
        }
        return function.call(args);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
