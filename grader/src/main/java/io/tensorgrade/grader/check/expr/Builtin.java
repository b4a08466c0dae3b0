package io.tensorgrade.grader.check.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/** The built-in functions a formula may call. Every function is total: bad input gives NaN or an infinity. */
enum Builtin {
    FLOOR("floor", x -> Math.floor(snap(x))),
    CEIL("ceil", x -> Math.ceil(snap(x))),
    /**
     * Toward zero, like Python's {@code int(x)} (also spelled {@code int}): floor for {@code x >= 0}, ceil below.
     * Not read as floor, so that a formula that is wrong for negative values is not graded right.
     */
    TRUNC("trunc", x -> x < 0 ? Math.ceil(snap(x)) : Math.floor(snap(x)), 1, 1, "int"),
    /** Half to even, like Python's and NumPy's {@code round}. */
    ROUND("round", x -> Math.rint(snap(x))),
    ABS("abs", Math::abs),
    SQRT("sqrt", Math::sqrt),
    EXP("exp", Math::exp),
    LOG("log", Math::log, 1, 2, "ln"),
    LOG2("log2", x -> Math.log(x) / Math.log(2)),
    LOG10("log10", Math::log10),
    SIN("sin", Math::sin),
    COS("cos", Math::cos),
    TAN("tan", Math::tan),
    TANH("tanh", Math::tanh),
    SIGMA("sigma", Builtin::sigmoid, 1, 1, "sigmoid"),
    RELU("relu", x -> Double.isNaN(x) ? x : Math.max(0.0, x)),
    MIN("min", null, 1, Integer.MAX_VALUE),
    MAX("max", null, 1, Integer.MAX_VALUE);

    private static final Map<String, Builtin> BY_NAME;

    static {
        Map<String, Builtin> m = new TreeMap<>();
        for (Builtin f : values()) {
            m.put(f.name, f);
            for (String alias : f.aliases) {
                m.put(alias, f);
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private final String name;
    private final DoubleUnaryOperator unary;
    private final int minArgs;
    private final int maxArgs;
    private final String[] aliases;

    Builtin(String name, DoubleUnaryOperator unary) {
        this(name, unary, 1, 1);
    }

    Builtin(String name, DoubleUnaryOperator unary, int minArgs, int maxArgs, String... aliases) {
        this.name = name;
        this.unary = unary;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.aliases = aliases;
    }

    /** The function called {@code name} (or one of its aliases), or null. */
    static Builtin byName(String name) {
        return BY_NAME.get(name);
    }

    /** All names and aliases, sorted, for error messages. */
    static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }

    String canonicalName() {
        return name;
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    double apply(double[] args) {
        switch (this) {
            case MIN:
                return Arrays.stream(args).reduce(Double.POSITIVE_INFINITY, Math::min);
            case MAX:
                return Arrays.stream(args).reduce(Double.NEGATIVE_INFINITY, Math::max);
            case LOG:
                return args.length == 2 ? Math.log(args[0]) / Math.log(args[1]) : Math.log(args[0]);
            default:
                return unary.applyAsDouble(args[0]);
        }
    }

    /**
     * Rounds values within 1e-9 (relative) of an integer to that integer, so that floating-point noise
     * such as {@code (I-K)*(1/3)} giving 1.9999999999999998 does not flip a floor or ceil.
     */
    static double snap(double x) {
        double r = Math.rint(x);
        return Math.abs(x - r) <= 1e-9 * Math.max(1.0, Math.abs(x)) ? r : x;
    }

    private static double sigmoid(double x) {
        // Two branches so that neither exp overflows for large |x|.
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
