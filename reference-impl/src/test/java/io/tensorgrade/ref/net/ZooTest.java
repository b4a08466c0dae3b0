package io.tensorgrade.ref.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.testing.CsvFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZooTest {

    /** PyTorch module class (gen_zoo_layers.py) for each of our layer kinds. */
    private static final Map<String, String> MODULE_OF_KIND = Map.ofEntries(
            Map.entry("conv2d", "Conv2d"), Map.entry("table_conv2d", "TableConv"),
            Map.entry("max_pool2d", "MaxPool2d"), Map.entry("avg_pool2d", "AvgPool2d"),
            Map.entry("subsampling2d", "Subsampling"), Map.entry("adaptive_avg_pool2d", "AdaptiveAvgPool2d"),
            Map.entry("flatten", "Flatten"), Map.entry("linear", "Linear"), Map.entry("relu", "ReLU"),
            Map.entry("tanh", "Tanh"), Map.entry("dropout", "Dropout"));

    /** One argument set per (network, input) of zoo_layers.csv: the rows PyTorch measured, layer by layer. */
    static Stream<Arguments> pytorchLayers() {
        Map<String, List<String[]>> byNet = new LinkedHashMap<>();
        for (String[] row : CsvFixture.rows(ZooTest.class, "zoo_layers.csv")) {
            byNet.computeIfAbsent(row[0] + " " + row[1], k -> new java.util.ArrayList<>()).add(row);
        }
        return byNet.values().stream().map(rows -> Arguments.of(rows.get(0)[0], rows.get(0)[1], rows));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("pytorchLayers")
    void layersMatchPyTorchShapesAndParameters(String name, String input, List<String[]> rows) {
        NetworkSpec net = Zoo.get(name);
        List<ActivationShape> shapes = net.outputShapes(ActivationShape.parse(input));
        assertEquals(rows.size(), net.layers().size(), "layer count");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            LayerSpec layer = net.layers().get(i);
            String where = name + " " + net.label(i + 1);
            assertEquals(row[3], MODULE_OF_KIND.get(layer.kind()), where + ": module");
            assertEquals(row[4], shapes.get(i).toString(), where + ": output shape");
            assertEquals(Long.parseLong(row[5]), layer.params(), where + ": params");
        }
    }

    @Test
    void alexnetHasTorchvisionParameterCount() {
        assertEquals(61_100_840L, Zoo.get("alexnet").params());
        assertEquals(ActivationShape.flat(1000), Zoo.get("alexnet").outputShape(Zoo.input("alexnet")));
    }

    @Test
    void lenet5HasSeedParameterCounts() {
        // Seed 003 (PyTorch, average pooling without parameters): 61706 with full C3, 60806 with the table.
        assertEquals(61_706L, Zoo.get("lenet5").params());
        assertEquals(60_806L, Zoo.get("lenet5-partial-c3").params());
        assertEquals(1_516L, Zoo.get("lenet5-partial-c3").layers().get(4).params());
        assertEquals(2_416L, Zoo.get("lenet5").layers().get(4).params());
    }

    @Test
    void lenet5AsInLeCun1998HasSixtyThousandTrainableParametersBeforeTheOutputLayer() {
        // LeCun et al. 1998: "60,000 trainable parameters" = C1 156 + S2 12 + C3 1516 + S4 32 + C5 48120 + F6 10164;
        // the RBF output layer's weights are fixed there, here it is a linear layer with 850.
        NetworkSpec net = Zoo.get("lenet5-lecun1998");
        long withoutOutput = net.layers().subList(0, net.layers().size() - 1).stream()
                .mapToLong(LayerSpec::params).sum();
        assertEquals(60_000L, withoutOutput);
        assertEquals(60_850L, net.params());
        assertEquals(12L, net.layers().get(2).params());
        assertEquals(32L, net.layers().get(6).params());
    }

    @Test
    void cs5242AndCs231nParameterCountsMatchPyTorch() {
        assertEquals(294_810L, Zoo.get("cs5242-cnn").params());
        assertEquals(825_046L, Zoo.get("cs231n-three-layer").params());
    }

    @Test
    void c3TableHasSixMapsOfThreeNineOfFourOneOfSix() {
        Map<Integer, Long> sizes = Zoo.LENET5_C3_TABLE.stream()
                .collect(java.util.stream.Collectors.groupingBy(List::size, java.util.stream.Collectors.counting()));
        assertEquals(Map.of(3, 6L, 4, 9L, 6, 1L), sizes);
    }

    @Test
    void linearWithWrongFeatureCountFailsAtThatLayer() {
        RefException e = assertThrows(RefException.class,
                () -> Zoo.get("cs231n-three-layer").outputShapes(ActivationShape.chw(3, 64, 64)));
        assertEquals("cs231n-three-layer: layer 5 (linear 8192->100): got 32768 input features", e.getMessage());
    }

    @Test
    void alexnetOnCifarSizedInputFailsAtTheThirdMaxPool() {
        // PyTorch: layer 13 MaxPool2d "Calculated output size: (256x0x0). Output size is too small".
        RefException e = assertThrows(RefException.class,
                () -> Zoo.get("alexnet").outputShapes(ActivationShape.chw(3, 32, 32)));
        assertEquals("alexnet: layer 13 (max_pool2d k=3 s=2): max_pool2d (height): output size "
                + "floor((1 + 2*0 - 3) / 2) + 1 = 0 is less than 1; kernel_size=3 does not fit the padded input "
                + "1 + 2*0 = 1", e.getMessage());
    }

    @Test
    void convWithWrongChannelCountNamesExpectedAndActual() {
        RefException e = assertThrows(RefException.class,
                () -> Zoo.get("lenet5").outputShapes(ActivationShape.chw(3, 32, 32)));
        assertEquals("lenet5: layer 1 (conv2d 1->6 k=5): expects in_channels=1, got input 3x32x32 with 3 channels",
                e.getMessage());
    }

    @Test
    void unknownNameListsKnownNetworks() {
        RefException e = assertThrows(RefException.class, () -> Zoo.get("vgg16"));
        assertEquals("unknown zoo network 'vgg16'; known: alexnet, lenet5, lenet5-partial-c3, lenet5-lecun1998, "
                + "cs5242-cnn, cs231n-three-layer", e.getMessage());
    }

    @Test
    void namesAreMatchedCaseInsensitivelyWithUnderscores() {
        assertEquals("cs5242-cnn", Zoo.get("CS5242_CNN").name());
    }
}
