package io.tensorgrade.ref.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;

/** Assertions on tensors that check the shape first and name the first element that differs. */
public final class TensorAssert {
    private TensorAssert() {
    }

    public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol) {
        Comparison c = Comparison.of(expected, actual, atol, rtol);
        if (!c.matches()) {
            fail(c.message());
        }
    }

    public static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertClose(expected, actual, tol, tol);
    }
}
