package io.tensorgrade.grader.refrun;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.io.DType;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.io.NpyArray;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One op call: the op's name, its params (the keyword arguments of {@code torch.nn.functional.NAME}, as
 * JSON) and its named inputs. Either a case folder, {@code case.json} ({@code {"op": NAME, "params":
 * {...}}}) and {@code inputs/NAME.npy}, or the same given in memory (a rubric's {@code check: tensor}).
 * Reading a parameter or an input checks it and fails with a message naming the file (or field) at fault.
 */
public final class OpCase {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP_LEVEL = Set.of("op", "params", "description");

    /** Where an input comes from: its label for messages ({@code x/inputs/w.npy}, {@code inputs.w}) and its value. */
    private record Input(String label, Supplier<NpyArray> reader) {
    }

    private final Path dir;
    private final String paramsLabel;
    private final String op;
    private final JsonNode params;
    private final Map<String, Input> inputs;
    private final String inputsLabel;

    private OpCase(Path dir, String paramsLabel, String op, JsonNode params, Map<String, Input> inputs,
                   String inputsLabel) {
        this.dir = dir;
        this.paramsLabel = paramsLabel;
        this.op = op;
        this.params = params;
        this.inputs = inputs;
        this.inputsLabel = inputsLabel;
    }

    /**
     * A call given in memory. Messages name {@code params.NAME} and {@code inputs.NAME}. Inputs have no
     * dtype here, so an input that must hold integers (cross_entropy's target) may hold whole-valued doubles.
     *
     * @param params a JSON object of params (null for none)
     */
    public static OpCase of(String op, JsonNode params, Map<String, Tensor> inputs) {
        if (op == null) {
            throw new GraderException("op: missing");
        }
        if (params != null && !params.isObject() && !params.isNull()) {
            throw new GraderException("params: expected an object, got " + params);
        }
        Map<String, Input> in = new TreeMap<>();
        inputs.forEach((name, t) -> {
            NpyArray a = new NpyArray(DType.FLOAT64, t, null);
            in.put(name, new Input("inputs." + name, () -> a));
        });
        return new OpCase(null, "", op, params == null || params.isNull() ? JSON.createObjectNode() : params, in,
                "inputs.");
    }

    /** Reads {@code dir/case.json} and lists {@code dir/inputs/*.npy} (the arrays are read on demand). */
    static OpCase load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GraderException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        Path json = dir.resolve("case.json");
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new GraderException(json + ": invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new GraderException(json + ": " + (Files.exists(json) ? "cannot read: " + e.getMessage()
                    : "no such file" + hintForParent(dir)), e);
        }
        if (root == null || !root.isObject()) {
            throw new GraderException(json + ": expected a JSON object {\"op\": ..., \"params\": {...}}, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new GraderException(json + ": " + key + ": unknown field; known: op, params, description");
            }
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            throw new GraderException(json + ": op: expected the op name as a string, got "
                    + (op == null ? "nothing" : op.toString()));
        }
        JsonNode params = root.path("params");
        if (params.isMissingNode() || params.isNull()) {
            params = JSON.createObjectNode();
        } else if (!params.isObject()) {
            throw new GraderException(json + ": params: expected an object, got " + params);
        }
        Map<String, Input> inputs = new TreeMap<>();
        listInputs(dir.resolve("inputs")).forEach((name, p) -> inputs.put(name, new Input(p.toString(), () -> Npy.read(p))));
        return new OpCase(dir, json + ": ", op.asText(), params, inputs, dir.resolve("inputs") + "/");
    }

    /** A folder holding case folders rather than a case: say so. */
    private static String hintForParent(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            boolean holdsCases = children.anyMatch(c -> Files.isRegularFile(c.resolve("case.json")));
            return holdsCases ? " (this folder holds case folders; pass them, e.g. " + dir + "/*)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, Path> listInputs(Path inputs) {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(inputs)) {
            return files;
        }
        try (Stream<Path> list = Files.list(inputs)) {
            list.filter(p -> p.getFileName().toString().endsWith(".npy")).forEach(p -> {
                String name = p.getFileName().toString();
                files.put(name.substring(0, name.length() - 4), p);
            });
        } catch (IOException e) {
            throw new GraderException(inputs + ": cannot list: " + e.getMessage(), e);
        }
        return files;
    }

    /** The case folder, or null for a call given in memory. */
    Path dir() {
        return dir;
    }

    public String op() {
        return op;
    }

    /** Fails on inputs and params the op does not know, and on missing required inputs. */
    void checkNames(List<String> required, List<String> optional, List<String> knownParams) {
        for (String name : inputs.keySet()) {
            if (!required.contains(name) && !optional.contains(name)) {
                throw new GraderException(inputs.get(name).label() + ": unknown input for " + op + "; known: "
                        + String.join(", ", Stream.concat(required.stream(), optional.stream()).toList()));
            }
        }
        for (String name : required) {
            if (!inputs.containsKey(name)) {
                throw new GraderException(inputLabel(name) + ": missing (" + op + " needs " + String.join(", ", required)
                        + ")");
            }
        }
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!knownParams.contains(key)) {
                throw new GraderException(paramsLabel + "params." + key + ": unknown parameter for " + op + "; known: "
                        + (knownParams.isEmpty() ? "none" : String.join(", ", knownParams)));
            }
        }
    }

    /** {@code DIR/inputs/NAME.npy} (also when absent) or {@code inputs.NAME}. */
    private String inputLabel(String name) {
        Input in = inputs.get(name);
        return in != null ? in.label() : inputsLabel + name + (dir == null ? "" : ".npy");
    }

    // ---- inputs ----

    boolean has(String input) {
        return inputs.containsKey(input);
    }

    /** The input array, or null when it is absent. */
    NpyArray array(String input) {
        Input in = inputs.get(input);
        return in == null ? null : in.reader().get();
    }

    /** The input as doubles, or null when its file is absent. */
    Tensor tensor(String input) {
        NpyArray a = array(input);
        return a == null ? null : a.tensor();
    }

    /** Exact integer values of an input, e.g. class indices; fails for float or bool arrays. */
    long[] longs(String input, int[] expectedShape) {
        NpyArray a = array(input);
        if (a == null) {
            throw new GraderException(inputLabel(input) + ": missing (" + op + " needs it)");
        }
        if (dir != null && !a.dtype().isInteger()) {
            throw new GraderException(inputLabel(input) + ": " + op + " needs int64 class indices, got dtype "
                    + a.dtype().numpyDescr());
        }
        if (expectedShape != null && !Arrays.equals(a.shape(), expectedShape)) {
            throw new GraderException(inputLabel(input) + ": expected shape " + Arrays.toString(expectedShape)
                    + ", got " + a.tensor().shapeString());
        }
        return a.dtype().isInteger() ? a.longs() : wholeNumbers(input, a.tensor());
    }

    private long[] wholeNumbers(String input, Tensor t) {
        double[] v = t.rawData();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > 1e15) {
                throw new GraderException(inputLabel(input) + ": " + op + " needs whole-number class indices, got "
                        + v[i]);
            }
            out[i] = (long) v[i];
        }
        return out;
    }

    // ---- params ----

    private GraderException bad(String name, String expected, JsonNode got) {
        return new GraderException(paramsLabel + "params." + name + ": expected " + expected + ", got " + got);
    }

    private JsonNode param(String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? null : n;
    }

    /** An int or {@code [h, w]} (or {@code [v]}); {@code dflt} when absent or null, which may itself be null. */
    Pair pair(String name, Pair dflt) {
        JsonNode n = param(name);
        if (n == null) {
            return dflt;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return Pair.of(n.intValue());
        }
        if (n.isArray() && (n.size() == 1 || n.size() == 2)) {
            int[] v = new int[n.size()];
            for (int i = 0; i < v.length; i++) {
                if (!n.get(i).isIntegralNumber() || !n.get(i).canConvertToInt()) {
                    throw bad(name, "an int or [h, w]", n);
                }
                v[i] = n.get(i).intValue();
            }
            return Pair.of(v, name);
        }
        throw bad(name, "an int or [h, w]", n);
    }

    /** A required int or {@code [h, w]}. */
    Pair pair(String name) {
        Pair p = pair(name, null);
        if (p == null) {
            throw missing(name);
        }
        return p;
    }

    private GraderException missing(String name) {
        return new GraderException(paramsLabel + "params." + name + ": missing (" + op + " needs it)");
    }

    /** An int; {@code dflt} when absent or null, a failure when {@code dflt} is null. */
    Integer integer(String name, Integer dflt) {
        JsonNode n = param(name);
        if (n == null) {
            if (dflt == null) {
                throw missing(name);
            }
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw bad(name, "an int", n);
        }
        return n.intValue();
    }

    /** An int, or null when absent or null. */
    Integer integerOrNull(String name) {
        return param(name) == null ? null : integer(name, 0);
    }

    boolean bool(String name, boolean dflt) {
        JsonNode n = param(name);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw bad(name, "true or false", n);
        }
        return n.booleanValue();
    }

    double number(String name, double dflt) {
        JsonNode n = param(name);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw bad(name, "a number", n);
        }
        return n.doubleValue();
    }

    /** One of {@code choices}; {@code dflt} when absent. */
    String choice(String name, String dflt, List<String> choices) {
        JsonNode n = param(name);
        if (n == null) {
            return dflt;
        }
        if (!n.isTextual() || !choices.contains(n.asText())) {
            throw bad(name, "one of \"" + String.join("\", \"", choices) + "\"", n);
        }
        return n.asText();
    }
}
