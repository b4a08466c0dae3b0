package io.tensorgrade.grader.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Debian mirror this machine's apt uses, for debootstrap. */
final class AptMirror {
    static final String FALLBACK = "http://deb.debian.org/debian";

    private AptMirror() {
    }

    /**
     * The first main-archive URI in {@code sources.list.d/*.sources} (deb822) or
     * {@code sources.list} / {@code sources.list.d/*.list}, skipping security and updates archives.
     */
    static String detect(Path aptDir) {
        List<Path> files = new ArrayList<>();
        Path d = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(d)) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".sources") || p.toString().endsWith(".list")).sorted()
                        .forEach(files::add);
            } catch (IOException ignored) {
                // fall through to sources.list
            }
        }
        files.add(aptDir.resolve("sources.list"));
        for (Path f : files) {
            String uri = firstUri(f);
            if (uri != null) {
                return uri;
            }
        }
        return FALLBACK;
    }

    static String firstUri(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return null;
        }
        for (String raw : lines) {
            String line = raw.strip();
            String candidate = null;
            if (line.startsWith("URIs:")) {
                String[] uris = line.substring(5).strip().split("\\s+");
                candidate = uris.length > 0 ? uris[0] : null;
            } else if (line.startsWith("deb ")) {
                for (String w : line.substring(4).strip().split("\\s+")) {
                    if (w.contains("://")) {
                        candidate = w;
                        break;
                    }
                }
            }
            if (candidate != null && candidate.contains("://") && !candidate.contains("security")) {
                return candidate;
            }
        }
        return null;
    }
}
