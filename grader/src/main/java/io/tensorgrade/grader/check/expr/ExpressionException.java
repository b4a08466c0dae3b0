package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;

/**
 * A formula that cannot be read. The message says what is wrong and where, then shows the
 * formula with a caret under the offending character:
 * <pre>
 * unexpected ')' at column 14:
 *   floor((I+2P-K))/S)
 *                  ^
 * </pre>
 */
public final class ExpressionException extends GraderException {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String reason;
    private final String detail;
    private final int column;

    /**
     * @param reason   what is wrong, e.g. {@code unexpected ')'}; the location follows it
     * @param expression the whole formula as the user typed it
     * @param index    0-based index of the offending character, may equal the length (end of input)
     */
    ExpressionException(String reason, String expression, int index) {
        this(reason, "", expression, index);
    }

    /** {@code detail} (e.g. the known variables) follows the location: {@code reason at column N; detail:}. */
    ExpressionException(String reason, String detail, String expression, int index) {
        super(format(reason, detail, expression, index));
        this.expression = expression;
        this.reason = reason;
        this.detail = detail;
        this.column = index + 1;
    }

    /** The formula as the user typed it. */
    public String expression() {
        return expression;
    }

    /** What is wrong, without the location and caret lines. */
    public String reason() {
        return reason;
    }

    /** Help after the location, e.g. the known variables; empty if none. */
    public String detail() {
        return detail;
    }

    /** 1-based column of the offending character; length + 1 means "at the end". */
    public int column() {
        return column;
    }

    private static String format(String reason, String detail, String expression, int index) {
        // Tabs would shift the caret; show them as single spaces so the caret stays aligned.
        String shown = expression.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return reason + " at column " + (index + 1) + (detail.isEmpty() ? "" : "; " + detail) + ":\n  " + shown
                + "\n  " + " ".repeat(index) + "^";
    }
}
