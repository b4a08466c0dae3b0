package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a regrade compares to know what changed: a submission's content hash (every file's path and bytes) and
 * each part's configuration hash (its rubric entry, the course files it names, and the data folder for parts
 * that score a model). SHA-256, hex.
 */
public final class Fingerprints {

    /** Course files larger than this are fingerprinted by size and time, not content (data sets). */
    static final long MAX_HASHED_BYTES = 64L << 20;

    private Fingerprints() {
    }

    /** The hash of every regular file under {@code dir} (relative path and content), in path order. */
    public static String submission(Path dir) {
        MessageDigest md = sha256();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> !p.equals(dir)).sorted().toList();
            for (Path p : files) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    update(md, "link " + rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    update(md, "file " + rel + " " + Files.size(p));
                    content(md, p);
                }
            }
        } catch (IOException e) {
            throw new GraderException("Cannot read the submission folder " + dir + ": " + e.getMessage(), e);
        }
        return hex(md);
    }

    /** Each part's configuration hash, by part id, in rubric order. */
    public static Map<String, String> parts(Rubric rubric, Path dataDir) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Part part : rubric.parts()) {
            MessageDigest md = sha256();
            update(md, part.entry().flow());
            files(md, rubric.dir(), part.entry());
            if (part.check().scoresModel()) {
                update(md, "data " + (dataDir == null ? "" : dataDir.toAbsolutePath().normalize()));
            }
            out.put(part.id(), hex(md));
        }
        return out;
    }

    /** Adds the course files the entry names (any text that is the path of a file next to the rubric). */
    private static void files(MessageDigest md, Path base, YamlNode node) {
        if (node instanceof YamlMap m) {
            m.keys().forEach(k -> files(md, base, m.get(k)));
        } else if (node instanceof YamlList l) {
            l.items().forEach(i -> files(md, base, i));
        } else if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && looksLikePath(s.text())) {
            Path p;
            try {
                p = base.resolve(s.text()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return;
            }
            try {
                if (Files.isRegularFile(p)) {
                    long size = Files.size(p);
                    update(md, "course " + s.text() + " " + size);
                    if (size <= MAX_HASHED_BYTES) {
                        content(md, p);
                    } else {
                        update(md, Files.getLastModifiedTime(p).toString());
                    }
                }
            } catch (IOException e) {
                update(md, "unreadable " + s.text());
            }
        }
    }

    private static boolean looksLikePath(String text) {
        return text.length() < 512 && (text.contains("/") || text.contains(".")) && !text.contains("\n");
    }

    private static void content(MessageDigest md, Path p) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
