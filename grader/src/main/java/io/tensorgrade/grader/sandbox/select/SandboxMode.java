package io.tensorgrade.grader.sandbox.select;

import java.util.Locale;

/** The {@code --sandbox} choice. */
public enum SandboxMode {
    DOCKER,
    PROCESS,
    /** Docker when a daemon answers and the image is usable, else the process sandbox (saying why). */
    AUTO;

    /** Parses docker|process|auto, ignoring case. */
    public static SandboxMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--sandbox=" + s + " is not one of docker, process, auto");
        }
    }
}
