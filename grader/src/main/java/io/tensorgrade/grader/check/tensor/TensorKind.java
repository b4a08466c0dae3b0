package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code check: tensor}: a matrix or tensor answer (a convolution's output, a gradient, a pooled map)
 * computed by the reference op {@code op} with {@code params} and {@code inputs}; {@code output} picks
 * which output is asked. {@code accept} and {@code mistakes} entries override params, inputs or the output
 * and are recomputed; built-in mistakes are in {@link TensorMistakes}. See docs/rubric-format.md.
 */
public final class TensorKind implements CheckKind {

    /** Tight enough for exact hand computations, loose enough for float printing. */
    static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-6, 1e-6);
    private static final List<String> ENTRY_KEYS = List.of("name", "params", "inputs", "output", "credit",
            "explanation");

    @Override
    public String name() {
        return "tensor";
    }

    @Override
    public String description() {
        return "a matrix or tensor answer computed by a reference op (conv2d, max_pool2d, gradients, ...)";
    }

    @Override
    public List<String> builtInMistakes() {
        return TensorMistakes.IDS;
    }

    @Override
    public Set<String> keys() {
        return Set.of("op", "params", "inputs", "output", "tolerance", "accept", "mistakes");
    }

    @Override
    public Check create(ConfigReader config) {
        String op = config.choice("op", OpCaseRunner.knownOps(), null);
        Tolerance tolerance = config.tolerance(DEFAULT_TOLERANCE);
        String output = config.string("output", "out");
        if (op.isEmpty()) {
            return null;
        }
        OpCaseRunner.Signature signature = OpCaseRunner.signature(op).orElseThrow();
        ObjectNode params = OpCallReader.params(config, signature);
        Map<String, OpCall.Input> inputs = OpCallReader.inputs(config, signature);
        if (params == null || inputs == null || !config.ok()) {
            return null;
        }
        for (Map.Entry<String, OpCall.Input> e : inputs.entrySet()) {
            if (e.getValue() instanceof OpCall.Fill f && f.shape() == null && !e.getKey().equals("grad_out")) {
                config.error("inputs", e.getKey() + ": {fill: ...} needs a shape here, e.g. {fill: 1, shape: [3, 3]}"
                        + " (only grad_out takes the shape of the op's output)");
                return null;
            }
        }
        OpCall call = new OpCall(op, params, inputs, output);
        Map<String, Tensor> outputs;
        Tensor expected;
        try {
            outputs = call.outputs();
            expected = call.compute();
        } catch (GraderException e) {
            OpCallReader.report(config, e, "op");
            return null;
        }
        TensorCheck probe = new TensorCheck(expected, tolerance, List.of(), List.of(), Expected.of(""));
        List<Tensor> seen = new ArrayList<>(List.of(expected));
        List<Candidate> accepted = entries(config, "accept", call, probe, seen);
        List<Candidate> mistakes = entries(config, "mistakes", call, probe, seen);
        for (TensorMistakes.BuiltIn b : TensorMistakes.of(call, expected, outputs)) {
            Tensor value;
            try {
                value = b.value().get();
            } catch (GraderException | io.tensorgrade.ref.RefException e) {
                continue; // the mistake cannot even be computed here (e.g. padding larger than allowed)
            }
            if (seen.stream().noneMatch(s -> probe.same(TensorAnswer.squeezeLeading(s),
                    TensorAnswer.squeezeLeading(value)))) {
                seen.add(value);
                mistakes.add(new Candidate(b.name(), value, 0, b.explanation()));
            }
        }
        if (!config.ok()) {
            return null;
        }
        return new TensorCheck(expected, tolerance, accepted, mistakes,
                new Expected(TensorText.format(TensorAnswer.squeezeLeading(expected)), derivation(call)));
    }

    /** The {@code accept} or {@code mistakes} entries, each recomputed from the main call with its overrides. */
    private static List<Candidate> entries(ConfigReader config, String key, OpCall call, TensorCheck probe,
                                           List<Tensor> seen) {
        boolean accept = key.equals("accept");
        OpCaseRunner.Signature signature = OpCaseRunner.signature(call.op()).orElseThrow();
        List<Candidate> out = new ArrayList<>();
        List<ConfigReader> items = config.items(key, ENTRY_KEYS);
        for (int i = 0; i < items.size(); i++) {
            ConfigReader item = items.get(i);
            String name = item.string("name");
            double credit = item.fraction("credit", accept ? 1.0 : 0.0);
            if (accept ? credit == 0 : credit == 1) {
                item.error("credit", accept ? "an accepted answer needs a credit above 0 (list answers worth nothing"
                        + " under 'mistakes')" : "a mistake worth full credit is an accepted answer; move it to 'accept'");
                continue;
            }
            String explanation = item.string("explanation", "");
            if (!item.has("params") && !item.has("inputs") && !item.has("output")) {
                item.error("params", "give what differs from the main computation: params, inputs or output");
                continue;
            }
            ObjectNode params = OpCallReader.params(item, signature);
            Map<String, OpCall.Input> inputs = OpCallReader.inputs(item, signature);
            if (params == null || inputs == null) {
                continue;
            }
            Tensor value;
            try {
                value = call.with(params, inputs, item.has("output") ? item.string("output") : null).compute();
            } catch (GraderException | io.tensorgrade.ref.RefException e) {
                OpCallReader.report(item, new GraderException(e.getMessage(), e), "params");
                continue;
            }
            for (int j = 0; j < seen.size(); j++) {
                if (probe.same(TensorAnswer.squeezeLeading(seen.get(j)), TensorAnswer.squeezeLeading(value))) {
                    YamlNode node = config.node(key) instanceof YamlList list ? list.get(i) : null;
                    config.errorAt(node, key + "[" + i + "]", "this gives " + TensorText.format(
                            TensorAnswer.squeezeLeading(value)) + ", which already matches "
                            + (j == 0 ? "the expected value" : "an earlier entry") + ", so this entry never applies");
                    value = null;
                    break;
                }
            }
            if (value != null) {
                seen.add(value);
                out.add(new Candidate(name, value, credit, explanation));
            }
        }
        return out;
    }

    /** E.g. {@code out of conv2d(x 5x5, weight 3x3, stride=1, padding=0) by the reference (cross-correlation, ...)}. */
    static String derivation(OpCall call) {
        String args = call.inputs().entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() instanceof OpCall.Given g
                        ? TensorText.shape(TensorAnswer.squeezeLeading(g.tensor()))
                        : "filled with " + TensorText.number(((OpCall.Fill) e.getValue()).value())))
                .collect(Collectors.joining(", "));
        List<String> params = new ArrayList<>();
        call.params().fields().forEachRemaining(f -> params.add(f.getKey() + "=" + f.getValue()));
        String what = call.output() + " of " + call.op() + "(" + args + (params.isEmpty() ? "" : ", "
                + String.join(", ", params)) + ")";
        if (call.output().startsWith("grad_")) {
            what += ", the gradient of sum(out * grad_out) with respect to " + call.output().substring(5);
        }
        if (call.op().equals("conv2d")) {
            what += "; conv2d is cross-correlation (the kernel is not flipped), as torch.nn.functional.conv2d";
        }
        return what + ", computed by the reference implementation";
    }
}
