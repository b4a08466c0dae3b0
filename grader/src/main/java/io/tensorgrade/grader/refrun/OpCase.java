package io.tensorgrade.grader.refrun;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.GraderException;
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
import java.util.stream.Stream;

/**
 * One case folder: {@code case.json} ({@code {"op": NAME, "params": {...}}}) and {@code inputs/NAME.npy}.
 * Reading a parameter or an input checks it and fails with a message naming the file and the field.
 */
final class OpCase {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP_LEVEL = Set.of("op", "params", "description");

    private final Path dir;
    private final Path json;
    private final String op;
    private final JsonNode params;
    private final Map<String, Path> inputFiles;

    private OpCase(Path dir, Path json, String op, JsonNode params, Map<String, Path> inputFiles) {
        this.dir = dir;
        this.json = json;
        this.op = op;
        this.params = params;
        this.inputFiles = inputFiles;
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
        return new OpCase(dir, json, op.asText(), params, listInputs(dir.resolve("inputs")));
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

    Path dir() {
        return dir;
    }

    String op() {
        return op;
    }

    /** Fails on inputs and params the op does not know, and on missing required inputs. */
    void checkNames(List<String> required, List<String> optional, List<String> knownParams) {
        for (String name : inputFiles.keySet()) {
            if (!required.contains(name) && !optional.contains(name)) {
                throw new GraderException(inputFiles.get(name) + ": unknown input for " + op + "; known: "
                        + String.join(", ", Stream.concat(required.stream(), optional.stream()).toList()));
            }
        }
        for (String name : required) {
            if (!inputFiles.containsKey(name)) {
                throw new GraderException(inputPath(name) + ": missing (" + op + " needs " + String.join(", ", required)
                        + ")");
            }
        }
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!knownParams.contains(key)) {
                throw new GraderException(json + ": params." + key + ": unknown parameter for " + op + "; known: "
                        + (knownParams.isEmpty() ? "none" : String.join(", ", knownParams)));
            }
        }
    }

    private Path inputPath(String name) {
        return dir.resolve("inputs").resolve(name + ".npy");
    }

    // ---- inputs ----

    boolean has(String input) {
        return inputFiles.containsKey(input);
    }

    /** The input array, or null when its file is absent. */
    NpyArray array(String input) {
        Path p = inputFiles.get(input);
        return p == null ? null : Npy.read(p);
    }

    /** The input as doubles, or null when its file is absent. */
    Tensor tensor(String input) {
        NpyArray a = array(input);
        return a == null ? null : a.tensor();
    }

    /** Exact integer values of an input, e.g. class indices; fails for float or bool arrays. */
    long[] longs(String input, int[] expectedShape) {
        NpyArray a = array(input);
        if (!a.dtype().isInteger()) {
            throw new GraderException(inputPath(input) + ": " + op + " needs int64 class indices, got dtype "
                    + a.dtype().descr());
        }
        if (expectedShape != null && !Arrays.equals(a.shape(), expectedShape)) {
            throw new GraderException(inputPath(input) + ": expected shape " + Arrays.toString(expectedShape)
                    + ", got " + a.tensor().shapeString());
        }
        return a.longs();
    }

    // ---- params ----

    private GraderException bad(String name, String expected, JsonNode got) {
        return new GraderException(json + ": params." + name + ": expected " + expected + ", got " + got);
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
        return new GraderException(json + ": params." + name + ": missing (" + op + " needs it)");
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
