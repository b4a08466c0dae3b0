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
import java.util.SplittableRandom;
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
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.(py|ipynb)");
    private static final int MAX_CASES = 20;

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
        return Set.of("file", "function", "reference", "inputs", "args", "params", "kwargs", "output", "tensors",
                "cases", "seed", "tolerance", "forbid", "timeout", "steps", "compare", "diagnose",
                "round_inputs");
    }

    @Override
    public Check create(ConfigReader config) {
        String file = config.string("file");
        if (!file.isEmpty() && !FILE.matcher(file).matches()) {
            config.error("file", "expected a .py or .ipynb file name in the submission folder, found '" + file + "'");
        }
        String function = StepSpec.present(config) ? "" : config.string("function");
        if (!function.isEmpty() && !DOTTED.matcher(function).matches()) {
            config.error("function", "expected a Python name such as my_conv, found '" + function + "'");
        }
        String op = config.choice("reference", OpCaseRunner.knownOps(), null);
        String output = config.string("output", "out");
        Flavour flavour = config.choice("tensors", List.of("numpy", "torch"), "numpy").equals("torch")
                ? Flavour.TORCH : Flavour.NUMPY;
        int cases = (int) config.integer("cases", 3);
        if (cases < 1 || cases > MAX_CASES) {
            config.error("cases", "expected between 1 and " + MAX_CASES + " cases, found " + cases);
        }
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
        if (op.isEmpty()) {
            return null;
        }
        OpCaseRunner.Signature signature = OpCaseRunner.signature(op).orElseThrow();
        ObjectNode params = OpCallReader.params(config, signature);
        Map<String, int[]> shapes = shapes(config, signature);
        if (params == null || shapes == null || !config.ok()) {
            return null;
        }
        StepSpec steps = StepSpec.present(config) ? StepSpec.read(config, shapes.keySet(), params) : null;
        List<StepsCheck.Case> stepCases = new ArrayList<>();
        InputRounding rounding = InputRounding.read(config, shapes.keySet());
        List<Arg> args = args(config, shapes);
        Map<String, Arg> kwargs = kwargs(config, shapes, params);
        if (!config.ok()) {
            return null;
        }
        List<FunctionCheck.Case> generated = new ArrayList<>();
        for (int i = 1; i <= cases; i++) {
            Map<String, Tensor> inputs = rounding.apply(generate(shapes, seed, i));
            Map<String, Tensor> outputs;
            try {
                outputs = OpCaseRunner.run(OpCase.of(op, params, inputs));
            } catch (GraderException | RefException e) {
                config.error("inputs", "the reference " + op + " rejects these inputs and params: " + e.getMessage());
                return null;
            }
            if (steps != null) {
                stepCases.add(new StepsCheck.Case(i, inputs, params, outputs));
                continue;
            }
            Tensor expected = outputs.get(output);
            if (expected == null) {
                config.error("output", "unknown output '" + output + "' of " + op + "; known: "
                        + String.join(", ", outputs.keySet()));
                return null;
            }
            generated.add(new FunctionCheck.Case(i, inputs, expected));
        }
        if (steps != null) {
            StepSpec bound = steps.bind(config, stepCases.get(0).outputs().keySet());
            return bound == null ? null : new StepsCheck(new StepsCheck.Setup(file, op, flavour, forbid, tolerance,
                    Duration.ofMillis(Math.round(timeout * 1000))), bound, stepCases);
        }
        FunctionCheck.Spec spec = new FunctionCheck.Spec(file, function, op, output, args, kwargs, flavour, forbid,
                tolerance, Duration.ofMillis(Math.round(timeout * 1000)));
        return new FunctionCheck(spec, generated);
    }

    /** {@code inputs}: input name to shape, names checked against the op, required ones present. */
    private static Map<String, int[]> shapes(ConfigReader config, OpCaseRunner.Signature signature) {
        YamlNode node = config.node("inputs");
        if (!(node instanceof YamlMap map)) {
            config.error("inputs", "expected a mapping from input names (" + String.join(", ", signature.inputs())
                    + ") to shapes, e.g. {x: [2, 3, 8, 8]}");
            return null;
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            if (!signature.inputs().contains(name)) {
                config.errorAt(map.get(name), "inputs." + name, "unknown input '" + name + "'; known: "
                        + String.join(", ", signature.inputs()));
                continue;
            }
            int[] shape = shape(map.get(name));
            if (shape == null) {
                config.errorAt(map.get(name), "inputs." + name, "expected a shape such as [2, 3, 8, 8], found "
                        + map.get(name).describe());
            } else {
                out.put(name, shape);
            }
        }
        for (String required : signature.required()) {
            if (!out.containsKey(required) && !map.has(required)) {
                config.error("inputs", "missing input '" + required + "' of the reference op");
            }
        }
        return out;
    }

    private static int[] shape(YamlNode node) {
        if (!(node instanceof YamlList list) || list.size() == 0 || list.size() > 6) {
            return null;
        }
        int[] shape = new int[list.size()];
        long total = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof YamlScalar s) || !s.text().matches("[1-9][0-9]{0,4}")) {
                return null;
            }
            shape[i] = Integer.parseInt(s.text());
            total *= shape[i];
        }
        return total <= 1_000_000 ? shape : null;
    }

    /** {@code args}: input names or literals; the inputs in their order when absent. */
    private static List<Arg> args(ConfigReader config, Map<String, int[]> shapes) {
        YamlNode node = config.node("args");
        List<Arg> out = new ArrayList<>();
        if (node == null) {
            shapes.keySet().forEach(n -> out.add(Arg.input(n)));
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

    /** {@code kwargs}: name to input name or literal; the params when absent. */
    private static Map<String, Arg> kwargs(ConfigReader config, Map<String, int[]> shapes, ObjectNode params) {
        Map<String, Arg> out = new LinkedHashMap<>();
        YamlNode node = config.node("kwargs");
        if (node == null) {
            params.fields().forEachRemaining(e -> out.put(e.getKey(), Arg.json(e.getValue())));
            return out;
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
    private static Arg arg(YamlNode item, Map<String, int[]> shapes) {
        if (item instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && shapes.containsKey(s.text())) {
            return Arg.input(s.text());
        }
        JsonNode json = OpCallReader.json(item);
        return Arg.json(json);
    }

    /** Case {@code index}'s inputs: uniform in [-1, 1), reproducible from the seed alone. */
    static Map<String, Tensor> generate(Map<String, int[]> shapes, long seed, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        Map<String, Tensor> out = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            double[] data = new double[n];
            for (int i = 0; i < n; i++) {
                data[i] = random.nextDouble(-1, 1);
            }
            out.put(name, Tensor.wrap(data, shape));
        });
        return out;
    }
}
