package io.tensorgrade.ref.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.testing.CsvFixture;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkCostTest {
    private static final ActivationShape SEED_000_INPUT = ActivationShape.chw(30, 14, 14);

    /** Seed 000 Q1: 12 4x4 filters, padding 1, stride 2, no bias; then 3x3 max pool, stride 2. */
    private static NetworkSpec seed000(boolean withRelu) {
        Conv2d conv = new Conv2d(30, 12, Pair.of(4), Pair.of(2), Pair.of(1), Pair.of(1), 1, false);
        List<LayerSpec> layers = withRelu ? List.of(conv, new Relu(), MaxPool2d.of(3, 2))
                : List.of(conv, MaxPool2d.of(3, 2));
        return new NetworkSpec("seed000-q1", layers);
    }

    /**
     * Named mistake "additions not summed across input channels" (seed 000's answer 547704): each output
     * value gets k*k-1 additions per input channel, 7^2*(4^2-1)*12*30, but the C_in partial sums are never
     * added together, so every conv output value is short of C_in/groups - 1 additions.
     */
    static long mulAddWithoutCrossChannelAdditions(NetworkSpec net, ActivationShape input) {
        NetworkCost exact = NetworkCost.of(net, input, Convention.mul_add);
        long missing = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            if (net.layers().get(i) instanceof Conv2d conv) {
                missing += exact.layers().get(i).output().numel() * (conv.in() / conv.groups() - 1);
            }
        }
        return exact.flops() - missing;
    }

    @Test
    void seed000MulAddCountsConvAndPoolExactly() {
        NetworkCost cost = NetworkCost.of(seed000(false), SEED_000_INPUT, Convention.mul_add);
        // 7*7*12 outputs, each 30*16 multiplications and 30*16-1 additions; 3*3*12 pool outputs, 3*3-1 comparisons.
        assertEquals(7 * 7 * 12 * (30 * 16 + 30 * 16 - 1) + 3 * 3 * 12 * 8, cost.flops());
        assertEquals(564_756L, cost.flops());
        assertEquals("12*7*7 * (30*4*4 mul + 30*4*4-1 add) = 563892", cost.layers().get(0).formula());
        assertEquals("12*3*3 * (3*3-1) comparisons = 864", cost.layers().get(1).formula());
    }

    @Test
    void seed000ReluCountsOneComparisonPerValueOutsideLayersCAndP() {
        NetworkCost cost = NetworkCost.of(seed000(true), SEED_000_INPUT, Convention.mul_add);
        assertEquals(564_756L, cost.layers().get(0).flops() + cost.layers().get(2).flops());
        assertEquals(588L, cost.layers().get(1).flops());
        assertEquals(565_344L, cost.flops());
    }

    @Test
    void seed000AnswerIsTheAdditionsNotSummedAcrossChannelsMistake() {
        long mistake = mulAddWithoutCrossChannelAdditions(seed000(false), SEED_000_INPUT);
        // The seed's own lines: C_mul 7^2*30*4^2*12 + C_add 7^2*(4^2-1)*12*30 + P_max 3^2*12*(3^2-1).
        assertEquals(7 * 7 * 30 * 16 * 12 + 7 * 7 * 15 * 12 * 30 + 9 * 12 * 8, mistake);
        assertEquals(547_704L, mistake);
        assertEquals(7 * 7 * 12 * 29, NetworkCost.of(seed000(false), SEED_000_INPUT, Convention.mul_add).flops()
                - mistake);
    }

    @Test
    void alexnetMatchesKnownParameterAndMacCounts() {
        NetworkCost cost = NetworkCost.of(Zoo.get("alexnet"), ActivationShape.chw(3, 224, 224), Convention.macs);
        assertEquals(61_100_840L, cost.params());
        assertEquals(714_188_480L, cost.macs());
        assertEquals(714_188_480L, cost.flops());
        assertEquals(ActivationShape.flat(1000), cost.output());
        LayerCost conv1 = cost.layers().get(0);
        assertEquals("64*55*55 * 3*11*11 = 70276800", conv1.formula());
        assertEquals("64*3*11*11 + 64", conv1.paramsFormula());
        assertEquals(23_296L, conv1.params());
    }

    @Test
    void flopsAreTwiceMacs() {
        NetworkCost cost = NetworkCost.of(Zoo.get("alexnet"), ActivationShape.chw(3, 224, 224), Convention.flops);
        assertEquals(1_428_376_960L, cost.flops());
        assertEquals(714_188_480L, cost.macs());
    }

    /** convention_totals.csv: totals from gen_costs.py (PyTorch module shapes, rules applied in Python). */
    static Stream<Arguments> conventionTotals() {
        return CsvFixture.rows(NetworkCostTest.class, "convention_totals.csv").stream()
                .map(r -> Arguments.of(r[0], r[1], r[2], Long.parseLong(r[3]), Long.parseLong(r[4])));
    }

    @ParameterizedTest(name = "{0} at {1} under {2}: {4}")
    @MethodSource("conventionTotals")
    void totalsMatchPythonCount(String net, String input, String convention, long params, long total) {
        NetworkCost cost = NetworkCost.of(Zoo.get(net), ActivationShape.parse(input), Convention.of(convention));
        assertEquals(params, cost.params(), "params");
        assertEquals(total, cost.flops(), "total under " + convention);
    }

    /** zoo_layers.csv: per-layer MACs measured by torch.profiler (FLOPs / 2) for conv and linear layers. */
    static Stream<Arguments> profilerMacs() {
        return CsvFixture.rows(NetworkCostTest.class, "/io/tensorgrade/ref/net/zoo_layers.csv").stream()
                .map(r -> Arguments.of(r[0], r[1], Integer.parseInt(r[2]), Long.parseLong(r[6])));
    }

    @ParameterizedTest(name = "{0} at {1} layer {2}: {3} MACs")
    @MethodSource("profilerMacs")
    void layerMacsMatchTorchProfiler(String net, String input, int layer, long macs) {
        NetworkCost cost = NetworkCost.of(Zoo.get(net), ActivationShape.parse(input), Convention.mul_add);
        assertEquals(macs, cost.layers().get(layer - 1).macs());
    }

    /** adaptive_windows.csv: sum of adaptive_avg_pool2d window sizes, from PyTorch's Jacobian. */
    static Stream<Arguments> adaptiveWindows() {
        return CsvFixture.rows(NetworkCostTest.class, "adaptive_windows.csv").stream()
                .map(r -> Arguments.of(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Long.parseLong(r[2])));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("adaptiveWindows")
    void adaptiveWindowSizesMatchPyTorch(int in, int out, long sum) {
        assertEquals(sum, LayerCounter.windowSum(in, out));
    }

    @Test
    void partialC3CountsOnlyConnectedMaps() {
        NetworkCost cost = NetworkCost.of(Zoo.get("lenet5-partial-c3"), ActivationShape.chw(1, 32, 32),
                Convention.macs);
        LayerCost c3 = cost.layers().get(4);
        assertEquals("10*10 * 5*5 * 60 connections = 150000", c3.formula());
        assertEquals(1_516L, c3.params());
    }

    @Test
    void biasVariantsAddOnePerOutputValue() {
        NetworkSpec net = new NetworkSpec("one-linear", List.of(new LayerSpec.Linear(3, 2, true)));
        ActivationShape in = ActivationShape.flat(3);
        assertEquals(6L, NetworkCost.of(net, in, Convention.macs).flops());
        assertEquals(8L, NetworkCost.of(net, in, Convention.macs_with_bias).flops());
        assertEquals(12L, NetworkCost.of(net, in, Convention.flops).flops());
        assertEquals(14L, NetworkCost.of(net, in, Convention.flops_with_bias).flops());
        // per output: 3 mul + 2 add + 1 bias add
        assertEquals(12L, NetworkCost.of(net, in, Convention.mul_add).flops());
        assertEquals(10L, NetworkCost.of(net, in, Convention.mul_add_no_bias).flops());
        assertEquals("2 * (3 mul + 3-1 add + 1 bias add) = 12",
                NetworkCost.of(net, in, Convention.mul_add).layers().get(0).formula());
    }

    @Test
    void conventionNamesAreLowerCaseAndForgiving() {
        assertEquals(Convention.mul_add, Convention.of("MUL-ADD"));
        assertEquals("mul_add", Convention.mul_add.name());
        RefException e = assertThrows(RefException.class, () -> Convention.of("maccs"));
        assertEquals("unknown convention 'maccs'; known: macs, macs_with_bias, flops, flops_with_bias, mul_add, "
                + "mul_add_no_bias", e.getMessage());
    }

    @Test
    void costOfNetworkThatDoesNotFitNamesTheLayer() {
        RefException e = assertThrows(RefException.class,
                () -> NetworkCost.of(Zoo.get("cs231n-three-layer"), ActivationShape.chw(3, 64, 64), Convention.macs));
        assertEquals("cs231n-three-layer: layer 5 (linear 8192->100): got 32768 input features", e.getMessage());
    }
}
