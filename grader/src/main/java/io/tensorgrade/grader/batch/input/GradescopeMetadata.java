package io.tensorgrade.grader.batch.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the {@code submission_metadata.yml} of a Gradescope export. It is Ruby's YAML: one map per
 * submission folder ({@code submission_123456:}) with symbol keys ({@code :submitters:}, a list of maps
 * with {@code :name:}, {@code :sid:}, {@code :email:}; {@code :created_at:}; {@code :score:}) and more that
 * is not needed here ({@code :results:}, {@code :history:}, {@code :status:}). The file is streamed and the
 * unneeded parts skipped, because {@code :results:} carries every test's output and can be large.
 */
final class GradescopeMetadata {

    static final String FILE = "submission_metadata.yml";

    /** One submission's entry. */
    record Entry(List<Submitter> submitters, Instant createdAt, Double score) {
        Entry {
            submitters = List.copyOf(submitters);
        }
    }

    /** The entries by folder name, in the file's order, and notes about what could not be read. */
    record Result(Map<String, Entry> entries, List<String> notes) {
        Result {
            entries = Map.copyOf(entries);
            notes = List.copyOf(notes);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options()).build());

    private GradescopeMetadata() {
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML stops at 3 MB by default; a large class's metadata, with each test's output, is bigger.
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    static Result read(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        try (JsonParser p = YAML.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new Result(entries,
                        List.of(file + " is empty: the submissions are graded without submitters."));
            }
            if (first != JsonToken.START_OBJECT) {
                throw notMetadata(file, "it is not a map of submission folders");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String folder = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    notes.add(FILE + ": the entry for " + folder + " is not a map; it was ignored.");
                    p.skipChildren();
                    continue;
                }
                entries.put(folder, entry(p, folder, notes));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML's messages run over several lines and quote the input; the first line says what is wrong
            String what = String.valueOf(e.getOriginalMessage()).strip().split("\\R", 2)[0];
            throw notMetadata(file, (line > 0 ? "line " + line + ": " : "") + what);
        } catch (IOException e) {
            throw new GraderException("Cannot read " + file + ": " + e.getMessage() + "; check that it is readable.",
                    e);
        }
        return new Result(entries, notes);
    }

    private static Entry entry(JsonParser p, String folder, List<String> notes) throws IOException {
        List<Submitter> submitters = List.of();
        Instant createdAt = null;
        Double score = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = symbol(p.currentName());
            JsonToken value = p.nextToken();
            switch (key) {
                case "submitters" -> submitters = submitters(p.readValueAsTree());
                case "created_at" -> {
                    String text = value.isScalarValue() ? p.getText() : null;
                    p.skipChildren();
                    createdAt = Timestamps.parse(text);
                    if (createdAt == null && value != JsonToken.VALUE_NULL) {
                        notes.add(FILE + ": the :created_at of " + folder + " ('" + (text == null ? value : text)
                                + "') is not a time tensorgrade can read; its submission time is unknown.");
                    }
                }
                case "score" -> score = number(p, value);
                default -> p.skipChildren(); // :results:, :history:, :status: and whatever Gradescope adds
            }
        }
        return new Entry(submitters, createdAt, score);
    }

    /** Ruby symbols come out of SnakeYAML as {@code :name}; a rewritten file may have plain {@code name}. */
    private static String symbol(String key) {
        return key != null && key.startsWith(":") ? key.substring(1) : String.valueOf(key);
    }

    private static List<Submitter> submitters(JsonNode list) {
        List<Submitter> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode s : list) {
            if (s.isObject()) {
                out.add(new Submitter(field(s, "name"), field(s, "sid"), field(s, "email")));
            }
        }
        return out;
    }

    private static String field(JsonNode submitter, String name) {
        JsonNode v = submitter.has(":" + name) ? submitter.get(":" + name) : submitter.get(name);
        // a sid written without quotes reads as a number; it is still an id
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Double number(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                double d = Double.parseDouble(p.getText().strip());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        p.skipChildren();
        return null;
    }

    private static GraderException notMetadata(Path file, String why) {
        return new GraderException("Cannot read " + file + " as a Gradescope export's metadata (" + why
                + "); download the export from Gradescope again, or delete the file to grade the folders"
                + " without submitters.");
    }
}
