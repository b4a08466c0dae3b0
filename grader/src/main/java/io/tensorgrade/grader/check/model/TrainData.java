package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.DataUnavailableException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training split a training part exposes to the student's script: a folder (relative to {@code --data},
 * else to the rubric, as for {@link DatasetSpec}) and which of its files, by glob; only those files enter the
 * sandbox, flat, under their own names.
 *
 * @param path  the folder (or a single file)
 * @param globs file-name patterns such as {@code data_batch_*}; empty for every regular file in the folder
 */
record TrainData(String path, List<String> globs) {
    TrainData {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        globs = List.copyOf(globs);
    }

    /** The files, by the name the script sees; throws DataUnavailableException when absent or empty. */
    Map<String, Path> locate(Path rubricDir, Path dataDir) {
        Path found = DatasetSpec.locate(List.of(path), "the training data " + path, rubricDir, dataDir).get(0);
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.isRegularFile(found)) {
            out.put(found.getFileName().toString(), found);
            return out;
        }
        List<PathMatcher> matchers = globs.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try (Stream<Path> s = Files.list(found)) {
            for (Path f : s.sorted().toList()) {
                if (Files.isRegularFile(f) && (matchers.isEmpty()
                        || matchers.stream().anyMatch(m -> m.matches(f.getFileName())))) {
                    out.put(f.getFileName().toString(), f);
                }
            }
        } catch (IOException e) {
            throw new DataUnavailableException("cannot list the training data " + found + ": "
                    + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new DataUnavailableException("no file in " + found + " matches " + globs);
        }
        return out;
    }

    /** "cifar-10-batches-py (data_batch_*, batches.meta)". */
    String describe() {
        return path + (globs.isEmpty() ? "" : " (" + String.join(", ", globs) + ")");
    }
}
