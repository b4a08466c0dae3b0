package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check: expression}: a formula answer (an output-size rule, a gradient) graded by evaluating it and
 * the rubric's {@code reference} at random points of a domain ({@code variables}, {@code define},
 * {@code constraints}, {@code functions}). With {@code check_against: conv_output_size} the reference is
 * verified against the reference implementation when the rubric is loaded, and a catalogue of wrong
 * output-size rules is built in. See docs/rubric-format.md.
 */
public final class ExpressionKind implements CheckKind {

    static final List<String> FORMULA_KEYS = List.of("name", "formula", "credit", "explanation");
    private static final String CONV_OUTPUT_SIZE = "conv_output_size";
    private static final int MAX_POINTS = 10_000;
    /** The data indices of {@code sum_index: true}. */
    static final List<String> DEFAULT_SUM_INDICES = List.of("i", "n");

    @Override
    public String name() {
        return "expression";
    }

    @Override
    public String description() {
        return "a formula answer compared with 'reference' at random points of the declared variables";
    }

    @Override
    public List<String> builtInMistakes() {
        return ConvOutputSizeRule.MISTAKE_IDS;
    }

    @Override
    public Set<String> keys() {
        return Set.of("reference", "variables", "define", "constraints", "functions", "sample_points", "seed",
                "tolerance", "check_against", "variable_roles", "accept", "mistakes", "sum_index");
    }

    @Override
    public Check create(ConfigReader config) {
        Domain domain = DomainReader.read(config);
        int points = (int) config.integer("sample_points", EquivalenceTester.DEFAULT_POINTS);
        if (points < 1 || points > MAX_POINTS) {
            config.error("sample_points", "sample_points=" + points + " must be between 1 and " + MAX_POINTS);
        }
        long seed = config.integer("seed", EquivalenceTester.DEFAULT_SEED);
        Tolerance t = config.tolerance(
                EquivalenceTester.DEFAULT_TOLERANCE);
        String referenceText = config.string("reference");
        List<String> sumIndices = sumIndices(config);
        Optional<ConvOutputSizeRule> rule = rule(config, domain);
        if (domain == null || !config.ok()) {
            return null;
        }
        EquivalenceTester tester;
        try {
            tester = new EquivalenceTester(domain, t, points, seed);
        } catch (GraderException e) {
            config.error("constraints", uncapitalize(e.getMessage()));
            return null;
        }
        Expression reference = formula(config, "reference", referenceText, domain);
        if (reference == null) {
            return null;
        }
        try {
            tester.test(reference, reference);
        } catch (GraderException e) {
            config.error("reference", uncapitalize(e.getMessage()));
            return null;
        }
        if (rule.isPresent()) {
            Optional<String> problem = rule.get().disagreement(reference, tester);
            if (problem.isPresent()) {
                config.error("reference", problem.get());
                return null;
            }
        }
        FormulaCatalogue catalogue = new FormulaCatalogue(config, domain, tester, reference);
        List<NamedFormula> accepted = catalogue.read("accept");
        List<NamedFormula> mistakes = new ArrayList<>(catalogue.read("mistakes"));
        rule.ifPresent(r -> mistakes.addAll(catalogue.builtIns(r.mistakes())));
        if (!config.ok()) {
            return null;
        }
        String derivation = "compared at " + tester.points().size() + " random points: " + domain.describe()
                + rule.map(r -> "; agrees with conv2d's output size").orElse("");
        return new ExpressionCheck(reference, tester, accepted, mistakes, new Expected(reference.text(), derivation),
                sumIndices);
    }

    /** {@code sum_index}: a name ({@code i}), a list of names, or {@code true} for the usual i and n. */
    private static List<String> sumIndices(ConfigReader config) {
        List<String> names = config.strings("sum_index");
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("true")) {
            return DEFAULT_SUM_INDICES;
        }
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("false")) {
            return List.of();
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z]\\w*")) {
                config.error("sum_index", "'" + name + "' is not a name such as i or n (or true for either)");
            }
        }
        return names;
    }

    /** The {@code check_against} rule with its {@code variable_roles}, checked against the domain. */
    private static Optional<ConvOutputSizeRule> rule(ConfigReader config, Domain domain) {
        if (!config.has("check_against")) {
            if (config.has("variable_roles")) {
                config.error("variable_roles", "variable_roles needs check_against: " + CONV_OUTPUT_SIZE);
            }
            return Optional.empty();
        }
        config.choice("check_against", List.of(CONV_OUTPUT_SIZE), null);
        Optional<ConfigReader> roles = config.map("variable_roles", ConvOutputSizeRule.ROLES);
        if (roles.isEmpty()) {
            if (!config.has("variable_roles")) {
                config.error("variable_roles", "missing required field 'variable_roles' (which variable is the "
                        + "input, kernel, stride, padding, dilation; e.g. {input: I, kernel: K, stride: S, padding: P})");
            }
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String role : ConvOutputSizeRule.ROLES) {
            if (!roles.get().has(role)) {
                if (ConvOutputSizeRule.REQUIRED.contains(role)) {
                    roles.get().error(role, "missing required role '" + role + "'");
                }
                continue;
            }
            String name = roles.get().string(role);
            if (ConvOutputSizeRule.isConstant(name)) {
                out.put(role, name);
            } else if (domain != null && domain.ranges().stream().noneMatch(r -> r.name().equals(name) && r.integer())) {
                roles.get().error(role, "'" + name + "' is not an integer variable; declare it under variables, e.g. "
                        + name + ": {int: [1, 8]}, or give a constant");
            } else {
                out.put(role, name);
            }
        }
        return Optional.of(new ConvOutputSizeRule(out));
    }

    /** Parses {@code text} over the domain, recording a located problem for {@code field}; null after one. */
    static Expression formula(ConfigReader config, String field, String text, Domain domain) {
        try {
            return domain.parse(text);
        } catch (GraderException e) {
            config.error(field, uncapitalize(e.getMessage()));
            return null;
        }
    }

    static String uncapitalize(String s) {
        return s == null || s.isEmpty() ? "invalid value" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Reads {@code variables}, {@code define}, {@code constraints} and {@code functions} into a domain. */
    static final class DomainReader {
        private DomainReader() {
        }

        /** The domain, or null after a problem. */
        static Domain read(ConfigReader config) {
            YamlNode vars = config.node("variables");
            if (!(vars instanceof YamlMap varMap) || varMap.keys().isEmpty()) {
                config.error("variables", vars == null ? "missing required field 'variables' (e.g. {I: {int: [1, 64]},"
                        + " x: {real: [-3, 3]}})" : "expected a mapping from names to {int: [lo, hi]} or"
                        + " {real: [lo, hi]}, found " + vars.describe());
                return null;
            }
            List<Range> ranges = new ArrayList<>();
            for (String name : varMap.keys()) {
                Range r = range(config, name, varMap.get(name));
                if (r != null) {
                    ranges.add(r);
                }
            }
            Map<String, String> functions = textMap(config, "functions");
            Map<String, String> definitions = textMap(config, "define");
            List<String> constraints = config.strings("constraints");
            if (!config.ok()) {
                return null;
            }
            // Parse piece by piece so that each problem names its own field.
            List<String> names = new ArrayList<>(ranges.stream().map(Range::name).toList());
            try {
                Expression.parse("0", names, functions);
            } catch (GraderException e) {
                config.error("functions", uncapitalize(e.getMessage()));
                return null;
            }
            for (Map.Entry<String, String> d : definitions.entrySet()) {
                try {
                    Expression.parse(d.getValue(), names, functions);
                } catch (GraderException e) {
                    config.error("define", d.getKey() + ": " + uncapitalize(e.getMessage()));
                }
                names.add(d.getKey());
            }
            for (String c : constraints) {
                try {
                    Expression.parseCondition(c, names, functions);
                } catch (GraderException e) {
                    config.error("constraints", uncapitalize(e.getMessage()));
                }
            }
            if (!config.ok()) {
                return null;
            }
            Domain.Builder b = Domain.builder();
            ranges.forEach(b::range);
            functions.forEach(b::function);
            definitions.forEach(b::define);
            constraints.forEach(b::constraint);
            try {
                return b.build();
            } catch (GraderException e) {
                config.error("variables", uncapitalize(e.getMessage()));
                return null;
            }
        }

        private static Range range(ConfigReader config, String name, YamlNode node) {
            String field = "variables." + name;
            if (node instanceof YamlMap m && m.keys().size() == 1
                    && (m.has("int") || m.has("real")) && m.get(m.has("int") ? "int" : "real") instanceof YamlList l
                    && l.size() == 2) {
                boolean integer = m.has("int");
                double[] bounds = new double[2];
                for (int i = 0; i < 2; i++) {
                    if (!(l.get(i) instanceof YamlScalar s) || !s.isNumber()) {
                        config.errorAt(l.get(i), field, "bound " + l.get(i).flow() + " is not a number");
                        return null;
                    }
                    bounds[i] = Double.parseDouble(s.text());
                }
                try {
                    return new Range(name, integer, bounds[0], bounds[1]);
                } catch (GraderException e) {
                    config.errorAt(node, field, uncapitalize(e.getMessage()));
                    return null;
                }
            }
            config.errorAt(node, field, "expected {int: [lo, hi]} or {real: [lo, hi]}, found " + node.flow());
            return null;
        }

        private static Map<String, String> textMap(ConfigReader config, String key) {
            YamlNode node = config.node(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (node == null || node instanceof YamlScalar s && s.isNull()) {
                return out;
            }
            if (!(node instanceof YamlMap m)) {
                config.error(key, "expected a mapping of names to formulas, found " + node.describe());
                return out;
            }
            for (String name : m.keys()) {
                YamlNode v = m.get(name);
                if (v instanceof YamlScalar s && !s.isNull() && s.type() != YamlScalar.Type.BOOLEAN) {
                    out.put(name, s.text());
                } else {
                    config.errorAt(v, key + "." + name, "expected text, found " + v.describe());
                }
            }
            return out;
        }
    }
}
