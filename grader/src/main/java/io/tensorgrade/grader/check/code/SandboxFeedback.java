package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.ApiFinding;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Feedback sentences about a sandbox run, shared by the checks that run student code. */
final class SandboxFeedback {

    private SandboxFeedback() {
    }

    /**
     * Zero-credit feedback when the student's file could not be parsed (the scan says so), else null. A
     * SyntaxError stops every function in the file, so the reason is stated once instead of per case.
     */
    static String unparsable(SandboxResult result, String file, String prefix) {
        for (ApiFinding f : findings(result, file, prefix)) {
            if (f.api().equals("unscannable") && f.message().contains("could not be read as Python")) {
                String why = f.message().replaceFirst("^line \\d+: ", "")
                        .replaceFirst("^the file could not be read as Python \\((.*)\\), so its API use cannot be"
                                + " checked$", "$1");
                // The worker's traceback names the error class (SyntaxError, IndentationError); the scan does not.
                String error = result.calls().stream().filter(o -> o.id().startsWith(prefix))
                        .map(CallOutcome::message)
                        .flatMap(m -> m.strip().lines())
                        .filter(l -> l.matches("(SyntaxError|IndentationError|TabError)\\b.*"))
                        .map(l -> l.replaceFirst(":.*", "")).findFirst().orElse("SyntaxError");
                return file + " does not parse (" + error + ": " + why + "), so none of its functions can run"
                        + " and this part gets zero. Fix it first: python -c \"import ast; ast.parse(open('" + file
                        + "').read())\" shows where.";
            }
        }
        return null;
    }

    /**
     * The scan's findings that concern one part: those for its steps (ids starting with {@code prefix}; one
     * job may carry several parts with different forbid lists) in its file {@code file} (as the rubric names
     * it), or for the whole scan.
     */
    static List<ApiFinding> findings(SandboxResult result, String file, String prefix) {
        return result.findings().stream()
                .filter(f -> f.concerns(id -> id.startsWith(prefix)))
                .filter(f -> f.concernsFile(file))
                .toList();
    }

    /**
     * Zero-credit feedback when a forbidden API was seen in {@code file} for the steps under {@code prefix} or
     * among {@code calls} (the part's own), else null.
     */
    static String forbidden(SandboxResult result, List<String> forbid, String file, String prefix,
                            List<CallOutcome> calls) {
        return forbidden(result, forbid, file, prefix, calls, id -> id);
    }

    /**
     * As above, naming a step the runtime guard stopped by {@code label} of its id (without the prefix). Direct
     * uses are listed one line each; a back door (a name computed at run time, a file that cannot be scanned)
     * is named once per file and kind, with the line of its first use and why it costs the part.
     */
    static String forbidden(SandboxResult result, List<String> forbid, String file, String prefix,
                            List<CallOutcome> calls, UnaryOperator<String> label) {
        List<String> direct = new ArrayList<>();
        Map<String, List<ApiFinding>> doors = new LinkedHashMap<>();
        for (ApiFinding f : findings(result, file, prefix)) {
            if (f.kind() == ApiFinding.Kind.FORBIDDEN) {
                direct.add("- " + where(f) + ": " + message(f));
            } else {
                doors.computeIfAbsent(f.file() + "\u0000" + f.api(), k -> new ArrayList<>()).add(f);
            }
        }
        if (direct.isEmpty() && doors.isEmpty()) {
            // Only the runtime guard saw it (e.g. a name built at run time): say which step tripped it.
            for (CallOutcome o : calls) {
                if (o.status() == CallStatus.FORBIDDEN) {
                    direct.add("- while running " + label.apply(o.id().substring(prefix.length())) + ": "
                            + firstLines(o.message(), 6));
                }
            }
        }
        if (direct.isEmpty() && doors.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (!direct.isEmpty()) {
            out.add("This part forbids " + String.join(", ", forbid) + ", so it gets zero:");
            out.addAll(direct.stream().distinct().toList());
        }
        if (!doors.isEmpty()) {
            out.add((direct.isEmpty() ? "This part forbids " + String.join(", ", forbid) + " and gets zero, because"
                    : "Also,") + " the grader cannot check that your code avoids "
                    + (forbid.size() == 1 ? "it" : "them") + ":");
            doors.values().forEach(same -> out.add("- " + door(same)));
            if (doors.values().stream().anyMatch(l -> l.get(0).kind() == ApiFinding.Kind.EVASION)) {
                out.add("Such a line could call a forbidden function without naming it. Call what you need by its"
                        + " name (no eval/exec, no getattr or importlib with a name computed at run time) and this"
                        + " part is graded as usual.");
            }
        }
        return String.join("\n", out);
    }

    /** One back door: where it is first used, what it is, and the other lines that use it. */
    private static String door(List<ApiFinding> same) {
        ApiFinding first = same.get(0);
        List<Integer> others = same.stream().map(ApiFinding::line).filter(l -> l > 0 && l != first.line())
                .distinct().toList();
        String more = others.isEmpty() ? "" : " (also line" + (others.size() == 1 ? " " : "s ")
                + others.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "))
                + (others.size() > 5 ? ", ..." : "") + ")";
        return where(first) + ": " + message(first) + more;
    }

    private static String where(ApiFinding f) {
        return f.file() + (f.line() > 0 ? ":" + f.line() : "");
    }

    /** The scan's message without its "line N: " (the file:line prefix is for editors). */
    private static String message(ApiFinding f) {
        return f.message().replaceFirst("^line \\d+: ", "");
    }

    /** Why a step did not give usable values, in one or a few lines; null when it ended OK. */
    static String failure(CallOutcome outcome, Duration timeout) {
        return switch (outcome.status()) {
            case OK -> null;
            case ERROR -> "raised an exception:\n\n```\n" + outcome.message().strip() + "\n```";
            case TIMEOUT -> "ran past the time limit of " + seconds(timeout) + " and was stopped"
                    + (outcome.wall().toMillis() > 0 ? " after " + tenths(outcome.wall()) : "");
            case CRASHED -> "the Python process died: " + firstLines(outcome.message(), 3);
            case BAD_OUTPUT -> "returned something unusable: " + firstLines(outcome.message(), 3);
            case NOT_RUN, SKIPPED -> "not run: " + firstLines(outcome.message(), 3);
            case FORBIDDEN -> "used a forbidden API";
        };
    }

    /** Null when {@code v} is a finite tensor matching {@code expected}, else why not. */
    static String compare(Tensor expected, ReturnedValue v, double atol, double rtol) {
        if (v instanceof ReturnedValue.Invalid i) {
            return "is not a tensor: " + i.reason();
        }
        if (!(v instanceof ReturnedValue.TensorValue t)) {
            return "is not a tensor";
        }
        if (t.nonFinite() > 0) {
            return "has " + t.nonFinite() + " NaN or infinite value(s)";
        }
        Comparison cmp = Comparison.of(expected, t.tensor(), atol, rtol);
        return cmp.matches() ? null : cmp.message();
    }

    /**
     * When some of {@code calls} ran out of time: how long those that finished took against the limit, so the
     * student can tell slow code from code that never ends; null when none timed out.
     */
    static String timeoutNote(List<CallOutcome> calls, Duration limit) {
        if (calls.stream().noneMatch(o -> o.status() == CallStatus.TIMEOUT)) {
            return null;
        }
        Duration slowest = calls.stream().filter(o -> o.status() == CallStatus.OK).map(CallOutcome::wall)
                .max(Duration::compareTo).orElse(null);
        return "The time limit is " + seconds(limit) + " per call. " + (slowest == null
                ? "No call of this part finished in time."
                : "The calls of this part that finished took at most " + tenths(slowest) + " each.");
    }

    private static String tenths(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
    }

    static String firstLines(String s, int n) {
        return s.strip().lines().limit(n).collect(Collectors.joining(" "));
    }

    /** The verdict when the sandbox itself failed: not the student's fault. */
    static Verdict sandboxFailed(SandboxResult result) {
        return Verdict.error("Your code could not be run (" + result.reason() + "). This is a grader problem,"
                + " not a problem with your code.");
    }
}
