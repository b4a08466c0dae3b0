package io.tensorgrade.ref.net;

import static io.tensorgrade.ref.net.Checks.atLeast;
import static io.tensorgrade.ref.net.Checks.pair;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.shape.Chw;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a {@link NetworkSpec}, with PyTorch's semantics and (for layers with weights) its
 * parameter count. Shapes are per sample, without the batch dimension.
 */
public sealed interface LayerSpec {

    /** PyTorch-style functional name used in tables and rubrics, e.g. {@code conv2d}, {@code linear}. */
    String kind();

    /** Short text for messages and tables, e.g. {@code linear 9216->4096}. */
    String describe();

    /** Number of trainable parameters (PyTorch's {@code sum(p.numel())}; buffers are not parameters). */
    long params();

    /** How {@link #params()} is computed, e.g. {@code 4096*9216 + 4096}; {@code 0} for layers without weights. */
    String paramsFormula();

    /** The output shape for {@code input}; a {@link RefException} if the layer does not fit it. */
    ActivationShape outputShape(ActivationShape input);

    /**
     * The output shape when spatial sizes follow {@code rule} instead of PyTorch's (convolutions and
     * pools use it; other layers do not size anything and ignore it).
     */
    default ActivationShape outputShape(ActivationShape input, SizeRule rule) {
        return outputShape(input);
    }

    /** {@code nn.Conv2d} with zero padding. */
    record Conv2d(int in, int out, Pair kernel, Pair stride, Pair padding, Pair dilation, int groups, boolean bias)
            implements LayerSpec {
        public Conv2d {
            atLeast("conv2d", "in_channels", in, 1);
            atLeast("conv2d", "out_channels", out, 1);
            pair("conv2d", "kernel_size", kernel, 1);
            pair("conv2d", "stride", stride, 1);
            pair("conv2d", "padding", padding, 0);
            pair("conv2d", "dilation", dilation, 1);
            atLeast("conv2d", "groups", groups, 1);
            if (in % groups != 0 || out % groups != 0) {
                throw new RefException("conv2d: groups=" + groups + " does not divide in_channels=" + in
                        + " and out_channels=" + out);
            }
        }

        /** A square-kernel conv with bias, no dilation, no groups. */
        public static Conv2d of(int in, int out, int kernel, int stride, int padding) {
            return new Conv2d(in, out, Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(1), 1, true);
        }

        /** Inputs each output value sums over: {@code (in/groups)*kh*kw}. */
        public long fanIn() {
            return (long) (in / groups) * kernel.h() * kernel.w();
        }

        @Override public String kind() {
            return "conv2d";
        }

        @Override public String describe() {
            return "conv2d " + in + "->" + out + " k=" + kernel + (stride.equals(Pair.of(1)) ? "" : " s=" + stride)
                    + (padding.equals(Pair.of(0)) ? "" : " p=" + padding)
                    + (dilation.equals(Pair.of(1)) ? "" : " d=" + dilation) + (groups == 1 ? "" : " g=" + groups)
                    + (bias ? "" : " no bias");
        }

        @Override public long params() {
            return out * fanIn() + (bias ? out : 0);
        }

        @Override public String paramsFormula() {
            String weights = out + "*" + (groups == 1 ? in : "(" + in + "/" + groups + ")") + "*" + kernel.h() + "*"
                    + kernel.w();
            return bias ? weights + " + " + out : weights;
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return outputShape(input, OutputSize.PYTORCH);
        }

        @Override public ActivationShape outputShape(ActivationShape input, SizeRule rule) {
            Chw chw = Checks.channels(input, "conv2d", "in_channels", in);
            return ActivationShape.of(OutputSize.conv2d(chw, out, kernel, stride, padding, dilation, groups, rule)
                    .output());
        }
    }

    /**
     * A convolution where output map {@code j} sees only the input maps {@code table.get(j)}, as in
     * LeNet-5's C3 (LeCun et al. 1998, table I). Each output map has its own bias when {@code bias}.
     */
    record TableConv2d(int in, Pair kernel, List<List<Integer>> table, boolean bias) implements LayerSpec {
        public TableConv2d {
            atLeast("table_conv2d", "in_channels", in, 1);
            pair("table_conv2d", "kernel_size", kernel, 1);
            if (table.isEmpty()) {
                throw new RefException("table_conv2d: connection table is empty; it needs one row per output map");
            }
            List<List<Integer>> copy = new ArrayList<>();
            for (int j = 0; j < table.size(); j++) {
                List<Integer> row = List.copyOf(table.get(j));
                if (row.isEmpty() || row.stream().distinct().count() != row.size()) {
                    throw new RefException("table_conv2d: row " + j + " of the connection table " + row
                            + " must list distinct input maps, at least one");
                }
                for (int i : row) {
                    if (i < 0 || i >= in) {
                        throw new RefException("table_conv2d: row " + j + " names input map " + i
                                + ", outside 0.." + (in - 1));
                    }
                }
                copy.add(row);
            }
            table = List.copyOf(copy);
        }

        public int out() {
            return table.size();
        }

        /** Number of (output map, input map) connections, the sum of the row lengths. */
        public long connections() {
            return table.stream().mapToLong(List::size).sum();
        }

        @Override public String kind() {
            return "table_conv2d";
        }

        @Override public String describe() {
            return "table_conv2d " + in + "->" + out() + " k=" + kernel + " (" + connections() + " of " + in * out()
                    + " maps connected)" + (bias ? "" : " no bias");
        }

        @Override public long params() {
            return connections() * kernel.h() * kernel.w() + (bias ? out() : 0);
        }

        @Override public String paramsFormula() {
            String weights = connections() + "*" + kernel.h() + "*" + kernel.w();
            return bias ? weights + " + " + out() : weights;
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return outputShape(input, OutputSize.PYTORCH);
        }

        @Override public ActivationShape outputShape(ActivationShape input, SizeRule rule) {
            Chw chw = Checks.channels(input, "table_conv2d", "in_channels", in);
            return ActivationShape.of(OutputSize.conv2d(chw, out(), kernel, Pair.of(1), Pair.of(0), Pair.of(1), 1,
                    rule).output());
        }
    }

    /** {@code nn.MaxPool2d}. */
    record MaxPool2d(Pair kernel, Pair stride, Pair padding, Pair dilation, boolean ceilMode) implements ParameterFree {
        public MaxPool2d {
            pair("max_pool2d", "kernel_size", kernel, 1);
            pair("max_pool2d", "stride", stride, 1);
            pair("max_pool2d", "padding", padding, 0);
            pair("max_pool2d", "dilation", dilation, 1);
        }

        public static MaxPool2d of(int kernel, int stride) {
            return new MaxPool2d(Pair.of(kernel), Pair.of(stride), Pair.of(0), Pair.of(1), false);
        }

        @Override public String kind() {
            return "max_pool2d";
        }

        @Override public String describe() {
            return "max_pool2d k=" + kernel + " s=" + stride + (padding.equals(Pair.of(0)) ? "" : " p=" + padding)
                    + (dilation.equals(Pair.of(1)) ? "" : " d=" + dilation) + (ceilMode ? " ceil" : "");
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return outputShape(input, OutputSize.PYTORCH);
        }

        @Override public ActivationShape outputShape(ActivationShape input, SizeRule rule) {
            return ActivationShape.of(OutputSize.maxPool2d(input.toChw("max_pool2d"), kernel, stride, padding,
                    dilation, ceilMode, rule).output());
        }
    }

    /** {@code nn.AvgPool2d} ({@code countIncludePad} changes values, not shapes or counts). */
    record AvgPool2d(Pair kernel, Pair stride, Pair padding, boolean ceilMode, boolean countIncludePad)
            implements ParameterFree {
        public AvgPool2d {
            pair("avg_pool2d", "kernel_size", kernel, 1);
            pair("avg_pool2d", "stride", stride, 1);
            pair("avg_pool2d", "padding", padding, 0);
        }

        public static AvgPool2d of(int kernel, int stride) {
            return new AvgPool2d(Pair.of(kernel), Pair.of(stride), Pair.of(0), false, true);
        }

        @Override public String kind() {
            return "avg_pool2d";
        }

        @Override public String describe() {
            return "avg_pool2d k=" + kernel + " s=" + stride + (padding.equals(Pair.of(0)) ? "" : " p=" + padding)
                    + (ceilMode ? " ceil" : "");
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return outputShape(input, OutputSize.PYTORCH);
        }

        @Override public ActivationShape outputShape(ActivationShape input, SizeRule rule) {
            return ActivationShape.of(OutputSize.avgPool2d(input.toChw("avg_pool2d"), kernel, stride, padding,
                    ceilMode, rule).output());
        }
    }

    /**
     * LeNet-5's subsampling (LeCun et al. 1998): each map's window is summed, multiplied by a trainable
     * coefficient and shifted by a trainable bias, so 2 parameters per map. No padding; the output size
     * follows avg_pool2d.
     */
    record Subsampling2d(int channels, Pair kernel, Pair stride) implements LayerSpec {
        public Subsampling2d {
            atLeast("subsampling2d", "channels", channels, 1);
            pair("subsampling2d", "kernel_size", kernel, 1);
            pair("subsampling2d", "stride", stride, 1);
        }

        @Override public String kind() {
            return "subsampling2d";
        }

        @Override public String describe() {
            return "subsampling2d " + channels + " maps k=" + kernel + " s=" + stride;
        }

        @Override public long params() {
            return 2L * channels;
        }

        @Override public String paramsFormula() {
            return "2*" + channels;
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return outputShape(input, OutputSize.PYTORCH);
        }

        @Override public ActivationShape outputShape(ActivationShape input, SizeRule rule) {
            Chw chw = Checks.channels(input, "subsampling2d", "channels", channels);
            return ActivationShape.of(OutputSize.avgPool2d(chw, kernel, stride, Pair.of(0), false, rule).output());
        }
    }

    /** {@code nn.AdaptiveAvgPool2d((outH, outW))}. */
    record AdaptiveAvgPool2d(int outH, int outW) implements ParameterFree {
        public AdaptiveAvgPool2d {
            atLeast("adaptive_avg_pool2d", "output height", outH, 1);
            atLeast("adaptive_avg_pool2d", "output width", outW, 1);
        }

        @Override public String kind() {
            return "adaptive_avg_pool2d";
        }

        @Override public String describe() {
            return "adaptive_avg_pool2d " + outH + "x" + outW;
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return ActivationShape.chw(input.toChw("adaptive_avg_pool2d").c(), outH, outW);
        }
    }

    /** {@code nn.Linear} on flat features. */
    record Linear(int in, int out, boolean bias) implements LayerSpec {
        public Linear {
            atLeast("linear", "in_features", in, 1);
            atLeast("linear", "out_features", out, 1);
        }

        @Override public String kind() {
            return "linear";
        }

        @Override public String describe() {
            return "linear " + in + "->" + out + (bias ? "" : " no bias");
        }

        @Override public long params() {
            return (long) out * in + (bias ? out : 0);
        }

        @Override public String paramsFormula() {
            return out + "*" + in + (bias ? " + " + out : "");
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            if (input.isImage()) {
                throw new RefException("got a " + input + " input; linear needs flat features, add a flatten layer");
            }
            if (input.dims().get(0) != in) {
                throw new RefException("got " + input.dims().get(0) + " input features");
            }
            return ActivationShape.flat(out);
        }
    }

    /** {@code nn.BatchNorm2d}: 2 parameters per channel when affine; running statistics are buffers. */
    record BatchNorm2d(int channels, boolean affine) implements LayerSpec {
        public BatchNorm2d {
            atLeast("batch_norm2d", "num_features", channels, 1);
        }

        @Override public String kind() {
            return "batch_norm2d";
        }

        @Override public String describe() {
            return "batch_norm2d " + channels + (affine ? "" : " affine=False");
        }

        @Override public long params() {
            return affine ? 2L * channels : 0;
        }

        @Override public String paramsFormula() {
            return affine ? "2*" + channels : "0";
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            Checks.channels(input, "batch_norm2d", "num_features", channels);
            return input;
        }
    }

    /** Elementwise {@code max(0, x)}. */
    record Relu() implements Elementwise {
        @Override public String kind() {
            return "relu";
        }
    }

    /** Elementwise logistic sigmoid. */
    record Sigmoid() implements Elementwise {
        @Override public String kind() {
            return "sigmoid";
        }
    }

    /** Elementwise tanh. */
    record Tanh() implements Elementwise {
        @Override public String kind() {
            return "tanh";
        }
    }

    /** {@code nn.Dropout(p)}; the identity at inference. */
    record Dropout(double p) implements Elementwise {
        public Dropout {
            if (!(p >= 0 && p <= 1)) {
                throw new RefException("dropout: p=" + p + " must be between 0 and 1");
            }
        }

        @Override public String kind() {
            return "dropout";
        }

        @Override public String describe() {
            return "dropout p=" + p;
        }
    }

    /** {@code nn.Flatten()}: C,H,W to C*H*W features; flat input passes through. */
    record Flatten() implements ParameterFree {
        @Override public String kind() {
            return "flatten";
        }

        @Override public String describe() {
            return "flatten";
        }

        @Override public ActivationShape outputShape(ActivationShape input) {
            return ActivationShape.flat(Math.toIntExact(input.numel()));
        }
    }

    /** Layers without parameters. */
    sealed interface ParameterFree extends LayerSpec {
        @Override default long params() {
            return 0;
        }

        @Override default String paramsFormula() {
            return "0";
        }
    }

    /** Parameter-free layers that keep the shape: relu, sigmoid, tanh, dropout. */
    sealed interface Elementwise extends ParameterFree {
        @Override default String describe() {
            return kind();
        }

        @Override default ActivationShape outputShape(ActivationShape input) {
            return input;
        }
    }
}
