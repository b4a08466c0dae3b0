package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec;

/**
 * One step of a network lowered for inference, independent of the backend that runs it: dropout is
 * gone, a batch norm right after a conv is folded into the conv's weights and bias, and a ReLU right
 * after a conv or linear is a flag of that step. The CPU kernels of {@link InferenceModel} are built
 * from these steps, and so is any other backend (the GPU one in module {@code gpu}). Arrays are copied
 * in and out.
 */
public sealed interface InferenceStep {

    /**
     * {@code conv2d} with any batch norm folded in.
     *
     * @param weight {@code (out, in/groups, kh, kw)} row-major
     * @param bias   {@code out} values, or null for none
     */
    record Conv(LayerSpec.Conv2d spec, double[] weight, double[] bias, boolean relu) implements InferenceStep {
        public Conv {
            if (spec == null || weight == null || weight.length != spec.out() * spec.fanIn()) {
                throw new RefException("inference step: conv weight needs out*fanIn values for " + spec);
            }
            if (bias != null && bias.length != spec.out()) {
                throw new RefException("inference step: conv bias needs " + spec.out() + " values, got " + bias.length);
            }
            weight = weight.clone();
            bias = bias == null ? null : bias.clone();
        }

        @Override
        public double[] weight() {
            return weight.clone();
        }

        @Override
        public double[] bias() {
            return bias == null ? null : bias.clone();
        }
    }

    /**
     * {@code linear} on flat features.
     *
     * @param weight {@code (out, in)} row-major
     * @param bias   {@code out} values, or null for none
     */
    record Linear(int out, int in, double[] weight, double[] bias, boolean relu) implements InferenceStep {
        public Linear {
            if (out < 1 || in < 1 || weight == null || weight.length != (long) out * in) {
                throw new RefException("inference step: linear " + in + "->" + out + " needs out*in weights");
            }
            if (bias != null && bias.length != out) {
                throw new RefException("inference step: linear bias needs " + out + " values, got " + bias.length);
            }
            weight = weight.clone();
            bias = bias == null ? null : bias.clone();
        }

        @Override
        public double[] weight() {
            return weight.clone();
        }

        @Override
        public double[] bias() {
            return bias == null ? null : bias.clone();
        }
    }

    /** {@code max_pool2d}. */
    record MaxPool(LayerSpec.MaxPool2d spec) implements InferenceStep {
    }

    /** {@code avg_pool2d} or {@code adaptive_avg_pool2d}: {@code spec} is one of the two. */
    record AvgPool(LayerSpec spec) implements InferenceStep {
        public AvgPool {
            if (!(spec instanceof LayerSpec.AvgPool2d) && !(spec instanceof LayerSpec.AdaptiveAvgPool2d)) {
                throw new RefException("inference step: avg pool needs an avg_pool2d or adaptive_avg_pool2d, got "
                        + (spec == null ? "null" : spec.describe()));
            }
        }
    }

    /** {@code flatten}: per sample, {@code c x h x w} becomes {@code c*h*w} features in NCHW order. */
    record Flatten() implements InferenceStep {
    }

    /** An activation that could not be fused into a conv or linear. */
    record Activation(Fn fn) implements InferenceStep {
        /** The function applied. */
        public enum Fn { RELU, SIGMOID, TANH }

        public Activation {
            if (fn == null) {
                throw new RefException("inference step: activation function must not be null");
            }
        }
    }

    /** {@code x * scale[c] + shift[c]}: a batch norm in eval mode that could not be folded into a conv. */
    record ChannelAffine(double[] scale, double[] shift) implements InferenceStep {
        public ChannelAffine {
            if (scale == null || shift == null || scale.length != shift.length) {
                throw new RefException("inference step: channel affine needs as many shifts as scales");
            }
            scale = scale.clone();
            shift = shift.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public double[] shift() {
            return shift.clone();
        }
    }
}
