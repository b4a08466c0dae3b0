package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.DataUnavailableException;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.SandboxedCheck;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.Flavour;
import io.tensorgrade.grader.sandbox.PyValue;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.Returns;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.ValueKind;
import io.tensorgrade.ref.RefException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The check built by {@link JsonFunctionKind}: one call per case; credit is the share of cases whose return
 * value equals the reference's. Building the steps ({@link #plan}) and judging their outcomes ({@link #judge})
 * are separate so that one sandbox job may carry the steps of several parts. Immutable apart from a cache of
 * the reference's results per data folder; thread-safe.
 */
final class JsonFunctionCheck implements SandboxedCheck {

    /** What to call, on which files, against which reference. */
    record Spec(String file, String function, DataReference reference, String data, List<Map<String, String>> cases,
                Duration timeout, io.tensorgrade.grader.check.CodeFiles files) {
        Spec {
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(reference, "reference");
            cases = cases.stream().map(c -> Collections.unmodifiableMap(new LinkedHashMap<>(c))).toList();
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** One case with its files found, the student's arguments and the reference's value (Java side only). */
    record PreparedCase(int index, Map<String, String> names, Map<String, Path> files, List<Arg> args,
                        PyValue expected) {
        PreparedCase {
            names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            args = List.copyOf(args);
            Objects.requireNonNull(expected, "expected");
        }

        String label() {
            return names.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    /** This part's share of a sandbox job: its data files and one call per case, with the ids used. */
    record Plan(List<PreparedCase> cases, List<Call> steps, Map<String, Path> data) {
        Plan {
            cases = List.copyOf(cases);
            steps = List.copyOf(steps);
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        /** Adds the plan's data files and steps to a job. */
        void addTo(SandboxJob.Builder b) {
            data.forEach(b::data);
            steps.forEach(b::step);
        }
    }


    private final Spec spec;
    private final Map<Path, List<PreparedCase>> prepared = new ConcurrentHashMap<>();

    JsonFunctionCheck(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Expected expected() {
        String value = "the value of the Java reference " + spec.reference().name() + ": "
                + spec.reference().signature();
        String cases = spec.cases().size() + " case(s) from " + spec.data() + ": " + spec.cases().stream()
                .map(c -> "{" + c.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")) + "}").collect(Collectors.joining(", "));
        String first = prepared.values().stream().findFirst()
                .map(l -> "; case 1 expects " + l.get(0).expected().repr(300)).orElse("");
        return new Expected(value, cases + first + " (computed here, never shown to the sandbox)");
    }

    @Override
    public String answerForm() {
        return "a Python function " + spec.function() + " in " + String.join(" or ", target().names()) + ": "
                + spec.reference().signature();
    }

    @Override
    public Target target() {
        return new Target(spec.file(), spec.function(), spec.files());
    }

    @Override
    public Share share(CheckContext context, Path file, String prefix) {
        Plan plan;
        try {
            plan = plan(context, target().nameFor(file), prefix + "case");
        } catch (DataUnavailableException | RefException e) {
            return Share.done(Verdict.error("This part could not be graded: " + e.getMessage() + " (a problem with"
                    + " the rubric's data, not with your code)."));
        }
        Duration budget = spec.timeout().plusSeconds(5).multipliedBy(plan.steps().size());
        return Share.of(plan::addTo, budget, r -> judge(plan, r));
    }

    /**
     * The steps of this part for one submission: the data folder located ({@code --data} first, then next to the
     * rubric), the reference run on it (once per folder), one call per case.
     *
     * @param studentFile the flat name of the student's file in the job
     */
    Plan plan(CheckContext context, String studentFile) {
        return plan(context, studentFile, stepPrefix(context.partId()));
    }

    /** As {@link #plan(CheckContext, String)}, the step ids being {@code prefix} and the case number. */
    Plan plan(CheckContext context, String studentFile, String prefix) {
        List<PreparedCase> cases = prepare(locate(context.rubricDir(), context.dataDir()));
        List<Call> steps = new ArrayList<>();
        Map<String, Path> data = new LinkedHashMap<>();
        for (PreparedCase c : cases) {
            // Only the files the student's function receives travel; the rest stay with the reference.
            for (Arg a : c.args()) {
                if (a instanceof Arg.Data d) {
                    c.files().values().stream().filter(p -> p.getFileName().toString().equals(d.name()))
                            .findFirst().ifPresent(p -> data.put(d.name(), p));
                }
            }
            steps.add(new Call(prefix + c.index(), studentFile, spec.function(), c.args(), Map.of(), Flavour.NUMPY,
                    Returns.single(ValueKind.PYTHON), spec.timeout()));
        }
        return new Plan(cases, steps, data);
    }

    /** The verdict on a run that carried {@code plan}'s steps (possibly among other parts' steps). */
    Verdict judge(Plan plan, SandboxResult result) {
        if (result.status() == SandboxResult.JobStatus.SANDBOX_FAILED) {
            return SandboxFeedback.sandboxFailed(result);
        }
        PyDiff diff = new PyDiff(spec.reference().outputNames());
        CaseReport report = new CaseReport();
        List<CallOutcome> outcomes = plan.steps().stream().map(s -> result.call(s.id())).toList();
        for (int i = 0; i < plan.cases().size(); i++) {
            PreparedCase c = plan.cases().get(i);
            report.add(c.index(), c.label(), failure(c, outcomes.get(i), diff));
        }
        String head = spec.function() + " returned the reference's value (" + spec.reference().name() + ") in "
                + report.passed() + " of " + plan.cases().size() + " case(s).";
        report.stoppedEarly(result, outcomes);
        Verdict verdict = Verdict.of((double) report.passed() / plan.cases().size(), report.feedback(head), null);
        return outcomes.stream().anyMatch(o -> o.status() == CallStatus.TIMEOUT) ? verdict.withTimedOut() : verdict;
    }

    /** Null when the case passed, else why not. */
    private String failure(PreparedCase c, CallOutcome outcome, PyDiff diff) {
        String call = spec.function() + "(" + c.label() + ")";
        return switch (outcome.status()) {
            case OK -> compare(c, outcome, diff);
            case ERROR -> error(outcome.message());
            case TIMEOUT -> call + " ran past the time limit of " + SandboxFeedback.seconds(spec.timeout())
                    + " and was stopped";
            case CRASHED -> "the Python process died: " + SandboxFeedback.firstLines(outcome.message(), 3);
            case BAD_OUTPUT -> "returned something unusable: " + SandboxFeedback.firstLines(outcome.message(), 3);
            case NOT_RUN, SKIPPED -> "not run: " + SandboxFeedback.firstLines(outcome.message(), 3);
            case FORBIDDEN -> "used a forbidden API: " + SandboxFeedback.firstLines(outcome.message(), 3);
        };
    }

    private static String compare(PreparedCase c, CallOutcome outcome, PyDiff diff) {
        ReturnedValue v = outcome.value(0);
        if (v instanceof ReturnedValue.Invalid i) {
            return "returned something that cannot be compared: " + i.reason();
        }
        if (!(v instanceof ReturnedValue.JsonValue j)) {
            return "returned something that is not a Python value";
        }
        PyValue actual;
        try {
            actual = PyValue.fromWire(j.json());
        } catch (IllegalArgumentException e) {
            return "returned something unreadable: " + e.getMessage();
        }
        return diff.first(c.expected(), actual);
    }

    /** An exception, with exit() / sys.exit() named as such: the function must return, not end the program. */
    static String error(String message) {
        String m = message.strip();
        String last = m.lines().reduce((a, b) -> b).orElse("");
        if (last.startsWith("SystemExit")) {
            return "called exit() (" + last + ") instead of returning a value; a function that ends the program"
                    + " gets no credit for this case:\n\n```\n" + m + "\n```";
        }
        if (!m.contains("\n") && m.contains(" has no function ")) {
            return m;
        }
        return "raised an exception:\n\n```\n" + m + "\n```";
    }

    /** The reference's cases for the data in {@code folder}, computed once per folder. */
    List<PreparedCase> prepare(Path folder) {
        List<PreparedCase> done = prepared.get(folder);
        if (done != null) {
            return done;
        }
        List<PreparedCase> out = new ArrayList<>();
        for (int i = 0; i < spec.cases().size(); i++) {
            Map<String, String> names = spec.cases().get(i);
            Map<String, Path> files = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : names.entrySet()) {
                Path p = folder.resolve(e.getValue());
                if (!Files.isRegularFile(p)) {
                    throw new DataUnavailableException("case " + (i + 1) + ": data file " + p + " is missing");
                }
                files.put(e.getKey(), p);
            }
            DataReference.Prepared r;
            try {
                r = spec.reference().prepare(files);
            } catch (RefException e) {
                throw new DataUnavailableException("case " + (i + 1) + ": " + e.getMessage());
            }
            out.add(new PreparedCase(i + 1, names, files, r.args(), r.expected()));
        }
        prepared.putIfAbsent(folder, List.copyOf(out));
        return prepared.get(folder);
    }

    /**
     * The data folder: with {@code --data}, DATA/given then DATA/last-name-of-given (so the real files can be
     * mounted there), then the folder next to the rubric.
     */
    Path locate(Path rubricDir, Path dataDir) {
        Path given = Path.of(spec.data());
        List<Path> candidates = new ArrayList<>();
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            if (dataDir != null) {
                candidates.add(dataDir.resolve(given).normalize());
                if (given.getFileName() != null) {
                    candidates.add(dataDir.resolve(given.getFileName()).normalize());
                }
            }
            candidates.add((rubricDir == null ? Path.of(".") : rubricDir).resolve(given).normalize());
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new DataUnavailableException("the data folder " + spec.data() + " is not at "
                + candidates.stream().map(Path::toString).collect(Collectors.joining(" or ")));
    }

    /** Step ids are unique per part, so one job may hold several parts' steps. */
    private static String stepPrefix(String partId) {
        String clean = partId.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.isEmpty() || !Character.isLetterOrDigit(clean.charAt(0)) && clean.charAt(0) != '_') {
            clean = "p" + clean;
        }
        return (clean.length() > 50 ? clean.substring(0, 50) : clean) + ".case";
    }
}
