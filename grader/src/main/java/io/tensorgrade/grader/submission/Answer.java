package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.yaml.YamlNode;
import java.util.Objects;

/**
 * One student answer: the part it answers, the value as written (scalar, list or nested) and
 * where it was written, so feedback can point at {@code answers.yaml:7}.
 */
public record Answer(String partId, YamlNode value, String fileName) {

    public Answer {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fileName, "fileName");
    }

    /** The line of the answer in its file. */
    public int line() {
        return value.line();
    }

    /** {@code answers.yaml:7}. */
    public String location() {
        return fileName + ":" + line();
    }

    /** The answer as the student wrote it, in compact form, for echoing back. */
    public String text() {
        return value.flow();
    }
}
