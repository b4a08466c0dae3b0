package io.tensorgrade.grader.sandbox.wire;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads a {@code .npy} file that came out of the sandbox, trusting nothing: a regular file (no
 * link), a size limit before reading, a version 1.0 header of at most 4 KiB, the dtypes of
 * {@link Npy#READABLE} only (never objects, so nothing is ever unpickled), C order, at most 16 dims.
 */
final class NpyCheck {
    static final int MAX_HEADER = 4096;
    static final int MAX_DIMS = 16;

    private NpyCheck() {
    }

    /** The array, or an {@link IllegalArgumentException} whose message says what is wrong. */
    static NpyArray read(Path file, long maxBytes) {
        String name = String.valueOf(file.getFileName());
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(name + " is missing or not a regular file");
            }
            long size = Files.size(file);
            if (size > maxBytes + MAX_HEADER + 16) {
                throw new IllegalArgumentException(name + " has " + size + " bytes; at most " + maxBytes
                        + " bytes of data are accepted");
            }
            byte[] bytes = Files.readAllBytes(file);
            Npy.Preamble preamble = Npy.preamble(bytes, name);
            if (preamble.major() != 1 || preamble.minor() != 0) {
                throw new IllegalArgumentException(name + " is not a version 1.0 .npy file");
            }
            long headerLength = preamble.headerLength();
            if (headerLength > MAX_HEADER) {
                throw new IllegalArgumentException(name + " has a " + headerLength + "-byte header; at most "
                        + MAX_HEADER + " are accepted");
            }
            NpyArray a = Npy.read(bytes, name);
            if (a.shape().length > MAX_DIMS) {
                throw new IllegalArgumentException(name + " has " + a.shape().length + " dimensions; at most "
                        + MAX_DIMS + " are accepted");
            }
            return a;
        } catch (RefException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
