package io.tensorgrade.grader.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.grader.sandbox.ApiFinding;
import io.tensorgrade.grader.sandbox.JsonSupport;
import java.util.ArrayList;
import java.util.List;

/** Turns the scanner's stdout into findings; a scan that failed is itself a finding. */
public final class ScanReader {
    private static final int MAX_FINDINGS = 200;

    private ScanReader() {
    }

    static List<ApiFinding> read(ExecResult scan) {
        if (scan.timedOut()) {
            return unscannable("the forbidden-API scan did not finish in time");
        }
        JsonNode root;
        try {
            root = JsonSupport.READER.readTree(scan.stdout());
        } catch (Exception e) {
            root = null;
        }
        if (scan.exitCode() != 0 || root == null || !root.path("findings").isArray()) {
            return unscannable("the forbidden-API scan failed (exit code " + scan.exitCode() + "): "
                    + lastLine(scan.stderr()));
        }
        List<ApiFinding> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            if (out.size() == MAX_FINDINGS) {
                break;
            }
            List<String> steps = new ArrayList<>();
            f.path("steps").forEach(s -> steps.add(s.asText()));
            out.add(new ApiFinding(text(f, "file"), f.path("line").asInt(0), f.path("col").asInt(0), kind(f),
                    text(f, "api"), text(f, "message"), steps, text(f, "graded")));
        }
        return out;
    }

    private static ApiFinding.Kind kind(JsonNode f) {
        return switch (f.path("kind").asText()) {
            case "forbidden" -> ApiFinding.Kind.FORBIDDEN;
            case "evasion" -> ApiFinding.Kind.EVASION;
            default -> ApiFinding.Kind.UNSCANNABLE;
        };
    }

    private static String text(JsonNode f, String field) {
        String s = f.path(field).asText("");
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    private static List<ApiFinding> unscannable(String why) {
        return List.of(new ApiFinding("*", 0, 0, ApiFinding.Kind.UNSCANNABLE, "scan", why
                + "; the use of forbidden APIs could not be checked"));
    }

    public static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        String last = lines[lines.length - 1];
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }
}
