package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import java.util.List;

/**
 * The ops of a model bound to one input shape and batch size: the shape before each op and the buffer
 * sizes a worker needs, allocated once per worker rather than per batch.
 */
final class Plan {
    final List<Op> ops;
    final Dims[] shapes;
    final int batch;
    final int activationFloats;
    final int scratchFloats;

    Plan(NetworkSpec spec, List<Op> ops, InputFormat format, int batch) {
        ActivationShape input = ActivationShape.chw(format.channels(), format.height(), format.width());
        // The spec's own shape rules give the user-facing error for an input that does not fit.
        spec.outputShapes(input);
        this.ops = ops;
        this.batch = batch;
        shapes = new Dims[ops.size() + 1];
        shapes[0] = new Dims(format.channels(), format.height(), format.width());
        long act = shapes[0].size();
        long scratch = 0;
        for (int i = 0; i < ops.size(); i++) {
            shapes[i + 1] = ops.get(i).out(shapes[i]);
            act = Math.max(act, shapes[i + 1].size());
            scratch = Math.max(scratch, ops.get(i).scratch(shapes[i], batch));
        }
        if (act * batch > Integer.MAX_VALUE - 8) {
            throw new RefException("inference: batchSize=" + batch + " needs " + act * batch
                    + " floats for one activation, more than a Java array holds; use a smaller batch");
        }
        activationFloats = (int) act * batch;
        scratchFloats = (int) scratch;
    }

    /** Values per sample in the output. */
    int outputSize() {
        return shapes[shapes.length - 1].size();
    }

    /** Per-worker buffers: two activations used in turn and the panel scratch. */
    final class Workspace {
        float[] a = new float[activationFloats];
        float[] b = new float[activationFloats];
        final float[] scratch = new float[scratchFloats];

        /** Runs the ops on the {@code n} samples loaded into {@link #a}; returns the buffer with the result. */
        float[] forward(int n) {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.inPlace()) {
                    op.run(shapes[i], n, a, a, scratch);
                } else {
                    op.run(shapes[i], n, a, b, scratch);
                    float[] t = a;
                    a = b;
                    b = t;
                }
            }
            return a;
        }
    }
}
