package io.tensorgrade.grader.batch.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips for the tests, written with commons-compress, which (unlike java.util.zip) lets a test write the
 * names, duplicates and links an attacker would.
 */
final class TestZips {

    /** One entry: a file, a folder (name ends in '/') or, with a link mode, a symbolic link to {@code data}. */
    record Item(String name, byte[] data, int unixMode) {
        static Item file(String name, String text) {
            return new Item(name, text.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Item file(String name, byte[] data) {
            return new Item(name, data, 0);
        }

        static Item link(String name, String target) {
            return new Item(name, target.getBytes(StandardCharsets.UTF_8), 0120777);
        }
    }

    private TestZips() {
    }

    static Path write(Path zip, List<Item> items) {
        try {
            Files.createDirectories(zip.getParent());
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
                for (Item item : items) {
                    ZipArchiveEntry e = new ZipArchiveEntry(item.name());
                    if (item.unixMode() != 0) {
                        e.setUnixMode(item.unixMode());
                    }
                    out.putArchiveEntry(e);
                    out.write(item.data());
                    out.closeArchiveEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips every file under {@code dir}, each named {@code prefix} + its path below {@code dir}. */
    static Path ofTree(Path dir, String prefix, Path zip) {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = prefix + dir.relativize(p).toString().replace('\\', '/');
                items.add(Item.file(name, Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(zip, items);
    }

    /**
     * Rewrites the uncompressed size that a one-entry zip's local header and central directory record give,
     * so that the zip lies about how much it inflates to.
     */
    static void understateSize(Path zip, int size) {
        try {
            byte[] b = Files.readAllBytes(zip);
            putInt(b, 22, size); // local file header: uncompressed size
            for (int i = b.length - 46; i >= 0; i--) {
                if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                    putInt(b, i + 24, size); // central directory record: uncompressed size
                    break;
                }
            }
            Files.write(zip, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Every regular file below {@code root}, relative and sorted: what a test checks was (not) written. */
    static List<String> filesUnder(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
