package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/**
 * The NCHW view of a 2-D op's input: 4-D {@code (N, C, H, W)} or, as PyTorch accepts,
 * 3-D unbatched {@code (C, H, W)}, which is treated as N = 1.
 */
record ImageInput(boolean batched, int n, int c, int h, int w) {

    /**
     * Reads the dimensions of {@code x}. With {@code nonEmpty}, C, H and W must be non-zero
     * (PyTorch's pooling check); the batch may always be empty.
     */
    static ImageInput of(Tensor x, String op, boolean nonEmpty) {
        if (x == null) {
            throw new RefException(op + ": input must not be null");
        }
        int[] s = x.shape();
        ImageInput in;
        if (s.length == 4) {
            in = new ImageInput(true, s[0], s[1], s[2], s[3]);
        } else if (s.length == 3) {
            in = new ImageInput(false, 1, s[0], s[1], s[2]);
        } else {
            throw new RefException(op + ": input must be 3-D (C, H, W) or 4-D (N, C, H, W), got shape "
                    + Arrays.toString(s));
        }
        if (nonEmpty) {
            int first = in.batched ? 1 : 0;
            for (int d = first; d < s.length; d++) {
                if (s[d] == 0) {
                    throw new RefException(op + ": input shape " + Arrays.toString(s) + " has an empty dimension "
                            + d + "; only the batch dimension may be 0");
                }
            }
        }
        return in;
    }

    /** The shape of an output with this batch layout (3-D when the input was unbatched). */
    int[] shapeWith(int channels, int height, int width) {
        return batched ? new int[] {n, channels, height, width} : new int[] {channels, height, width};
    }

    /** Number of elements of an output shape, failing with a clear message when it does not fit an array. */
    static int outputLength(int[] shape, String op) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new RefException(op + ": output shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    /** Fails unless {@code gradOut} has exactly the forward output's shape. */
    static void checkGradOut(Tensor gradOut, int[] expected, String op) {
        if (gradOut == null) {
            throw new RefException(op + ": gradOut must not be null");
        }
        if (!Arrays.equals(gradOut.shape(), expected)) {
            throw new RefException(op + ": gradOut has shape " + gradOut.shapeString() + ", expected "
                    + Arrays.toString(expected) + " (the output shape)");
        }
    }
}
