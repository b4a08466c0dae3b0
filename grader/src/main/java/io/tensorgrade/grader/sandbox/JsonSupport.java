package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;

/** The JSON mappers of the sandbox: strict limits for what comes out of it. */
public final class JsonSupport {
    /** Writes job.json and builds literals. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reads harness output: NaN and Infinity allowed (reported, never trusted), small nesting and sizes. */
    public static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();
    private static final int MAX_LITERAL_CHARS = 1 << 20;

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(400).build());
    }

    private JsonSupport() {
    }

    /** A copy of {@code value} as a JSON tree; NaN and infinities are refused (JSON has none). */
    static JsonNode literal(Object value) {
        JsonNode node = value instanceof JsonNode n ? n.deepCopy() : MAPPER.valueToTree(value);
        if (node == null || node.isMissingNode() || node.isPojo() || node.isBinary()) {
            throw new IllegalArgumentException("json literal " + value + " is not a JSON value");
        }
        checkFinite(node);
        if (node.toString().length() > MAX_LITERAL_CHARS) {
            throw new IllegalArgumentException("json literal is longer than " + MAX_LITERAL_CHARS + " characters");
        }
        return node;
    }

    private static void checkFinite(JsonNode node) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue()) && (node.isDouble() || node.isFloat())) {
            throw new IllegalArgumentException("json literal holds " + node + ", which JSON cannot carry");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            checkFinite(it.next());
        }
    }

    /** {@code s} cut to {@code max} characters, "..." marking the cut: sandbox text is never trusted to be short. */
    public static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
