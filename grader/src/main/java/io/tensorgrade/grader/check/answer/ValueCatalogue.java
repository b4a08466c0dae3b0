package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the {@code accept} and {@code mistakes} lists of the generic kinds, where every entry
 * gives its value in the rubric:
 * <pre>
 * accept:   [{name: flops = 2*MACs, value: 1129128, credit: 0.5, explanation: ...}]
 * mistakes: [{name: no_padding, value: [12, 6, 6], explanation: the padding is ignored, credit: 0}]
 * </pre>
 */
public final class ValueCatalogue {

    public static final List<String> ACCEPT_KEYS = List.of("name", "value", "credit", "explanation");
    public static final List<String> MISTAKE_KEYS = List.of("name", "value", "explanation", "credit");

    private ValueCatalogue() {
    }

    /** The {@code accept} entries, each value read by {@code parser}. */
    public static List<Alternative> accepted(ConfigReader config, Function<YamlNode, ? extends Value> parser) {
        List<Alternative> out = new ArrayList<>();
        for (ConfigReader item : config.items("accept", ACCEPT_KEYS)) {
            String name = item.string("name");
            Value value = item.value("value", parser);
            double credit = item.fraction("credit", 1.0);
            if (credit == 0) {
                item.error("credit", "an accepted answer needs a credit above 0 (list answers worth nothing"
                        + " under 'mistakes')");
            }
            String explanation = item.string("explanation", "");
            if (value != null && credit > 0) {
                out.add(new Alternative(name, value, credit, explanation));
            }
        }
        return out;
    }

    /** The {@code mistakes} entries, each value read by {@code parser}. */
    public static List<Mistake> mistakes(ConfigReader config, Function<YamlNode, ? extends Value> parser) {
        List<Mistake> out = new ArrayList<>();
        for (ConfigReader item : config.items("mistakes", MISTAKE_KEYS)) {
            String name = item.string("name");
            Value value = item.value("value", parser);
            double credit = item.fraction("credit", 0.0);
            if (credit == 1) {
                item.error("credit", "a mistake worth full credit is an accepted answer; move it to 'accept'");
            }
            String explanation = item.string("explanation", "");
            if (value != null && credit < 1) {
                out.add(new Mistake(name, value, explanation, credit));
            }
        }
        return out;
    }

    /**
     * Reports alternatives and mistakes that the expected value (or an earlier entry) already
     * matches. Runs only on an otherwise valid config, so list indices match the YAML.
     */
    public static void checkOverlaps(ConfigReader config, AnswerMatcher matcher) {
        if (!config.ok()) {
            return;
        }
        List<Value> seen = new ArrayList<>(List.of(matcher.expected()));
        for (int i = 0; i < matcher.accepted().size(); i++) {
            overlap(config, "accept", i, matcher.accepted().get(i).value(), seen, matcher);
        }
        for (int i = 0; i < matcher.mistakes().size(); i++) {
            overlap(config, "mistakes", i, matcher.mistakes().get(i).value(), seen, matcher);
        }
    }

    private static void overlap(ConfigReader config, String key, int index, Value value, List<Value> seen,
                                AnswerMatcher matcher) {
        for (int j = 0; j < seen.size(); j++) {
            if (matcher.same(seen.get(j), value)) {
                YamlNode node = config.node(key) instanceof YamlList list ? list.get(index) : null;
                String other = j == 0 ? "the expected value" : "an earlier entry";
                config.errorAt(node, key + "[" + index + "].value", "the value " + value.display()
                        + " already matches " + other + ", so this entry never applies");
                return;
            }
        }
        seen.add(value);
    }
}
