package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.refrun.OpCase;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a reference op as a rubric describes it: the op, its params, its inputs (given tensors or
 * constant fills) and which output is asked. Runs through {@link OpCaseRunner}, the same dispatch as
 * {@code tensorgrade ref run}.
 *
 * @param output the output asked, e.g. {@code out} or {@code grad_x}
 */
record OpCall(String op, ObjectNode params, Map<String, Input> inputs, String output) {

    /** An input: a tensor, or a constant with a given shape or (for grad_out) the shape of the op's output. */
    sealed interface Input permits Given, Fill {
    }

    record Given(Tensor tensor) implements Input {
        Given {
            Objects.requireNonNull(tensor, "tensor");
        }
    }

    /** @param shape null: shaped like the op's output ({@code grad_out}) */
    record Fill(double value, int[] shape) implements Input {
        Fill {
            shape = shape == null ? null : shape.clone();
        }

        @Override
        public int[] shape() {
            return shape == null ? null : shape.clone();
        }
    }

    OpCall {
        Objects.requireNonNull(op, "op");
        params = params.deepCopy();
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(output, "output");
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    /**
     * Every output of the call.
     *
     * @throws GraderException naming {@code params.NAME} or {@code inputs.NAME}, or the op's own refusal
     */
    Map<String, Tensor> outputs() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Fill likeOutput = null;
        String likeOutputName = null;
        for (Map.Entry<String, Input> e : inputs.entrySet()) {
            if (e.getValue() instanceof Given g) {
                tensors.put(e.getKey(), g.tensor());
            } else if (e.getValue() instanceof Fill f && f.shape() != null) {
                tensors.put(e.getKey(), Tensor.full(f.value(), f.shape()));
            } else {
                likeOutput = (Fill) e.getValue();
                likeOutputName = e.getKey();
            }
        }
        if (likeOutput != null) {
            // Run forward first: the fill takes the shape of its output.
            Tensor out = OpCaseRunner.run(OpCase.of(op, params, tensors)).values().iterator().next();
            tensors.put(likeOutputName, Tensor.full(likeOutput.value(), out.shape()));
        }
        return OpCaseRunner.run(OpCase.of(op, params, tensors));
    }

    /**
     * The asked output.
     *
     * @throws GraderException when the op fails or does not give that output
     */
    Tensor compute() {
        Map<String, Tensor> all = outputs();
        Tensor t = all.get(output);
        if (t == null) {
            String hint = output.startsWith("grad_") && !inputs.containsKey("grad_out")
                    && OpCaseRunner.signature(op).map(s -> s.optional().contains("grad_out")).orElse(false)
                    ? " (gradients need inputs.grad_out, e.g. grad_out: {fill: 1})" : "";
            throw new GraderException("output: " + op + " gives no output '" + output + "'" + hint + "; it gives "
                    + String.join(", ", all.keySet()));
        }
        return t;
    }

    /** This call with some params, inputs and the output replaced; fills without a shape take the replaced input's. */
    OpCall with(ObjectNode paramChanges, Map<String, Input> inputChanges, String newOutput) {
        ObjectNode p = params.deepCopy();
        if (paramChanges != null) {
            p.setAll(paramChanges);
        }
        Map<String, Input> in = new LinkedHashMap<>(inputs);
        inputChanges.forEach((name, input) -> in.put(name, resolveShape(name, input)));
        return new OpCall(op, p, in, newOutput == null ? output : newOutput);
    }

    private Input resolveShape(String name, Input input) {
        if (input instanceof Fill f && f.shape() == null && !name.equals("grad_out")) {
            Input base = inputs.get(name);
            if (base instanceof Given g) {
                return new Fill(f.value(), g.tensor().shape());
            }
            if (base instanceof Fill b && b.shape() != null) {
                return new Fill(f.value(), b.shape());
            }
            throw new GraderException("inputs." + name + ": {fill: " + f.value() + "} needs a shape here, e.g."
                    + " {fill: 1, shape: [3, 3]}");
        }
        return input;
    }
}
