package io.tensorgrade.grader.check.network;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Inline networks and the questions' own keys: every problem at once, with file:line and field. */
class NetworkReaderTest {

    @TempDir
    Path dir;

    private Parts parts;

    @BeforeEach
    void setUp() {
        parts = new Parts(dir);
    }

    @Test
    void badLayersAreReportedAtTheirLines() {
        List<String> errors = parts.errors("""
                check: output_shape
                input: [30, 14, 14]
                network:
                  - conv2d: {in: 30, kernel: 4, stride: 2}
                  - relu
                  - maxpool2d: {kernel: 3}
                  - max_pool2d: {kernal: 3}
                  - relu: {inplace: true}
                  - [1, 2]
                """);
        assertEquals(List.of(
                "rubric.yaml:8: part q: network[0].conv2d.out: missing required field 'out'",
                "rubric.yaml:10: part q: network[2]: unknown layer 'maxpool2d' (did you mean 'max_pool2d'?); known:"
                        + " conv2d, table_conv2d, max_pool2d, avg_pool2d, adaptive_avg_pool2d, subsampling2d, linear,"
                        + " batch_norm2d, dropout, relu, sigmoid, tanh, flatten",
                "rubric.yaml:11: part q: network[3].max_pool2d.kernal: unknown key 'kernal' (did you mean 'kernel'?);"
                        + " allowed: kernel, stride, padding, dilation, ceil_mode",
                "rubric.yaml:11: part q: network[3].max_pool2d.kernel: missing required field 'kernel'",
                "rubric.yaml:12: part q: network[4].relu: layer 'relu' takes no arguments; write it as - relu",
                "rubric.yaml:13: part q: network[5]: expected a layer: a name such as relu, or a mapping with one key"
                        + " such as {conv2d: {in: 3, out: 16, kernel: 3}}; found a list of 2 items"), errors);
    }

    @Test
    void aBareNameOfALayerWithArgumentsReportsEachMissingOne() {
        assertEquals(List.of("rubric.yaml:7: part q: network[0].linear.in: missing required field 'in'",
                        "rubric.yaml:7: part q: network[0].linear.out: missing required field 'out'"),
                parts.errors("check: params\nnetwork:\n  - linear\n"));
    }

    @Test
    void aLayerThatDoesNotFitIsReportedAtItsLine() {
        assertEquals(List.of("rubric.yaml:9: part q: network[1]: layer 2 (conv2d 3->8 k=3) does not fit its input"
                        + " 12x7x7: expects in_channels=3, got input 12x7x7 with 12 channels"),
                parts.errors("""
                        check: output_shape
                        input: [30, 14, 14]
                        network:
                          - conv2d: {in: 30, out: 12, kernel: 4, stride: 2, padding: 1}
                          - conv2d: {in: 3, out: 8, kernel: 3}
                        """));
        assertEquals(List.of("rubric.yaml:9: part q: network[1]: layer 2 (linear 588->10) does not fit its input"
                        + " 12x7x7: got a 12x7x7 input; linear needs flat features, add a flatten layer"),
                parts.errors("""
                        check: macs
                        input: [30, 14, 14]
                        network:
                          - conv2d: {in: 30, out: 12, kernel: 4, stride: 2, padding: 1}
                          - linear: {in: 588, out: 10}
                        """));
    }

    @Test
    void layerSpecProblemsNameTheLayer() {
        assertEquals(List.of("rubric.yaml:7: part q: network[0].conv2d: conv2d: groups=2 does not divide"
                        + " in_channels=3 and out_channels=4"),
                parts.errors("check: params\nnetwork:\n  - conv2d: {in: 3, out: 4, kernel: 3, groups: 2}\n"));
        assertEquals(List.of("rubric.yaml:7: part q: network[0].table_conv2d: table_conv2d: row 1 names input map 6,"
                        + " outside 0..5"),
                parts.errors("check: params\nnetwork:\n  - table_conv2d: {in: 6, kernel: 5, table: [[0], [6]]}\n"));
    }

    @Test
    void layerIndexOutOfRange() {
        assertEquals(List.of("rubric.yaml:6: part q: layer: layer 4 is outside 1..3 (the network has 3 layers)"),
                parts.errors("check: output_shape\nlayer: 4\n" + ShapeKindsTest.SEED_000_NETWORK));
        assertEquals(List.of("rubric.yaml:6: part q: layer: expected an integer >= 1, found 0"),
                parts.errors("check: output_shape\nlayer: 0\n" + ShapeKindsTest.SEED_000_NETWORK));
    }

    @Test
    void zooNamesAndInputs() {
        assertEquals(List.of("rubric.yaml:6: part q: network: unknown zoo network 'alexnt' (did you mean"
                        + " 'alexnet'?); known: zoo:alexnet, zoo:lenet5, zoo:lenet5-partial-c3, zoo:lenet5-lecun1998,"
                        + " zoo:cs5242-cnn, zoo:cs231n-three-layer"),
                parts.errors("check: params\nnetwork: zoo:alexnt\n"));
        assertEquals(List.of("rubric.yaml:6: part q: network: expected zoo:NAME or a list of layers, found the text"
                        + " 'alexnet' (did you mean 'zoo:alexnet'?)"),
                parts.errors("check: params\nnetwork: alexnet\n"));
        assertEquals(List.of("rubric.yaml:7: part q: input: cs231n-three-layer: layer 5 (linear 8192->100) does not"
                        + " fit its input 32768: got 32768 input features"),
                parts.errors("check: macs\nnetwork: zoo:cs231n-three-layer\ninput: [3, 64, 64]\n"));
    }

    @Test
    void missingKeys() {
        assertEquals(List.of("rubric.yaml:3: part q: input: missing required field 'input': the shape of one sample,"
                        + " e.g. [3, 32, 32]"),
                parts.errors("check: macs\nnetwork:\n  - relu\n"));
        assertEquals(List.of("rubric.yaml:3: part q: network: missing required field 'network'; give zoo:NAME (known:"
                        + " zoo:alexnet, zoo:lenet5, zoo:lenet5-partial-c3, zoo:lenet5-lecun1998, zoo:cs5242-cnn,"
                        + " zoo:cs231n-three-layer) or a list of layers"),
                parts.errors("check: params\n"));
        assertEquals(List.of("rubric.yaml:6: part q: input: expected [C, H, W] or [N] with sizes >= 1, found [3, 32]"),
                parts.errors("check: output_shape\ninput: [3, 32]\nnetwork: [relu]\n"));
    }

    @Test
    void givenProblemsOfTheOneLayerKinds() {
        assertEquals(List.of("rubric.yaml:6: part q: given.kernel: missing required field 'kernel'"),
                parts.errors("check: conv_output_shape\ngiven: {input: [3, 8, 8], out_channels: 4}\n"));
        assertEquals(List.of("rubric.yaml:6: part q: given: conv2d (height): kernel_size=7 is larger than the padded"
                        + " input 4 + 2*0 = 4"),
                parts.errors("check: conv_output_shape\ngiven: {input: [3, 4, 4], out_channels: 2, kernel: 7}\n"));
        assertEquals(List.of("rubric.yaml:6: part q: given.dilation: average pooling has no dilation (PyTorch's"
                        + " avg_pool2d takes none)"),
                parts.errors("check: pool_output_shape\ngiven: {input: [3, 8, 8], type: avg, kernel: 2, dilation: 2}\n"));
        assertEquals(List.of("rubric.yaml:3: part q: given: missing required field 'given' (keys: input, out_channels,"
                        + " kernel, stride, padding, dilation, groups)"),
                parts.errors("check: conv_output_shape\n"));
    }
}
