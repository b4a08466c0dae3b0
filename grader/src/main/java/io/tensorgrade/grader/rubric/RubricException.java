package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.GraderException;
import java.util.List;

/** A rubric that cannot be used, with every problem found in it (not just the first). */
public final class RubricException extends GraderException {
    private static final long serialVersionUID = 1L;

    private final transient List<RubricError> errors;

    public RubricException(String file, List<RubricError> errors) {
        super(message(file, errors));
        this.errors = List.copyOf(errors);
    }

    /** The problems, in file order. */
    public List<RubricError> errors() {
        return errors;
    }

    private static String message(String file, List<RubricError> errors) {
        StringBuilder sb = new StringBuilder("The rubric ").append(file).append(" has ").append(errors.size())
                .append(errors.size() == 1 ? " error; fix it and run again:" : " errors; fix them and run again:");
        for (RubricError e : errors) {
            sb.append(System.lineSeparator()).append("  ").append(e);
        }
        return sb.toString();
    }
}
