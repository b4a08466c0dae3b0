package io.tensorgrade.ref.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a CSV fixture next to a test class: {@code #} lines are comments, the first other line the header. */
public final class CsvFixture {
    private CsvFixture() {
    }

    /** The data rows of {@code name} in the test class's package folder, split on commas. */
    public static List<String[]> rows(Class<?> owner, String name) {
        InputStream in = owner.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("fixture " + name + " not found next to " + owner.getName());
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
