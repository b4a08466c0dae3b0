package io.tensorgrade.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradescopeReportTest {

    private static JsonNode json() throws Exception {
        return new ObjectMapper().readTree(GradescopeReport.render(ReportFixtures.report()));
    }

    @Test
    void theTopLevelHasGradescopesFieldsWithTheirTypes() throws Exception {
        JsonNode root = json();
        assertEquals(List.of("score", "execution_time", "output", "output_format", "visibility", "stdout_visibility",
                "tests"), iterate(root.fieldNames()));
        assertTrue(root.get("score").isNumber());
        assertEquals(6.5, root.get("score").asDouble());
        assertTrue(root.get("execution_time").isIntegralNumber());
        assertEquals(2, root.get("execution_time").asInt());
        assertEquals("md", root.get("output_format").asText());
        assertEquals("visible", root.get("visibility").asText());
        assertEquals("hidden", root.get("stdout_visibility").asText());
        assertTrue(root.get("output").asText().contains("6.5 / 22 points"), root.get("output").asText());
        assertTrue(root.get("output").asText().contains("'q4' is not a part"), root.get("output").asText());
    }

    @Test
    void everyGradedPartIsATestAndSkippedPartsAreLeftOut() throws Exception {
        JsonNode tests = json().get("tests");
        assertEquals(4, tests.size());
        JsonNode q1b = tests.get(1);
        assertEquals(List.of("name", "number", "score", "max_score", "status", "output", "output_format",
                "visibility", "tags", "extra_data"), iterate(q1b.fieldNames()));
        assertEquals("FLOPs", q1b.get("name").asText());
        assertTrue(q1b.get("number").isTextual());
        assertEquals("q1b", q1b.get("number").asText());
        assertTrue(q1b.get("score").isNumber());
        assertEquals(10.0, q1b.get("max_score").asDouble());
        assertEquals("failed", q1b.get("status").asText());
        assertEquals("md", q1b.get("output_format").asText());
        assertEquals("after_published", q1b.get("visibility").asText());
        assertEquals("flops", q1b.get("tags").get(0).asText());
        assertEquals("no_channel_adds", q1b.get("extra_data").get("mistake").asText());
    }

    @Test
    void statusIsPassedOnlyForFullPointsAndFailedOtherwise() throws Exception {
        JsonNode tests = json().get("tests");
        assertEquals(List.of("passed", "failed", "failed", "failed"),
                Stream.of(0, 1, 2, 3).map(i -> tests.get(i).get("status").asText()).toList());
        assertEquals("partial", tests.get(2).get("extra_data").get("status").asText());
        assertEquals("error", tests.get(3).get("extra_data").get("status").asText());
    }

    @Test
    void writingIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results/results.json");
        GradescopeReport.write(ReportFixtures.report(), results);
        Files.writeString(results, "old");
        GradescopeReport.write(ReportFixtures.report(), results);
        assertEquals(GradescopeReport.render(ReportFixtures.report()), Files.readString(results));
        try (Stream<Path> files = Files.list(results.getParent())) {
            assertEquals(List.of("results.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
