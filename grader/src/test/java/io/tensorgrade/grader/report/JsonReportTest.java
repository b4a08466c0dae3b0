package io.tensorgrade.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    @Test
    void containsEveryPartWithItsStatusAndTheTotals() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.render(ReportFixtures.report()));
        assertEquals("hw3-cnn", root.get("assignment").asText());
        assertEquals(6.5, root.get("score").asDouble());
        assertEquals(22.0, root.get("max_score").asDouble());
        assertEquals(1234, root.get("execution_time_ms").asInt());
        assertEquals(5, root.get("parts").size());
        JsonNode q1b = root.get("parts").get(1);
        assertEquals("failed", q1b.get("status").asText());
        assertEquals("no_channel_adds", q1b.get("mistake").asText());
        assertTrue(root.get("parts").get(0).get("mistake").isNull());
        assertEquals("skipped", root.get("parts").get(4).get("status").asText());
        assertEquals(1, root.get("warnings").size());
    }
}
