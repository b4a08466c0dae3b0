package io.tensorgrade.grader.sandbox;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.Objects;

/**
 * A tensor generated in Java that goes into the sandbox as {@code inputs/<name>.npy}.
 *
 * @param tensor the values (float64 on disk; the harness casts to {@code type})
 * @param type   what the student's function receives
 */
public record InputTensor(Tensor tensor, InputType type) {
    public InputTensor {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(type, "type");
        if (type == InputType.INT64) {
            for (double v : tensor.rawData()) {
                if (v != Math.rint(v) || Math.abs(v) > (1L << 53)) {
                    throw new IllegalArgumentException("InputTensor: type=INT64 but the tensor holds " + v
                            + ", which is not an integer that a double represents exactly");
                }
            }
        }
    }

    /** A float64 input. */
    public static InputTensor of(Tensor tensor) {
        return new InputTensor(tensor, InputType.FLOAT64);
    }
}
