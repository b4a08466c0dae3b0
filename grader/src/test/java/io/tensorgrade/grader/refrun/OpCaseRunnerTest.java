package io.tensorgrade.grader.refrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Params, inputs and their error messages; the numbers themselves are ConformanceTest's business. */
class OpCaseRunnerTest {
    @TempDir
    Path tmp;

    /** A conv2d case with x [1, 1, 3, 3], weight [1, 1, 2, 2] and the given params JSON. */
    private Path conv(String name, String params) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"conv2d\", \"params\": " + params + "}");
        Npy.write(dir.resolve("inputs/x.npy"), Tensor.full(1, 1, 1, 3, 3));
        Npy.write(dir.resolve("inputs/weight.npy"), Tensor.full(1, 1, 1, 2, 2));
        return dir;
    }

    private static String message(Path dir) {
        return assertThrows(GraderException.class, () -> OpCaseRunner.run(dir)).getMessage();
    }

    @Test
    void convWithoutBiasOrGradOutGivesOnlyOut() throws IOException {
        Map<String, Tensor> out = OpCaseRunner.run(conv("c", "{}"));
        assertEquals(List.of("out"), List.copyOf(out.keySet()));
        // All-ones 3x3 input and 2x2 kernel: every window sums four ones.
        assertEquals(Tensor.full(4, 1, 1, 2, 2), out.get("out"));
    }

    @Test
    void gradOutAddsGradients() throws IOException {
        Path dir = conv("c", "{\"padding\": [0, 1]}");
        Npy.write(dir.resolve("inputs/grad_out.npy"), Tensor.full(1, 1, 1, 2, 4));
        Npy.write(dir.resolve("inputs/bias.npy"), Tensor.zeros(1));
        assertEquals(List.of("out", "grad_x", "grad_weight", "grad_bias"), List.copyOf(OpCaseRunner.run(dir).keySet()));
    }

    static Stream<Arguments> badParams() {
        return Stream.of(
                Arguments.of("{\"stride\": \"two\"}", "params.stride: expected an int or [h, w], got \"two\""),
                Arguments.of("{\"stride\": [1, 2, 3]}", "params.stride: expected an int or [h, w], got [1,2,3]"),
                Arguments.of("{\"padding\": 1.5}", "params.padding: expected an int or [h, w], got 1.5"),
                Arguments.of("{\"groups\": [1]}", "params.groups: expected an int, got [1]"),
                Arguments.of("{\"strides\": 2}",
                        "params.strides: unknown parameter for conv2d; known: stride, padding, dilation, groups"));
    }

    @ParameterizedTest
    @MethodSource("badParams")
    void badParamNamesFileAndField(String params, String problem) throws IOException {
        Path dir = conv("x", params);
        assertEquals(dir.resolve("case.json") + ": " + problem, message(dir));
    }

    @Test
    void invalidParamValueFromTheOpNamesTheCase() throws IOException {
        Path dir = conv("x", "{\"stride\": 0}");
        String msg = message(dir);
        assertTrue(msg.startsWith(dir + ": conv2d: stride"), msg);
    }

    @Test
    void missingInputNamesFileAndWhatTheOpNeeds() throws IOException {
        Path dir = conv("x", "{}");
        Files.delete(dir.resolve("inputs/weight.npy"));
        assertEquals(dir.resolve("inputs/weight.npy") + ": missing (conv2d needs x, weight)", message(dir));
    }

    @Test
    void unknownInputFileIsReported() throws IOException {
        Path dir = conv("x", "{}");
        Npy.write(dir.resolve("inputs/bais.npy"), Tensor.zeros(1));
        assertEquals(dir.resolve("inputs/bais.npy") + ": unknown input for conv2d; known: x, weight, bias, grad_out",
                message(dir));
    }

    @Test
    void unknownOpListsTheKnownOnes() throws IOException {
        Path dir = conv("x", "{}");
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"conv3d\"}");
        assertEquals(dir.resolve("case.json") + ": op: unknown op \"conv3d\"; known: conv2d, max_pool2d, avg_pool2d, "
                + "adaptive_avg_pool2d, batch_norm2d, linear, cross_entropy, mse_loss, relu, sigmoid, tanh, softmax, "
                + "log_softmax", message(dir));
    }

    @Test
    void invalidJsonGivesLineAndColumn() throws IOException {
        Path dir = conv("x", "{}");
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"relu\",\n \"params\": {,}}");
        String msg = message(dir);
        assertTrue(msg.startsWith(dir.resolve("case.json") + ": invalid JSON at line 2, column"), msg);
    }

    @Test
    void missingOpIsReported() throws IOException {
        Path dir = conv("x", "{}");
        Files.writeString(dir.resolve("case.json"), "{\"params\": {}}");
        assertEquals(dir.resolve("case.json") + ": op: expected the op name as a string, got nothing", message(dir));
    }

    @Test
    void missingCaseFolderIsReported() {
        Path dir = tmp.resolve("nope");
        assertEquals(dir + ": no such directory", message(dir));
    }

    @Test
    void folderOfCasesGetsAHint() throws IOException {
        conv("a", "{}");
        assertEquals(tmp.resolve("case.json") + ": no such file (this folder holds case folders; pass them, e.g. "
                + tmp + "/*)", message(tmp));
    }

    @Test
    void crossEntropyNeedsIntegerTargets() throws IOException {
        Path dir = tmp.resolve("ce");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"cross_entropy\", \"params\": {\"reduction\": \"sum\"}}");
        Npy.write(dir.resolve("inputs/logits.npy"), Tensor.zeros(2, 3));
        Npy.write(dir.resolve("inputs/target.npy"), Tensor.zeros(2));
        assertEquals(dir.resolve("inputs/target.npy") + ": cross_entropy needs int64 class indices, got dtype <f8",
                message(dir));
        Npy.writeInt64(dir.resolve("inputs/target.npy"), new long[] {0, 1}, 2, 1);
        assertEquals(dir.resolve("inputs/target.npy") + ": expected shape [2], got [2, 1]", message(dir));
        Npy.writeInt64(dir.resolve("inputs/target.npy"), new long[] {0, 2}, 2);
        Map<String, Tensor> out = OpCaseRunner.run(dir);
        // Uniform logits over 3 classes: each sample loses log 3.
        assertEquals(2 * Math.log(3), out.get("loss").item(), 1e-12);
        assertEquals(0, out.get("loss").rank());
    }

    @Test
    void badReductionIsReported() throws IOException {
        Path dir = tmp.resolve("mse");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"mse_loss\", \"params\": {\"reduction\": \"avg\"}}");
        Npy.write(dir.resolve("inputs/input.npy"), Tensor.zeros(2));
        Npy.write(dir.resolve("inputs/target.npy"), Tensor.zeros(2));
        assertEquals(dir.resolve("case.json") + ": params.reduction: expected one of \"mean\", \"sum\", \"none\", "
                + "got \"avg\"", message(dir));
    }

    @Test
    void softmaxNeedsDim() throws IOException {
        Path dir = tmp.resolve("sm");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"softmax\"}");
        Npy.write(dir.resolve("inputs/x.npy"), Tensor.zeros(2));
        assertEquals(dir.resolve("case.json") + ": params.dim: missing (softmax needs it)", message(dir));
    }

    @Test
    void brokenInputFileIsNamed() throws IOException {
        Path dir = conv("x", "{}");
        Files.writeString(dir.resolve("inputs/x.npy"), "not numpy");
        String msg = message(dir);
        assertTrue(msg.startsWith(dir.resolve("inputs/x.npy") + ": not a .npy file"), msg);
    }

    @Test
    void writeCreatesOneFloat64FilePerOutput() throws IOException {
        Map<String, Tensor> out = OpCaseRunner.run(conv("c", "{}"));
        List<Path> files = OpCaseRunner.write(out, tmp.resolve("o"));
        assertEquals(List.of(tmp.resolve("o/out.npy")), files);
        assertEquals(out.get("out"), Npy.read(files.get(0)).tensor());
    }

    @Test
    void inMemoryCallGivesTheSameOutputsAsTheCaseFolder() throws IOException {
        Path dir = conv("c", "{\"padding\": 1}");
        Npy.write(dir.resolve("inputs/grad_out.npy"), Tensor.full(1, 1, 1, 4, 4));
        Map<String, Tensor> fromFolder = OpCaseRunner.run(dir);
        ObjectNode params = new ObjectMapper().createObjectNode().put("padding", 1);
        Map<String, Tensor> inMemory = OpCaseRunner.run(OpCase.of("conv2d", params, Map.of(
                "x", Tensor.full(1, 1, 1, 3, 3), "weight", Tensor.full(1, 1, 1, 2, 2),
                "grad_out", Tensor.full(1, 1, 1, 4, 4))));
        assertEquals(fromFolder, inMemory);
    }

    @Test
    void inMemoryMessagesNameTheFieldInsteadOfAFile() {
        ObjectNode params = new ObjectMapper().createObjectNode().put("stride", "two");
        Map<String, Tensor> inputs = Map.of("x", Tensor.full(1, 1, 1, 3, 3), "weight", Tensor.full(1, 1, 1, 2, 2));
        assertEquals("params.stride: expected an int or [h, w], got \"two\"", assertThrows(GraderException.class,
                () -> OpCaseRunner.run(OpCase.of("conv2d", params, inputs))).getMessage());
        assertEquals("inputs.weight: missing (conv2d needs x, weight)", assertThrows(GraderException.class,
                () -> OpCaseRunner.run(OpCase.of("conv2d", null, Map.of("x", Tensor.zeros(1, 1, 3, 3))))).getMessage());
        String refused = assertThrows(GraderException.class, () -> OpCaseRunner.run(OpCase.of("conv2d",
                new ObjectMapper().createObjectNode().put("stride", 0), inputs))).getMessage();
        assertTrue(refused.startsWith("conv2d: stride"), refused);
    }

    @Test
    void inMemoryClassIndicesMayBeWholeDoubles() {
        Map<String, Tensor> inputs = Map.of("logits", Tensor.zeros(2, 3), "target", Tensor.of(new double[] {0, 2}, 2));
        assertEquals(2 * Math.log(3), OpCaseRunner.run(OpCase.of("cross_entropy",
                new ObjectMapper().createObjectNode().put("reduction", "sum"), inputs)).get("loss").item(), 1e-12);
        Map<String, Tensor> fractional = Map.of("logits", Tensor.zeros(2, 3),
                "target", Tensor.of(new double[] {0, 1.5}, 2));
        assertEquals("inputs.target: cross_entropy needs whole-number class indices, got 1.5",
                assertThrows(GraderException.class,
                        () -> OpCaseRunner.run(OpCase.of("cross_entropy", null, fractional))).getMessage());
    }

    @Test
    void signatureListsInputsParamsAndTheFourDimensionalOnes() {
        OpCaseRunner.Signature conv = OpCaseRunner.signature("conv2d").orElseThrow();
        assertEquals(List.of("x", "weight", "bias", "grad_out"), conv.inputs());
        assertEquals(List.of("x", "weight", "grad_out"), conv.images());
        assertEquals(List.of(), OpCaseRunner.signature("linear").orElseThrow().images());
        assertTrue(OpCaseRunner.signature("conv3d").isEmpty());
    }
}
