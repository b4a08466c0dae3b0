package io.tensorgrade.grader.sandbox.wire;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * File modes and owners for the job folders. Student code may run under another uid (the process
 * sandbox drops root to nobody), so what it must read is world-readable and nothing else is writable.
 */
public final class Permissions {
    public static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private Permissions() {
    }

    /** Folders rwxr-xr-x, files rw-r--r--, no links followed. */
    static void readableTree(Path root) throws IOException {
        if (!POSIX) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        for (Path p : all) {
            if (Files.isSymbolicLink(p)) {
                continue;
            }
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** The files directly in {@code dir} r--r--r-- (the folder stays the owner's, so the job can be deleted). */
    static void readOnlyFiles(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
                }
            }
        }
    }

    /** rwx--x--x: others may pass through to the folders inside but not list them. */
    public static void traversable(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    /** rwx------: only the runner (root, or this user) reads and writes the results. */
    public static void privateDir(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Gives a folder to another uid (only root can), mode rwx------. */
    public static void giveTo(Path dir, int uid) throws IOException {
        Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** The uid of this JVM (from the owner of /proc/self), or -1 when unknown. */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
