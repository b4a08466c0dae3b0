package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.sandbox.ApiFinding;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.Value;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        String name = String.valueOf(java.nio.file.Path.of(file).getFileName());
        return result.findings().stream()
                .filter(f -> f.concerns(id -> id.startsWith(prefix)))
                .filter(f -> f.file().equals("*") || f.file().equals(name) || f.file().startsWith(name + " ["))
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

    /** As above, naming a step the runtime guard stopped by {@code label} of its id (without the prefix). */
    static String forbidden(SandboxResult result, List<String> forbid, String file, String prefix,
                            List<CallOutcome> calls, UnaryOperator<String> label) {
        List<String> found = new ArrayList<>();
        for (ApiFinding f : findings(result, file, prefix)) {
            // The scan's message already starts with "line N: "; the file:line prefix is for editors.
            String message = f.message().replaceFirst("^line \\d+: ", "");
            found.add("- " + f.file() + (f.line() > 0 ? ":" + f.line() : "") + ": " + message);
        }
        if (found.isEmpty()) {
            // Only the runtime guard saw it (e.g. a name built at run time): say which step tripped it.
            for (CallOutcome o : calls) {
                if (o.status() == CallStatus.FORBIDDEN) {
                    found.add("- while running " + label.apply(o.id().substring(prefix.length())) + ": "
                            + firstLines(o.message(), 6));
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return "This part forbids " + String.join(", ", forbid) + ", so it gets zero:\n"
                + String.join("\n", found.stream().distinct().toList());
    }

    /** Why a step did not give usable values, in one or a few lines; null when it ended OK. */
    static String failure(CallOutcome outcome, Duration timeout) {
        return switch (outcome.status()) {
            case OK -> null;
            case ERROR -> "raised an exception:\n\n```\n" + outcome.message().strip() + "\n```";
            case TIMEOUT -> "ran past the time limit of " + seconds(timeout) + " and was stopped";
            case CRASHED -> "the Python process died: " + firstLines(outcome.message(), 3);
            case BAD_OUTPUT -> "returned something unusable: " + firstLines(outcome.message(), 3);
            case NOT_RUN, SKIPPED -> "not run: " + firstLines(outcome.message(), 3);
            case FORBIDDEN -> "used a forbidden API";
        };
    }

    /** Null when {@code v} is a finite tensor matching {@code expected}, else why not. */
    static String compare(Tensor expected, Value v, double atol, double rtol) {
        if (v instanceof Value.Invalid i) {
            return "is not a tensor: " + i.reason();
        }
        if (!(v instanceof Value.TensorValue t)) {
            return "is not a tensor";
        }
        if (t.nonFinite() > 0) {
            return "has " + t.nonFinite() + " NaN or infinite value(s)";
        }
        Comparison cmp = Comparison.of(expected, t.tensor(), atol, rtol);
        return cmp.matches() ? null : cmp.message();
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
    }

    static String firstLines(String s, int n) {
        return s.strip().lines().limit(n).collect(Collectors.joining(" "));
    }
}
