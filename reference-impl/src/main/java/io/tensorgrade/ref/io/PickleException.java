package io.tensorgrade.ref.io;

/**
 * A pickle that cannot or may not be loaded. Thrown inside the pickle machine and its allow-listed
 * constructors without the file name; {@link SafeUnpickler} adds the name and turns it into a
 * {@link io.tensorgrade.ref.RefException}.
 */
final class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when the message continues the file name as a sentence ("data.pkl refers to ..."). */
    private final boolean continuesName;

    PickleException(String message) {
        this(message, false);
    }

    PickleException(String message, boolean continuesName) {
        super(message);
        this.continuesName = continuesName;
    }

    boolean continuesName() {
        return continuesName;
    }
}
