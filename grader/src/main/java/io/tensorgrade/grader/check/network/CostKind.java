package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Reading;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.Alternative;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.check.answer.AnswerMatcher;
import io.tensorgrade.grader.check.answer.Mistake;
import io.tensorgrade.grader.check.answer.ValueCatalogue;
import io.tensorgrade.grader.check.network.CostQuestion.Measure;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.cost.Convention;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check: params}, {@code macs} and {@code flops}: a count for a {@code network} (inline or
 * {@code zoo:NAME}) on an {@code input}, over its {@code layers} (1-based; default all), computed by the
 * reference with a per-layer breakdown and a catalogue of built-in mistakes ({@link CostMistakes}).
 * {@code accept} and {@code mistakes} entries may give a {@code convention} (macs, flops) or
 * {@code weights_only} (params) instead of a value; the reference computes it. A {@code tolerance} (default
 * exact) lets estimates count, as seed 002's discussion asks only for them.
 */
public final class CostKind implements CheckKind {

    private final Measure measure;

    private CostKind(Measure measure) {
        this.measure = measure;
    }

    /** {@code check: params}: trainable parameters ({@code weights_only: true} leaves out the biases). */
    public static CostKind params() {
        return new CostKind(Measure.PARAMS);
    }

    /** {@code check: macs}: multiply-accumulates of the conv and linear layers. */
    public static CostKind macs() {
        return new CostKind(Measure.MACS);
    }

    /** {@code check: flops}: operations under a {@code convention} (default {@code flops}, 2 per MAC). */
    public static CostKind flops() {
        return new CostKind(Measure.FLOPS);
    }

    @Override
    public String name() {
        return measure.id();
    }

    @Override
    public String description() {
        return switch (measure) {
            case PARAMS -> "the number of trainable parameters of a network (or some of its layers), computed by the"
                    + " reference";
            case MACS -> "the multiply-accumulates of a network (or some of its layers) for one sample, computed by"
                    + " the reference";
            case FLOPS -> "the operations of a network (or some of its layers) for one sample under a named"
                    + " convention, computed by the reference";
        };
    }

    @Override
    public List<String> builtInMistakes() {
        return CostMistakes.ids(measure);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of("network", "input", "layers", "accept", "mistakes", "tolerance"));
        if (measure == Measure.PARAMS) {
            keys.add("weights_only");
        }
        if (measure == Measure.FLOPS) {
            keys.add("convention");
        }
        return Set.copyOf(keys);
    }

    @Override
    public Check create(ConfigReader config) {
        Optional<InlineNetwork> network = NetworkReader.read(config, measure != Measure.PARAMS);
        boolean weightsOnly = measure == Measure.PARAMS && config.bool("weights_only", false);
        Convention convention = measure == Measure.FLOPS ? convention(config, "convention", Convention.flops) : null;
        List<Entry> accept = entries(config, "accept", true);
        List<Entry> mistakes = entries(config, "mistakes", false);
        if (network.isEmpty() || measure == Measure.FLOPS && convention == null) {
            return null;
        }
        List<Integer> layers = layers(config, network.get().size());
        if (layers == null || accept.contains(null) || mistakes.contains(null)) {
            return null;
        }
        CostQuestion question = CostQuestion.of(measure, network.get().spec(), network.get().input(), convention,
                layers, weightsOnly);
        try {
            return check(config, question, accept, mistakes);
        } catch (RefException e) {
            config.error("network", e.getMessage());
            return null;
        }
    }

    private AnswerCheck check(ConfigReader config, CostQuestion q, List<Entry> acceptEntries,
                              List<Entry> mistakeEntries) {
        Value.Int expected = Value.of(q.value());
        Tolerance tolerance = config.tolerance(Tolerance.EXACT);
        List<Alternative> accepted = new ArrayList<>();
        for (Entry e : acceptEntries) {
            accepted.add(new Alternative(e.name(q), Value.of(e.value(q)), e.credit(), e.explanation(q)));
        }
        List<Mistake> mistakes = new ArrayList<>();
        for (Entry e : mistakeEntries) {
            mistakes.add(new Mistake(e.name(q), Value.of(e.value(q)), e.explanation(q), e.credit()));
        }
        AnswerMatcher probe = new AnswerMatcher(expected, tolerance, accepted, mistakes);
        ValueCatalogue.checkOverlaps(config, probe);
        // A built-in that an earlier value already matches (within the tolerance) could never be named.
        List<Value> taken = new ArrayList<>(List.of(expected));
        accepted.forEach(a -> taken.add(a.value()));
        mistakes.forEach(m -> taken.add(m.value()));
        List<Mistake> builtIn = new ArrayList<>(CostMistakes.of(q));
        for (Entry e : acceptEntries) {
            if (e.convention() != null) {
                builtIn.addAll(CostMistakes.sizeRules(q.withConvention(e.convention()),
                        ", counted under the accepted convention " + e.convention()));
            }
        }
        for (Mistake m : builtIn) {
            if (taken.stream().noneMatch(t -> probe.same(t, m.value()))) {
                taken.add(m.value());
                mistakes.add(m);
            }
        }
        String shown = expected.display() + (q.weightsOnly() ? " (weights only)" : "")
                + (measure == Measure.FLOPS ? " (convention " + q.convention() + ")" : "");
        String form = AnswerParser.INTEGER_FORM
                + (tolerance.isExact() ? "" : "; answers within " + tolerance.describe() + " count");
        return new AnswerCheck(new AnswerMatcher(expected, tolerance, accepted, mistakes),
                AnswerParser::readInteger, new Expected(shown, q.breakdown()), form, units(q));
    }

    /** The quantities a unit word may name in an answer: FLOPs = MACs under a per-MAC convention. */
    private static Set<Reading.Unit> units(CostQuestion q) {
        return switch (q.measure()) {
            case PARAMS -> Set.of(Reading.Unit.PARAMS);
            case MACS -> Set.of(Reading.Unit.MACS);
            case FLOPS -> q.convention() == Convention.macs || q.convention() == Convention.macs_with_bias
                    ? Set.of(Reading.Unit.FLOPS, Reading.Unit.MACS) : Set.of(Reading.Unit.FLOPS);
        };
    }

    /** 1-based layer numbers to add up; empty for all; null after a problem. */
    private static List<Integer> layers(ConfigReader config, int size) {
        if (!config.has("layers")) {
            return List.of();
        }
        List<Integer> layers = config.value("layers", n -> Args.integers(n, 1));
        if (layers == null) {
            return null;
        }
        for (int layer : layers) {
            if (layer > size) {
                config.error("layers", "layer " + layer + " is outside 1.." + size + " (the network has " + size
                        + " layers)");
                return null;
            }
        }
        if (layers.stream().distinct().count() != layers.size()) {
            config.error("layers", "a layer is listed twice in " + layers);
            return null;
        }
        return layers;
    }

    private static Convention convention(ConfigReader config, String key, Convention dflt) {
        String name = config.string(key, dflt == null ? "" : dflt.name());
        try {
            return Convention.of(name);
        } catch (RefException e) {
            config.error(key, "unknown convention '" + name + "'" + DidYouMean.hint(name, Convention.names())
                    + "; known: " + String.join(", ", Convention.names()));
            return null;
        }
    }

    /**
     * An {@code accept} or {@code mistakes} entry: a literal {@code value}, or what the reference gives
     * under another {@code convention} (macs, flops) or {@code weights_only} setting (params).
     */
    private record Entry(String name, Long literal, Convention convention, Boolean weightsOnly, double credit,
                         String explanation) {

        long value(CostQuestion q) {
            if (literal != null) {
                return literal;
            }
            return convention != null ? q.withConvention(convention).value() : q.withWeightsOnly(weightsOnly).value();
        }

        String name(CostQuestion q) {
            if (!name.isEmpty()) {
                return name;
            }
            return convention != null ? "the " + convention + " count"
                    : weightsOnly ? "the weights without biases" : "all parameters, biases included";
        }

        String explanation(CostQuestion q) {
            if (!explanation.isEmpty() || convention == null) {
                return explanation;
            }
            return convention + ": " + convention.summary();
        }
    }

    /** The entries of {@code key}; a null element marks an entry with a problem. */
    private List<Entry> entries(ConfigReader config, String key, boolean accept) {
        String computed = measure == Measure.PARAMS ? "weights_only" : "convention";
        List<String> keys = List.of("name", "value", computed, "credit", "explanation");
        List<Entry> out = new ArrayList<>();
        for (ConfigReader item : config.items(key, keys)) {
            String name = item.string("name", "");
            int given = (item.has("value") ? 1 : 0) + (item.has(computed) ? 1 : 0);
            if (given != 1) {
                item.error(given == 0 ? "value" : computed, "give either 'value' or '" + computed + "'"
                        + (given == 0 ? "" : ", not both"));
                out.add(null);
                continue;
            }
            boolean named = !name.isEmpty() || accept && !item.has("value");
            if (!named) {
                item.error("name", "missing required field 'name'" + (accept ? " (needed with a literal 'value')"
                        : " (the mistake's identifier in results, e.g. flops_doubled)"));
            }
            double credit = item.fraction("credit", accept ? 1.0 : 0.0);
            if (accept && credit == 0) {
                item.error("credit", "an accepted answer needs a credit above 0 (list answers worth nothing under"
                        + " 'mistakes')");
            } else if (!accept && credit == 1) {
                item.error("credit", "a mistake worth full credit is an accepted answer; move it to 'accept'");
            }
            String explanation = item.string("explanation", "");
            Long literal = item.has("value") ? Optional.ofNullable(item.value("value", AnswerParser::integer))
                    .map(Value.Int::value).orElse(null) : null;
            Convention convention = item.has("convention") ? convention(item, "convention", null) : null;
            Boolean weightsOnly = item.has("weights_only") ? item.bool("weights_only", false) : null;
            boolean read = literal != null || convention != null || weightsOnly != null;
            boolean creditOk = accept ? credit > 0 : credit < 1;
            out.add(read && creditOk && named ? new Entry(name, literal, convention, weightsOnly, credit, explanation)
                    : null);
        }
        return out;
    }
}
