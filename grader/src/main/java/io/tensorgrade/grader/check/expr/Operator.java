package io.tensorgrade.grader.check.expr;

/** Binary operators, with their precedence (higher binds tighter) and their double semantics. */
enum Operator {
    OR("||", 1), AND("&&", 2),
    LT("<", 3), LE("<=", 3), GT(">", 3), GE(">=", 3), EQ("==", 3), NE("!=", 3),
    ADD("+", 4), SUB("-", 4),
    MUL("*", 5), DIV("/", 5), FLOOR_DIV("//", 5), MOD("%", 5),
    POW("^", 7);

    static final int COMPARISON = 3;
    static final int NEGATION = 6;
    static final int ATOM = 9;

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator spelled {@code symbol} after lexing ({@code **} is {@code ^}), or null. */
    static Operator bySymbol(String symbol) {
        if (symbol.equals("**")) {
            return POW;
        }
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    boolean isComparison() {
        return precedence == COMPARISON;
    }

    boolean isBoolean() {
        return precedence <= COMPARISON;
    }

    double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case FLOOR_DIV: return Math.floor(Builtin.snap(a / b));
            // Python's sign convention: the result has the sign of the divisor.
            case MOD: return b == 0 ? Double.NaN : a - b * Math.floor(Builtin.snap(a / b));
            case POW: return Math.pow(a, b);
            // Exact comparisons: constraints are meant for integer variables, where they are exact.
            case LT: return truth(a < b);
            case LE: return truth(a <= b);
            case GT: return truth(a > b);
            case GE: return truth(a >= b);
            case EQ: return truth(a == b);
            case NE: return truth(a != b);
            case AND: return truth(isTrue(a) && isTrue(b));
            case OR: return truth(isTrue(a) || isTrue(b));
            default: throw new AssertionError(this);
        }
    }

    /** Booleans are 1 and 0; NaN counts as false so that an undefined point never passes a constraint. */
    static boolean isTrue(double v) {
        return v != 0 && !Double.isNaN(v);
    }

    private static double truth(boolean b) {
        return b ? 1.0 : 0.0;
    }
}
