package io.tensorgrade.grader.batch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.batch.input.Submitter;
import io.tensorgrade.grader.result.LeaderboardEntry;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.LatePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON of the store's columns: part results, submitters, lists of text and the rubric snapshot. */
final class StoreJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreJson() {
    }

    static String part(PartResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", r.partId()).put("title", r.title()).put("score", r.score()).put("max_score", r.maxScore())
                .put("status", r.status().label()).put("feedback", r.feedback())
                .put("visibility", r.visibility().yamlName()).put("mistake", r.mistake())
                .put("staff_log", r.staffLog()).put("timed_out", r.timedOut());
        o.set("tags", array(r.tags()));
        if (r.leaderboard() != null) {
            o.putObject("leaderboard").put("name", r.leaderboard().name()).put("value", r.leaderboard().value())
                    .put("order", r.leaderboard().order());
        }
        return write(o);
    }

    static PartResult part(String json) {
        JsonNode o = read(json);
        return new PartResult(o.path("id").asText(), o.path("title").asText(), o.path("score").asDouble(),
                o.path("max_score").asDouble(), Status.valueOf(o.path("status").asText().toUpperCase(Locale.ROOT)),
                o.path("feedback").asText(), Visibility.fromYaml(o.path("visibility").asText())
                .orElse(Visibility.VISIBLE), strings(o.path("tags")), o.path("mistake").isNull() ? null
                : o.path("mistake").asText(null), o.path("staff_log").asText(""), o.path("timed_out").asBoolean(),
                leaderboard(o.path("leaderboard")));
    }

    private static LeaderboardEntry leaderboard(JsonNode l) {
        return l.isObject() ? new LeaderboardEntry(l.path("name").asText(), l.path("value").asDouble(),
                l.path("order").asText()) : null;
    }

    static String submitters(List<Submitter> people) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Submitter s : people) {
            a.addObject().put("name", s.name()).put("sid", s.sid()).put("email", s.email());
        }
        return write(a);
    }

    static List<Submitter> submitters(String json) {
        List<Submitter> out = new ArrayList<>();
        for (JsonNode s : read(json)) {
            out.add(new Submitter(text(s, "name"), text(s, "sid"), text(s, "email")));
        }
        return out;
    }

    static String stringList(List<String> values) {
        return write(array(values));
    }

    static List<String> stringList(String json) {
        return strings(read(json));
    }

    static String rubric(RubricSnapshot r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("assignment", r.assignment()).put("title", r.title()).put("rubric", r.rubricFile());
        ArrayNode parts = o.putArray("parts");
        for (RubricSnapshot.PartInfo p : r.parts()) {
            parts.addObject().put("id", p.id()).put("title", p.title()).put("points", p.points())
                    .put("visibility", p.visibility().yamlName()).set("tags", array(p.tags()));
        }
        if (r.late() != null) {
            LatePolicy l = r.late();
            o.putObject("late").put("due", l.due().toString()).put("per_day", l.perDay())
                    .put("zero_after_days", l.zeroAfterDays()).put("grace_s", l.grace().toSeconds());
        }
        return write(o);
    }

    static RubricSnapshot rubric(String json) {
        JsonNode o = read(json);
        List<RubricSnapshot.PartInfo> parts = new ArrayList<>();
        for (JsonNode p : o.path("parts")) {
            parts.add(new RubricSnapshot.PartInfo(p.path("id").asText(), p.path("title").asText(),
                    p.path("points").asDouble(), Visibility.fromYaml(p.path("visibility").asText())
                    .orElse(Visibility.VISIBLE), strings(p.path("tags"))));
        }
        JsonNode l = o.path("late");
        LatePolicy late = l.isObject() ? new LatePolicy(Instant.parse(l.path("due").asText()),
                l.path("per_day").asDouble(), l.path("zero_after_days").isNull() ? null
                : l.path("zero_after_days").asInt(), Duration.ofSeconds(l.path("grace_s").asLong())) : null;
        return new RubricSnapshot(o.path("assignment").asText(), o.path("title").asText(), o.path("rubric").asText(),
                parts, late);
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the run store holds unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }
}
