package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.refrun.OpCase;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map a {@code conv_kernel} answer must implement: a reference op applied to the image
 * ({@code avg_pool2d} with its params), or a convolution with a known kernel (a definition such as a
 * finite difference). Immutable.
 */
final class KernelTarget {
    private final String op;
    private final ObjectNode params;
    private final Tensor kernel;

    private KernelTarget(String op, ObjectNode params, Tensor kernel) {
        this.op = op;
        this.params = params.deepCopy();
        this.kernel = kernel;
    }

    /** A reference op with the image as its only input {@code x}. */
    static KernelTarget op(String op, ObjectNode params) {
        return new KernelTarget(op, params, null);
    }

    /** conv2d with a known 4-D weight and its params. */
    static KernelTarget conv(Tensor weight, ObjectNode params) {
        return new KernelTarget("conv2d", params, weight);
    }

    /** The known kernel, when the target is one. */
    Optional<Tensor> kernel() {
        return Optional.ofNullable(kernel);
    }

    /** The map's output for the images {@code x}; throws GraderException naming params or the op's refusal. */
    Tensor apply(Tensor x) {
        Map<String, Tensor> inputs = kernel == null ? Map.of("x", x) : Map.of("x", x, "weight", kernel);
        return OpCaseRunner.run(OpCase.of(op, params.deepCopy(), inputs)).get("out");
    }

    /** E.g. {@code avg_pool2d(x, kernel_size=2, stride=2)} or {@code conv2d(x, w, stride=1) with w = [...]}. */
    String describe() {
        String call = call(op, kernel == null ? "x" : "x, w", params);
        return kernel == null ? call : call + " with w = " + TensorText.format(kernel) + " (" + TensorText.shape(kernel)
                + ")";
    }

    static String call(String op, String args, ObjectNode params) {
        List<String> p = new ArrayList<>();
        params.fields().forEachRemaining(f -> p.add(f.getKey() + "=" + f.getValue()));
        return op + "(" + args + (p.isEmpty() ? "" : ", " + String.join(", ", p)) + ")";
    }
}
