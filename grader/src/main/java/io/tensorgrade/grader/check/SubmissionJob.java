package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.StudentFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one road from sandboxed parts to verdicts: the parts of one submission run in one sandbox job (one
 * container, one worker start-up), each adding its steps under its own id prefix and judging its slice of the
 * result. A part graded on its own ({@link SandboxedCheck#grade}) is a job of one part.
 */
public final class SubmissionJob {

    /** Longest part-id stem of a step-id prefix, so that every id stays within the sandbox's 64 characters. */
    private static final int PREFIX_CHARS = 20;

    /** The shortest run worth starting when a deadline cuts a job. */
    private static final Duration MIN_JOB = Duration.ofSeconds(1);

    private SubmissionJob() {
    }

    /** A part that runs student code: its id, its check and what the check sees. */
    public record Member(String partId, SandboxedCheck check, CheckContext context) {
        public Member {
            Objects.requireNonNull(partId, "partId");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(context, "context");
        }
    }

    /**
     * What the job gave: the verdict of each member, by part id (each supplier judges and may throw like
     * {@link Check#grade}), and warnings for the report (imports of the student's files that failed in the
     * sandbox).
     */
    public record Outcome(Map<String, Supplier<Verdict>> verdicts, List<String> warnings) {
        public Outcome {
            verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs the members' job before any judging; step ids carry each member's prefix. */
    public static Outcome run(List<Member> members, Supplier<Sandbox> sandbox) {
        return run(members, sandbox, true, null);
    }

    /** As {@link #run(List, Supplier)}, the job cut to end by {@code deadline} (null: no deadline). */
    public static Outcome run(List<Member> members, Supplier<Sandbox> sandbox, java.time.Instant deadline) {
        return run(members, sandbox, true, deadline);
    }

    /** Grades one part alone: a job of its own, whose step ids carry no prefix. */
    static Verdict gradeAlone(SandboxedCheck check, CheckContext context) {
        return run(List.of(new Member(context.partId(), check, context)), context.sandbox(), false, null)
                .verdicts().get(context.partId()).get();
    }

    private static Outcome run(List<Member> members, Supplier<Sandbox> sandbox, boolean prefixed,
                               java.time.Instant deadline) {
        Map<String, Supplier<Verdict>> out = new LinkedHashMap<>();
        Map<String, SandboxedCheck.Share> shares = new LinkedHashMap<>();
        Map<String, Member> running = new LinkedHashMap<>();
        Set<StudentFile> files = new LinkedHashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Member m : members) {
            SandboxedCheck check = m.check();
            SandboxedCheck.Target target = check.target();
            Path file = target.names().stream().map(n -> CodeFiles.locate(m.context().submission(), n))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (file == null) {
                Verdict missing = Verdict.fail(String.join(" or ", target.names()) + " is not in your submission;"
                        + " this part calls " + target.calls() + " from it.");
                out.put(m.partId(), () -> missing);
                continue;
            }
            SandboxedCheck.Prepared prepared;
            try {
                String prefix = prefixed ? prefix(m.partId(), prefixes) : "";
                prepared = SandboxedCheck.prepare(check, m.context(), file, prefix);
            } catch (RuntimeException e) {
                out.put(m.partId(), () -> {
                    throw e;
                });
                continue;
            }
            SandboxedCheck.Share share = prepared.share();
            if (share.early() != null) {
                out.put(m.partId(), share::early);
                continue;
            }
            running.put(m.partId(), m);
            shares.put(m.partId(), share);
            files.addAll(prepared.files());
        }
        if (shares.isEmpty()) {
            return new Outcome(out, List.of());
        }
        SandboxJob job;
        List<String> notes = new ArrayList<>();
        try {
            job = job(files, shares.values(), deadline, notes);
        } catch (IllegalArgumentException e) {
            if (running.size() > 1) {
                // The parts do not fit one job (two files called alike, two data files of one name): each runs alone.
                running.values().forEach(m -> out.put(m.partId(), () -> gradeAlone(m.check(), m.context())));
                return new Outcome(out, List.of());
            }
            return unavailable(out, shares.keySet(), e);
        }
        SandboxResult result;
        try {
            result = sandbox.get().run(job);
        } catch (GraderException | IllegalArgumentException e) {
            return unavailable(out, shares.keySet(), e);
        }
        boolean cut = !notes.isEmpty();
        shares.forEach((id, share) -> out.put(id, () -> {
            Verdict v = share.judge().apply(result);
            // Cut short by the grading deadline, a part that lost points may not be at fault: staff regrade it.
            return cut && v.credit() < 1 ? Verdict.error(v.feedback()).withNote(notes.get(0) + " So this part could"
                    + " not be graded in full; that is not held against you, and the course staff can regrade it.")
                    : v;
        }));
        notes.addAll(SandboxedCheck.importNotes(result, ""));
        return new Outcome(out, notes);
    }

    /** Every part in {@code ids} gets the verdict that its code could not be run, and why. */
    private static Outcome unavailable(Map<String, Supplier<Verdict>> out, Set<String> ids, RuntimeException e) {
        Verdict v = SandboxedCheck.unavailable(e);
        ids.forEach(id -> out.put(id, () -> v));
        return new Outcome(out, List.of());
    }

    private static SandboxJob job(Set<StudentFile> files, Iterable<SandboxedCheck.Share> shares,
                                  java.time.Instant deadline, List<String> notes) {
        SandboxJob.Builder b = SandboxJob.builder();
        files.forEach(b::file);
        Duration budget = Duration.ZERO;
        for (SandboxedCheck.Share s : shares) {
            s.addTo().accept(b);
            budget = budget.plus(s.budget());
        }
        Limits limits = SandboxedCheck.limits(budget);
        if (deadline != null) {
            Duration left = Duration.between(java.time.Instant.now(), deadline);
            if (left.compareTo(limits.jobTimeout()) < 0) {
                // Cut to end by the deadline: the calls that do not fit come back as not run, with the reason.
                Duration cut = left.compareTo(MIN_JOB) < 0 ? MIN_JOB : left;
                limits = limits.withJobTimeout(cut);
                notes.add("The code parts' run was cut to " + cut.toSeconds() + " s to end by the grading deadline;"
                        + " calls that did not fit were not run.");
            }
        }
        return b.limits(limits).build();
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
