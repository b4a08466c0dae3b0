package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * The output of {@link BatchNorm2d#forward} and the running statistics after it: updated in training mode,
 * unchanged in eval mode, null when no running statistics were given (PyTorch's
 * {@code track_running_stats=False}).
 */
public record BatchNormResult(Tensor out, Tensor runningMean, Tensor runningVar) {
    public BatchNormResult {
        if (out == null) {
            throw new RefException("BatchNormResult: out must not be null");
        }
    }
}
