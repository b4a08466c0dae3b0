package io.tensorgrade.grader.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the code, as docs/architecture.md draws them: a package may import only packages of a lower
 * layer (or of its own layer where the table says so). Checked on the import lines (and fully qualified names)
 * of every main source file, so a new upward arrow fails here with the file that draws it.
 */
class LayeringTest {

    private static final Path GRADER = Path.of("src/main/java/io/tensorgrade/grader");
    private static final Path REF = Path.of("../reference-impl/src/main/java/io/tensorgrade/ref");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])(io\\.tensorgrade\\.[a-z][\\w.]*?)\\.[A-Z]");

    /**
     * The grader's packages (below io.tensorgrade.grader), highest first; each may import those below it.
     * Packages on one line are siblings that may not import each other unless listed in {@link #SIBLINGS}.
     */
    private static final List<List<String>> GRADER_LAYERS = List.of(
            List.of("cli"),
            List.of("batch"),
            List.of("batch.store"),
            List.of("batch.input"),
            List.of("gradescope", "report"),
            List.of("engine"),
            List.of("rubric"),
            List.of("check.code", "check.model", "check.expr"),
            List.of("check.network", "check.tensor"),
            List.of("check.answer"),
            List.of("check"),
            List.of("sandbox.select"),
            List.of("sandbox.docker", "sandbox.process"),
            List.of("sandbox.wire"),
            List.of("sandbox"),
            List.of("refrun", "submission"),
            List.of("yaml"),
            List.of("result"),
            List.of(""));

    /** Sibling imports that are allowed: a kind building on another kind's reading of answers. */
    private static final Map<String, List<String>> SIBLINGS = Map.of(
            "check.code", List.of("check.tensor"),
            "check.model", List.of("check.network"));

    @Test
    void noGraderPackageImportsAHigherOne() throws IOException {
        assertEquals(List.of(), violations(GRADER, "io.tensorgrade.grader", GRADER_LAYERS));
    }

    @Test
    void theReferenceKnowsNothingOfTheGrader() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(REF)) {
            for (String used : references(Files.readString(file))) {
                if (used.startsWith("io.tensorgrade.grader")) {
                    found.add(REF.relativize(file) + " uses " + used);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<String> violations(Path root, String base, List<List<String>> layers) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(root)) {
            String text = Files.readString(file);
            Matcher m = PACKAGE.matcher(text);
            if (!m.find()) {
                continue;
            }
            String own = relative(m.group(1), base);
            int ownLayer = layer(layers, own);
            if (ownLayer < 0) {
                found.add(root.relativize(file) + ": package '" + own + "' is in no layer of LayeringTest");
                continue;
            }
            for (String used : new TreeSet<>(references(text))) {
                if (!used.startsWith(base)) {
                    continue;
                }
                String target = relative(used, base);
                if (target.equals(own)) {
                    continue;
                }
                int targetLayer = layer(layers, target);
                boolean sibling = targetLayer == ownLayer
                        && SIBLINGS.getOrDefault(own, List.of()).contains(target);
                if (targetLayer < 0 || (targetLayer <= ownLayer && !sibling)) {
                    found.add(root.relativize(file) + ": " + (own.isEmpty() ? "(root)" : own) + " imports "
                            + (target.isEmpty() ? "(root)" : target));
                }
            }
        }
        return found;
    }

    /** The index of the layer holding {@code pkg} (0 is the top), or -1. */
    private static int layer(List<List<String>> layers, String pkg) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static String relative(String pkg, String base) {
        return pkg.equals(base) ? "" : pkg.startsWith(base + ".") ? pkg.substring(base.length() + 1) : pkg;
    }

    /** The packages {@code text} imports or names in full, comments and strings included (a name is an arrow). */
    private static List<String> references(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
