package io.tensorgrade.grader.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.JsonSupport;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.Step;
import io.tensorgrade.ref.io.DType;
import io.tensorgrade.ref.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the harness's output folder back and validates all of it before anything is used: result
 * JSON of bounded size and known fields, tensors through {@link NpyCheck}, the number of values the
 * step declared, missing and unexpected files. Student code may have written or forged any of it.
 */
public final class ResultReader {
    private static final int MAX_RESULT_JSON = 2 << 20;
    private static final int MAX_MESSAGE = 16_000;

    private final SandboxJob job;
    private final Path out;
    private final List<String> notes = new ArrayList<>();

    ResultReader(SandboxJob job, Path out) {
        this.job = job;
        this.out = out;
    }

    /** Outcomes in job order; a step without a result is NOT_RUN with {@code whyMissing}. */
    List<CallOutcome> outcomes(String whyMissing) {
        List<CallOutcome> list = new ArrayList<>();
        for (Step s : job.steps()) {
            Path file = out.resolve("results").resolve(s.id() + ".json");
            list.add(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? outcome(s, file)
                    : CallOutcome.failed(s.id(), CallStatus.NOT_RUN, whyMissing));
        }
        noteUnexpectedFiles();
        return list;
    }

    /** How many steps have a result file (to tell whether a relaunch made progress). */
    int resultCount() {
        int n = 0;
        for (Step s : job.steps()) {
            if (Files.isRegularFile(out.resolve("results").resolve(s.id() + ".json"), LinkOption.NOFOLLOW_LINKS)) {
                n++;
            }
        }
        return n;
    }

    /** Whether the runner says it finished every step. */
    boolean complete() {
        JsonNode r = readJson(out.resolve("runner.json"), 1 << 16);
        return r != null && r.path("complete").asBoolean(false);
    }

    /** The first {@code cap} bytes of a log the runner kept (stdout.txt or stderr.txt). */
    String log(String name, long cap) {
        Path p = out.resolve(name);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes((int) Math.min(Integer.MAX_VALUE, cap + 200)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private CallOutcome outcome(Step step, Path file) {
        JsonNode r = readJson(file, MAX_RESULT_JSON);
        String id = step.id();
        if (r == null || !r.isObject() || !id.equals(r.path("id").asText())) {
            return CallOutcome.failed(id, CallStatus.CRASHED, "the result of this step is unreadable or forged");
        }
        CallStatus status = CallStatus.fromWire(r.path("status").asText());
        if (status == null) {
            return CallOutcome.failed(id, CallStatus.CRASHED, "the result has an unknown status "
                    + JsonSupport.clip(r.path("status").asText(), 40));
        }
        String message = JsonSupport.clip(r.path("message").asText(""), MAX_MESSAGE);
        List<String> notes = new ArrayList<>();
        for (JsonNode n : r.path("notes")) {
            if (notes.size() < 16 && n.isTextual()) {
                notes.add(JsonSupport.clip(n.asText(), 600));
            }
        }
        return outcome(step, r, id, status, message).withNotes(notes);
    }

    private CallOutcome outcome(Step step, JsonNode r, String id, CallStatus status, String message) {
        double wallS = r.path("wall_s").asDouble(0);
        Duration wall = Double.isFinite(wallS) && wallS > 0 && wallS < 1e7
                ? Duration.ofNanos((long) (wallS * 1e9)) : Duration.ZERO;
        List<String> forbidden = new ArrayList<>();
        for (JsonNode f : r.path("forbidden")) {
            if (forbidden.size() < 32) {
                forbidden.add(JsonSupport.clip(f.asText(), 200));
            }
        }
        if (status != CallStatus.OK) {
            return new CallOutcome(id, status, message, List.of(), wall, forbidden);
        }
        JsonNode values = r.path("values");
        if (!values.isArray() || values.size() != step.valueCount()) {
            return new CallOutcome(id, CallStatus.BAD_OUTPUT, "the harness reported " + values.size()
                    + " values where the step declares " + step.valueCount(), List.of(), wall, forbidden);
        }
        List<ReturnedValue> list = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            list.add(value(id, i, values.get(i)));
        }
        return new CallOutcome(id, status, message, list, wall, forbidden);
    }

    private ReturnedValue value(String id, int index, JsonNode v) {
        switch (v.path("kind").asText()) {
            case "tensor":
                return tensor(id, index, v);
            case "json":
                return v.has("value") ? new ReturnedValue.JsonValue(v.get("value"))
                        : new ReturnedValue.Invalid("an empty JSON value");
            case "kept":
                return new ReturnedValue.Kept();
            case "invalid":
                return new ReturnedValue.Invalid(JsonSupport.clip(v.path("message").asText("unusable value"), 2000));
            default:
                return new ReturnedValue.Invalid("the harness reported a value of unknown kind");
        }
    }

    private ReturnedValue tensor(String id, int index, JsonNode v) {
        String expectedName = id + "." + index + ".npy";
        if (!expectedName.equals(v.path("file").asText())) {
            return new ReturnedValue.Invalid("the tensor file name is not " + expectedName);
        }
        NpyArray a;
        try {
            a = NpyCheck.read(out.resolve("results").resolve(expectedName), job.limits().resultBytes());
        } catch (IllegalArgumentException e) {
            return new ReturnedValue.Invalid("the returned tensor could not be read: " + e.getMessage());
        }
        if (a.dtype() != DType.FLOAT64 && a.dtype() != DType.INT64) {
            return new ReturnedValue.Invalid("the tensor file holds " + a.dtype().numpyDescr()
                    + "; the harness writes only <f8 and <i8");
        }
        if (!shapeMatches(v.path("shape"), a.shape())) {
            return new ReturnedValue.Invalid("the tensor file's shape " + a.tensor().shapeString()
                    + " differs from the reported shape " + JsonSupport.clip(v.path("shape").toString(), 80));
        }
        int nonFinite = 0;
        for (double d : a.tensor().rawData()) {
            if (!Double.isFinite(d)) {
                nonFinite++;
            }
        }
        return new ReturnedValue.TensorValue(a.tensor(), a.dtype().isInteger(), nonFinite);
    }

    private static boolean shapeMatches(JsonNode reported, int[] shape) {
        if (!reported.isArray() || reported.size() != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (!reported.get(i).canConvertToInt() || reported.get(i).asInt() != shape[i]) {
                return false;
            }
        }
        return true;
    }

    private void noteUnexpectedFiles() {
        Set<String> expected = new HashSet<>();
        for (Step s : job.steps()) {
            expected.add(s.id() + ".json");
            for (int i = 0; i < s.valueCount(); i++) {
                expected.add(s.id() + "." + i + ".npy");
            }
        }
        Path dir = out.resolve("results");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> extra = files.map(p -> p.getFileName().toString())
                    .filter(n -> !expected.contains(n)).sorted().limit(6).toList();
            if (!extra.isEmpty()) {
                notes.add("unexpected files in the results were ignored: " + String.join(", ", extra));
            }
        } catch (IOException e) {
            notes.add("the results folder could not be listed: " + e.getMessage());
        }
    }

    private static JsonNode readJson(Path file, int cap) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > cap) {
                return null;
            }
            return JsonSupport.READER.readTree(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

}
