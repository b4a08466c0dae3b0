package io.tensorgrade.ref.io;

import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The io fixtures written by src/test/python/make_io_fixtures.py, and the values torch wrote for them. */
final class Fixtures {
    /** What the hostile pickles would create if their payload ever ran. */
    static final Path MARKER = Path.of("/tmp/tensorgrade-pickle-payload-ran");

    private Fixtures() {
    }

    static Path path(String relative) {
        URL url = Fixtures.class.getResource("/io/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing fixture io/" + relative + "; run make_io_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One tensor as torch saw it: a row of checkpoints/expected.tsv. */
    record Expected(String file, String key, String dtype, Tensor values) {
        @Override
        public String toString() {
            return file + " " + key;
        }
    }

    static List<Expected> expected() {
        List<Expected> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path("checkpoints/expected.tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                int[] shape = f[3].isEmpty() ? new int[0] : Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                double[] values = f[4].isEmpty() ? new double[0]
                        : Arrays.stream(f[4].split(" ")).mapToDouble(Fixtures::parsePython).toArray();
                out.add(new Expected(f[0], f[1], f[2], Tensor.of(values, shape)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Expected> expected(String file) {
        return expected().stream().filter(e -> e.file().equals(file)).toList();
    }

    /** A Python float repr: {@code 0.1}, {@code inf}, {@code -inf}, {@code nan}, {@code -0.0}, {@code 1e-45}. */
    private static double parsePython(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
