package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.tensor.OpCallReader;
import io.tensorgrade.grader.refrun.OpCase;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Flavour;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code check: function}: calls the student's Python function {@code function} from {@code file} in the
 * sandbox on {@code cases} sets of inputs generated here from {@code seed}, and compares its return value
 * with the {@code output} of the reference op {@code reference}. Expected values are computed once, when
 * the rubric loads, and never enter the sandbox. See docs/rubric-format.md.
 */
public final class FunctionKind implements CheckKind {

    /** Loose enough for a student's float32 arithmetic, tight enough to catch any indexing mistake. */
    static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-4, 1e-4);
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    @Override
    public String name() {
        return "function";
    }

    @Override
    public String description() {
        return "calls a student's Python function in the sandbox and compares it with a reference op";
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(io.tensorgrade.grader.check.CodeFiles.KEYS);
        keys.addAll(List.of("function", "reference", "inputs", "args", "params", "kwargs", "output", "tensors",
                "cases", "seed", "tolerance", "forbid", "timeout", "mistakes", "steps", "compare", "diagnose", "shapes"));
        return Set.copyOf(keys);
    }

    @Override
    public List<String> builtInMistakes() {
        return List.of(FunctionCheck.FORBIDDEN);
    }

    @Override
    public Check create(ConfigReader config) {
        String file = io.tensorgrade.grader.check.CodeFiles.gradedFile(config);
        String function = StepSpec.present(config) ? "" : config.string("function");
        if (!function.isEmpty() && !DOTTED.matcher(function).matches()) {
            config.error("function", "expected a Python name such as my_conv, found '" + function + "'");
        }
        String op = config.choice("reference", OpCaseRunner.knownOps(), null);
        String output = config.string("output", "out");
        Flavour flavour = config.choice("tensors", List.of("numpy", "torch"), "numpy").equals("torch")
                ? Flavour.TORCH : Flavour.NUMPY;
        long seed = config.integer("seed", 1);
        Tolerance tolerance = config.tolerance(DEFAULT_TOLERANCE);
        double timeout = config.number("timeout", 10);
        if (!(timeout > 0 && timeout <= 600)) {
            config.error("timeout", "expected seconds between 0 and 600, found " + timeout);
        }
        List<String> forbid = config.strings("forbid");
        for (String f : forbid) {
            if (!DOTTED.matcher(f).matches()) {
                config.error("forbid", "expected dotted names such as torch.nn.functional.conv2d, found '" + f + "'");
            }
        }
        io.tensorgrade.grader.check.CodeFiles files = io.tensorgrade.grader.check.CodeFiles.read(config);
        boolean broadcast = config.choice("shapes", List.of("exact", "broadcast"), "exact").equals("broadcast");
        if (op.isEmpty()) {
            return null;
        }
        OpCaseRunner.Signature signature = OpCaseRunner.signature(op).orElseThrow();
        ObjectNode params = OpCallReader.params(config, signature);
        Map<String, InputSpec> inputs = inputs(config, signature);
        if (params == null || inputs == null || !config.ok()) {
            return null;
        }
        List<CaseSpec> specs = CaseSpec.read(config, inputs, params, seed, signature);
        if (StepSpec.present(config)) {
            return steps(config, specs, inputs, params, new StepsCheck.Setup(file, op, flavour, forbid, tolerance,
                    Duration.ofMillis(Math.round(timeout * 1000)), files, broadcast));
        }
        List<FunctionMistake> mistakes = FunctionMistake.read(config, signature);
        List<Arg> args = args(config, inputs.keySet());
        Map<String, Arg> kwargs = kwargs(config, inputs.keySet());
        if (!config.ok()) {
            return null;
        }
        checkPlaceholders(config, specs);
        if (!config.ok()) {
            return null;
        }
        boolean listed = config.node("cases") instanceof YamlList;
        List<FunctionCheck.Case> generated = new ArrayList<>();
        for (CaseSpec spec : specs) {
            String where = listed ? "cases[" + (spec.index() - 1) + "]" : "inputs";
            Map<String, Tensor> values = spec.generate();
            Tensor expected = reference(config, where, op, spec.params(), values, output);
            if (expected == null) {
                return null;
            }
            Map<String, Tensor> variants = new LinkedHashMap<>();
            for (FunctionMistake m : mistakes) {
                try {
                    Tensor v = OpCaseRunner.run(OpCase.of(op, m.apply(spec.params()), values)).get(output);
                    if (v != null) {
                        variants.put(m.id(), v);
                    }
                } catch (GraderException | RefException e) {
                    // This case cannot show the mistake (e.g. its params make the variant invalid).
                }
            }
            Map<String, InputType> types = new LinkedHashMap<>();
            spec.inputs().forEach((name, in) -> types.put(name, in.type()));
            List<Arg> caseArgs = args.stream().map(a -> Placeholders.resolve(a, spec.params())).toList();
            Map<String, Arg> caseKwargs = new LinkedHashMap<>();
            if (kwargs == null) {
                spec.params().fields().forEachRemaining(e -> caseKwargs.put(e.getKey(), Arg.json(e.getValue())));
            } else {
                kwargs.forEach((k, a) -> caseKwargs.put(k, Placeholders.resolve(a, spec.params())));
            }
            generated.add(new FunctionCheck.Case(spec.index(), spec.title(), values, types, caseArgs, caseKwargs,
                    expected, variants));
        }
        checkMistakesShowUp(config, mistakes, generated);
        if (!config.ok()) {
            return null;
        }
        FunctionCheck.Spec spec = new FunctionCheck.Spec(file, function, op, output, args,
                kwargs == null ? Map.of() : kwargs, flavour, forbid, tolerance,
                Duration.ofMillis(Math.round(timeout * 1000)), mistakes, files, broadcast);
        return new FunctionCheck(spec, generated);
    }

    /** A part with {@code steps:} (e.g. a forward call whose cache a backward call receives). */
    private static Check steps(ConfigReader config, List<CaseSpec> specs, Map<String, InputSpec> inputs,
                               ObjectNode params, StepsCheck.Setup setup) {
        if (config.node("mistakes") != null) {
            config.error("mistakes", "recognised mistakes are not supported together with steps yet");
        }
        StepSpec steps = StepSpec.read(config, inputs.keySet(), params);
        if (!config.ok()) {
            return null;
        }
        boolean listed = config.node("cases") instanceof YamlList;
        List<StepsCheck.Case> cases = new ArrayList<>();
        for (CaseSpec spec : specs) {
            String where = listed ? "cases[" + (spec.index() - 1) + "]" : "inputs";
            Map<String, Tensor> values = spec.generate();
            Map<String, Tensor> outputs;
            try {
                outputs = OpCaseRunner.run(OpCase.of(setup.reference(), spec.params(), values));
            } catch (GraderException | RefException e) {
                config.error(where, "the reference " + setup.reference() + " rejects these inputs and params: "
                        + e.getMessage());
                return null;
            }
            cases.add(new StepsCheck.Case(spec.index(), spec.title(), values, spec.params(), outputs));
        }
        StepSpec bound = steps.bind(config, cases.get(0).outputs().keySet());
        return bound == null ? null : new StepsCheck(setup, bound, cases);
    }

    /** The reference's {@code output} for one case; null after a problem, reported at {@code where}. */
    private static Tensor reference(ConfigReader config, String where, String op, ObjectNode params,
                                    Map<String, Tensor> values, String output) {
        Map<String, Tensor> outputs;
        try {
            outputs = OpCaseRunner.run(OpCase.of(op, params, values));
        } catch (GraderException | RefException e) {
            config.error(where, "the reference " + op + " rejects these inputs and params: " + e.getMessage());
            return null;
        }
        Tensor expected = outputs.get(output);
        if (expected == null) {
            config.error("output", "unknown output '" + output + "' of " + op + "; known: "
                    + String.join(", ", outputs.keySet()));
        }
        return expected;
    }

    /** Every {@code $name} in args and kwargs must be a param of every case. */
    private static void checkPlaceholders(ConfigReader config, List<CaseSpec> specs) {
        Set<String> known = new java.util.TreeSet<>();
        specs.forEach(s -> s.params().fieldNames().forEachRemaining(known::add));
        if (config.node("args") instanceof YamlList list) {
            for (int i = 0; i < list.size(); i++) {
                checkPlaceholders(config, list.get(i), "args[" + i + "]", specs, known);
            }
        }
        if (config.node("kwargs") instanceof YamlMap map) {
            for (String key : map.keys()) {
                checkPlaceholders(config, map.get(key), "kwargs." + key, specs, known);
            }
        }
    }

    private static void checkPlaceholders(ConfigReader config, YamlNode node, String field, List<CaseSpec> specs,
                                          Set<String> known) {
        for (String name : Placeholders.names(OpCallReader.json(node))) {
            if (!known.contains(name)) {
                config.errorAt(node, field, "unknown placeholder '$" + name + "'"
                        + io.tensorgrade.grader.yaml.DidYouMean.hint(name, known) + "; params: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
                continue;
            }
            for (CaseSpec s : specs) {
                if (!s.params().has(name)) {
                    config.errorAt(node, field, "placeholder '$" + name + "' has no value in " + s.label()
                            + "; give it in the part's params");
                    break;
                }
            }
        }
    }

    /** A mistake whose output equals the expected one in every case can never be recognised. */
    private static void checkMistakesShowUp(ConfigReader config, List<FunctionMistake> mistakes,
                                            List<FunctionCheck.Case> cases) {
        for (int i = 0; i < mistakes.size(); i++) {
            String id = mistakes.get(i).id();
            boolean differs = cases.stream().anyMatch(c -> c.mistakes().containsKey(id)
                    && !io.tensorgrade.ref.tensor.Comparison.of(c.expected(), c.mistakes().get(id), 0, 0).matches());
            if (!differs) {
                config.error("mistakes[" + i + "]", "mistake '" + id + "' gives the expected output (or no output)"
                        + " in every case, so no case can show it");
            }
        }
    }

    /** {@code inputs}: input name to shape or spec, names checked against the op, required ones present. */
    private static Map<String, InputSpec> inputs(ConfigReader config, OpCaseRunner.Signature signature) {
        YamlNode node = config.node("inputs");
        if (!(node instanceof YamlMap map)) {
            config.error("inputs", "expected a mapping from input names (" + String.join(", ", signature.inputs())
                    + ") to shapes, e.g. {x: [2, 3, 8, 8]}");
            return null;
        }
        ConfigReader r = config.nested(map, "inputs");
        Map<String, InputSpec> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            if (!signature.inputs().contains(name)) {
                r.errorAt(map.get(name), name, "unknown input '" + name + "'; known: "
                        + String.join(", ", signature.inputs()));
                continue;
            }
            InputSpec spec = InputSpec.read(r, map, name);
            if (spec != null) {
                out.put(name, spec);
            }
        }
        for (String required : signature.required()) {
            if (!out.containsKey(required) && !map.has(required)) {
                config.error("inputs", "missing input '" + required + "' of the reference op");
            }
        }
        return out;
    }

    /** {@code args}: input names or literals; the inputs in their order when absent. */
    private static List<Arg> args(ConfigReader config, Set<String> shapes) {
        YamlNode node = config.node("args");
        List<Arg> out = new ArrayList<>();
        if (node == null) {
            shapes.forEach(n -> out.add(Arg.input(n)));
            return out;
        }
        if (!(node instanceof YamlList list)) {
            config.error("args", "expected a list of input names or values, e.g. [x, weight, bias]");
            return out;
        }
        for (YamlNode item : list.items()) {
            out.add(arg(item, shapes));
        }
        return out;
    }

    /** {@code kwargs}: name to input name or literal; null when absent (each case's params are passed). */
    private static Map<String, Arg> kwargs(ConfigReader config, Set<String> shapes) {
        Map<String, Arg> out = new LinkedHashMap<>();
        YamlNode node = config.node("kwargs");
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlMap map)) {
            config.error("kwargs", "expected a mapping of keyword arguments, e.g. {stride: 1, padding: 1}");
            return out;
        }
        for (String key : map.keys()) {
            if (!DOTTED.matcher(key).matches() || key.contains(".")) {
                config.errorAt(map.get(key), "kwargs." + key, "'" + key + "' is not a Python keyword name");
                continue;
            }
            out.put(key, arg(map.get(key), shapes));
        }
        return out;
    }

    /** A text naming an input is that input; anything else is a JSON literal. */
    private static Arg arg(YamlNode item, Set<String> shapes) {
        if (item instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && shapes.contains(s.text())) {
            return Arg.input(s.text());
        }
        JsonNode json = OpCallReader.json(item);
        return Arg.json(json);
    }
}
