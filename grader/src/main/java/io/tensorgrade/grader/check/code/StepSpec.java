package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.tensor.OpCallReader;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code steps:} of a {@code function} part (multi-step calls such as a forward pass that returns a cache
 * and a backward pass that takes it), with {@code compare:} and {@code diagnose:}. Read in two stages: the
 * structure when the part is read ({@link #read}), the names that must be reference outputs once the
 * reference has run on the first case ({@link #bind}). Immutable.
 *
 * @param steps    the calls, in order
 * @param compare  returned names compared with the reference outputs of the same name (null until bound)
 * @param diagnose compared gradient name to the input of the forward step it is the gradient of
 */
record StepSpec(List<StepDef> steps, List<String> compare, Map<String, String> diagnose) {

    /** The name a rubric gives to a returned value it does not want (neither compared nor passed on). */
    static final String IGNORED = "_";
    private static final Pattern CALL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> STEP_KEYS = Set.of("call", "args", "kwargs", "returns");
    private static final int MAX_STEPS = 8;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    StepSpec {
        steps = List.copyOf(steps);
        compare = compare == null ? null : List.copyOf(compare);
        diagnose = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(diagnose));
    }

    /** One argument of a step: an input tensor, a value an earlier step returned, or a JSON literal. */
    sealed interface ArgSpec permits Input, Returned, Literal {
    }

    /** The input tensor of this name (fresh for every call). */
    record Input(String name) implements ArgSpec {
    }

    /** What an earlier step returned under this name; it stays in the sandbox (a handle). */
    record Returned(String name) implements ArgSpec {
    }

    /** A JSON literal whose {@code "$param"} strings are replaced by the case's params. */
    record Literal(JsonNode template) implements ArgSpec {
        Literal {
            template = template.deepCopy();
        }

        /** The literal with every {@code "$name"} string replaced by {@code params.name}. */
        JsonNode resolve(JsonNode params) {
            return substitute(template.deepCopy(), params);
        }
    }

    /**
     * One call of the student's file.
     *
     * @param call    the function name (dots reach attributes)
     * @param returns the names of the returned values: one name unless {@code tuple}
     * @param tuple   whether the function returns a tuple (the rubric gave a list)
     */
    record StepDef(String call, List<ArgSpec> args, Map<String, ArgSpec> kwargs, List<String> returns,
                   boolean tuple) {
        StepDef {
            Objects.requireNonNull(call, "call");
            args = List.copyOf(args);
            kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
            returns = List.copyOf(returns);
        }
    }

    /** Whether the part uses {@code steps:} (then {@code function}, {@code args}, {@code kwargs}, {@code output} are out). */
    static boolean present(ConfigReader config) {
        return config.has("steps");
    }

    /**
     * Reads {@code steps}, and checks that {@code compare}/{@code diagnose} have the right form; null after a
     * problem. {@code inputs} are the part's input names, {@code params} its params (for {@code $name}).
     */
    static StepSpec read(ConfigReader config, Collection<String> inputs, JsonNode params) {
        for (String key : List.of("function", "args", "kwargs", "output")) {
            if (config.has(key)) {
                config.error(key, "'" + key + "' does not go with 'steps'; give call, args, kwargs and returns in"
                        + " each step");
            }
        }
        List<ConfigReader> items = config.items("steps", STEP_KEYS);
        if (items.isEmpty() && config.ok()) {
            config.error("steps", "expected at least one step, e.g. [{call: conv_forward_naive, args: [x, weight,"
                    + " bias], returns: [out, cache]}]");
        }
        if (items.size() > MAX_STEPS) {
            config.error("steps", "expected at most " + MAX_STEPS + " steps, found " + items.size());
        }
        Set<String> allReturned = new LinkedHashSet<>();
        for (ConfigReader item : items) {
            YamlNode r = item.node("returns");
            if (r != null) {
                (r instanceof YamlList l ? l.items() : List.of(r)).stream()
                        .filter(n -> n instanceof YamlScalar).map(n -> ((YamlScalar) n).text())
                        .forEach(allReturned::add);
            }
        }
        Set<String> returned = new LinkedHashSet<>();
        List<StepDef> steps = new ArrayList<>();
        for (ConfigReader item : items) {
            String call = item.string("call");
            if (!call.isEmpty() && !CALL.matcher(call).matches()) {
                item.error("call", "expected a Python function name such as conv_forward_naive, found '" + call + "'");
            }
            Names names = new Names(inputs, returned, allReturned, params);
            List<ArgSpec> args = new ArrayList<>();
            YamlNode argsNode = item.node("args");
            if (argsNode instanceof YamlList list) {
                for (int i = 0; i < list.size(); i++) {
                    args.add(names.arg(item, list.get(i), "args[" + i + "]"));
                }
            } else if (argsNode != null) {
                item.error("args", "expected a list of input names, returned names or values, e.g. [grad_out, cache]");
            }
            Map<String, ArgSpec> kwargs = new LinkedHashMap<>();
            YamlNode kwNode = item.node("kwargs");
            if (kwNode instanceof YamlMap map) {
                for (String key : map.keys()) {
                    if (!NAME.matcher(key).matches()) {
                        item.errorAt(map.get(key), "kwargs." + key, "'" + key + "' is not a Python keyword name");
                    } else {
                        kwargs.put(key, names.arg(item, map.get(key), "kwargs." + key));
                    }
                }
            } else if (kwNode != null && !(kwNode instanceof YamlScalar s && s.isNull())) {
                item.error("kwargs", "expected a mapping of keyword arguments, e.g. {stride: 1}");
            }
            List<String> names2 = returns(item, inputs, returned);
            boolean tuple = item.node("returns") instanceof YamlList;
            returned.addAll(names2.stream().filter(n -> !n.equals(IGNORED)).toList());
            steps.add(new StepDef(call, args, kwargs, names2, tuple));
        }
        List<String> compare = null;
        if (config.has("compare")) {
            compare = config.strings("compare");
            for (String c : compare) {
                if (!returned.contains(c)) {
                    config.error("compare", "'" + c + "' is not returned by any step" + DidYouMean.hint(c, returned)
                            + "; returned: " + String.join(", ", returned));
                }
            }
            if (compare.isEmpty()) {
                config.error("compare", "expected at least one returned name to compare");
            }
        }
        Map<String, String> diagnose = new LinkedHashMap<>();
        YamlNode d = config.node("diagnose");
        if (d instanceof YamlMap map) {
            for (String key : map.keys()) {
                if (map.get(key) instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING) {
                    diagnose.put(key, s.text());
                } else {
                    config.errorAt(map.get(key), "diagnose." + key, "expected the name of the input that " + key
                            + " is the gradient of, e.g. {grad_x: x}, found " + map.get(key).describe());
                }
            }
        } else if (d != null) {
            config.error("diagnose", "expected a mapping from gradient names to inputs, e.g. {grad_x: x, grad_weight:"
                    + " weight}, found " + d.describe());
        }
        return config.ok() ? new StepSpec(steps, compare, diagnose) : null;
    }

    /** {@code returns}: one name or a list; names are new, not inputs, or {@code _}. */
    private static List<String> returns(ConfigReader item, Collection<String> inputs, Set<String> earlier) {
        YamlNode node = item.node("returns");
        if (node == null) {
            item.error("returns", "missing required field 'returns' (one name, or a list such as [out, cache])");
            return List.of();
        }
        List<YamlNode> nodes = node instanceof YamlList l ? l.items() : List.of(node);
        if (nodes.isEmpty()) {
            item.error("returns", "expected at least one name");
        }
        List<String> out = new ArrayList<>();
        for (YamlNode n : nodes) {
            String name = n instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING ? s.text() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                item.errorAt(n, "returns", "expected a name such as out or cache, found " + n.describe());
            } else if (!name.equals(IGNORED) && (inputs.contains(name) || earlier.contains(name)
                    || out.contains(name))) {
                item.errorAt(n, "returns", "'" + name + "' is already "
                        + (inputs.contains(name) ? "an input" : "returned") + "; give each value its own name");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** What a bare name in a step's args may refer to at that step. */
    private record Names(Collection<String> inputs, Set<String> returned, Set<String> allReturned, JsonNode params) {
        ArgSpec arg(ConfigReader item, YamlNode node, String field) {
            if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && !s.text().startsWith("$")) {
                String name = s.text();
                if (inputs.contains(name)) {
                    return new Input(name);
                }
                if (returned.contains(name)) {
                    return new Returned(name);
                }
                if (allReturned.contains(name)) {
                    item.errorAt(node, field, "'" + name + "' is used before the step that returns it");
                } else {
                    Set<String> known = new LinkedHashSet<>(inputs);
                    known.addAll(returned);
                    item.errorAt(node, field, "unknown name '" + name + "'" + DidYouMean.hint(name, known)
                            + "; inputs and values returned so far: " + String.join(", ", known));
                }
                return new Literal(JSON.nullNode());
            }
            JsonNode json = OpCallReader.json(node);
            List<String> unknown = new ArrayList<>();
            placeholders(json, unknown);
            unknown.removeIf(params::has);
            for (String u : unknown) {
                List<String> known = new ArrayList<>();
                params.fieldNames().forEachRemaining(known::add);
                item.errorAt(node, field, "unknown param '$" + u + "'" + DidYouMean.hint(u, known) + "; params: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
            return new Literal(json);
        }
    }

    /**
     * Checks the names that need the reference's outputs: {@code compare} (default: every returned name that
     * is an output) and {@code diagnose}; the bound spec, or null after a problem.
     */
    StepSpec bind(ConfigReader config, Set<String> outputs) {
        List<String> returned = steps.stream().flatMap(s -> s.returns().stream()).filter(n -> !n.equals(IGNORED))
                .toList();
        List<String> cmp = compare;
        if (cmp == null) {
            cmp = returned.stream().filter(outputs::contains).toList();
            if (cmp.isEmpty()) {
                config.error("steps", "no step returns an output of the reference (" + String.join(", ", outputs)
                        + "); returned: " + String.join(", ", returned));
            }
        } else {
            for (String c : cmp) {
                if (!outputs.contains(c)) {
                    config.error("compare", "'" + c + "' is not an output of the reference"
                            + DidYouMean.hint(c, outputs) + "; its outputs: " + String.join(", ", outputs));
                }
            }
        }
        StepDef forward = forward(outputs);
        for (Map.Entry<String, String> e : diagnose.entrySet()) {
            if (!cmp.contains(e.getKey())) {
                config.error("diagnose", "'" + e.getKey() + "' is not a compared name; compared: "
                        + String.join(", ", cmp));
            } else if (forward == null) {
                config.error("diagnose", "no step returns the reference's forward output (out), so there is no"
                        + " forward pass to differentiate");
            } else if (forward.args().stream().anyMatch(a -> a instanceof Returned)
                    || forward.kwargs().values().stream().anyMatch(a -> a instanceof Returned)) {
                config.error("diagnose", "the forward step " + forward.call() + " takes a value returned by an"
                        + " earlier step, so it cannot be differentiated on its own");
            } else if (!forward.args().contains(new Input(e.getValue()))
                    && !forward.kwargs().containsValue(new Input(e.getValue()))) {
                config.error("diagnose", "'" + e.getValue() + "' (for " + e.getKey() + ") is not an argument of the"
                        + " forward step " + forward.call() + "; its input arguments: " + String.join(", ",
                        forwardInputs(forward)));
            }
        }
        return config.ok() ? new StepSpec(steps, cmp, diagnose) : null;
    }

    /** The step that returns the forward output ({@code out}, or {@code loss} for a loss), or null. */
    StepDef forward(Set<String> outputs) {
        for (String name : List.of("out", "loss")) {
            if (outputs == null || outputs.contains(name)) {
                for (StepDef s : steps) {
                    if (s.returns().contains(name)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    /** The step returning {@code name}, or null. */
    StepDef stepReturning(String name) {
        return steps.stream().filter(s -> s.returns().contains(name)).findFirst().orElse(null);
    }

    private static List<String> forwardInputs(StepDef forward) {
        List<String> out = new ArrayList<>();
        forward.args().forEach(a -> {
            if (a instanceof Input i) {
                out.add(i.name());
            }
        });
        forward.kwargs().values().forEach(a -> {
            if (a instanceof Input i) {
                out.add(i.name());
            }
        });
        return out;
    }

    private static void placeholders(JsonNode node, List<String> out) {
        if (node.isTextual() && node.asText().startsWith("$")) {
            out.add(node.asText().substring(1));
        }
        node.forEach(child -> placeholders(child, out));
    }

    private static JsonNode substitute(JsonNode node, JsonNode params) {
        if (node.isTextual() && node.asText().startsWith("$")) {
            JsonNode v = params.get(node.asText().substring(1));
            return v == null ? node : v.deepCopy();
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                o.set(k, substitute(o.get(k), params));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substitute(a.get(i), params));
            }
        }
        return node;
    }
}
