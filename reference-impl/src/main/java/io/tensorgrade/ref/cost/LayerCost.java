package io.tensorgrade.ref.cost;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;

/**
 * The cost of one layer.
 *
 * @param number        1-based position in the network
 * @param layer         the layer as text, e.g. {@code conv2d 3->64 k=11 s=4 p=2}
 * @param kind          the layer kind, e.g. {@code conv2d}
 * @param output        the layer's output shape for one sample
 * @param params        trainable parameters
 * @param paramsFormula how {@code params} is computed
 * @param macs          multiply-accumulates of conv/linear (0 for other layers), whatever the convention
 * @param flops         operations counted under the network cost's convention
 * @param formula       how {@code flops} is computed, e.g. {@code 64*55*55 * 3*11*11 = 70276800}
 */
public record LayerCost(int number, String layer, String kind, ActivationShape output, long params,
                        String paramsFormula, long macs, long flops, String formula) {

    public LayerCost {
        if (number < 1) {
            throw new RefException("layer cost: number=" + number + " must be at least 1");
        }
        if (params < 0 || macs < 0 || flops < 0) {
            throw new RefException("layer cost of " + layer + ": counts must not be negative, got params=" + params
                    + " macs=" + macs + " flops=" + flops);
        }
    }
}
