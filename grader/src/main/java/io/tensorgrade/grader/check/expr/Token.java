package io.tensorgrade.grader.check.expr;

/**
 * One lexical token. {@code text} is normalised (e.g. {@code ×} becomes {@code *}, {@code π} becomes
 * {@code pi}); {@code start} and {@code end} index the original formula so errors can point at it.
 */
record Token(Kind kind, String text, double value, int start, int end) {

    enum Kind { NUMBER, IDENT, OP, OPEN, CLOSE, COMMA, SUFFIX_POWER, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return is(Kind.OP, t);
    }

    /** True if the token can begin an operand, i.e. may follow an operand as an implicit product. */
    boolean startsOperand() {
        return kind == Kind.NUMBER || kind == Kind.IDENT || kind == Kind.OPEN;
    }

    /** The characters the user typed for this token. */
    String raw(String source) {
        return end > start ? source.substring(start, end) : "end of expression";
    }
}
