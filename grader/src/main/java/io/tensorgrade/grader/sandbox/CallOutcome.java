package io.tensorgrade.grader.sandbox;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The validated result of one step.
 *
 * @param id        the step id
 * @param status    how it ended
 * @param message   why, for anything but OK (a trimmed traceback, the limit that was hit, ...)
 * @param values    one entry per returned value when the status is OK, else empty
 * @param wall      the time the student's function itself took (zero when it did not return)
 * @param forbidden forbidden APIs the runtime guard caught during the step
 * @param notes     what went wrong, without failing the step, when the step's file was imported (a top-level
 *                  import the sandbox could not satisfy, naming the file and line)
 */
public record CallOutcome(String id, CallStatus status, String message, List<ReturnedValue> values, Duration wall,
                          List<String> forbidden, List<String> notes) {
    public CallOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        values = List.copyOf(values);
        Objects.requireNonNull(wall, "wall");
        forbidden = List.copyOf(forbidden);
        notes = List.copyOf(notes);
    }

    /** An outcome without import notes. */
    public CallOutcome(String id, CallStatus status, String message, List<ReturnedValue> values, Duration wall,
                       List<String> forbidden) {
        this(id, status, message, values, wall, forbidden, List.of());
    }

    /** The same outcome with the import notes of its file. */
    public CallOutcome withNotes(List<String> importNotes) {
        return new CallOutcome(id, status, message, values, wall, forbidden, importNotes);
    }

    public static CallOutcome failed(String id, CallStatus status, String message) {
        return new CallOutcome(id, status, message, List.of(), Duration.ZERO, List.of());
    }

    /** Whether the function returned and every value is usable. */
    public boolean ok() {
        return status == CallStatus.OK && values.stream().noneMatch(v -> v instanceof ReturnedValue.Invalid);
    }

    /** ReturnedValue {@code index}; a GraderException naming the step when there is none. */
    public ReturnedValue value(int index) {
        if (index < 0 || index >= values.size()) {
            throw new GraderException("step " + id + " has no value " + index + " (status " + status
                    + (message.isEmpty() ? "" : ": " + firstLine(message)) + ")");
        }
        return values.get(index);
    }

    /** The tensor at {@code index}; a GraderException saying what came back instead. */
    public Tensor tensor(int index) {
        ReturnedValue v = value(index);
        if (v instanceof ReturnedValue.TensorValue t) {
            return t.tensor();
        }
        throw new GraderException("step " + id + ": value " + index + " is not a tensor: "
                + (v instanceof ReturnedValue.Invalid i ? i.reason() : v.getClass().getSimpleName()));
    }

    private static String firstLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }
}
