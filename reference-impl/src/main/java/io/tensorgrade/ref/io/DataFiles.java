package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading whole data files with a size limit and messages that name the file. */
final class DataFiles {
    private DataFiles() {
    }

    /** All bytes of {@code file}, which may hold at most {@code max}. */
    static byte[] readAll(Path file, long max) {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw new RefException(file + ": " + Budget.human(size) + " is larger than the " + Budget.human(max)
                        + " expected of this file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RefException(file + ": no such file", e);
        } catch (IOException e) {
            throw new RefException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A stream over {@code file}, decompressed when it starts with the gzip magic bytes (whatever its name). */
    static InputStream open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file));
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
        } catch (NoSuchFileException e) {
            throw new RefException(file + ": no such file", e);
        } catch (IOException e) {
            throw new RefException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Exactly {@code n} bytes from {@code in}, or a message that the file is truncated. */
    static byte[] readExactly(InputStream in, int n, Path file, String what) throws IOException {
        byte[] out = in.readNBytes(n);
        if (out.length < n) {
            throw new RefException(file + ": truncated: " + what + " needs " + n + " bytes, the file has " + out.length);
        }
        return out;
    }
}
