package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a network and its bound weights into {@link InferenceStep}s (dropout disappears, a batch norm
 * right after a conv is folded into the conv's weights and bias, a ReLU right after a conv or linear,
 * batch norm folded, becomes a flag of that step), and the steps into CPU {@link Op}s, where the
 * kernel applies a fused ReLU as it stores.
 */
final class OpCompiler {
    /** PyTorch's default {@code nn.BatchNorm2d} eps; the network spec does not carry one. */
    static final double BN_EPS = 1e-5;

    private OpCompiler() {
    }

    /** Fails unless every layer is one inference supports. */
    static void checkSupported(NetworkSpec spec) {
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (layer instanceof LayerSpec.TableConv2d || layer instanceof LayerSpec.Subsampling2d) {
                throw new RefException("inference does not support " + spec.label(i + 1) + " of network "
                        + spec.name() + "; it supports conv2d, max_pool2d, avg_pool2d, adaptive_avg_pool2d, linear, "
                        + "relu, sigmoid, tanh, flatten, batch_norm2d and dropout");
            }
        }
    }

    /** The backend-neutral steps of {@code spec} with its bound weights. */
    static List<InferenceStep> lower(NetworkSpec spec, Map<Integer, LayerWeights> weights) {
        List<LayerSpec> layers = spec.layers();
        List<InferenceStep> steps = new ArrayList<>();
        int i = 0;
        while (i < layers.size()) {
            LayerSpec layer = layers.get(i);
            LayerWeights w = weights.get(i + 1);
            if (layer instanceof LayerSpec.Conv2d conv) {
                double[] weight = w.weight().data();
                double[] bias = conv.bias() ? w.bias().data() : null;
                int next = skipDropout(layers, i + 1);
                if (next < layers.size() && layers.get(next) instanceof LayerSpec.BatchNorm2d) {
                    double[][] ab = bnAffine(weights.get(next + 1));
                    bias = fold(weight, bias, ab, (int) conv.fanIn());
                    next = skipDropout(layers, next + 1);
                }
                boolean relu = next < layers.size() && layers.get(next) instanceof LayerSpec.Relu;
                steps.add(new InferenceStep.Conv(conv, weight, bias, relu));
                i = relu ? next + 1 : next;
            } else if (layer instanceof LayerSpec.Linear lin) {
                int next = skipDropout(layers, i + 1);
                boolean relu = next < layers.size() && layers.get(next) instanceof LayerSpec.Relu;
                steps.add(new InferenceStep.Linear(lin.out(), lin.in(), w.weight().rawData(),
                        lin.bias() ? w.bias().rawData() : null, relu));
                i = relu ? next + 1 : next;
            } else {
                InferenceStep step = simple(layer, w);
                if (step != null) {
                    steps.add(step);
                }
                i++;
            }
        }
        return List.copyOf(steps);
    }

    /** The CPU ops of {@code steps} on {@code kernel}. */
    static List<Op> compile(List<InferenceStep> steps, Kernel kernel) {
        List<Op> ops = new ArrayList<>();
        for (InferenceStep step : steps) {
            ops.add(op(step, kernel));
        }
        return List.copyOf(ops);
    }

    private static Op op(InferenceStep step, Kernel kernel) {
        if (step instanceof InferenceStep.Conv c) {
            return new ConvOp(c.spec(), c.weight(), c.bias(), c.relu(), kernel);
        } else if (step instanceof InferenceStep.Linear l) {
            return new LinearOp(l.weight(), l.bias(), l.out(), l.in(), l.relu(), kernel);
        } else if (step instanceof InferenceStep.MaxPool p) {
            return new MaxPoolOp(p.spec());
        } else if (step instanceof InferenceStep.AvgPool p) {
            return new AvgPoolOp(p.spec());
        } else if (step instanceof InferenceStep.Flatten) {
            return new FlattenOp();
        } else if (step instanceof InferenceStep.Activation a) {
            return new ElementwiseOp(ElementwiseOp.Fn.valueOf(a.fn().name()));
        } else if (step instanceof InferenceStep.ChannelAffine a) {
            return new ChannelAffineOp(a.scale(), a.shift());
        }
        throw new IllegalStateException(step.toString());
    }

    /** The step of a layer that is neither conv nor linear, or null for dropout. */
    private static InferenceStep simple(LayerSpec layer, LayerWeights w) {
        if (layer instanceof LayerSpec.MaxPool2d p) {
            return new InferenceStep.MaxPool(p);
        } else if (layer instanceof LayerSpec.AvgPool2d || layer instanceof LayerSpec.AdaptiveAvgPool2d) {
            return new InferenceStep.AvgPool(layer);
        } else if (layer instanceof LayerSpec.Flatten) {
            return new InferenceStep.Flatten();
        } else if (layer instanceof LayerSpec.Relu) {
            return new InferenceStep.Activation(InferenceStep.Activation.Fn.RELU);
        } else if (layer instanceof LayerSpec.Sigmoid) {
            return new InferenceStep.Activation(InferenceStep.Activation.Fn.SIGMOID);
        } else if (layer instanceof LayerSpec.Tanh) {
            return new InferenceStep.Activation(InferenceStep.Activation.Fn.TANH);
        } else if (layer instanceof LayerSpec.BatchNorm2d) {
            double[][] ab = bnAffine(w);
            return new InferenceStep.ChannelAffine(ab[0], ab[1]);
        } else if (layer instanceof LayerSpec.Dropout) {
            return null;
        }
        throw new RefException("inference does not support layer " + layer.describe());
    }

    private static int skipDropout(List<LayerSpec> layers, int i) {
        while (i < layers.size() && layers.get(i) instanceof LayerSpec.Dropout) {
            i++;
        }
        return i;
    }

    /** Eval-mode batch norm as {@code x * a[c] + b[c]}. */
    static double[][] bnAffine(LayerWeights w) {
        double[] mean = w.runningMean().rawData();
        double[] var = w.runningVar().rawData();
        double[] a = new double[mean.length];
        double[] b = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            double gamma = w.weight() == null ? 1 : w.weight().rawData()[c];
            double beta = w.bias() == null ? 0 : w.bias().rawData()[c];
            a[c] = gamma / Math.sqrt(var[c] + BN_EPS);
            b[c] = beta - mean[c] * a[c];
        }
        return new double[][] {a, b};
    }

    /** Scales each output row of {@code weight} (a copy) by {@code a[row]}; returns the new bias. */
    private static double[] fold(double[] weight, double[] bias, double[][] ab, int depth) {
        double[] a = ab[0];
        double[] out = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            for (int k = r * depth; k < (r + 1) * depth; k++) {
                weight[k] *= a[r];
            }
            out[r] = (bias == null ? 0 : bias[r]) * a[r] + ab[1][r];
        }
        return out;
    }
}
