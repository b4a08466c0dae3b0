package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.SandboxedCheck;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.Flavour;
import io.tensorgrade.grader.sandbox.NumGrad;
import io.tensorgrade.grader.sandbox.Returns;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.ValueKind;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code function} part with {@code steps:}: per case, the steps run in order in one sandbox job (values
 * that are not reference outputs, such as a cache, stay in the sandbox as handles), and every compared name
 * must match the reference output of that name. Credit is the share of cases where all of them match.
 * With {@code diagnose:}, a numerical gradient of the student's own forward (first case) tells a wrong
 * backward pass from a wrong forward pass. Immutable.
 */
final class StepsCheck implements SandboxedCheck {

    /** Bigger than any single call: the forward runs twice per element of the differentiated input. */
    private static final int NUMGRAD_TIMEOUT_FACTOR = 12;
    private static final String GRAD_OUT = "grad_out";

    /**
     * Where the student's code is and how it is run.
     *
     * @param files     the files that travel with {@code file}
     * @param broadcast whether a compared value of another shape that broadcasts to the reference's (a (1, C)
     *                  dgamma for (C,)) counts when its values match
     */
    record Setup(String file, String reference, Flavour tensors, List<String> forbid, Tolerance tolerance,
                 Duration timeout, io.tensorgrade.grader.check.CodeFiles files, boolean broadcast) {
        Setup {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(files, "files");
            forbid = List.copyOf(forbid);
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * One generated case: its inputs, its params (for {@code $name} in literals) and every output of the
     * reference on them (which stay on the Java side).
     */
    record Case(int index, String title, Map<String, Tensor> inputs, JsonNode params, Map<String, Tensor> outputs) {
        Case {
            title = title == null ? "" : title;
            inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            params = params.deepCopy();
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        String id() {
            return "case" + index;
        }

        String shapes() {
            return inputs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().shapeString())
                    .collect(Collectors.joining(", "));
        }

        /** "stride 2, pad 0; x [2, 3, 5, 5], ..." or the shapes alone. */
        String label() {
            return (title.isEmpty() ? "" : title + "; ") + shapes();
        }
    }

    private final Setup setup;
    private final StepSpec spec;
    private final List<Case> cases;
    private final Set<String> outputs;

    StepsCheck(Setup setup, StepSpec spec, List<Case> cases) {
        if (cases.isEmpty() || spec.compare() == null) {
            throw new IllegalArgumentException("StepsCheck: needs at least one case and a bound spec");
        }
        this.setup = setup;
        this.spec = spec;
        this.cases = List.copyOf(cases);
        this.outputs = Set.copyOf(cases.get(0).outputs().keySet());
    }

    Setup setup() {
        return setup;
    }

    StepSpec spec() {
        return spec;
    }

    List<Case> cases() {
        return cases;
    }

    @Override
    public Expected expected() {
        Case first = cases.get(0);
        String values = spec.compare().stream().map(n -> n + " " + first.outputs().get(n).shapeString())
                .collect(Collectors.joining(", "));
        String calls = spec.steps().stream().map(s -> s.call() + " -> " + String.join(", ", s.returns()))
                .collect(Collectors.joining("; "));
        return new Expected(setup.reference() + "'s " + values + " in case 1 (computed here, never shown to the"
                + " sandbox)", cases.size() + " seeded case(s), calls: " + calls + "; inputs: " + first.shapes()
                + "; tolerance " + setup.tolerance().describe());
    }

    @Override
    public String answerForm() {
        return "Python functions " + spec.steps().stream().map(StepSpec.StepDef::call).distinct()
                .collect(Collectors.joining(", ")) + " in " + String.join(" or ", target().names()) + " working on "
                + (setup.tensors() == Flavour.TORCH ? "torch tensors" : "numpy arrays");
    }

    @Override
    public Target target() {
        String calls = spec.steps().stream().map(StepSpec.StepDef::call).distinct().collect(Collectors.joining(", "));
        return new Target(setup.file(), calls, setup.files());
    }

    @Override
    public Share share(CheckContext context, Path file, String prefix) {
        String fileName = target().nameFor(file);
        return Share.of(b -> {
            int before = b.stepIds().size();
            addSteps(b, prefix, fileName);
            b.stepIds().subList(before, b.stepIds().size()).forEach(id -> b.forbidIn(id, setup.forbid()));
        }, jobTime(), r -> new StepsJudge(this, prefix).judge(r));
    }

    /** The id of step {@code k} (from 0) of case {@code c} in a job whose ids start with {@code prefix}. */
    static String stepId(String prefix, Case c, int k) {
        return prefix + c.id() + ".s" + (k + 1);
    }

    /** The id of the numerical gradient diagnosing {@code name}. */
    static String numGradId(String prefix, Case c, String name) {
        return prefix + c.id() + ".num_" + name;
    }

    static String inputId(String prefix, Case c, String name) {
        return prefix + c.id() + "_" + name;
    }

    /** Adds this part's inputs and steps to a job, every id starting with {@code prefix}. */
    void addSteps(SandboxJob.Builder b, String prefix, String fileName) {
        for (Case c : cases) {
            c.inputs().forEach((name, t) -> b.input(inputId(prefix, c, name), t));
            Map<String, Arg> handles = new LinkedHashMap<>();
            Call forward = null;
            StepSpec.StepDef forwardDef = spec.forward(outputs);
            for (int k = 0; k < spec.steps().size(); k++) {
                StepSpec.StepDef s = spec.steps().get(k);
                String id = stepId(prefix, c, k);
                List<Arg> args = s.args().stream().map(a -> arg(a, prefix, c, handles)).toList();
                Map<String, Arg> kwargs = new LinkedHashMap<>();
                s.kwargs().forEach((n, a) -> kwargs.put(n, arg(a, prefix, c, handles)));
                List<ValueKind> kinds = s.returns().stream()
                        .map(n -> outputs.contains(n) ? ValueKind.TENSOR : ValueKind.KEEP).toList();
                Returns returns = s.tuple() ? new Returns(kinds, true) : Returns.single(kinds.get(0));
                Call call = new Call(id, fileName, s.call(), args, kwargs, setup.tensors(), returns, setup.timeout());
                b.step(call);
                for (int i = 0; i < s.returns().size(); i++) {
                    handles.put(s.returns().get(i), s.tuple() ? Arg.handle(id, i) : Arg.handle(id));
                }
                if (s == forwardDef) {
                    forward = call;
                }
            }
            if (c.index() == cases.get(0).index() && forward != null) {
                for (Map.Entry<String, String> d : spec.diagnose().entrySet()) {
                    b.step(numGrad(prefix, c, forward, forwardDef, d.getKey(), d.getValue()));
                }
            }
        }
    }

    private NumGrad numGrad(String prefix, Case c, Call forward, StepSpec.StepDef def, String name, String input) {
        Arg target = Arg.input(inputId(prefix, c, input));
        int position = forward.args().indexOf(target);
        String keyword = position >= 0 ? null : forward.kwargs().entrySet().stream()
                .filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey).findFirst().orElseThrow();
        String out = def.returns().contains("out") ? "out" : "loss";
        NumGrad g = new NumGrad(numGradId(prefix, c, name), forward, position, keyword,
                def.tuple() ? def.returns().indexOf(out) : null,
                c.inputs().containsKey(GRAD_OUT) ? inputId(prefix, c, GRAD_OUT) : null, 1e-6, 4096,
                setup.timeout().multipliedBy(NUMGRAD_TIMEOUT_FACTOR));
        return g;
    }

    private static Arg arg(StepSpec.ArgSpec a, String prefix, Case c, Map<String, Arg> handles) {
        if (a instanceof StepSpec.Input i) {
            return Arg.input(inputId(prefix, c, i.name()));
        }
        if (a instanceof StepSpec.Returned r) {
            return handles.get(r.name());
        }
        return Arg.json(((StepSpec.Literal) a).resolve(c.params()));
    }

    /** Every call may use its full time limit, the gradients theirs, plus the worker's start-up. */
    Duration jobTime() {
        long calls = (long) cases.size() * spec.steps().size();
        return setup.timeout().plusSeconds(5).multipliedBy(calls)
                .plus(setup.timeout().multipliedBy((long) NUMGRAD_TIMEOUT_FACTOR * spec.diagnose().size()));
    }
}
