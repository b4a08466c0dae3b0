package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.tensor.OpCallReader;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One case of a {@code function} part before its inputs exist: the part's inputs and params with the
 * case's overrides applied. {@code cases: N} gives N of these that differ only in their index (hence their
 * random inputs); a list gives one per item.
 *
 * @param index  1-based case number, shown in feedback
 * @param title  shown in feedback as "case 3 (stride > kernel)"; empty for none
 * @param seed   the seed its inputs are drawn from (with the index)
 * @param inputs every input's spec, in the part's order
 * @param params the reference's params: the part's, overridden by the case's
 */
record CaseSpec(int index, String title, long seed, Map<String, InputSpec> inputs, ObjectNode params) {

    /** The keys of a case in the list form. */
    static final List<String> KEYS = List.of("title", "seed", "inputs", "params");
    static final int MAX_CASES = 20;

    CaseSpec {
        title = title == null ? "" : title.strip();
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        params = params.deepCopy();
        Objects.checkIndex(index - 1, MAX_CASES);
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    /** "case 3 (stride > kernel)", or "case 3". */
    String label() {
        return "case " + index + (title.isEmpty() ? "" : " (" + title + ")");
    }

    /** The inputs, reproducible from the seed and index alone, in the order of {@link #inputs()}. */
    Map<String, Tensor> generate() {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        Map<String, Tensor> out = new LinkedHashMap<>();
        inputs.forEach((name, spec) -> out.put(name, spec.generate(random)));
        return out;
    }

    /**
     * The part's {@code cases}: a count (default 3) or a list of overrides. Problems go to {@code config};
     * the list returned after a problem is incomplete and must not be used.
     */
    static List<CaseSpec> read(ConfigReader config, Map<String, InputSpec> inputs, ObjectNode params, long seed,
                               OpCaseRunner.Signature signature) {
        YamlNode node = config.node("cases");
        List<CaseSpec> out = new ArrayList<>();
        if (!(node instanceof YamlList list)) {
            int count = (int) config.integer("cases", 3);
            if (count < 1 || count > MAX_CASES) {
                config.error("cases", "expected between 1 and " + MAX_CASES + " cases, or a list of cases, found "
                        + count);
                return out;
            }
            for (int i = 1; i <= count; i++) {
                out.add(new CaseSpec(i, "", seed, inputs, params));
            }
            return out;
        }
        if (list.size() < 1 || list.size() > MAX_CASES) {
            config.error("cases", "expected between 1 and " + MAX_CASES + " cases, found " + list.size());
            return out;
        }
        List<ConfigReader> items = config.items("cases", KEYS);
        if (items.size() != list.size()) {
            return out; // an item that is not a mapping was reported
        }
        for (int i = 0; i < items.size(); i++) {
            CaseSpec c = item(items.get(i), (YamlMap) list.get(i), i + 1, inputs, params, seed, signature);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static CaseSpec item(ConfigReader c, YamlMap map, int index, Map<String, InputSpec> baseInputs,
                                 ObjectNode baseParams, long baseSeed, OpCaseRunner.Signature signature) {
        String title = c.string("title", "");
        long seed = c.integer("seed", baseSeed);
        Map<String, InputSpec> inputs = new LinkedHashMap<>(baseInputs);
        if (map.get("inputs") instanceof YamlMap in) {
            ConfigReader r = c.nested(in, "inputs");
            for (String name : in.keys()) {
                if (!baseInputs.containsKey(name)) {
                    r.errorAt(in.get(name), name, "input '" + name + "' is not among the part's inputs ("
                            + String.join(", ", baseInputs.keySet()) + "); a case replaces inputs, it adds none");
                    continue;
                }
                InputSpec spec = InputSpec.read(r, in, name);
                if (spec != null) {
                    inputs.put(name, spec);
                }
            }
        } else if (map.has("inputs") && !(map.get("inputs") instanceof YamlScalar s && s.isNull())) {
            c.error("inputs", "expected a mapping from input names to shapes or specs, found "
                    + map.get("inputs").describe());
        }
        ObjectNode params = baseParams.deepCopy();
        ObjectNode own = OpCallReader.params(c, signature);
        if (own == null) {
            return null;
        }
        params.setAll(own);
        return new CaseSpec(index, title, seed, inputs, params);
    }
}
