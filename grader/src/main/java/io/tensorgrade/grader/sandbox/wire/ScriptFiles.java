package io.tensorgrade.grader.sandbox.wire;

import io.tensorgrade.grader.sandbox.JsonSupport;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a script job on this machine: the student's folder copied (regular files only), the data
 * staged in a folder of its own (so that nothing else of the data set's folder is visible), and what the
 * script wrote collected back, trusting none of it.
 */
public final class ScriptFiles {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** Folders of an output tree that are looked into (out/checkpoints/model.pt is depth 2). */
    private static final int OUTPUT_DEPTH = 3;

    private ScriptFiles() {
    }

    /** Copies the regular files under {@code from} (no links, no __pycache__, at most {@code cap} bytes). */
    public static void copyCode(Path from, Path to, long cap) throws IOException {
        Files.createDirectories(to);
        long[] total = {0};
        Files.walkFileTree(from, java.util.Set.of(), 16, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && (dir.getFileName().toString().equals("__pycache__")
                        || dir.getFileName().toString().startsWith(".") || attrs.isSymbolicLink())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                total[0] += attrs.size();
                if (total[0] > cap) {
                    throw new IOException("the submission holds more than " + (cap >> 20) + " MiB");
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        Permissions.readableTree(to);
    }

    /**
     * Puts each data file into {@code to} under its name: a hard link when {@code link} (the sandbox mounts
     * it read-only) and the file system allows, else a copy.
     */
    public static void stageData(Map<String, Path> data, Path to, boolean link) throws IOException {
        Files.createDirectories(to);
        for (Map.Entry<String, Path> e : data.entrySet()) {
            Path target = to.resolve(e.getKey());
            Path source = e.getValue();
            if (!Files.isRegularFile(source)) {
                throw new IOException("the data file " + source + " is not a regular file");
            }
            boolean linked = false;
            if (link && worldReadable(source)) {
                try {
                    Files.createLink(target, source);
                    linked = true;
                } catch (IOException | UnsupportedOperationException ignored) {
                    // another file system: copy instead
                }
            }
            if (!linked) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                if (Permissions.POSIX) {
                    Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions
                            .fromString("r--r--r--"));
                }
            }
        }
        if (Permissions.POSIX) {
            Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
    }

    /** A hard link keeps the original's mode: link only files that any uid may read. */
    private static boolean worldReadable(Path p) {
        try {
            return !Permissions.POSIX || Files.getPosixFilePermissions(p)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Moves the regular files under {@code outDir} (safe names, at most {@value #OUTPUT_DEPTH} deep, each
     * at most {@code maxFile} bytes, links and the rest left behind with a note) into {@code into}; returns
     * them by relative name ({@code checkpoints/model.pt}).
     */
    public static Map<String, Path> collect(Path outDir, Path into, long maxFile, List<String> notes) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        Files.createDirectories(into);
        if (!Files.isDirectory(outDir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(outDir, OUTPUT_DEPTH)) {
            all = s.filter(p -> !p.equals(outDir)).sorted().toList();
        }
        for (Path p : all) {
            String name = outDir.relativize(p).toString().replace('\\', '/');
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                notes.add("output " + JsonSupport.clip(name, 60) + " was not collected: not a regular file");
                continue;
            }
            if (!java.util.Arrays.stream(name.split("/")).allMatch(part -> SAFE.matcher(part).matches())) {
                notes.add("output " + JsonSupport.clip(name, 60) + " was not collected: its name has unusual characters");
                continue;
            }
            long size = Files.size(p);
            if (size > maxFile) {
                notes.add("output " + name + " was not collected: " + size + " bytes, more than the limit of "
                        + maxFile);
                continue;
            }
            Path target = into.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            out.put(name, target);
        }
        return out;
    }

    /** "it exited with code 1: FileNotFoundError: ..." with the usual cause of a signal. */
    public static String exitReason(int code, String stderr) {
        String why = switch (code) {
            case 137 -> " (killed: the usual cause is the memory limit)";
            case 152 -> " (killed by the CPU-time limit)";
            case 153 -> " (killed by the file-size limit)";
            case 139 -> " (a segmentation fault)";
            default -> "";
        };
        String last = ScanReader.lastLine(stderr);
        return "it exited with code " + code + why + (last.isBlank() ? "" : ": " + last.strip());
    }
}
