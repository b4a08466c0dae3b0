package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.sandbox.JsonSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Tar streams for moving a job into a container and its results out (Docker cannot copy into the
 * tmpfs of a read-only container, so both go through {@code tar} in an exec). Unpacking trusts
 * nothing: only regular files and folders, names of a known pattern, no "..", bounded sizes.
 */
final class TarFiles {
    /** Each part of out/stdout.txt, out/results/fwd.json, out/results/fwd.0.npy, scan/stdout, ... */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private TarFiles() {
    }

    /** A tar of everything under {@code dir}, paths relative to it, no links. */
    static byte[] pack(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes); Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : walk.sorted().toList()) {
                if (p.equals(dir) || Files.isSymbolicLink(p)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace('\\', '/');
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                TarArchiveEntry e = new TarArchiveEntry(isDir ? name + "/" : name);
                e.setMode(isDir ? 0755 : 0644);
                if (!isDir) {
                    e.setSize(Files.size(p));
                }
                tar.putArchiveEntry(e);
                if (!isDir) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Unpacks a tar into {@code into}, keeping only regular files and folders with safe names;
     * returns what was dropped, for notes.
     */
    static List<String> unpack(InputStream in, Path into, long maxFile, long maxTotal) throws IOException {
        List<String> dropped = new java.util.ArrayList<>();
        long total = 0;
        Files.createDirectories(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                String name = e.getName().replaceFirst("^\\./", "");
                if (name.isEmpty() || name.equals(".") || name.equals("./")) {
                    continue;
                }
                Path target = safeTarget(into, name);
                if (target == null || !(regular(e) || e.isDirectory())) {
                    dropped.add(JsonSupport.clip(name, 60) + (target == null ? " (name)" : " (not a regular file)"));
                    continue;
                }
                if (!regular(e)) {
                    Files.createDirectories(target);
                    continue;
                }
                if (e.getSize() > maxFile || total + e.getSize() > maxTotal) {
                    dropped.add(JsonSupport.clip(name, 60) + " (too large: " + e.getSize() + " bytes)");
                    continue;
                }
                total += e.getSize();
                Files.createDirectories(target.getParent());
                try (OutputStream o = Files.newOutputStream(target)) {
                    copy(tar, o, e.getSize());
                }
            }
        }
        return dropped;
    }

    /** commons-compress calls any non-folder entry a "file", links included; only real files pass here. */
    private static boolean regular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return !e.isDirectory() && !e.isSymbolicLink() && !e.isLink()
                && (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG);
    }

    private static Path safeTarget(Path root, String name) {
        String[] parts = name.replaceAll("/+$", "").split("/");
        if (parts.length > 3) {
            return null;
        }
        Path p = root;
        for (String part : parts) {
            if (!SAFE.matcher(part).matches() || part.equals("..")) {
                return null;
            }
            p = p.resolve(part);
        }
        return p.normalize().startsWith(root) ? p : null;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[65536];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
