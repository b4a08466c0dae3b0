package io.tensorgrade.grader.batch.input;

import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks a zip into a run's unpack folder so that a crash at any moment leaves either no unpack or a
 * complete one: the zip goes into a temporary sibling ({@code NAME.partial}) that holds a marker with the
 * zip's SHA-256 and is renamed into place last. A later run reuses a complete unpack of the same zip and
 * removes what an interrupted one left.
 */
final class ZipUnpack {

    /** Written last into a complete unpack; hidden, so that reading the class skips it. */
    static final String MARKER = ".tensorgrade-unpack";
    private static final String SHA_KEY = "sha256=";

    private ZipUnpack() {
    }

    /** Unpacks {@code zip} into {@code unpackDir} (or reuses the unpack already there) and returns it. */
    static Path unpack(Path zip, Path unpackDir, SafeUnzip unzip) {
        Path dir = unpackDir.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException("the unpack folder cannot be a root: " + dir);
        }
        String sha = sha256(zip);
        Path partial = sibling(dir, ".partial");
        Path stale = sibling(dir, ".stale");
        try {
            deleteTree(partial); // an interrupted unpack
            deleteTree(stale); // an old unpack whose removal was interrupted
            if (sha.equals(markedSha(dir))) {
                return dir;
            }
            if (Files.exists(dir) && markedSha(dir) == null && !isEmptyFolder(dir)) {
                throw new GraderException("The unpack folder " + dir + " exists but was not made by tensorgrade"
                        + " (it has no " + MARKER + "); move it away or use another run folder.");
            }
            Files.createDirectories(partial);
            try {
                unzip.unzip(zip, partial);
                Files.writeString(partial.resolve(MARKER), SHA_KEY + sha + "\nzip=" + zip.toAbsolutePath() + "\n",
                        StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                deleteTree(partial);
                throw e;
            }
            if (Files.exists(dir)) {
                // Moved aside in one step, so that no crash leaves a half-deleted folder under the real name.
                Files.move(dir, stale, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(stale);
            return dir;
        } catch (IOException | UncheckedIOException e) {
            throw new GraderException("Cannot unpack " + zip + " into " + dir + ": " + e.getMessage()
                    + "; check the disk space and the permissions of " + dir.getParent() + ".", e);
        }
    }

    /** The SHA-256 recorded in {@code dir}'s marker, or null when there is no readable marker. */
    static String markedSha(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        return lines.stream().filter(l -> l.startsWith(SHA_KEY)).map(l -> l.substring(SHA_KEY.length()).strip())
                .findFirst().orElse(null);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading is what feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new GraderException("Cannot read " + file + ": " + e.getMessage() + "; check that it exists and"
                    + " is readable.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Deletes {@code root} and everything below it; links are deleted, never followed. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
