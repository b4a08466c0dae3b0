package io.tensorgrade.ref.cost;

import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.LayerSpec.AdaptiveAvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.AvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.LayerSpec.Subsampling2d;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;

/** Counts one layer under a {@link Convention}; the rules are documented on {@link Convention}. */
final class LayerCounter {
    private LayerCounter() {
    }

    /** A count with its formula; {@code macs} is the convention-independent MAC count. */
    private record Count(long macs, long value, String formula) {
        static final Count ZERO = new Count(0, 0, "0");
    }

    static LayerCost count(int number, LayerSpec layer, ActivationShape in, ActivationShape out, Convention c) {
        Count count = count(layer, in, out, c);
        return new LayerCost(number, layer.describe(), layer.kind(), out, layer.params(), layer.paramsFormula(),
                count.macs(), count.value(), count.formula());
    }

    private static Count count(LayerSpec layer, ActivationShape in, ActivationShape out, Convention c) {
        String n = product(out);
        long outputs = out.numel();
        if (layer instanceof Conv2d conv) {
            String k = (conv.groups() == 1 ? Integer.toString(conv.in()) : "(" + conv.in() + "/" + conv.groups() + ")")
                    + "*" + conv.kernel().h() + "*" + conv.kernel().w();
            return weighted(c, n, outputs, k, conv.fanIn(), conv.bias());
        }
        if (layer instanceof Linear linear) {
            return weighted(c, n, outputs, Integer.toString(linear.in()), linear.in(), linear.bias());
        }
        if (layer instanceof TableConv2d table) {
            return tableConv(c, table, out, n, outputs);
        }
        boolean exact = c == Convention.mul_add || c == Convention.mul_add_no_bias;
        if (!exact) {
            return Count.ZERO;
        }
        boolean bias = c == Convention.mul_add;
        if (layer instanceof MaxPool2d pool) {
            long window = (long) pool.kernel().h() * pool.kernel().w();
            return new Count(0, outputs * (window - 1), n + " * (" + pool.kernel().h() + "*" + pool.kernel().w()
                    + "-1) comparisons = " + outputs * (window - 1));
        }
        if (layer instanceof AvgPool2d pool) {
            long window = (long) pool.kernel().h() * pool.kernel().w();
            return new Count(0, outputs * window, n + " * (" + pool.kernel().h() + "*" + pool.kernel().w()
                    + "-1 add + 1 div) = " + outputs * window);
        }
        if (layer instanceof Subsampling2d sub) {
            long window = (long) sub.kernel().h() * sub.kernel().w();
            long per = window + (bias ? 1 : 0);
            return new Count(0, outputs * per, n + " * (" + sub.kernel().h() + "*" + sub.kernel().w()
                    + "-1 add + 1 mul" + (bias ? " + 1 bias add" : "") + ") = " + outputs * per);
        }
        if (layer instanceof AdaptiveAvgPool2d pool) {
            long perMap = windowSum(in.dims().get(1), pool.outH()) * windowSum(in.dims().get(2), pool.outW());
            long value = out.dims().get(0) * perMap;
            return new Count(0, value, out.dims().get(0) + " * " + perMap + " (sum over the " + pool.outH() + "x"
                    + pool.outW() + " windows of n-1 add + 1 div) = " + value);
        }
        if (layer instanceof BatchNorm2d) {
            long per = bias ? 2 : 1;
            return new Count(0, outputs * per, n + (bias ? " * (1 mul + 1 add) = " : " * 1 mul = ") + outputs * per);
        }
        if (layer instanceof Relu) {
            return new Count(0, outputs, n + " * 1 comparison = " + outputs);
        }
        return Count.ZERO;
    }

    /** conv2d and linear: {@code outputs} values with fan-in {@code k} each. */
    private static Count weighted(Convention c, String n, long outputs, String k, long fanIn, boolean bias) {
        long macs = outputs * fanIn;
        long b = bias ? outputs : 0;
        String nk = n + " * " + k;
        return switch (c) {
            case macs -> new Count(macs, macs, nk + " = " + macs);
            case macs_with_bias -> new Count(macs, macs + b,
                    (bias ? n + " * (" + k + " + 1 bias)" : nk) + " = " + (macs + b));
            case flops -> new Count(macs, 2 * macs, "2 * " + nk + " = " + 2 * macs);
            case flops_with_bias -> new Count(macs, 2 * macs + b,
                    (bias ? n + " * (2*" + k + " + 1 bias)" : "2 * " + nk) + " = " + (2 * macs + b));
            case mul_add, mul_add_no_bias -> {
                boolean withBias = bias && c == Convention.mul_add;
                long value = outputs * (2 * fanIn - 1) + (withBias ? outputs : 0);
                yield new Count(macs, value, n + " * (" + k + " mul + " + k + "-1 add"
                        + (withBias ? " + 1 bias add" : "") + ") = " + value);
            }
        };
    }

    /** A conv whose output maps see different numbers of input maps: sum the fan-ins. */
    private static Count tableConv(Convention c, TableConv2d t, ActivationShape out, String n, long outputs) {
        long plane = (long) out.dims().get(1) * out.dims().get(2);
        long macs = plane * t.kernel().h() * t.kernel().w() * t.connections();
        String m = out.dims().get(1) + "*" + out.dims().get(2) + " * " + t.kernel().h() + "*" + t.kernel().w()
                + " * " + t.connections() + " connections";
        long b = t.bias() ? outputs : 0;
        return switch (c) {
            case macs -> new Count(macs, macs, m + " = " + macs);
            case macs_with_bias -> new Count(macs, macs + b, m + (t.bias() ? " + " + n + " bias" : "") + " = "
                    + (macs + b));
            case flops -> new Count(macs, 2 * macs, "2 * " + m + " = " + 2 * macs);
            case flops_with_bias -> new Count(macs, 2 * macs + b, "2 * " + m + (t.bias() ? " + " + n + " bias" : "")
                    + " = " + (2 * macs + b));
            case mul_add, mul_add_no_bias -> {
                boolean withBias = t.bias() && c == Convention.mul_add;
                long value = 2 * macs - outputs + (withBias ? outputs : 0);
                yield new Count(macs, value, m + " mul + (" + macs + " - " + n + ") add"
                        + (withBias ? " + " + n + " bias add" : "") + " = " + value);
            }
        };
    }

    /** Sum of PyTorch's adaptive window sizes along one axis: window i is [floor(i*in/out), ceil((i+1)*in/out)). */
    static long windowSum(int in, int out) {
        long sum = 0;
        for (long i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = -Math.floorDiv(-(i + 1) * in, out);
            sum += end - start;
        }
        return sum;
    }

    /** {@code 64*55*55} for an image, {@code 4096} for flat features. */
    private static String product(ActivationShape shape) {
        return shape.dims().stream().map(String::valueOf).reduce((a, b) -> a + "*" + b).orElseThrow();
    }
}
