package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.ops.AdaptiveAvgPool2d;
import io.tensorgrade.ref.ops.AvgPool2d;
import io.tensorgrade.ref.ops.AvgPool2dParams;
import io.tensorgrade.ref.ops.BatchNorm2d;
import io.tensorgrade.ref.ops.Conv2d;
import io.tensorgrade.ref.ops.Conv2dParams;
import io.tensorgrade.ref.ops.Linear;
import io.tensorgrade.ref.ops.MaxPool2d;
import io.tensorgrade.ref.ops.MaxPool2dParams;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.ops.Relu;
import io.tensorgrade.ref.ops.Sigmoid;
import io.tensorgrade.ref.ops.Tanh;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Map;

/** Runs a network layer by layer with the float64 reference ops: the ground truth for the float32 path. */
final class ReferenceForward {
    private ReferenceForward() {
    }

    /** The output of {@code spec} for the NCHW batch {@code x}, flattened per sample: shape {@code [n, size]}. */
    static Tensor run(NetworkSpec spec, Map<Integer, LayerWeights> weights, Tensor x) {
        for (int i = 0; i < spec.layers().size(); i++) {
            x = layer(spec.layers().get(i), weights.get(i + 1), x);
        }
        return x.reshape(x.dim(0), x.size() / x.dim(0));
    }

    private static Tensor layer(LayerSpec layer, LayerWeights w, Tensor x) {
        if (layer instanceof LayerSpec.Conv2d c) {
            return Conv2d.forward(x, w.weight(), w.bias(),
                    new Conv2dParams(c.stride(), c.padding(), c.dilation(), c.groups()));
        } else if (layer instanceof LayerSpec.MaxPool2d p) {
            return MaxPool2d.forward(x, new MaxPool2dParams(p.kernel(), p.stride(), p.padding(), p.dilation(),
                    p.ceilMode()));
        } else if (layer instanceof LayerSpec.AvgPool2d p) {
            return AvgPool2d.forward(x, new AvgPool2dParams(p.kernel(), p.stride(), p.padding(), p.ceilMode(),
                    p.countIncludePad(), null));
        } else if (layer instanceof LayerSpec.AdaptiveAvgPool2d p) {
            return AdaptiveAvgPool2d.forward(x, new Pair(p.outH(), p.outW()));
        } else if (layer instanceof LayerSpec.Linear) {
            return Linear.forward(x, w.weight(), w.bias());
        } else if (layer instanceof LayerSpec.BatchNorm2d) {
            return BatchNorm2d.forward(x, w.weight(), w.bias(), w.runningMean(), w.runningVar(), false, 0.1,
                    OpCompiler.BN_EPS).out();
        } else if (layer instanceof LayerSpec.Relu) {
            return Relu.forward(x);
        } else if (layer instanceof LayerSpec.Sigmoid) {
            return Sigmoid.forward(x);
        } else if (layer instanceof LayerSpec.Tanh) {
            return Tanh.forward(x);
        } else if (layer instanceof LayerSpec.Flatten) {
            return x.reshape(x.dim(0), x.size() / x.dim(0));
        } else if (layer instanceof LayerSpec.Dropout) {
            return x;
        }
        throw new IllegalArgumentException(layer.describe());
    }
}
