package io.tensorgrade.ref;

/**
 * An invalid argument or state in the reference implementation. The message names the
 * argument and its value, e.g. {@code conv2d: groups=3 does not divide in_channels=4}.
 */
public class RefException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefException(String message) {
        super(message);
    }

    public RefException(String message, Throwable cause) {
        super(message, cause);
    }
}
