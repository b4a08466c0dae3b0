package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nested lists as students write them in answers.yaml: YAML lists or text pasted from NumPy and PyTorch. */
class TensorAnswerTest {

    private static YamlNode answer(String yaml) {
        return ((YamlMap) YamlReader.readYaml("a: " + yaml + "\n").root()).get("a");
    }

    static Stream<Arguments> forms() {
        double[] m = {1, -2, 0.5, 4};
        return Stream.of(
                Arguments.of("[[1, -2], [0.5, 4]]", new int[] {2, 2}, m),
                Arguments.of("[[1, −2], [1/2, 4.]]", new int[] {2, 2}, m),
                Arguments.of("\"[[1, -2], [0.5, 4]]\"", new int[] {2, 2}, m),
                Arguments.of("\"[[ 1.  -2. ]\\n [ 0.5  4. ]]\"", new int[] {2, 2}, m),
                Arguments.of("\"array([[1, -2], [0.5, 4]])\"", new int[] {2, 2}, m),
                Arguments.of("\"tensor([[ 1.0000, -2.0000],\\n        [ 0.5000,  4.0000]], dtype=torch.float64)\"",
                        new int[] {2, 2}, m),
                Arguments.of("\"((1, -2), (0.5, 4))\"", new int[] {2, 2}, m),
                Arguments.of("[1, -2, 0.5, 4]", new int[] {4}, m),
                Arguments.of("[[[1, -2]], [[0.5, 4]]]", new int[] {2, 1, 2}, m),
                Arguments.of("0.5", new int[0], new double[] {0.5}),
                // issue 13: pasted from notebook markdown, with the matrix's name
                Arguments.of("\"M = [[1, -2], [0.5, 4]]\"", new int[] {2, 2}, m),
                Arguments.of("\"$M = [[1, -2], [0.5, 4]]$\"", new int[] {2, 2}, m),
                Arguments.of("\"$$\\\\begin{bmatrix} 1 & -2 \\\\\\\\ 0.5 & 4 \\\\end{bmatrix}$$\"",
                        new int[] {2, 2}, m),
                Arguments.of("\"$\\\\begin{pmatrix} 1 & -2 \\\\\\\\ \\\\frac{1}{2} & 4 \\\\end{pmatrix}$\"",
                        new int[] {2, 2}, m),
                Arguments.of("\"x: tensor([[1., -2.], [0.5, 4.]])\"", new int[] {2, 2}, m));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void readsEveryForm(String yaml, int[] shape, double[] values) {
        Tensor t = TensorAnswer.parse(answer(yaml));
        assertArrayEquals(shape, t.shape());
        assertArrayEquals(values, t.data(), 1e-15);
    }

    @ParameterizedTest
    @MethodSource("specials")
    void readsNanAndInfinities(String yaml, double value) {
        assertEquals(value, TensorAnswer.parse(answer(yaml)).data()[0]);
    }

    static Stream<Arguments> specials() {
        return Stream.of(Arguments.of("[.nan]", Double.NaN), Arguments.of("[NaN]", Double.NaN),
                Arguments.of("[-.inf]", Double.NEGATIVE_INFINITY), Arguments.of("[inf]", Double.POSITIVE_INFINITY),
                Arguments.of("\"[nan 1]\"", Double.NaN));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("[[1, 2, 3], [4, 5]]", "row 2 has 2 entries but row 1 has 3"),
                Arguments.of("[[[1, 2], [3, 4]], [[5, 6], [7]]]", "item [2][2] has 1 entry but item [1][1] has 2"),
                Arguments.of("[[1, 2], 3]", "row 2 is a number but the first entry at that depth is a list"),
                Arguments.of("[1, [2, 3]]", "item [2] is a list but the first entry at that depth is a number"),
                Arguments.of("[[1, 2], [3, x]]", "'x' is not a number"),
                Arguments.of("[[1, 2], [3, ~]]", "contains an empty value where a number belongs"),
                Arguments.of("[[1, 2], [true, 4]]", "contains the boolean true where a number belongs"),
                Arguments.of("[[], []]", "has an empty list inside"),
                Arguments.of("\"[[1, 2], [3, 4]]]\"", "unexpected ']' at column 17 after the list"),
                Arguments.of("\"[[1, 2), [3, 4]]\"", "mismatched ')' at column 7"),
                Arguments.of("{a: 1}", "found a mapping"),
                Arguments.of("seven", "'seven' is not a number"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedAnswersSayWhere(String yaml, String problem) {
        String msg = assertThrows(AnswerFormatException.class, () -> TensorAnswer.parse(answer(yaml))).getMessage();
        assertTrue(msg.contains(problem), msg);
    }

    @ParameterizedTest
    @MethodSource("squeezes")
    void squeezeDropsOnlyLeadingOnes(int[] in, int[] out) {
        assertArrayEquals(out, TensorAnswer.squeezeLeading(Tensor.zeros(in)).shape());
    }

    static Stream<Arguments> squeezes() {
        return Stream.of(Arguments.of(new int[] {1, 1, 3, 3}, new int[] {3, 3}),
                Arguments.of(new int[] {1, 3, 1, 1}, new int[] {3, 1, 1}),
                Arguments.of(new int[] {1, 1}, new int[0]),
                Arguments.of(new int[] {2, 1}, new int[] {2, 1}));
    }
}
