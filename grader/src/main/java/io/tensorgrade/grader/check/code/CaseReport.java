package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.SandboxResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feedback of a part that calls one function per case: a line per case ("- case 2 (stride 2): passed", the
 * failure, or "failed the same way as case 1"), then notes. Not thread-safe: one per verdict.
 */
final class CaseReport {
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> seen = new LinkedHashMap<>();
    private int passed;

    /** Adds the line of case {@code index}, with {@code label} in brackets; {@code failure} is null when it passed. */
    void add(int index, String label, String failure) {
        String line = "- case " + index + " (" + label + "): ";
        if (failure == null) {
            passed++;
            lines.add(line + "passed");
        } else if (seen.containsKey(failure)) {
            // The same traceback or timeout three times over helps nobody.
            lines.add(line + "failed the same way as case " + seen.get(failure));
        } else {
            seen.put(failure, index);
            lines.add(line + failure);
        }
    }

    /** Adds a line after the cases. */
    void note(String line) {
        lines.add(line);
    }

    /** Says that the run stopped early, and why, when one of {@code outcomes} never ran. */
    void stoppedEarly(SandboxResult result, List<CallOutcome> outcomes) {
        if (result.status() == SandboxResult.JobStatus.INCOMPLETE && !result.reason().isEmpty()
                && outcomes.stream().anyMatch(o -> o.status() == CallStatus.NOT_RUN)) {
            note("The run stopped early: " + result.reason());
        }
    }

    /** How many cases passed. */
    int passed() {
        return passed;
    }

    /** {@code head}, then the lines. */
    String feedback(String head) {
        return head + "\n" + String.join("\n", lines);
    }
}
