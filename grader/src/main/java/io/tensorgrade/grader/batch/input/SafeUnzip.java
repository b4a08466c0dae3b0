package io.tensorgrade.grader.batch.input;

import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Unpacks a zip that came from students (through a TA) into a folder, refusing anything that could write
 * outside it or fill the disk: traversal and absolute names, links, control characters, duplicates, too
 * many entries, too many bytes, and compression ratios only a zip bomb has. Every name is checked before
 * anything is written, so a refused zip leaves at most the partial unpack of the good entries before a
 * size limit was hit, and only inside the target.
 */
final class SafeUnzip {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_TOTAL_BYTES = 2L << 30;
    static final long MAX_ENTRY_BYTES = 512L << 20;
    /** Below this many inflated bytes an entry's ratio is not judged: small text files compress well. */
    static final long RATIO_FLOOR_BYTES = 1L << 20;
    static final int MAX_RATIO = 200;

    /** The limits of one unpack; tests lower them to build hostile zips of a few bytes. */
    record Limits(int maxEntries, long maxTotalBytes, long maxEntryBytes, long ratioFloorBytes, int maxRatio) {
        static final Limits DEFAULT = new Limits(MAX_ENTRIES, MAX_TOTAL_BYTES, MAX_ENTRY_BYTES, RATIO_FLOOR_BYTES,
                MAX_RATIO);

        Limits {
            if (maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || ratioFloorBytes < 0 || maxRatio < 1) {
                throw new IllegalArgumentException("zip limits must be positive: " + maxEntries + ", "
                        + maxTotalBytes + ", " + maxEntryBytes + ", " + ratioFloorBytes + ", " + maxRatio);
            }
        }
    }

    /** Names that start with a drive letter ({@code C:}) are absolute on Windows. */
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final String FIX_REZIP = "re-create the zip from the submission folders";

    /** An entry and the path it unpacks to, relative to the target with '/' separators. */
    private record Planned(ZipArchiveEntry entry, String path) {
    }

    private final Limits limits;

    SafeUnzip(Limits limits) {
        this.limits = limits;
    }

    /** Unpacks {@code zip} into {@code target}, an existing empty folder. */
    void unzip(Path zip, Path target) {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip)) {
            List<ZipArchiveEntry> entries = Collections.list(zf.getEntriesInPhysicalOrder());
            if (entries.size() > limits.maxEntries()) {
                throw new GraderException("Refused " + zip + ": it has " + entries.size() + " entries, more than the "
                        + limits.maxEntries() + " allowed; split the class into several zips or unzip it yourself.");
            }
            List<Planned> plan = plan(zip, zf, entries);
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Planned p : plan) {
                Path out = root.resolve(p.path()).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    // plan() already refused such names; this is the check that does not depend on parsing them
                    throw refuse(zip, p.entry(), "points outside the folder it unpacks into", FIX_REZIP);
                }
                try {
                    if (p.entry().isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        total = copy(zip, zf, p.entry(), out, total, buffer);
                    }
                } catch (IOException e) {
                    throw new GraderException("Cannot unpack entry '" + printable(p.entry().getName()) + "' of " + zip
                            + " into " + root + ": " + e.getMessage() + "; check the disk space and permissions.", e);
                }
            }
        } catch (IOException e) {
            throw new GraderException("Cannot read " + zip + " as a zip: " + e.getMessage()
                    + "; check that the file is complete (download it again).", e);
        }
    }

    /** Checks every entry before anything is written; returns those to unpack ({@code __MACOSX} is not). */
    private List<Planned> plan(Path zip, ZipFile zf, List<ZipArchiveEntry> entries) {
        List<Planned> plan = new ArrayList<>();
        Set<String> files = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        Set<String> explicitDirs = new HashSet<>();
        for (ZipArchiveEntry e : entries) {
            String path = relativePath(zip, e);
            if (e.isUnixSymlink()) {
                throw refuse(zip, e, "is a symbolic link", "zip the files themselves (without zip's -y/--symlinks)");
            }
            if (!zf.canReadEntryData(e)) {
                throw refuse(zip, e, "is encrypted or compressed with a method that cannot be read (method "
                        + e.getMethod() + ")", "re-create the zip without a password, with ordinary deflate");
            }
            if (!e.isDirectory() && e.getSize() > limits.maxEntryBytes()) {
                throw refuse(zip, e, "says it holds " + e.getSize() + " bytes, more than the " + limits.maxEntryBytes()
                        + " allowed for one file", "leave large files out of the zip");
            }
            if (path.isEmpty()) {
                continue; // "./": the root itself
            }
            boolean fresh = e.isDirectory() ? explicitDirs.add(path) : files.add(path);
            if (!fresh) {
                throw refuse(zip, e, "appears twice in the zip", FIX_REZIP);
            }
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                dirs.add(path.substring(0, slash));
            }
            if (!path.equals("__MACOSX") && !path.startsWith("__MACOSX/")) {
                plan.add(new Planned(e, path)); // Finder's resource forks: never graded, not worth the disk
            }
        }
        dirs.addAll(explicitDirs);
        for (Planned p : plan) {
            if (!p.entry().isDirectory() && dirs.contains(p.path())) {
                throw refuse(zip, p.entry(), "is both a file and a folder in the zip", FIX_REZIP);
            }
        }
        return plan;
    }

    /** The entry's path relative to the target, '/'-separated, or a refusal when it could leave the target. */
    private static String relativePath(Path zip, ZipArchiveEntry e) {
        String name = e.getName();
        if (name.isEmpty()) {
            throw refuse(zip, e, "has an empty name", FIX_REZIP);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refuse(zip, e, "has a control character (" + String.format("\\u%04x", (int) c)
                        + ") in its name", "rename the file and zip it again");
            }
        }
        // Zips made on Windows may separate folders with '\'; read it as a separator so '..\x' is caught too.
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || DRIVE.matcher(slashed).find()) {
            throw refuse(zip, e, "has an absolute path", FIX_REZIP + " with relative paths");
        }
        List<String> parts = new ArrayList<>();
        for (String part : slashed.split("/")) {
            if (part.equals("..")) {
                throw refuse(zip, e, "points outside the folder it unpacks into (zip slip)", FIX_REZIP);
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** Copies one entry, counting the bytes actually inflated: the sizes in the headers are the zip's word only. */
    private long copy(Path zip, ZipFile zf, ZipArchiveEntry e, Path out, long total, byte[] buffer)
            throws IOException {
        long written = 0;
        try (InputStream in = zf.getInputStream(e);
             OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                total += n;
                if (written > limits.maxEntryBytes()) {
                    throw refuse(zip, e, "inflates to more than the " + limits.maxEntryBytes()
                            + " bytes allowed for one file", "leave large files out of the zip");
                }
                if (total > limits.maxTotalBytes()) {
                    throw refuse(zip, e, "takes the unpacked zip past the " + limits.maxTotalBytes()
                            + " bytes allowed in all", "split the class into several zips");
                }
                long compressed = Math.max(1, in instanceof InputStreamStatistics s
                        ? s.getCompressedCount() : e.getCompressedSize());
                if (written > limits.ratioFloorBytes() && written > limits.maxRatio() * compressed) {
                    throw refuse(zip, e, "inflates more than " + limits.maxRatio() + " times its compressed size"
                            + " (" + compressed + " bytes to over " + written + "), as zip bombs do",
                            "zip the submissions again; a real file of this kind does not compress so well");
                }
                os.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static GraderException refuse(Path zip, ZipArchiveEntry e, String why, String fix) {
        return new GraderException("Refused " + zip + ": entry '" + printable(e.getName()) + "' " + why + "; " + fix
                + ".");
    }

    /** The name with control characters spelled out, so a message never carries a NUL or an escape sequence. */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
