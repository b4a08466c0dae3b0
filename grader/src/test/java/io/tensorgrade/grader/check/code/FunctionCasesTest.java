package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input specs, the list form of {@code cases}, {@code $param} placeholders and {@code mistakes}; no Python. */
class FunctionCasesTest {

    static final String POOL = "file: hw4.py\nfunction: my_max_pool\nreference: max_pool2d\n"
            + "params: {kernel_size: 2, stride: 2, padding: 0}\n";

    private static FunctionCheck create(String yaml, List<Problem> problems) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, Path.of("."));
        c.checkKeys(new java.util.TreeSet<>(new FunctionKind().keys()));
        Check check = new FunctionKind().create(c);
        return problems.isEmpty() ? (FunctionCheck) check : null;
    }

    private static FunctionCheck valid(String yaml) {
        List<Problem> problems = new ArrayList<>();
        FunctionCheck check = create(yaml, problems);
        assertNotNull(check, () -> messages(problems));
        return check;
    }

    private static String messages(List<Problem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void integerInputsAreWholeNumbersInTheClosedRangeWithTies() {
        FunctionCheck check = valid(POOL + "inputs: {x: {shape: [2, 3, 6, 6], integers: true, low: -2, high: 2}}\n");
        double[] x = check.cases().get(0).inputs().get("x").rawData();
        Set<Double> seen = new HashSet<>();
        for (double v : x) {
            assertEquals(Math.rint(v), v);
            assertTrue(v >= -2 && v <= 2, "value " + v);
            seen.add(v);
        }
        assertEquals(Set.of(-2.0, -1.0, 0.0, 1.0, 2.0), seen);
        assertEquals(InputType.FLOAT64, check.cases().get(0).types().get("x"));
    }

    @Test
    void classInputsAreIndicesSentAsInt64() {
        FunctionCheck check = valid("file: hw4.py\nfunction: my_cross_entropy\nreference: cross_entropy\n"
                + "output: loss\ninputs: {logits: [50, 4], target: {shape: [50], classes: 4}}\n");
        FunctionCheck.Case c = check.cases().get(0);
        assertEquals(InputType.INT64, c.types().get("target"));
        assertEquals(InputType.FLOAT64, c.types().get("logits"));
        Set<Double> seen = new HashSet<>();
        for (double v : c.inputs().get("target").rawData()) {
            seen.add(v);
        }
        assertEquals(Set.of(0.0, 1.0, 2.0, 3.0), seen);
    }

    @Test
    void scaleMultipliesTheValues() {
        FunctionCheck check = valid(POOL + "inputs: {x: {shape: [1, 1, 10, 10], scale: 1000}}\n");
        double max = 0;
        for (double v : check.cases().get(0).inputs().get("x").rawData()) {
            assertTrue(Math.abs(v) < 1000, "value " + v);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 500, "largest |value| " + max);
    }

    @Test
    void listedCasesMergeParamsReplaceNamedInputsAndKeepTitles() {
        FunctionCheck check = valid(POOL + "inputs: {x: [2, 3, 8, 8]}\n"
                + "cases:\n"
                + "  - {title: base}\n"
                + "  - {title: stride > kernel, params: {stride: 3}}\n"
                + "  - {title: batch of 1, inputs: {x: [1, 3, 5, 5]}, params: {padding: 1}}\n");
        List<FunctionCheck.Case> cases = check.cases();
        assertEquals(List.of("case 1 (base)", "case 2 (stride > kernel)", "case 3 (batch of 1)"),
                cases.stream().map(FunctionCheck.Case::label).toList());
        // floor((8 - 2)/2) + 1 = 4, floor((8 - 2)/3) + 1 = 3, floor((5 + 2 - 2)/2) + 1 = 3
        assertEquals("[2, 3, 4, 4]", cases.get(0).expected().shapeString());
        assertEquals("[2, 3, 3, 3]", cases.get(1).expected().shapeString());
        assertEquals("[1, 3, 3, 3]", cases.get(2).expected().shapeString());
        // Without kwargs each case passes its own merged params.
        assertEquals("3", ((Arg.Json) cases.get(1).kwargs().get("stride")).value().toString());
        assertEquals("2", ((Arg.Json) cases.get(2).kwargs().get("stride")).value().toString());
        assertEquals("1", ((Arg.Json) cases.get(2).kwargs().get("padding")).value().toString());
        // rubric explain lists every case with its title and shapes.
        String derivation = check.expected().derivation();
        assertTrue(derivation.contains("case 2 (stride > kernel; x [2, 3, 8, 8])")
                && derivation.contains("case 3 (batch of 1; x [1, 3, 5, 5])"), derivation);
    }

    @Test
    void placeholdersAreReplacedInsideNestedLiteralsPerCase() {
        FunctionCheck check = valid(POOL + "inputs: {x: [1, 1, 6, 6]}\n"
                + "args: [x, {pool_param: {stride: $stride, sizes: [$kernel_size, $kernel_size]}}]\n"
                + "kwargs: {pad: $padding, name: '$not a placeholder'}\n"
                + "cases: [{params: {stride: 1}}, {params: {stride: 3, padding: 1}}]\n");
        FunctionCheck.Case second = check.cases().get(1);
        assertEquals("{\"pool_param\":{\"stride\":3,\"sizes\":[2,2]}}",
                ((Arg.Json) second.args().get(1)).value().toString());
        assertEquals("1", ((Arg.Json) second.kwargs().get("pad")).value().toString());
        assertEquals("\"$not a placeholder\"", ((Arg.Json) second.kwargs().get("name")).value().toString());
        assertEquals("{\"pool_param\":{\"stride\":1,\"sizes\":[2,2]}}",
                ((Arg.Json) check.cases().get(0).args().get(1)).value().toString());
    }

    @Test
    void aMistakeIsRecomputedPerCaseWithItsParams() {
        FunctionCheck check = valid(POOL.replace("padding: 0", "padding: 1")
                + "inputs: {x: {shape: [1, 2, 4, 4], low: -2, high: -1}}\n"
                + "mistakes: [{id: zero_padding, feedback: the padding is zeros instead of -inf,"
                + " params: {pad_with_zeros: true}}]\n");
        FunctionCheck.Case c = check.cases().get(0);
        // All inputs are negative, so every window that touches the padding gives 0 in the mistake.
        assertEquals(0.0, c.mistakes().get("zero_padding").rawData()[0]);
        assertTrue(c.expected().rawData()[0] < -1);
        assertEquals("zero_padding", check.catalogue().get(0).name());
    }

    static Stream<Arguments> problems() {
        String x = "inputs: {x: [1, 1, 6, 6]}\n";
        return Stream.of(
                Arguments.of(POOL + "inputs: {x: {shape: [1, 1, 6, 6], clases: 3}}\n",
                        "inputs.x.clases: unknown key 'clases' (did you mean 'classes'?)"),
                Arguments.of(POOL + "inputs: {x: {shape: [1, 1, 6, 6], classes: 3, low: 0}}\n",
                        "inputs.x.classes: class indices are 0..2; leave out low, high and integers"),
                Arguments.of(POOL + "inputs: {x: {low: 0}}\n", "inputs.x.shape: missing required field 'shape'"),
                Arguments.of(POOL + "inputs: {x: {shape: [1, 1, 6, 6], low: 1, high: 0}}\n",
                        "inputs.x.high: expected high above low"),
                Arguments.of(POOL + "inputs: {x: {shape: [1, 1, 6, 6], scale: 0}}\n",
                        "inputs.x.scale: expected a finite non-zero factor"),
                Arguments.of(POOL + x + "cases: [{}, {}, {params: {strid: 1}}]\n",
                        "cases[2].params.strid: unknown parameter 'strid'"),
                Arguments.of(POOL + x + "cases: [{inputs: {w: [3]}}]\n",
                        "cases[0].inputs.w: input 'w' is not among the part's inputs (x)"),
                Arguments.of(POOL + x + "cases: [{inputs: {x: {shape: [1, 1, 6, 6], integer: true}}}]\n",
                        "cases[0].inputs.x.integer: unknown key 'integer'"),
                Arguments.of(POOL + x + "cases: [{titel: a}]\n", "cases[0].titel: unknown key 'titel'"),
                Arguments.of(POOL + x + "cases: [{params: {kernel_size: 9}}]\n",
                        "cases[0]: the reference max_pool2d rejects these inputs and params"),
                Arguments.of(POOL + x + "cases: 0\n", "cases: expected between 1 and 20 cases"),
                Arguments.of(POOL + x + "args: [x, {stride: $strde}]\n",
                        "args[1]: unknown placeholder '$strde' (did you mean 'stride'?); params: kernel_size, padding, stride"),
                Arguments.of(POOL + x + "kwargs: {s: [$dilation]}\n", "kwargs.s: unknown placeholder '$dilation'"),
                Arguments.of(POOL + x + "mistakes: [{id: m, feedback: f, params: {paddin: 0}}]\n",
                        "mistakes[0].params.paddin: unknown parameter 'paddin'"),
                Arguments.of(POOL + x + "mistakes: [{id: m, feedback: f}]\n",
                        "mistakes[0].params: missing required field 'params'"),
                Arguments.of(POOL + x + "mistakes: [{id: m, feedback: f, params: {pad_with_zeros: true}}]\n",
                        "mistakes[0]: mistake 'm' gives the expected output (or no output) in every case"),
                Arguments.of(POOL + x + "mistakes: [{id: forbidden_api, feedback: f, params: {stride: 1}}]\n",
                        "mistakes[0].id: 'forbidden_api' is used twice (or is the built-in forbidden_api)"));
    }

    @ParameterizedTest
    @MethodSource("problems")
    void badConfigIsReportedNamingTheField(String yaml, String expected) {
        List<Problem> problems = new ArrayList<>();
        assertNull(create(yaml, problems));
        assertTrue(messages(problems).contains(expected), messages(problems));
    }
}
