package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an expression check's {@code accept} and {@code mistakes} lists ({@code {name, formula, credit,
 * explanation}}) and adds built-in mistakes. A rubric entry that the reference or an earlier entry already
 * matches on the domain is a rubric error (it would never apply); such a built-in entry is dropped.
 */
final class FormulaCatalogue {

    private final ConfigReader config;
    private final Domain domain;
    private final EquivalenceTester tester;
    private final List<Expression> seen = new ArrayList<>();

    FormulaCatalogue(ConfigReader config, Domain domain, EquivalenceTester tester, Expression reference) {
        this.config = config;
        this.domain = domain;
        this.tester = tester;
        seen.add(reference);
    }

    /** The entries of {@code accept} or {@code mistakes}, in order. */
    List<NamedFormula> read(String key) {
        boolean accept = key.equals("accept");
        List<NamedFormula> out = new ArrayList<>();
        List<ConfigReader> items = config.items(key, ExpressionKind.FORMULA_KEYS);
        for (int i = 0; i < items.size(); i++) {
            ConfigReader item = items.get(i);
            String name = item.string("name");
            double credit = item.fraction("credit", accept ? 1.0 : 0.0);
            if (accept && credit == 0) {
                item.error("credit", "an accepted formula needs a credit above 0 (list formulas worth nothing under"
                        + " 'mistakes')");
                continue;
            }
            if (!accept && credit == 1) {
                item.error("credit", "a mistake worth full credit is an accepted formula; move it to 'accept'");
                continue;
            }
            String explanation = item.string("explanation", "");
            Expression formula = item.has("formula")
                    ? ExpressionKind.formula(item, "formula", item.string("formula"), domain) : null;
            if (!item.has("formula")) {
                item.error("formula", "missing required field 'formula'");
            }
            if (formula == null) {
                continue;
            }
            String clash = clash(formula);
            if (clash != null) {
                YamlNode node = config.node(key) instanceof YamlList list ? list.get(i) : null;
                config.errorAt(node, key + "[" + i + "].formula", "'" + formula.text() + "' is equivalent to "
                        + clash + " on the domain, so this entry never applies");
                continue;
            }
            seen.add(formula);
            out.add(new NamedFormula(name, formula, credit, explanation));
        }
        return out;
    }

    /** Built-in mistakes {name, formula, explanation} that differ from everything before them, worth nothing. */
    List<NamedFormula> builtIns(List<String[]> entries) {
        List<NamedFormula> out = new ArrayList<>();
        for (String[] e : entries) {
            Expression formula = domain.parse(e[1]);
            if (clash(formula) == null) {
                seen.add(formula);
                out.add(new NamedFormula(e[0], formula, 0, e[2]));
            }
        }
        return out;
    }

    /** What {@code formula} is equivalent to ("the reference" or "'...'"), or null. */
    private String clash(Expression formula) {
        for (int j = 0; j < seen.size(); j++) {
            try {
                if (tester.test(seen.get(j), formula).equivalent()) {
                    return j == 0 ? "the reference" : "the earlier entry '" + seen.get(j).text() + "'";
                }
            } catch (io.tensorgrade.grader.GraderException e) {
                // The earlier entry is nowhere finite on the domain: nothing can equal it.
            }
        }
        return null;
    }
}
