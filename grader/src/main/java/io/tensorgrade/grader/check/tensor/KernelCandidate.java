package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Objects;

/**
 * A conv_kernel {@code accept} or {@code mistakes} entry: another map (or the same map under other conv
 * settings) that a student's kernel may reproduce, computed by the reference on the check's images.
 *
 * @param output      the entry's map applied to the images
 * @param conv        conv2d's params the student's kernel is applied with for this entry
 * @param description what the entry reproduces, e.g. {@code conv2d(x, w, stride=2)}
 */
record KernelCandidate(String name, Tensor output, ObjectNode conv, double credit, String explanation,
                       String description) {

    KernelCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
        conv = conv.deepCopy();
        if (!(credit >= 0 && credit <= 1)) {
            throw new IllegalArgumentException("'" + name + "': credit=" + credit + " must be in [0, 1]");
        }
        explanation = explanation == null ? "" : explanation.strip();
    }

    @Override
    public ObjectNode conv() {
        return conv.deepCopy();
    }
}
