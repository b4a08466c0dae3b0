package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.DataUnavailableException;
import io.tensorgrade.ref.io.Cifar10;
import io.tensorgrade.ref.io.ImageDataset;
import io.tensorgrade.ref.io.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The held-out set a part is graded on, as the rubric names it: CIFAR-10 ({@code path} to the extracted
 * folder or its parent, binary or Python layout, {@code split}) or MNIST ({@code images} and {@code labels}
 * IDX files, gzipped or not). Paths are relative to the rubric, or looked up in the data folder given with
 * {@code --data} when there is one (see {@link #locate}).
 *
 * @param format {@code cifar10} or {@code mnist}
 * @param paths  cifar10: the folder; mnist: the images file and the labels file
 * @param split  cifar10: which batches; null for mnist
 */
record DatasetSpec(Format format, List<String> paths, Cifar10.Split split) {

    /** The data set formats the accuracy check reads. */
    enum Format {
        CIFAR10("cifar10", 3, Cifar10.CLASSES),
        MNIST("mnist", 1, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

        final String id;
        final int channels;
        final List<String> classes;

        Format(String id, int channels, List<String> classes) {
            this.id = id;
            this.channels = channels;
            this.classes = classes;
        }
    }

    DatasetSpec {
        Objects.requireNonNull(format, "format");
        paths = List.copyOf(paths);
        if (paths.size() != (format == Format.MNIST ? 2 : 1)) {
            throw new IllegalArgumentException(format.id + ": paths=" + paths);
        }
    }

    /** Where the images are, e.g. "the CIFAR-10 test split (data/cifar-10-batches-py)". */
    String describe() {
        return format == Format.CIFAR10
                ? "the CIFAR-10 " + split.name().toLowerCase(java.util.Locale.ROOT) + " split (" + paths.get(0) + ")"
                : "MNIST (" + paths.get(0) + ", " + paths.get(1) + ")";
    }

    /**
     * The files to read. A relative path is taken relative to {@code rubricDir}; with a {@code dataDir} it is
     * looked up there instead, as given and then by its last name ({@code --data /mnt/cifar} finds
     * {@code data/cifar-10-batches-py} as {@code /mnt/cifar/cifar-10-batches-py}); an absolute path is used as
     * it is, then by its last name in {@code dataDir}.
     *
     * @throws DataUnavailableException naming every place looked at, when a file is in none of them
     */
    List<Path> locate(Path rubricDir, Path dataDir) {
        return locate(paths, describe(), rubricDir, dataDir);
    }

    /** {@link #locate(Path, Path)} for any relative or absolute paths; {@code what} names them in errors. */
    static List<Path> locate(List<String> paths, String what, Path rubricDir, Path dataDir) {
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            Set<Path> candidates = candidates(p, rubricDir, dataDir);
            Path found = candidates.stream().filter(Files::exists).findFirst().orElse(null);
            if (found == null) {
                throw new DataUnavailableException(what + " is not available to the grader: "
                        + (candidates.size() == 1 ? candidates.iterator().next() + " does not exist"
                        : "none of " + candidates + " exists")
                        + (dataDir == null ? "; mount the data and pass its folder with --data DIR (or set"
                        + " TENSORGRADE_DATA)" : ""));
            }
            out.add(found);
        }
        return out;
    }

    private static Set<Path> candidates(String p, Path rubricDir, Path dataDir) {
        Path given = Path.of(p);
        Set<Path> out = new LinkedHashSet<>();
        if (given.isAbsolute()) {
            out.add(given);
        } else if (dataDir == null) {
            out.add((rubricDir == null ? Path.of(".") : rubricDir).resolve(given).normalize());
        } else {
            out.add(dataDir.resolve(given).normalize());
        }
        if (dataDir != null && given.getFileName() != null) {
            out.add(dataDir.resolve(given.getFileName()).normalize());
        }
        return out;
    }

    /**
     * The files holding this split, from the located paths: CIFAR-10's {@code test_batch*} or
     * {@code data_batch_*} files in the folder (or one level down), MNIST's two files. The training check
     * makes sure none of them enters the sandbox.
     */
    List<Path> files(List<Path> located) {
        if (format == Format.MNIST) {
            return located;
        }
        String prefix = split == Cifar10.Split.TEST ? "test_batch" : "data_batch";
        try (var s = Files.walk(located.get(0), 2)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        } catch (java.io.IOException e) {
            throw new DataUnavailableException("cannot list " + located.get(0) + ": " + e.getMessage());
        }
    }

    /** Reads the images from the located files (see {@link #locate}). */
    ImageDataset read(List<Path> located) {
        return format == Format.CIFAR10 ? Cifar10.readDir(located.get(0), split)
                : Mnist.read(located.get(0), located.get(1));
    }

}
