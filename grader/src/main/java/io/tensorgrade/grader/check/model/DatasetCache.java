package io.tensorgrade.grader.check.model;

import io.tensorgrade.ref.io.ImageDataset;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data sets read once per process and kept while memory allows: batch regrading scores hundreds of
 * checkpoints on the same 10,000 images, and reading CIFAR-10's test batch costs more than scoring a
 * small network on it. A file changed on disk (size or modification time) is read again.
 */
final class DatasetCache {
    private static final Map<List<Object>, SoftReference<ImageDataset>> CACHE = new ConcurrentHashMap<>();

    private DatasetCache() {
    }

    /** The data set in {@code located}, read by {@code spec}, from the cache when unchanged. */
    static ImageDataset get(DatasetSpec spec, List<Path> located) {
        List<Object> key = new ArrayList<>(List.of(spec.format(), String.valueOf(spec.split())));
        for (Path p : located) {
            key.add(p.toAbsolutePath().normalize().toString());
            key.add(stamp(p));
        }
        SoftReference<ImageDataset> ref = CACHE.get(key);
        ImageDataset cached = ref == null ? null : ref.get();
        if (cached != null) {
            return cached;
        }
        ImageDataset read = spec.read(located);
        CACHE.put(List.copyOf(key), new SoftReference<>(read));
        return read;
    }

    /** Size and modification time of a file, or of a folder's files (CIFAR-10 is a folder of batches). */
    private static String stamp(Path p) {
        try {
            if (!Files.isDirectory(p)) {
                return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
            }
            StringBuilder sb = new StringBuilder();
            try (var files = Files.walk(p, 2)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sb.append(f.getFileName()).append(':').append(Files.size(f)).append('@')
                            .append(Files.getLastModifiedTime(f).toMillis()).append(';');
                }
            }
            return sb.toString();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
