package io.tensorgrade.grader.sandbox.wire;

import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Python harness shipped in the jar ({@code /harness/*.py}) and its digest. */
public final class HarnessFiles {
    /** The harness modules, in a fixed order (the digest depends on it). */
    static final List<String> NAMES = List.of("tg_common.py", "wire.py", "scan.py", "guard.py", "convert.py",
            "worker.py", "runner.py");
    private static final Map<String, byte[]> CONTENT = load();
    private static final String DIGEST = digestOf(CONTENT);

    private HarnessFiles() {
    }

    /** SHA-256 over the harness files; the sandbox image carries it as a label to detect a stale image. */
    public static String digest() {
        return DIGEST;
    }

    /** Writes the harness files into {@code dir} (created if needed), world-readable. */
    public static void extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : CONTENT.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            Permissions.readableTree(dir);
        } catch (IOException e) {
            throw new GraderException("cannot write the Python harness to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = HarnessFiles.class.getResourceAsStream("/harness/" + name)) {
                if (in == null) {
                    throw new GraderException("the grader jar lacks /harness/" + name + "; rebuild it with mvn package");
                }
                m.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new GraderException("cannot read /harness/" + name + " from the grader jar: " + e.getMessage(), e);
            }
        }
        return m;
    }

    private static String digestOf(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
