package io.tensorgrade.grader;

import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.SandboxedCheck;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.StudentFile;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the sandboxed parts of one submission in one sandbox job (one container, one worker start-up):
 * each part adds its steps under its own id prefix, the job runs once, and each part judges its slice.
 * Parts whose file is missing are left out (their own check says so without a job).
 */
final class SubmissionJob {

    /** Longest part-id stem of a step-id prefix, so that every id stays within the sandbox's 64 characters. */
    private static final int PREFIX_CHARS = 20;

    private SubmissionJob() {
    }

    /**
     * What the job gave: the verdicts of the parts that shared it, by part id (each supplier judges and may
     * throw like {@link io.tensorgrade.grader.check.Check#grade}), and warnings for the report (imports of the
     * student's files that failed in the sandbox).
     */
    record Outcome(Map<String, Supplier<Verdict>> verdicts, List<String> warnings) {
        Outcome {
            verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs the job of the parts among {@code parts} that share one, before any judging.
     *
     * @param contexts the context of each part, by part id
     */
    static Outcome run(List<Part> parts, Submission submission, Function<Part, CheckContext> contexts,
                       Supplier<Sandbox> sandbox) {
        Map<String, Supplier<Verdict>> out = new LinkedHashMap<>();
        Map<String, SandboxedCheck.Share> shares = new LinkedHashMap<>();
        Map<String, Part> byId = new LinkedHashMap<>();
        Set<StudentFile> files = new LinkedHashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Part part : parts) {
            SandboxedCheck check = part.check().sandboxed();
            if (check == null) {
                continue;
            }
            Path file = io.tensorgrade.grader.check.CodeFiles.locate(submission, check.file());
            if (file == null) {
                continue;
            }
            CheckContext context = contexts.apply(part);
            SandboxedCheck.Prepared prepared;
            try {
                prepared = SandboxedCheck.prepare(check, context, file, prefix(part.id(), prefixes));
            } catch (RuntimeException e) {
                out.put(part.id(), () -> {
                    throw e;
                });
                continue;
            }
            SandboxedCheck.Share share = prepared.share();
            if (share.early() != null) {
                out.put(part.id(), share::early);
                continue;
            }
            byId.put(part.id(), part);
            shares.put(part.id(), share);
            files.addAll(prepared.files());
        }
        if (shares.isEmpty()) {
            return new Outcome(out, List.of());
        }
        SandboxJob job;
        try {
            job = job(files, shares.values());
        } catch (IllegalArgumentException e) {
            // The parts do not fit one job (two files called alike, two data files of one name): each runs alone.
            byId.values().forEach(p -> out.put(p.id(), () -> p.check().grade(contexts.apply(p))));
            return new Outcome(out, List.of());
        }
        SandboxResult result;
        try {
            result = sandbox.get().run(job);
        } catch (GraderException e) {
            Verdict v = SandboxedCheck.unavailable(e);
            shares.keySet().forEach(id -> out.put(id, () -> v));
            return new Outcome(out, List.of());
        }
        shares.forEach((id, share) -> out.put(id, () -> share.judge().apply(result)));
        return new Outcome(out, SandboxedCheck.importNotes(result, ""));
    }

    private static SandboxJob job(Set<StudentFile> files, Iterable<SandboxedCheck.Share> shares) {
        SandboxJob.Builder b = SandboxJob.builder();
        files.forEach(b::file);
        Duration budget = Duration.ZERO;
        for (SandboxedCheck.Share s : shares) {
            s.addTo().accept(b);
            budget = budget.plus(s.budget());
        }
        return b.limits(SandboxedCheck.limits(budget)).build();
    }

    /**
     * The step-id prefix of a part: its id made safe for the sandbox (no dots, so that one prefix never starts
     * another), shortened, made unique, and ended with a dot.
     */
    static String prefix(String partId, Set<String> used) {
        String clean = partId.replaceAll("[^A-Za-z0-9_-]", "_");
        if (clean.isEmpty() || clean.charAt(0) == '-') {
            clean = "p" + clean;
        }
        if (clean.length() > PREFIX_CHARS) {
            clean = clean.substring(0, PREFIX_CHARS);
        }
        String candidate = clean;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = clean + "_" + n;
        }
        return candidate + ".";
    }
}
