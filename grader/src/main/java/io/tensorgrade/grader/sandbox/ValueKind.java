package io.tensorgrade.grader.sandbox;

/** What the harness should make of one returned value. */
public enum ValueKind {
    /** Must be a tensor (numpy array, torch tensor, number, rectangular list), sent back as .npy. */
    TENSOR("tensor"),
    /** Must be a JSON value (numbers, strings, lists, dicts with string keys). */
    JSON("json"),
    /** A tensor when it looks like one, else JSON, else an error naming the type. */
    ANY("any"),
    /**
     * Builtin Python values (None, bool, int, float, str, list, tuple, dict with keys of any of these), sent
     * back as tagged JSON that keeps tuples and int keys apart; arrives as a {@link ReturnedValue.JsonValue} to be
     * read with {@link PyValue#fromWire}.
     */
    PYTHON("python"),
    /** Stays inside the sandbox for later steps (a forward pass's cache); nothing comes back. */
    KEEP("keep");

    private final String wire;

    ValueKind(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
