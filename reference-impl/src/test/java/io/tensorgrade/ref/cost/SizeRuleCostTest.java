package io.tensorgrade.ref.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes and costs with a size rule other than PyTorch's, carried through a network. */
class SizeRuleCostTest {
    private static final ActivationShape ALEXNET_INPUT = ActivationShape.chw(3, 224, 224);

    /** Seed 002's rule, {@code floor((I + 2P) / S)} for convolutions and pools alike. */
    private static final SizeRule SIZE_OVER_STRIDE = new SizeRule() {
        @Override
        public DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation) {
            return size(input, kernel, stride, padding, dilation, false);
        }

        @Override
        public DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation,
                            boolean ceilMode) {
            return size(input, kernel, stride, padding, dilation, ceilMode);
        }

        private DimSize size(int input, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
            int out = (input + 2 * padding) / stride;
            return new DimSize(input, kernel, stride, padding, dilation, ceilMode, out,
                    "floor((" + input + " + 2*" + padding + ") / " + stride + ") = " + out);
        }
    };

    @Test
    void thePytorchRuleIsTheDefault() {
        NetworkSpec alexnet = Zoo.get("alexnet");
        assertEquals(alexnet.outputShapes(ALEXNET_INPUT), alexnet.outputShapes(ALEXNET_INPUT, OutputSize.PYTORCH));
    }

    @Test
    void seed002SizesComeFromSizeOverStrideCarriedForward() {
        // docs/seeds/analysis.md, 002-Discussion: conv sizes 57, 32, 18, 20, 22 and pools that halve (28, 16, 11).
        List<ActivationShape> shapes = Zoo.get("alexnet").outputShapes(ALEXNET_INPUT, SIZE_OVER_STRIDE);
        assertEquals(ActivationShape.chw(64, 57, 57), shapes.get(0));
        assertEquals(ActivationShape.chw(64, 28, 28), shapes.get(2));
        assertEquals(ActivationShape.chw(192, 32, 32), shapes.get(3));
        assertEquals(ActivationShape.chw(192, 16, 16), shapes.get(5));
        assertEquals(ActivationShape.chw(384, 18, 18), shapes.get(6));
        assertEquals(ActivationShape.chw(256, 20, 20), shapes.get(8));
        assertEquals(ActivationShape.chw(256, 22, 22), shapes.get(10));
        assertEquals(ActivationShape.chw(256, 11, 11), shapes.get(12));
        // The adaptive pool brings it back to 6x6, so the classifier is unaffected.
        assertEquals(ActivationShape.chw(256, 6, 6), shapes.get(13));
    }

    @Test
    void seed002FlopsAnswerIsMacsUnderSizeOverStride() {
        NetworkCost cost = NetworkCost.of(Zoo.get("alexnet"), ALEXNET_INPUT, Convention.macs, SIZE_OVER_STRIDE);
        // The student's per-layer conv "FLOPs": weights * out^2, e.g. 23,232 * 57^2.
        assertEquals(75_480_768L, cost.layers().get(0).flops());
        assertEquals(314_572_800L, cost.layers().get(3).flops());
        assertEquals(214_990_848L, cost.layers().get(6).flops());
        assertEquals(353_894_400L, cost.layers().get(8).flops());
        assertEquals(285_474_816L, cost.layers().get(10).flops());
        assertEquals(1_303_035_584L, cost.flops());
        // Parameters do not depend on shapes.
        assertEquals(61_100_840L, cost.params());
    }

    @Test
    void aRuleThatCannotSizeALayerIsReportedWithTheLayer() {
        SizeRule refusing = new SizeRule() {
            @Override
            public DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation) {
                throw new RefException(op + ": refused");
            }

            @Override
            public DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation,
                                boolean ceilMode) {
                return OutputSize.PYTORCH.pool(op, input, kernel, stride, padding, dilation, ceilMode);
            }
        };
        RefException e = assertThrows(RefException.class,
                () -> Zoo.get("alexnet").outputShapes(ALEXNET_INPUT, refusing));
        assertEquals("alexnet: layer 1 (conv2d 3->64 k=11 s=4 p=2): conv2d (height): refused", e.getMessage());
    }
}
