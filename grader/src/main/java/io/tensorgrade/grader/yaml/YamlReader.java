package io.tensorgrade.grader.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML or JSON document into a {@link YamlNode} tree with line numbers, using Jackson's
 * streaming parser (no data binding, so it stays cheap to start). Syntax errors and duplicate
 * keys come back as {@link Problem}s instead of exceptions, so callers can report them all.
 */
public final class YamlReader {

    /** The outcome of reading: the root (null when the syntax is broken or the document is empty) and the problems. */
    public record Result(YamlNode root, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return root != null && problems.isEmpty();
        }
    }

    /** Deeper nesting than this is refused: answers files come from students. */
    static final int MAX_DEPTH = 64;

    private final List<Problem> problems = new ArrayList<>();
    /** Anchored nodes ({@code &net [...]}) by anchor, for the aliases ({@code *net}) after them. */
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlReader() {
    }

    /** Reads {@code file} as JSON when it ends in {@code .json}, as YAML otherwise. */
    public static Result read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(null, List.of(new Problem(0, "", "cannot read the file: " + e.getMessage())));
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return json ? readJson(text) : readYaml(text);
    }

    /** Reads YAML text. */
    public static Result readYaml(String text) {
        return new YamlReader().parse(new YAMLFactory(), text);
    }

    /** Reads JSON text. */
    public static Result readJson(String text) {
        return new YamlReader().parse(new JsonFactory(), text);
    }

    private Result parse(JsonFactory factory, String text) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Result(null, List.of(new Problem(1, "", "the file is empty")));
            }
            YamlNode root = node(p, 0);
            return new Result(root, problems);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            String where = column > 0 ? " (column " + column + ")" : "";
            problems.add(new Problem(line, "", "syntax error" + where + ": " + summary(e.getOriginalMessage())));
            return new Result(null, problems);
        } catch (IOException e) {
            problems.add(new Problem(0, "", "cannot parse: " + e.getMessage()));
            return new Result(null, problems);
        }
    }

    private YamlNode node(JsonParser p, int depth) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw new JsonParseException(p, "nested more than " + MAX_DEPTH + " levels deep");
        }
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            // An alias stands for its anchor's node, with the anchor's lines (where an error in it is to be fixed).
            YamlNode anchored = anchors.get(p.getText());
            if (anchored == null) {
                throw new JsonParseException(p, "unknown alias *" + p.getText() + ": an alias must come after its"
                        + " anchor &" + p.getText() + ", and only a list or a mapping can be anchored (repeat a single"
                        + " value instead)");
            }
            return anchored;
        }
        String anchor = p instanceof YAMLParser y ? y.getObjectId() : null;
        YamlNode node = value(p, depth, line);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode value(JsonParser p, int depth, int line) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> map(p, depth, line);
            case START_ARRAY -> list(p, depth, line);
            case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> new YamlScalar(p.getText(), YamlScalar.Type.STRING, line);
            case VALUE_NUMBER_INT -> new YamlScalar(p.getText(), YamlScalar.Type.INTEGER, line);
            case VALUE_NUMBER_FLOAT -> new YamlScalar(p.getText(), YamlScalar.Type.REAL, line);
            case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(p.getText(), YamlScalar.Type.BOOLEAN, line);
            case VALUE_NULL -> new YamlScalar("", YamlScalar.Type.NULL, line);
            default -> throw new JsonParseException(p, "unexpected " + t);
        };
    }

    private YamlMap map(JsonParser p, int depth, int line) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = p.currentTokenLocation().getLineNr();
            p.nextToken();
            YamlNode value = node(p, depth + 1);
            if (entries.containsKey(key)) {
                problems.add(new Problem(keyLine, key,
                        "duplicate key (first at line " + keyLines.get(key) + "); the later value is used"));
            } else {
                keyLines.put(key, keyLine);
            }
            entries.put(key, value);
        }
        return new YamlMap(entries, keyLines, line);
    }

    private YamlList list(JsonParser p, int depth, int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p, depth + 1));
        }
        return new YamlList(items, line);
    }

    /** SnakeYAML's messages quote the source with indented context lines; keep only the sentences. */
    private static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable document";
        }
        String joined = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .reduce((a, b) -> a + "; " + b)
                .orElse(message.strip());
        return joined.length() > 240 ? joined.substring(0, 240) + "..." : joined;
    }
}
