package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in mistakes of {@code check: tensor}, each recomputed by the reference with the mistake applied:
 * for conv2d {@code kernel_flipped} (a true convolution), {@code kernel_not_flipped_in_backward} (for
 * grad_x), {@code padding_ignored} / {@code padding_added}; for pooling {@code stride_ignored} and
 * {@code padding_ignored}; for every op {@code transposed_result}; for a gradient, the op's other gradients
 * ({@code grad_weight_instead_of_grad_x}).
 */
final class TensorMistakes {

    /** A built-in mistake whose value is computed on demand; computing may fail (then it is dropped). */
    /**
     * Every name {@link #of} may give: the fixed ones, then {@code grad_A_instead_of_grad_B} for the gradient
     * outputs of one op (conv2d and linear: x, weight, bias; batch_norm2d: x, gamma, beta).
     */
    static final List<String> IDS = ids();

    private static List<String> ids() {
        List<String> out = new ArrayList<>(List.of("kernel_flipped", "kernel_not_flipped_in_backward",
                "padding_ignored", "padding_added", "stride_ignored", "transposed_result"));
        for (List<String> grads : List.of(List.of("x", "weight", "bias"), List.of("x", "gamma", "beta"))) {
            for (String a : grads) {
                for (String b : grads) {
                    if (!a.equals(b) && !out.contains("grad_" + a + "_instead_of_grad_" + b)) {
                        out.add("grad_" + a + "_instead_of_grad_" + b);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    record BuiltIn(String name, String explanation, Supplier<Tensor> value) {
    }

    private TensorMistakes() {
    }

    static List<BuiltIn> of(OpCall call, Tensor expected, Map<String, Tensor> outputs) {
        List<BuiltIn> out = new ArrayList<>();
        String op = call.op();
        String output = call.output();
        ObjectNode params = call.params();
        if (op.equals("conv2d") && call.inputs().get("weight") instanceof OpCall.Given w) {
            OpCall flipped = call.with(null, Map.of("weight", new OpCall.Given(rotate180(w.tensor()))), null);
            if (output.equals("out")) {
                out.add(new BuiltIn("kernel_flipped", "the kernel is flipped (rotated by 180°): a true convolution"
                        + " instead of the cross-correlation that torch.nn.functional.conv2d computes", flipped::compute));
            } else if (output.equals("grad_x")) {
                out.add(new BuiltIn("kernel_not_flipped_in_backward", "the gradient is computed as a full correlation"
                        + " of grad_out with the kernel without flipping it (the kernel must be rotated by 180°)",
                        flipped::compute));
            }
            int[] padding = pair(params.get("padding"), 0);
            int[] kernel = w.tensor().rank() == 4 ? new int[] {w.tensor().dim(2), w.tensor().dim(3)} : null;
            if (padding != null && (padding[0] != 0 || padding[1] != 0)) {
                out.add(new BuiltIn("padding_ignored", "the padding is left out",
                        () -> call.with(param("padding", 0), Map.of(), null).compute()));
            } else if (padding != null && kernel != null) {
                int ph = kernel[0] / 2;
                int pw = kernel[1] / 2;
                out.add(new BuiltIn("padding_added", "the input is zero-padded to keep its size (\"same\" padding "
                        + (ph == pw ? String.valueOf(ph) : "[" + ph + ", " + pw + "]") + ") although the padding is 0",
                        () -> call.with(param("padding", JsonNodeFactory.instance.arrayNode().add(ph).add(pw)), Map.of(),
                                null).compute()));
            }
        }
        if (op.equals("max_pool2d") || op.equals("avg_pool2d")) {
            int[] kernel = pair(params.get("kernel_size"), -1);
            int[] stride = params.hasNonNull("stride") ? pair(params.get("stride"), -1) : kernel;
            if (kernel != null && stride != null && kernel[0] > 0) {
                boolean strideOne = stride[0] == 1 && stride[1] == 1;
                JsonNode replaced = strideOne ? params.get("kernel_size") : JsonNodeFactory.instance.numberNode(1);
                out.add(new BuiltIn("stride_ignored", strideOne
                        ? "the windows move by the kernel size (PyTorch's default stride) instead of by 1"
                        : "the stride is ignored (the windows move by 1)",
                        () -> call.with(param("stride", replaced), Map.of(), null).compute()));
            }
            int[] padding = pair(params.get("padding"), 0);
            if (padding != null && (padding[0] != 0 || padding[1] != 0)) {
                out.add(new BuiltIn("padding_ignored", "the padding is left out",
                        () -> call.with(param("padding", 0), Map.of(), null).compute()));
            }
        }
        Tensor squeezed = TensorAnswer.squeezeLeading(expected);
        if (squeezed.rank() >= 2) {
            out.add(new BuiltIn("transposed_result", "the result is transposed (rows and columns swapped)",
                    () -> transpose(squeezed)));
        }
        if (output.startsWith("grad_")) {
            for (Map.Entry<String, Tensor> other : outputs.entrySet()) {
                String name = other.getKey();
                if (name.startsWith("grad_") && !name.equals(output)) {
                    out.add(new BuiltIn(name + "_instead_of_" + output, "the gradient with respect to "
                            + name.substring(5) + " (" + name + ") is computed instead of the one with respect to "
                            + output.substring(5), other::getValue));
                }
            }
        }
        return out;
    }

    /** The last two dimensions rotated by 180°. */
    static Tensor rotate180(Tensor t) {
        int h = t.dim(-2);
        int w = t.dim(-1);
        double[] in = t.rawData();
        double[] out = new double[in.length];
        for (int base = 0; base < in.length; base += h * w) {
            for (int i = 0; i < h * w; i++) {
                out[base + i] = in[base + h * w - 1 - i];
            }
        }
        return Tensor.wrap(out, t.shape());
    }

    /** The last two dimensions swapped. */
    static Tensor transpose(Tensor t) {
        int[] shape = t.shape();
        int h = shape[shape.length - 2];
        int w = shape[shape.length - 1];
        double[] in = t.rawData();
        double[] out = new double[in.length];
        for (int base = 0; base < in.length; base += h * w) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[base + j * h + i] = in[base + i * w + j];
                }
            }
        }
        shape[shape.length - 2] = w;
        shape[shape.length - 1] = h;
        return Tensor.wrap(out, shape);
    }

    private static ObjectNode param(String name, int value) {
        return JsonNodeFactory.instance.objectNode().put(name, value);
    }

    private static ObjectNode param(String name, JsonNode value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set(name, value);
        return o;
    }

    /** An int or [h, w] param as {h, w}; {@code dflt} for both when absent (negative: null); null when malformed. */
    private static int[] pair(JsonNode n, int dflt) {
        if (n == null || n.isNull()) {
            return dflt < 0 ? null : new int[] {dflt, dflt};
        }
        if (n.canConvertToInt() && n.isIntegralNumber()) {
            return new int[] {n.intValue(), n.intValue()};
        }
        if (n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber() && n.get(1).isIntegralNumber()) {
            return new int[] {n.get(0).intValue(), n.get(1).intValue()};
        }
        if (n.isArray() && n.size() == 1 && n.get(0).isIntegralNumber()) {
            return new int[] {n.get(0).intValue(), n.get(0).intValue()};
        }
        return null;
    }
}
