package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive (PyTorch checkpoint, {@code .npz}) read with bounded memory: entries are looked up by
 * name and never extracted to disk, sizes in the headers are not trusted, and every byte inflated is
 * charged to the {@link Budget} as it arrives (a zip bomb fails at the limit, not after).
 */
final class ZipArchive implements Closeable {
    /** More entries than any checkpoint has (one per storage); the central directory is read in full. */
    static final int MAX_ENTRIES = 100_000;

    private final ZipFile zip;
    private final String file;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private ZipArchive(ZipFile zip, String file) {
        this.zip = zip;
        this.file = file;
    }

    /** Opens {@code path}; a truncated or corrupt archive fails with a message naming it. */
    static ZipArchive open(Path path) {
        String file = path.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (NoSuchFileException e) {
            throw new RefException(file + ": no such file", e);
        } catch (ZipException e) {
            throw new RefException(file + ": not a readable zip archive (truncated or corrupt: " + e.getMessage()
                    + ")", e);
        } catch (IOException e) {
            throw new RefException(file + ": cannot read: " + e.getMessage(), e);
        }
        ZipArchive archive = new ZipArchive(zip, file);
        try {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (archive.entries.size() >= MAX_ENTRIES) {
                    throw new RefException(file + ": more than " + MAX_ENTRIES + " entries in the zip archive");
                }
                archive.entries.putIfAbsent(e.getName(), e);
            }
        } catch (RuntimeException e) {
            archive.close();
            throw e instanceof RefException r ? r
                    : new RefException(file + ": corrupt zip archive (" + e.getMessage() + ")", e);
        }
        return archive;
    }

    /** The entry names in archive order (the first of duplicates). */
    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The whole entry, at most {@code max} bytes; longer entries fail naming {@code what}. */
    byte[] read(String name, long max, Budget budget, String what) {
        ZipEntry entry = entry(name);
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > max) {
                    throw new RefException(file + ": " + what + " (" + name + ") is larger than the "
                            + Budget.human(max) + " allowed");
                }
                budget.charge(n, what + " (" + name + ")");
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw corrupt(name, e);
        }
    }

    /** Exactly {@code size} bytes of the entry (a storage whose size the pickle gave); charged first. */
    byte[] readExactly(String name, long size, Budget budget, String what) {
        ZipEntry entry = entry(name);
        if (size > Integer.MAX_VALUE - 8) {
            throw new RefException(file + ": " + what + " (" + name + ") of " + size + " bytes is too large");
        }
        budget.charge(size, what + " (" + name + ")");
        byte[] out = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int got = in.readNBytes(out, 0, out.length);
            if (got < out.length) {
                throw new RefException(file + ": " + what + " (" + name + ") has " + got + " bytes, "
                        + size + " expected (truncated file?)");
            }
            if (in.read() >= 0) {
                throw new RefException(file + ": " + what + " (" + name + ") is longer than the " + size
                        + " bytes expected");
            }
            return out;
        } catch (IOException e) {
            throw corrupt(name, e);
        }
    }

    private ZipEntry entry(String name) {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new RefException(file + ": the zip archive has no entry " + name);
        }
        return entry;
    }

    private RefException corrupt(String name, IOException e) {
        return new RefException(file + ": entry " + name + " is truncated or corrupt (" + e.getMessage() + ")", e);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
