package io.tensorgrade.grader.check;

import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.StudentFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A check that runs the student's functions in the sandbox and can share one job (one container) with the
 * other such parts of the same submission: it adds its steps under a prefix, then judges its slice of the
 * shared result. {@link SubmissionJob} builds and runs that job, for a whole submission or, through
 * {@link #grade}, for this part alone.
 */
public interface SandboxedCheck extends Check {

    /** Time for the harness and the worker to start (imports of numpy and torch), once per job. */
    Duration STARTUP = Duration.ofSeconds(90);

    /**
     * What a part runs.
     *
     * @param file  the student file, as the rubric names it (a path in the submission, e.g. nndl/conv_layers.py)
     * @param calls what the part calls from it, for the message when it is missing (e.g. "my_conv")
     * @param files what travels with it (the student's course modules, the course's files)
     */
    record Target(String file, String calls, CodeFiles files) {
        public Target {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(calls, "calls");
            Objects.requireNonNull(files, "files");
        }

        /** Every name the file may have, the rubric's first ({@code file: [hw4.ipynb, hw4.py]}). */
        public java.util.List<String> names() {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(file));
            all.addAll(files.alternatives());
            return all;
        }

        /** The rubric's name of the file found at {@code located}: the one with its file name (any case). */
        public String nameFor(Path located) {
            String found = located.getFileName().toString();
            return names().stream().filter(n -> Path.of(n).getFileName().toString().equalsIgnoreCase(found))
                    .findFirst().orElse(file);
        }
    }

    /** The file this part runs, what it calls from it and the files that travel with it. */
    Target target();

    /** Runs this part alone, in a job of its own. */
    @Override
    default Verdict grade(CheckContext context) {
        return SubmissionJob.gradeAlone(this, context);
    }

    @Override
    default SandboxedCheck sandboxed() {
        return this;
    }

    /** The file the part runs. */
    @Override
    default java.util.List<String> submittedFiles() {
        return target().names();
    }

    /** Code is graded by running it, not read from the answers file. */
    @Override
    default boolean needsAnswer() {
        return false;
    }


    /**
     * This part's share of a job: steps, inputs and data files whose ids start with {@code prefix}, each step
     * with its time limit and forbid list, and how to judge them. Throwing is allowed (it becomes an error
     * verdict, like a crash in {@link Check#grade}).
     *
     * @param file   the student's file, which exists
     * @param prefix starts every id this part adds ("" when the part runs alone)
     */
    Share share(CheckContext context, Path file, String prefix);

    /**
     * One part's share of a job.
     *
     * @param addTo  adds the steps, inputs and data files to the job (the student file is added by the caller)
     * @param budget how long the steps may take together, start-up not included
     * @param judge  the part's verdict on the job's result
     * @param early  a verdict known before running anything (e.g. the rubric's data are missing); null when
     *               the part runs
     */
    record Share(Consumer<SandboxJob.Builder> addTo, Duration budget, Function<SandboxResult, Verdict> judge,
                 Verdict early) {
        public Share {
            Objects.requireNonNull(addTo, "addTo");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(judge, "judge");
        }

        /** A share that runs steps. */
        public static Share of(Consumer<SandboxJob.Builder> addTo, Duration budget,
                               Function<SandboxResult, Verdict> judge) {
            return new Share(addTo, budget, judge, null);
        }

        /** A share that runs nothing and gives {@code verdict}. */
        public static Share done(Verdict verdict) {
            Objects.requireNonNull(verdict, "verdict");
            return new Share(b -> { }, Duration.ZERO, r -> verdict, verdict);
        }

        /** This share with {@code then} applied to its verdict. */
        public Share map(UnaryOperator<Verdict> then) {
            return early != null ? done(then.apply(early))
                    : new Share(addTo, budget, judge.andThen(then), null);
        }
    }

    /** Verdict when no sandbox could be chosen or run the job (no Docker, no Python): not the student's fault. */
    static Verdict unavailable(RuntimeException e) {
        return Verdict.error("Your code could not be run: " + e.getMessage());
    }

    /** Limits of a job whose steps take {@code budget} together (each step carries its own time limit). */
    static Limits limits(Duration budget) {
        Limits defaults = Limits.defaults();
        Duration job = budget.plus(STARTUP);
        return job.compareTo(defaults.jobTimeout()) > 0 ? defaults.withJobTimeout(job) : defaults;
    }

    /**
     * A part's share with the files its job needs (the graded file, its course modules, the course's files);
     * its verdict also tells the student which course files stood in for theirs and, when the part lost points,
     * which imports of the file failed in the sandbox.
     */
    static Prepared prepare(SandboxedCheck check, CheckContext context, Path file, String prefix) {
        CodeFiles.Staged staged = check.target().files().stage(context.submission(), check.target().nameFor(file),
                file);
        Share share = check.share(context, file, prefix);
        if (share.early() != null) {
            return new Prepared(share, staged.files());
        }
        Function<SandboxResult, Verdict> judge = share.judge();
        Share noted = new Share(share.addTo(), share.budget(), r -> {
            Verdict v = judge.apply(r);
            for (String note : staged.notes()) {
                v = v.withNote(note);
            }
            List<String> imports = importNotes(r, prefix);
            if (v.credit() < 1 && !imports.isEmpty()) {
                v = v.withNote("Imports that failed in the grader:\n" + imports.stream().map(n -> "- " + n)
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            return v;
        }, null);
        return new Prepared(noted, staged.files());
    }

    /**
     * The import notes of the steps under {@code prefix} ("" for all) that bear on the result, each once: a star
     * import that failed (its names are missing, so a NameError follows), and any failed import when one of
     * those steps failed on a missing name or module. A notebook's matplotlib import that no graded function
     * uses is left out.
     */
    static List<String> importNotes(SandboxResult result, String prefix) {
        List<io.tensorgrade.grader.sandbox.CallOutcome> mine = result.calls().stream()
                .filter(o -> o.id().startsWith(prefix)).toList();
        boolean missingName = mine.stream().anyMatch(o -> !o.ok() && MISSING.matcher(o.message()).find());
        return mine.stream().flatMap(o -> o.notes().stream())
                .filter(n -> missingName || n.endsWith(STAR_NOTE)).distinct().toList();
    }

    /** How the harness ends the note of a star import that failed. */
    String STAR_NOTE = "so none of the names it would define exist";
    /** A failure that a failed import explains. */
    java.util.regex.Pattern MISSING = java.util.regex.Pattern.compile(
            "NameError|ImportError|ModuleNotFoundError|is not available in the grader");

    /** A share and the files its job carries. */
    record Prepared(Share share, List<StudentFile> files) {
        public Prepared {
            Objects.requireNonNull(share, "share");
            files = List.copyOf(files);
        }
    }
}
