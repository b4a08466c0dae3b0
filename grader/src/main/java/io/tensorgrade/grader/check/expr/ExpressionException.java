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

    /**
     * This error told in terms of {@code original}, the text as the student wrote it before it was normalised
     * into {@link #expression()}. Where the normalised text occurs once inside the original unchanged (only a
     * left-hand side, {@code $} signs or spaces around it were dropped) the caret points into the original;
     * otherwise the message quotes the original and shows how it was read, with the caret under that reading.
     */
    public ExpressionException inOriginal(String original) {
        if (original == null || original.equals(expression)) {
            return this;
        }
        int at = original.indexOf(expression);
        if (!expression.isEmpty() && at >= 0 && original.indexOf(expression, at + 1) < 0) {
            return new ExpressionException(reason, detail, original, at + column - 1);
        }
        String shown = original.strip().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        String read = expression.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        String message = reason + " in \"" + shown + "\", at column " + column + " of how it was read"
                + (detail.isEmpty() ? "" : "; " + detail) + ":\n  you wrote: " + shown + "\n  read as:   " + read
                + "\n  " + " ".repeat("read as:   ".length() + column - 1) + "^";
        return new ExpressionException(reason, detail, expression, column - 1, message);
    }

    private ExpressionException(String reason, String detail, String expression, int index, String message) {
        super(message);
        this.expression = expression;
        this.reason = reason;
        this.detail = detail;
        this.column = index + 1;
    }

    private static String format(String reason, String detail, String expression, int index) {
        // Tabs would shift the caret; show them as single spaces so the caret stays aligned.
        String shown = expression.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return reason + " at column " + (index + 1) + (detail.isEmpty() ? "" : "; " + detail) + ":\n  " + shown
                + "\n  " + " ".repeat(index) + "^";
    }
}
