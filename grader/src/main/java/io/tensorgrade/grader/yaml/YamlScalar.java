package io.tensorgrade.grader.yaml;

import java.util.Objects;

/**
 * A scalar: the text as written (without quotes) and the type the parser resolved it to.
 * {@code 564564} is an {@link Type#INTEGER}, {@code "564,564"} a {@link Type#STRING}.
 */
public record YamlScalar(String text, Type type, int line) implements YamlNode {

    /** How the parser resolved a scalar. */
    public enum Type { STRING, INTEGER, REAL, BOOLEAN, NULL }

    public YamlScalar {
        Objects.requireNonNull(type, "type");
        text = text == null ? "" : text;
    }

    /** True for an explicit null or an empty value ({@code q1a:} with nothing after it). */
    public boolean isNull() {
        return type == Type.NULL;
    }

    /** True when the parser read a number (integer or real), not a quoted string. */
    public boolean isNumber() {
        return type == Type.INTEGER || type == Type.REAL;
    }

    @Override
    public String describe() {
        return switch (type) {
            case NULL -> "an empty value";
            case BOOLEAN -> "the boolean " + text;
            case INTEGER, REAL -> "the number " + text;
            case STRING -> "the text '" + abbreviate(text, 60) + "'";
        };
    }

    @Override
    public String flow() {
        return type == Type.NULL ? "" : text;
    }

    static String abbreviate(String s, int max) {
        String oneLine = s.replace('\n', ' ').strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
