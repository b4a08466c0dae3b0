package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.function.Function;

/**
 * An answer that cannot be read in the expected form ({@code 'seven'} for an integer). The part
 * gets zero and the message, which says what form was expected.
 */
public final class AnswerFormatException extends GraderException {
    private static final long serialVersionUID = 1L;

    public AnswerFormatException(String message) {
        super(message);
    }

    /** {@code parser} applied to the answer's value; a failure names the answer's place ({@code answers.yaml:7}). */
    public static <T> T read(Answer answer, Function<YamlNode, T> parser) {
        try {
            return parser.apply(answer.value());
        } catch (AnswerFormatException e) {
            throw new AnswerFormatException(answer.location() + ": " + e.getMessage());
        }
    }
}
