package io.tensorgrade.grader.gradescope;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.ref.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files Gradescope needs to grade one assignment with tensorgrade: {@code setup.sh} (installs a JRE,
 * python3, numpy and torch), {@code run_autograder} (grades {@code /autograder/submission} into
 * {@code /autograder/results/results.json}), the grader jar, the rubric with the folders beside it, and
 * optionally a data folder and a bundled JRE. Written as a folder (a Docker build context) or a zip.
 */
public final class AutograderPackage {

    /** Files at the root of the package; Gradescope extracts them into {@code /autograder/source}. */
    public static final List<String> SCRIPTS = List.of("setup.sh", "run_autograder");

    /**
     * What goes in.
     *
     * @param rubric the rubric, already loaded (so it is known to be valid)
     * @param jar    the runnable tensorgrade jar
     * @param data   a folder copied to {@code data/} and passed as {@code --data}, or null
     * @param jre    a Java runtime folder (e.g. made by jlink) copied to {@code jre/}, or null to use the
     *               one setup.sh installs
     * @param deadlineSeconds the grading deadline run_autograder sets ({@code TENSORGRADE_DEADLINE}), under
     *               Gradescope's own timeout; null for none
     */
    public record Contents(Rubric rubric, Path jar, Path data, Path jre, Long deadlineSeconds) {

        /** Contents without a deadline. */
        public Contents(Rubric rubric, Path jar, Path data, Path jre) {
            this(rubric, jar, data, jre, null);
        }

        public Contents {
            if (deadlineSeconds != null && deadlineSeconds < 1) {
                throw new GraderException("--deadline must be at least 1 second, not " + deadlineSeconds);
            }
            Objects.requireNonNull(rubric, "rubric");
            Objects.requireNonNull(jar, "jar");
            if (!Files.isRegularFile(jar)) {
                throw new GraderException("--jar: " + jar + " is not a file; build it with `mvn -q -DskipTests"
                        + " package` (it is grader/target/tensorgrade.jar)");
            }
            if (data != null && !Files.isDirectory(data)) {
                throw new GraderException("--data: " + data + " is not a folder");
            }
            if (jre != null && !Files.isRegularFile(jre.resolve("bin/java"))) {
                throw new GraderException("--jre: " + jre + " has no bin/java");
            }
        }
    }

    private AutograderPackage() {
    }

    /** Writes the package into the empty or missing folder {@code dir}; returns the files written. */
    public static List<Path> writeFolder(Contents contents, Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> existing = Files.list(dir)) {
                if (existing.findAny().isPresent()) {
                    throw new GraderException(dir + " is not empty; give a new folder for the autograder package");
                }
            }
            List<Path> written = new ArrayList<>();
            for (String script : SCRIPTS) {
                Path target = dir.resolve(script);
                Files.writeString(target, script(script, contents.rubric(), contents.deadlineSeconds()),
                        StandardCharsets.UTF_8);
                executable(target);
                written.add(target);
            }
            written.add(copy(contents.jar(), dir.resolve("tensorgrade.jar")));
            written.addAll(copyRubric(contents.rubric(), dir.resolve("rubric")));
            if (contents.data() != null) {
                written.addAll(copyTree(contents.data(), dir.resolve("data")));
            }
            if (contents.jre() != null) {
                written.addAll(copyTree(contents.jre(), dir.resolve("jre")));
            }
            return written;
        } catch (IOException e) {
            throw new GraderException("Cannot write the autograder package to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the package as a zip (atomically: a temporary file renamed into place). */
    public static void writeZip(Contents contents, Path zip) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("tensorgrade-autograder");
            Path root = staging.resolve("autograder");
            writeFolder(contents, root);
            AtomicFiles.write(zip, out -> {
                ZipOutputStream z = new ZipOutputStream(out);
                zipTree(root, z);
                z.finish();
            });
        } catch (IOException e) {
            throw new GraderException("Cannot write " + zip + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** The text of a packaged script, with the rubric's file name filled in. */
    static String script(String name, Rubric rubric) {
        return script(name, rubric, null);
    }

    /** The text of a packaged script, with the rubric's file name and the grading deadline (null: none) filled in. */
    static String script(String name, Rubric rubric, Long deadlineSeconds) {
        try (InputStream in = AutograderPackage.class.getResourceAsStream("/gradescope/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource /gradescope/" + name + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Only a rubric that scores models needs the Vector API (whose module prints a warning on start) and
            // the optimising JIT; any other grade is short work that C1 alone finishes sooner (as the launcher does).
            boolean vector = rubric.parts().stream().anyMatch(p -> p.check().scoresModel());
            return text.replace("@RUBRIC@", rubric.file().getFileName().toString())
                    .replace("@DEADLINE@", deadlineSeconds == null ? "" : String.valueOf(deadlineSeconds))
                    .replace("@JAVA_OPTS@", vector ? "--add-modules jdk.incubator.vector " : "-XX:TieredStopAtLevel=1 ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rubric file and the folders beside it (data the rubric names lives there); no other rubrics. */
    private static List<Path> copyRubric(Rubric rubric, Path target) throws IOException {
        List<Path> written = new ArrayList<>();
        Path file = rubric.file().toAbsolutePath();
        Files.createDirectories(target);
        written.add(copy(file, target.resolve(file.getFileName().toString())));
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path p : siblings.filter(Files::isDirectory).sorted().toList()) {
                written.addAll(copyTree(p, target.resolve(p.getFileName().toString())));
            }
        }
        return written;
    }

    private static List<Path> copyTree(Path from, Path to) throws IOException {
        List<Path> written = new ArrayList<>();
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    copy(p, target);
                    if (Files.isExecutable(p)) {
                        executable(target);
                    }
                    written.add(target);
                }
                // Links and other special files are left out: a package holds plain files only.
            }
        }
        return written;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void zipTree(Path root, ZipOutputStream z) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }

    private static void executable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true, false);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // A leftover temporary file is not worth failing the package for.
        }
    }
}
