package io.tensorgrade.grader.cli;

/** A command-line mistake found after parsing (exit code 2), e.g. a malformed {@code --input 3,x,8}. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
