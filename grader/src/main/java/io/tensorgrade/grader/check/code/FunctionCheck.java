package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.SandboxedCheck;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.Flavour;
import io.tensorgrade.grader.sandbox.InputTensor;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.Returns;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The check built by {@link FunctionKind}: one sandbox job per submission and part, one call per case;
 * credit is the share of cases whose return value matches the reference. Immutable.
 */
final class FunctionCheck implements SandboxedCheck {

    /** Mistake id for a forbidden API, found by the scan or the runtime guard. */
    static final String FORBIDDEN = "forbidden_api";

    /** What to call and how to compare. */
    record Spec(String file, String function, String reference, String output, List<Arg> args,
                Map<String, Arg> kwargs, Flavour tensors, List<String> forbid, Tolerance tolerance, Duration timeout,
                List<FunctionMistake> mistakes, io.tensorgrade.grader.check.CodeFiles files, boolean broadcast) {
        Spec {
            Objects.requireNonNull(files, "files");
            mistakes = List.copyOf(mistakes);
            args = List.copyOf(args);
            kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
            forbid = List.copyOf(forbid);
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * One generated input set and the reference's answer to it (which stays on the Java side).
     *
     * @param title    shown in feedback, may be empty
     * @param types    the element type each input is sent as
     * @param args     the positional arguments, placeholders resolved
     * @param kwargs   the keyword arguments, placeholders resolved
     * @param mistakes each recognised mistake's output for these inputs, by mistake id
     */
    record Case(int index, String title, Map<String, Tensor> inputs, Map<String, InputType> types, List<Arg> args,
                Map<String, Arg> kwargs, Tensor expected, Map<String, Tensor> mistakes) {
        Case {
            title = title == null ? "" : title;
            inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
            args = List.copyOf(args);
            kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
            mistakes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mistakes));
            Objects.requireNonNull(expected, "expected");
        }

        String id() {
            return "case" + index;
        }

        /** "case 3 (stride > kernel)" or "case 3". */
        String label() {
            return "case " + index + (title.isEmpty() ? "" : " (" + title + ")");
        }

        String shapes() {
            return inputs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().shapeString())
                    .collect(Collectors.joining(", "));
        }
    }

    private final Spec spec;
    private final List<Case> cases;

    FunctionCheck(Spec spec, List<Case> cases) {
        this.spec = spec;
        this.cases = List.copyOf(cases);
    }

    /** The generated cases, in order. */
    List<Case> cases() {
        return cases;
    }

    @Override
    public Expected expected() {
        Case first = cases.get(0);
        String list = cases.stream().map(c -> "case " + c.index() + " (" + (c.title().isEmpty() ? "" : c.title() + "; ")
                + c.shapes() + ")").collect(Collectors.joining(", "));
        return new Expected(spec.reference() + "'s output " + spec.output() + ", shape "
                + first.expected().shapeString() + " in case 1 (computed here, never shown to the sandbox)",
                cases.size() + " seeded case(s): " + list + "; tolerance " + spec.tolerance().describe());
    }

    @Override
    public String answerForm() {
        return "a Python function " + signature() + " in " + String.join(" or ", target().names()) + " returning a "
                + (spec.tensors() == Flavour.TORCH ? "torch tensor" : "numpy array");
    }

    /**
     * How the part calls the function, e.g. {@code my_conv(x, stride=<stride>, weight=weight)}: positional
     * arguments, then keywords; tensors by their input name, {@code $param}s as {@code <param>}, literals as JSON.
     */
    String signature() {
        List<String> shown = new ArrayList<>();
        spec.args().forEach(a -> shown.add(shown(a)));
        spec.kwargs().forEach((k, a) -> shown.add(k + "=" + shown(a)));
        return spec.function() + "(" + String.join(", ", shown) + ")";
    }

    private static String shown(io.tensorgrade.grader.sandbox.Arg arg) {
        if (arg instanceof io.tensorgrade.grader.sandbox.Arg.Input in) {
            return in.name();
        }
        if (arg instanceof io.tensorgrade.grader.sandbox.Arg.Json j) {
            String text = j.value().isTextual() ? j.value().asText() : j.value().toString();
            return text.startsWith("$") ? "<" + text.substring(1) + ">" : j.value().toString();
        }
        if (arg instanceof io.tensorgrade.grader.sandbox.Arg.Data d) {
            return "<path of " + d.name() + ">";
        }
        return "<the earlier call's result>";
    }

    @Override
    public Target target() {
        return new Target(spec.file(), spec.function(), spec.files());
    }

    @Override
    public Share share(CheckContext context, Path file, String prefix) {
        String fileName = target().nameFor(file);
        // Every call may use its full time limit, plus its share of the worker's start-up.
        Duration budget = spec.timeout().plusSeconds(5).multipliedBy(cases.size());
        return Share.of(b -> addSteps(b, prefix, fileName), budget, r -> judge(r, prefix));
    }

    /** The verdict on a run that carried this part's steps under {@code prefix} (possibly among others). */
    Verdict judge(SandboxResult result, String prefix) {
        if (result.status() == SandboxResult.JobStatus.SANDBOX_FAILED) {
            return SandboxFeedback.sandboxFailed(result);
        }
        String forbidden = forbidden(result, prefix);
        if (forbidden != null) {
            return new Verdict(0, io.tensorgrade.grader.result.Status.FAILED, forbidden, FORBIDDEN);
        }
        CaseReport report = new CaseReport();
        List<Case> failed = new ArrayList<>();
        List<CallOutcome> outcomes = cases.stream().map(c -> result.call(prefix + c.id())).toList();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String failure = judge(c, outcomes.get(i));
            if (failure != null) {
                failed.add(c);
            }
            report.add(c.index(), (c.title().isEmpty() ? "" : c.title() + "; ") + c.shapes(), failure);
        }
        int passed = report.passed();
        String head = spec.function() + " matched " + spec.reference() + " (" + spec.output() + ") in " + passed
                + " of " + cases.size() + " case(s).";
        report.stoppedEarly(result, outcomes);
        String slow = SandboxFeedback.timeoutNote(outcomes, spec.timeout());
        if (slow != null) {
            report.note(slow);
        }
        FunctionMistake mistake = MistakeMatch.find(spec.mistakes(), failed, result, spec.tolerance(), prefix);
        Verdict verdict;
        if (mistake == null) {
            verdict = Verdict.of((double) passed / cases.size(), report.feedback(head), null);
        } else {
            report.note("In " + (failed.size() == 1 ? "the failing case" : "every failing case") + " your output is"
                    + " what you get when " + mistake.feedback() + ".");
            double credit = (passed + failed.size() * mistake.credit()) / cases.size();
            verdict = Verdict.of(credit, report.feedback(head), mistake.id());
        }
        return slow == null ? verdict : verdict.withTimedOut();
    }

    @Override
    public List<io.tensorgrade.grader.check.CatalogueEntry> catalogue() {
        return spec.mistakes().stream().map(FunctionMistake::entry).toList();
    }

    /** Adds one call per case to a job, every id starting with {@code prefix}. */
    private void addSteps(SandboxJob.Builder b, String prefix, String fileName) {
        for (Case c : cases) {
            c.inputs().forEach((name, t) -> b.input(prefix + c.id() + "_" + name,
                    new InputTensor(t, c.types().getOrDefault(name, InputType.FLOAT64))));
            List<Arg> args = c.args().stream().map(a -> rename(a, prefix, c)).toList();
            Map<String, Arg> kwargs = new LinkedHashMap<>();
            c.kwargs().forEach((k, a) -> kwargs.put(k, rename(a, prefix, c)));
            b.step(new Call(prefix + c.id(), fileName, spec.function(), args, kwargs, spec.tensors(),
                    Returns.tensor(), spec.timeout()));
            b.forbidIn(prefix + c.id(), spec.forbid());
        }
    }

    private static Arg rename(Arg a, String prefix, Case c) {
        return a instanceof Arg.Input i ? Arg.input(prefix + c.id() + "_" + i.name()) : a;
    }

    /** Zero-credit feedback when a forbidden API was seen, else null. */
    private String forbidden(SandboxResult result, String prefix) {
        List<CallOutcome> mine = cases.stream().map(c -> result.call(prefix + c.id())).toList();
        return SandboxFeedback.forbidden(result, spec.forbid(), spec.file(), prefix, mine,
                id -> id.replaceFirst("^case", "case "));
    }

    /** Null when the case passed, else why not, in one or a few lines. */
    private String judge(Case c, CallOutcome outcome) {
        return outcome.status() == CallStatus.OK ? compare(c, outcome)
                : SandboxFeedback.failure(outcome, spec.timeout());
    }

    private String compare(Case c, CallOutcome outcome) {
        ReturnedValue v = outcome.value(0);
        if (v instanceof ReturnedValue.Invalid i) {
            return "returned something that is not a tensor: " + i.reason();
        }
        if (!(v instanceof ReturnedValue.TensorValue t)) {
            return "returned something that is not a tensor";
        }
        if (t.nonFinite() > 0) {
            return "returned " + t.nonFinite() + " NaN or infinite value(s)";
        }
        Tensor actual = scalarAsScalar(c.expected(), t.tensor());
        Comparison cmp = Comparison.of(c.expected(), actual, spec.tolerance().abs(), spec.tolerance().rel());
        return cmp.matches() ? null : cmp.message();
    }

    /**
     * A one-element result where the reference gives a 0-d scalar (a loss) is that scalar: the seed's
     * {@code loss -= log_loss[i, y[i]]} returns shape [1], and the homework's own check broadcasts it.
     */
    static Tensor scalarAsScalar(Tensor expected, Tensor actual) {
        return expected.rank() == 0 && actual.size() == 1 && actual.rank() > 0 ? actual.reshape() : actual;
    }
}
