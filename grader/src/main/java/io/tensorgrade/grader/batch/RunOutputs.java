package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.report.GradescopeReport;
import io.tensorgrade.grader.report.JsonReport;
import io.tensorgrade.grader.report.TextReport;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.ref.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a run folder's files from its store, every one of them derived: {@code gradebook.csv},
 * {@code summary.txt}, {@code results/<student>.json} (as {@code grade --format json}),
 * {@code results/<student>/results.json} (Gradescope's format) and {@code feedback/<student>.txt}. Every file is
 * replaced atomically (a reader sees the old text or the new), files of students no longer in the run go.
 */
public final class RunOutputs {

    /** What was written. */
    public record Written(int students, int graded, Path gradebook) {
    }

    private record Named(GradeReport report, String name) {
    }

    private RunOutputs() {
    }

    /** Regenerates every output of {@code runDir} from {@code store}. */
    public static Written write(RunStore store, Path runDir) {
        RubricSnapshot rubric = store.rubric().orElseThrow(() -> new GraderException("The run store " + store.file()
                + " holds no run yet: run tensorgrade regrade --rubric R INPUT --out " + runDir + " first."));
        List<ClassReport> reports = ClassReport.all(rubric, store.roster(), store.grades());
        Path results = runDir.resolve("results");
        Path feedback = runDir.resolve("feedback");
        Set<String> used = new HashSet<>();
        List<Named> named = reports.stream().filter(r -> r.report() != null)
                .map(r -> new Named(r.report(), fileName(r.student(), used))).toList();
        // Each file is replaced atomically, and only when its text changed (a rerun that regraded one student
        // rewrites that student's files); rendering and writing are spread over the cores.
        named.parallelStream().forEach(n -> {
            writeIfChanged(results.resolve(n.name() + ".json"), JsonReport.render(n.report()));
            writeIfChanged(results.resolve(n.name()).resolve("results.json"), GradescopeReport.render(n.report()));
            writeIfChanged(feedback.resolve(n.name() + ".txt"), TextReport.render(n.report(), false));
        });
        Set<String> names = new HashSet<>();
        named.forEach(n -> names.add(n.name()));
        removeStale(results, names);
        removeStale(feedback, names);
        Path gradebook = runDir.resolve("gradebook.csv");
        AtomicFiles.write(gradebook, Gradebook.render(rubric, reports));
        AtomicFiles.write(runDir.resolve("summary.txt"), ClassSummary.render(rubric, reports));
        return new Written(reports.size(), named.size(), gradebook);
    }

    private static void writeIfChanged(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                    && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return;
            }
        } catch (IOException e) {
            // unreadable: write it again
        }
        AtomicFiles.write(file, bytes);
    }

    /** Removes what {@code dir} holds for students no longer in the run (their {@code name}, {@code .json}, {@code .txt}). */
    private static void removeStale(Path dir, Set<String> names) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                String student = n.endsWith(".json") ? n.substring(0, n.length() - 5)
                        : n.endsWith(".txt") ? n.substring(0, n.length() - 4) : n;
                if (!names.contains(student) || (Files.isDirectory(p) != n.equals(student))) {
                    delete(p);
                }
            }
        } catch (IOException e) {
            throw new GraderException("Cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file name for the student's key: its safe characters, made unique among the names used so far, together
     * with its {@code .json} form ({@code alice} has {@code alice.json} and {@code alice/}: a student called
     * {@code alice.json} must not land on them).
     */
    static String fileName(String student, Set<String> used) {
        String base = student.replaceAll("[^A-Za-z0-9._@+-]", "_");
        if (base.startsWith(".")) {
            base = "_" + base;
        }
        String name = base;
        for (int i = 2; used.contains(name) || used.contains(name + ".json"); i++) {
            name = base + "-" + i;
        }
        used.add(name);
        used.add(name + ".json");
        return name;
    }

    private static void deleteFile(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.toList();
            // Files first, side by side, then the folders deepest first.
            all.parallelStream().filter(Files::isRegularFile).forEach(RunOutputs::deleteFile);
            for (Path p : all.stream().filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new GraderException("Cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
