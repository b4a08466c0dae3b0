package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where formulas are compared: a range per free variable, derived variables computed from them in order,
 * constraints every sampled point must satisfy (e.g. {@code I + 2*P >= K}), and extra names for built-in
 * functions that formulas on this domain may use (e.g. {@code h} for {@code sigma}).
 */
public record Domain(List<Range> ranges, List<Definition> definitions, List<Expression> constraints,
                     Map<String, String> functions) {

    public Domain {
        ranges = List.copyOf(ranges);
        definitions = List.copyOf(definitions);
        constraints = List.copyOf(constraints);
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        if (ranges.isEmpty()) {
            throw new GraderException("domain: at least one variable range is required");
        }
        Set<String> known = new LinkedHashSet<>();
        for (Range r : ranges) {
            if (!known.add(r.name())) {
                throw new GraderException("domain: variable " + r.name() + " has two ranges");
            }
        }
        for (Definition d : definitions) {
            requireKnown("definition of " + d.name(), d.formula(), known);
            if (!known.add(d.name())) {
                throw new GraderException("domain: definition of " + d.name() + " reuses the name of a variable");
            }
        }
        for (Expression c : constraints) {
            if (!c.isCondition()) {
                throw new GraderException("domain: constraint '" + c + "' is not a comparison");
            }
            requireKnown("constraint '" + c + "'", c, known);
        }
        Expression.checkFunctions(functions, known);
    }

    /** A domain without function aliases. */
    public Domain(List<Range> ranges, List<Definition> definitions, List<Expression> constraints) {
        this(ranges, definitions, constraints, Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Free variables, then derived ones, in declaration order. */
    public Set<String> variableNames() {
        Set<String> names = new LinkedHashSet<>();
        ranges.forEach(r -> names.add(r.name()));
        definitions.forEach(d -> names.add(d.name()));
        return Collections.unmodifiableSet(names);
    }

    /** Parses a formula over this domain's variables (free and derived), with its function aliases. */
    public Expression parse(String formula) {
        return Expression.parse(formula, variableNames(), functions);
    }

    /**
     * The given values of the free variables plus the derived ones computed from them.
     *
     * @throws GraderException if a free variable has no value
     */
    public Map<String, Double> complete(Map<String, ? extends Number> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Range r : ranges) {
            Number v = values.get(r.name());
            if (v == null) {
                throw new GraderException("no value for " + r.name() + "; the domain needs "
                        + ranges.stream().map(Range::name).collect(Collectors.joining(", ")));
            }
            out.put(r.name(), v.doubleValue());
        }
        for (Definition d : definitions) {
            out.put(d.name(), d.formula().evaluate(out));
        }
        return out;
    }

    /** Evaluates a formula at fixed values of the free variables, e.g. to check it against part (a)'s numbers. */
    public double valueAt(Expression formula, Map<String, ? extends Number> values) {
        return formula.evaluate(complete(values));
    }

    /** Index of the first constraint a completed point violates, or -1 if it satisfies all. */
    int firstViolated(Map<String, Double> point) {
        for (int i = 0; i < constraints.size(); i++) {
            if (!constraints.get(i).holds(point)) {
                return i;
            }
        }
        return -1;
    }

    /** E.g. {@code integer I in [1, 64], integer K in [1, 7]; I + 2*P >= K}. */
    public String describe() {
        String s = ranges.stream().map(Range::describe).collect(Collectors.joining(", "));
        if (!definitions.isEmpty()) {
            s += "; " + definitions.stream().map(d -> d.name() + " = " + d.formula().text())
                    .collect(Collectors.joining(", "));
        }
        if (!constraints.isEmpty()) {
            s += "; " + constraints.stream().map(Expression::text).collect(Collectors.joining(" and "));
        }
        return s;
    }

    private static void requireKnown(String what, Expression e, Set<String> known) {
        for (String v : e.variables()) {
            if (!known.contains(v)) {
                throw new GraderException("domain: " + what + " uses " + v + ", which is not defined before it");
            }
        }
    }

    /** Collects ranges, definitions and constraints as text; parses them in {@link #build()}. */
    public static final class Builder {
        private final List<Range> ranges = new ArrayList<>();
        private final Map<String, String> definitions = new LinkedHashMap<>();
        private final List<String> constraints = new ArrayList<>();
        private final Map<String, String> functions = new LinkedHashMap<>();

        private Builder() {
        }

        /** Another name for a built-in function, e.g. {@code function("h", "sigma")}. */
        public Builder function(String alias, String builtin) {
            if (functions.putIfAbsent(alias, builtin) != null) {
                throw new GraderException("domain: function " + alias + " is declared twice");
            }
            return this;
        }

        public Builder integer(String name, long lo, long hi) {
            return range(Range.integer(name, lo, hi));
        }

        public Builder real(String name, double lo, double hi) {
            return range(Range.real(name, lo, hi));
        }

        public Builder range(Range range) {
            ranges.add(range);
            return this;
        }

        /** A derived variable; its formula may use the free variables and earlier definitions. */
        public Builder define(String name, String formula) {
            if (definitions.putIfAbsent(name, formula) != null) {
                throw new GraderException("domain: " + name + " is defined twice");
            }
            return this;
        }

        /** A condition such as {@code I + 2*P >= K} or {@code (I + 2*P - K) % S == 0}. */
        public Builder constraint(String condition) {
            constraints.add(condition);
            return this;
        }

        /** @throws ExpressionException if a definition or constraint cannot be parsed */
        public Domain build() {
            List<String> names = new ArrayList<>();
            ranges.forEach(r -> names.add(r.name()));
            List<Definition> defs = new ArrayList<>();
            for (Map.Entry<String, String> d : definitions.entrySet()) {
                defs.add(new Definition(d.getKey(), Expression.parse(d.getValue(), names, functions)));
                names.add(d.getKey());
            }
            List<Expression> conds = new ArrayList<>();
            for (String c : constraints) {
                conds.add(Expression.parseCondition(c, names, functions));
            }
            return new Domain(ranges, defs, conds, functions);
        }
    }
}
