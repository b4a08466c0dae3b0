package io.tensorgrade.grader.refrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mistake-variant params of the reference ops; expected values from PyTorch 1.13 (see comments). */
class MistakeVariantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Tensor> run(String op, String params, Map<String, Tensor> inputs) throws Exception {
        return OpCaseRunner.run(OpCase.of(op, JSON.readTree(params), inputs));
    }

    /** Shape first, then |a - b| <= atol + rtol * |b|; the message names the first differing element. */
    private static void assertClose(Tensor expected, Tensor actual, double atol, double rtol) {
        assertEquals(expected.shapeString(), actual.shapeString());
        Comparison c = Comparison.of(expected, actual, atol, rtol);
        assertTrue(c.matches(), c::message);
    }

    // torch.arange(18.).reshape(1,2,3,3): -(x % 5) - 1 + 0.25 * arange(18)
    private static final Tensor X = Tensor.of(new double[] {-1.0, -1.75, -2.5, -3.25, -4.0, 0.25, -0.5, -1.25, -2.0,
        -2.75, 1.5, 0.75, 0.0, -0.75, -1.5, 2.75, 2.0, 1.25}, 1, 2, 3, 3);

    @Test
    void maxPoolPadWithZerosPoolsOverZerosNotMinusInfinity() throws Exception {
        String p = "{\"kernel_size\": 2, \"stride\": 2, \"padding\": 1";
        // F.max_pool2d(F.pad(x, (1, 1, 1, 1)), 2, 2)
        assertClose(Tensor.of(new double[] {0.0, 0.0, 0.0, 0.25, 0.0, 1.5, 2.75, 2.0}, 1, 2, 2, 2),
                run("max_pool2d", p + ", \"pad_with_zeros\": true}", Map.of("x", X)).get("out"), 0, 0);
        // F.max_pool2d(x, 2, 2, 1)
        assertClose(Tensor.of(new double[] {-1.0, -1.75, -0.5, 0.25, -2.75, 1.5, 2.75, 2.0}, 1, 2, 2, 2),
                run("max_pool2d", p + "}", Map.of("x", X)).get("out"), 0, 0);
    }

    @Test
    void maxPoolPadWithZerosBackwardRoutesGradientsOnlyToRealElements() throws Exception {
        Tensor g = Tensor.full(1, 1, 2, 2, 2);
        Tensor gradX = run("max_pool2d", "{\"kernel_size\": 2, \"stride\": 2, \"padding\": 1, \"pad_with_zeros\": true}",
                Map.of("x", X, "grad_out", g)).get("grad_x");
        assertEquals("[1, 2, 3, 3]", gradX.shapeString());
        double sum = 0;
        for (double v : gradX.rawData()) {
            sum += v;
        }
        // Channel 0 has three windows won by a padding zero, channel 1 one: 8 - 4 gradients reach x.
        assertEquals(4, sum, 0);
    }

    @Test
    void batchNormUnbiasedVarianceNormalisesWithNMinusOne() throws Exception {
        Tensor x = Tensor.of(new double[] {1.0, 2.0, 4.0, -1.0, 0.5, 0.5, 3.0, -2.0, 0.0, 1.0, 2.0, 2.0, 1.0, -1.0,
            0.0, 0.25}, 2, 2, 2, 2);
        Map<String, Tensor> in = Map.of("x", x, "gamma", Tensor.of(new double[] {1.5, -0.5}, 2),
                "beta", Tensor.of(new double[] {0.1, 0.2}, 2));
        // (x - x.mean((0,2,3))) / sqrt(x.var((0,2,3), unbiased=True) + 1e-5) * gamma + beta
        Tensor expected = Tensor.of(new double[] {-0.2735198807853678, 0.7225331346422796, 2.714639165497575,
            -2.2656259116406625, 0.12510708938350823, 0.12510708938350823, -0.7308118890906836, 0.9810260678577001,
            -1.269572896213015, -0.2735198807853678, 0.7225331346422796, 0.7225331346422796, -0.04607670631133012,
            0.6386584764680233, 0.29629088507834656, 0.21069898723092742}, 2, 2, 2, 2);
        assertClose(expected, run("batch_norm2d", "{\"training\": true, \"unbiased_variance\": true}", in)
                .get("out"), 1e-12, 1e-12);
    }

    @Test
    void unbiasedVarianceNeedsTrainingMode() {
        String msg = assertThrows(GraderException.class, () -> run("batch_norm2d", "{\"unbiased_variance\": true}",
                Map.of("x", X))).getMessage();
        assertTrue(msg.contains("unbiased_variance=true needs training=true"), msg);
    }
}
