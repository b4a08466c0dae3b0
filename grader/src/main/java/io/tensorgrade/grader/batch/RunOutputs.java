package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.report.GradescopeReport;
import io.tensorgrade.grader.report.JsonReport;
import io.tensorgrade.grader.report.TextReport;
import io.tensorgrade.ref.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a run folder's files from its store, every one of them derived: {@code gradebook.csv},
 * {@code summary.txt}, {@code results/<student>.json} (as {@code grade --format json}),
 * {@code results/<student>/results.json} (Gradescope's format) and {@code feedback/<student>.txt}. The folders
 * are built aside and swapped in, the files written atomically, so a reader never sees half a regeneration.
 */
public final class RunOutputs {

    /** What was written. */
    public record Written(int students, int graded, Path gradebook) {
    }

    private RunOutputs() {
    }

    /** Regenerates every output of {@code runDir} from {@code store}. */
    public static Written write(RunStore store, Path runDir) {
        RubricSnapshot rubric = store.rubric().orElseThrow(() -> new GraderException("The run store " + store.file()
                + " holds no run yet: run tensorgrade regrade --rubric R INPUT --out " + runDir + " first."));
        List<ClassReport> reports = ClassReport.all(rubric, store.roster(), store.grades());
        Path results = stage(runDir, "results");
        Path feedback = stage(runDir, "feedback");
        Set<String> used = new HashSet<>();
        for (ClassReport r : reports) {
            if (r.report() == null) {
                continue;
            }
            String name = fileName(r.student(), used);
            AtomicFiles.write(results.resolve(name + ".json"), JsonReport.render(r.report()));
            AtomicFiles.write(results.resolve(name).resolve("results.json"), GradescopeReport.render(r.report()));
            AtomicFiles.write(feedback.resolve(name + ".txt"), TextReport.render(r.report(), false));
        }
        swap(results, runDir.resolve("results"));
        swap(feedback, runDir.resolve("feedback"));
        Path gradebook = runDir.resolve("gradebook.csv");
        AtomicFiles.write(gradebook, Gradebook.render(rubric, reports));
        AtomicFiles.write(runDir.resolve("summary.txt"), ClassSummary.render(rubric, reports));
        return new Written(reports.size(), (int) reports.stream().filter(r -> r.report() != null).count(), gradebook);
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

    private static Path stage(Path runDir, String name) {
        Path staged = runDir.resolve("." + name + ".new");
        delete(staged);
        try {
            Files.createDirectories(staged);
        } catch (IOException e) {
            throw new GraderException("Cannot write " + staged + ": " + e.getMessage(), e);
        }
        return staged;
    }

    /** Replaces {@code target} with {@code staged}: the old folder moves aside first, then goes. */
    private static void swap(Path staged, Path target) {
        Path old = target.resolveSibling("." + target.getFileName() + ".old");
        delete(old);
        try {
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GraderException("Cannot replace " + target + ": " + e.getMessage(), e);
        }
        delete(old);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new GraderException("Cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
