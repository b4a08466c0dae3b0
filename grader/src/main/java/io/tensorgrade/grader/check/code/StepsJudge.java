package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judges one {@link StepsCheck}'s slice of a sandbox result (the steps whose ids start with the prefix):
 * per case, the first step that failed or the compared values that differ; then, for the first case, which
 * of forward and backward is wrong. Stateless apart from the check it judges.
 */
final class StepsJudge {

    /** Mistake ids of the diagnosis. */
    static final String BACKWARD_WRONG = "backward_wrong";
    static final String FORWARD_WRONG = "forward_wrong";
    static final String BOTH_WRONG = "forward_and_backward_wrong";
    /** Mistake id of a file that does not parse. */
    static final String SYNTAX_ERROR = "syntax_error";

    private final StepsCheck check;
    private final String prefix;

    StepsJudge(StepsCheck check, String prefix) {
        this.check = check;
        this.prefix = prefix;
    }

    Verdict judge(SandboxResult result) {
        if (result.status() == SandboxResult.JobStatus.SANDBOX_FAILED) {
            return SandboxFeedback.sandboxFailed(result);
        }
        StepsCheck.Setup setup = check.setup();
        String unparsable = SandboxFeedback.unparsable(result, setup.file(), prefix);
        if (unparsable != null) {
            return new Verdict(0, Status.FAILED, unparsable, SYNTAX_ERROR);
        }
        List<CallOutcome> mine = result.calls().stream().filter(o -> o.id().startsWith(prefix)).toList();
        String forbidden = SandboxFeedback.forbidden(result, setup.forbid(), setup.file(), prefix, mine);
        if (forbidden != null) {
            return new Verdict(0, Status.FAILED, forbidden, FunctionCheck.FORBIDDEN);
        }
        List<String> lines = new ArrayList<>();
        int passed = 0;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (StepsCheck.Case c : check.cases()) {
            String failure = failure(c, result);
            String head = "- case " + c.index() + " (" + c.label() + "): ";
            if (failure == null) {
                passed++;
                lines.add(head + "passed");
            } else if (seen.containsKey(failure)) {
                // The same traceback or timeout three times over helps nobody.
                lines.add(head + "failed the same way as case " + seen.get(failure));
            } else {
                seen.put(failure, c.index());
                lines.add(head + failure);
            }
        }
        String calls = check.spec().steps().stream().map(StepSpec.StepDef::call).distinct()
                .collect(Collectors.joining(" + "));
        String text = calls + " matched " + setup.reference() + " (" + String.join(", ", check.spec().compare())
                + ") in " + passed + " of " + check.cases().size() + " case(s).\n" + String.join("\n", lines);
        if (result.status() == SandboxResult.JobStatus.INCOMPLETE && !result.reason().isEmpty()
                && mine.stream().anyMatch(o -> o.status() == CallStatus.NOT_RUN)) {
            text += "\nThe run stopped early: " + result.reason();
        }
        String slow = SandboxFeedback.timeoutNote(mine, setup.timeout());
        if (slow != null) {
            text += "\n" + slow;
        }
        List<String[]> diagnosis = diagnose(check.cases().get(0), result);
        String mistake = null;
        if (!diagnosis.isEmpty()) {
            mistake = diagnosis.get(0)[0];
            text += "\n\nDiagnosis (case 1, with a numerical gradient of your own forward pass):\n"
                    + diagnosis.stream().map(d -> "- " + d[1]).collect(Collectors.joining("\n"));
        }
        Verdict verdict = Verdict.of((double) passed / check.cases().size(), text,
                passed == check.cases().size() ? null : mistake);
        return slow == null ? verdict : verdict.withTimedOut();
    }

    private CallOutcome outcome(SandboxResult result, String id) {
        return result.calls().stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    /** Null when every compared value of the case matches, else why not. */
    private String failure(StepsCheck.Case c, SandboxResult result) {
        StepSpec spec = check.spec();
        for (int k = 0; k < spec.steps().size(); k++) {
            CallOutcome o = outcome(result, StepsCheck.stepId(prefix, c, k));
            if (o == null) {
                return spec.steps().get(k).call() + " has no result (a grader problem)";
            }
            if (o.status() != CallStatus.OK) {
                return spec.steps().get(k).call() + " " + SandboxFeedback.failure(o, check.setup().timeout());
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String name : spec.compare()) {
            String why = mismatch(c, result, name);
            if (why != null) {
                wrong.add(name + " (returned by " + spec.stepReturning(name).call() + ") " + why);
            }
        }
        return wrong.isEmpty() ? null : String.join("\n  ", wrong);
    }

    /** The student's value of {@code name} in case {@code c}, or null when its step did not return it. */
    private ReturnedValue value(StepsCheck.Case c, SandboxResult result, String name) {
        StepSpec spec = check.spec();
        StepSpec.StepDef step = spec.stepReturning(name);
        CallOutcome o = outcome(result, StepsCheck.stepId(prefix, c, spec.steps().indexOf(step)));
        if (o == null || o.status() != CallStatus.OK) {
            return null;
        }
        return o.value(step.returns().indexOf(name));
    }

    private String mismatch(StepsCheck.Case c, SandboxResult result, String name) {
        ReturnedValue v = value(c, result, name);
        if (v == null) {
            return "did not come back";
        }
        Tolerance t = check.setup().tolerance();
        Tensor expected = c.outputs().get(name);
        Tensor reshaped = onlyShapeDiffers(expected, v, t);
        if (reshaped != null) {
            return check.setup().broadcast() ? null : "has the right values but shape " + reshaped.shapeString()
                    + " instead of " + expected.shapeString() + "; return it with shape " + expected.shapeString()
                    + " (e.g. sum without keepdims, or .reshape(" + shapeArgs(expected) + "))";
        }
        String why = SandboxFeedback.compare(expected, v, t.abs(), t.rel());
        return why == null ? null : "differs: " + why;
    }

    /**
     * The student's tensor when its values match {@code expected} and only its shape differs by size-1 axes
     * ((1, C) or (C, 1, 1) for (C,)); null otherwise.
     */
    static Tensor onlyShapeDiffers(Tensor expected, ReturnedValue v, Tolerance t) {
        if (!(v instanceof ReturnedValue.TensorValue tv) || tv.nonFinite() > 0) {
            return null;
        }
        Tensor actual = tv.tensor();
        if (java.util.Arrays.equals(actual.shape(), expected.shape()) || actual.size() != expected.size()
                || !java.util.Arrays.equals(squeezed(actual.shape()), squeezed(expected.shape()))) {
            return null;
        }
        Tensor same = actual.reshape(expected.shape());
        return Comparison.of(expected, same, t.abs(), t.rel()).matches() ? actual : null;
    }

    private static int[] squeezed(int[] shape) {
        return java.util.Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    private static String shapeArgs(Tensor t) {
        int[] s = t.shape();
        return s.length == 1 ? s[0] + "," : java.util.Arrays.stream(s).mapToObj(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    /** For each diagnosed gradient that is wrong in case {@code c}: {mistake id, sentence}. */
    private List<String[]> diagnose(StepsCheck.Case c, SandboxResult result) {
        List<String[]> out = new ArrayList<>();
        StepSpec spec = check.spec();
        StepSpec.StepDef forward = spec.forward(c.outputs().keySet());
        if (forward == null || spec.diagnose().isEmpty()) {
            return out;
        }
        String outName = forward.returns().contains("out") ? "out" : "loss";
        String forwardWhy = mismatch(c, result, outName);
        for (Map.Entry<String, String> d : spec.diagnose().entrySet()) {
            String name = d.getKey();
            ReturnedValue student = value(c, result, name);
            if (forwardWhy != null && forwardWhy.equals("did not come back") || student == null
                    || mismatch(c, result, name) == null
                    || onlyShapeDiffers(c.outputs().get(name), student, check.setup().tolerance()) != null) {
                continue; // right, or right values in another shape (said above): nothing to diagnose
            }
            if (forwardWhy == null) {
                out.add(new String[] {BACKWARD_WRONG, name + ": your forward pass " + forward.call() + " matches the"
                        + " reference, so your backward pass is wrong (" + name + " is not the gradient with respect"
                        + " to " + d.getValue() + ")."});
                continue;
            }
            CallOutcome num = outcome(result, StepsCheck.numGradId(prefix, c, name));
            if (num == null || num.status() != CallStatus.OK) {
                out.add(new String[] {FORWARD_WRONG, name + ": your forward pass " + forward.call() + " is wrong ("
                        + outName + " " + forwardWhy + "); the numerical gradient of your forward could not be"
                        + " computed" + (num == null ? "" : ": " + SandboxFeedback.failure(num,
                        check.setup().timeout()))});
                continue;
            }
            Tolerance t = check.setup().tolerance();
            // Central differences in float64 are good to about 1e-7; loosen a tight rubric tolerance to that.
            String vsNumeric = SandboxFeedback.compare(num.tensor(0), student, Math.max(t.abs(), 1e-5),
                    Math.max(t.rel(), 1e-4));
            if (vsNumeric == null) {
                out.add(new String[] {FORWARD_WRONG, name + ": your backward is consistent with your forward ("
                        + name + " equals the numerical gradient of your own " + forward.call() + "); the forward is"
                        + " wrong (" + outName + " " + forwardWhy + ")."});
            } else {
                out.add(new String[] {BOTH_WRONG, name + ": both are wrong: your forward " + forward.call()
                        + " differs from the reference, and " + name + " is not the gradient of your own forward"
                        + " either (against the numerical gradient: " + vsNumeric + ")."});
            }
        }
        return out;
    }
}
