package io.tensorgrade.ref.ops;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.NumericalGradient;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from PyTorch 1.13 (see rest_fixtures.py) and numerical gradients. */
class CrossEntropyTest {
    private static final double TOL = 1e-12;

    static Stream<Arguments> pytorchCases() {
        return Stream.of(
                Arguments.of(Reduction.MEAN, LOGITS, TARGET, null, MEAN_OUT, MEAN_GRAD),
                Arguments.of(Reduction.SUM, LOGITS, TARGET, null, SUM_OUT, SUM_GRAD),
                Arguments.of(Reduction.NONE, LOGITS, TARGET, GRAD_OUT_NONE, NONE_OUT, NONE_GRAD),
                Arguments.of(Reduction.MEAN, BIG, BIG_TARGET, null, BIG_MEAN_OUT, BIG_MEAN_GRAD),
                Arguments.of(Reduction.SUM, BIG, BIG_TARGET, null, BIG_SUM_OUT, BIG_SUM_GRAD),
                Arguments.of(Reduction.NONE, BIG, BIG_TARGET, GRAD_OUT_NONE, BIG_NONE_OUT, BIG_NONE_GRAD));
    }

    @ParameterizedTest(name = "{0}, logits {1}")
    @MethodSource("pytorchCases")
    void forwardAndBackwardMatchPytorch(Reduction r, Tensor logits, long[] target, Tensor gradOut, Tensor out,
                                        Tensor grad) {
        assertClose(out, CrossEntropy.forward(logits, target, r), TOL);
        assertClose(grad, CrossEntropy.backward(logits, target, r, gradOut), TOL);
    }

    @Test
    void logitsOf1e4GiveFiniteExactLosses() {
        // Per sample: logsumexp - x[target] = 2e4, log(2), 2e4 (PyTorch agrees, BIG_NONE_OUT).
        double[] loss = CrossEntropy.forward(BIG, BIG_TARGET, Reduction.NONE).rawData();
        assertArrayEquals(new double[] {20000.0, Math.log(2), 20000.0}, loss, 1e-12);
    }

    @Test
    void meanGradientScalesWithGradOut() {
        assertClose(MEAN_GRAD_TIMES_2_5, CrossEntropy.backward(LOGITS, TARGET, Reduction.MEAN, Tensor.scalar(2.5)),
                TOL);
    }

    @Test
    void oneSampleOfShapeCGivesZeroDimensionalLoss() {
        Tensor one = Tensor.of(Arrays.copyOfRange(LOGITS.rawData(), 4, 8), 4); // LOGITS[1]
        Tensor loss = CrossEntropy.forward(one, new long[] {3}, Reduction.NONE);
        assertArrayEquals(new int[0], loss.shape());
        assertClose(ONE_SAMPLE_OUT, loss, TOL);
        assertClose(ONE_SAMPLE_GRAD, CrossEntropy.backward(one, new long[] {3}, Reduction.NONE, Tensor.scalar(1.5)),
                TOL);
    }

    @Test
    void ignoreIndexIsLeftOutOfTheMeanLikePytorch() {
        long[] target = {2, CrossEntropy.IGNORE_INDEX, 3};
        assertClose(IGNORED_MEAN_OUT, CrossEntropy.forward(LOGITS, target, Reduction.MEAN), TOL);
        assertClose(IGNORED_MEAN_GRAD, CrossEntropy.backward(LOGITS, target, Reduction.MEAN, null), TOL);
    }

    @Test
    void allIgnoredGivesNanMeanButZeroGradientLikePytorch() {
        long[] target = {-100, -100, -100};
        assertTrue(Double.isNaN(CrossEntropy.forward(LOGITS, target, Reduction.MEAN).item()));
        assertClose(Tensor.zeros(3, 4), CrossEntropy.backward(LOGITS, target, Reduction.MEAN, null), 0, 0);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void backwardMatchesNumericalGradient(Reduction r) {
        Tensor logits = NumericalGradient.random(11, 5, 4);
        long[] target = {0, 3, 1, 1, 2};
        Tensor gradOut = r == Reduction.NONE ? NumericalGradient.random(12, 5) : Tensor.scalar(0.7);
        Tensor numerical = NumericalGradient.of(x -> CrossEntropy.forward(x, target, r), logits, gradOut);
        assertClose(numerical, CrossEntropy.backward(logits, target, r, gradOut), 1e-8);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("target too large", "target[1]=4 is out of range for C=4 classes",
                        (Executable) () -> CrossEntropy.forward(LOGITS, new long[] {0, 4, 1}, Reduction.MEAN)),
                Arguments.of("negative target", "target[0]=-1 is out of range for C=4 classes",
                        (Executable) () -> CrossEntropy.backward(LOGITS, new long[] {-1, 0, 1}, Reduction.SUM, null)),
                Arguments.of("target length", "target has 2 values, expected 3",
                        (Executable) () -> CrossEntropy.forward(LOGITS, new long[] {0, 1}, Reduction.MEAN)),
                Arguments.of("logits rank", "logits must be [N, C] or [C], got shape [3, 4, 1]",
                        (Executable) () -> CrossEntropy.forward(Tensor.zeros(3, 4, 1), TARGET, Reduction.MEAN)),
                Arguments.of("gradOut for none", "gradOut must have shape [3], got [1]",
                        (Executable) () -> CrossEntropy.backward(LOGITS, TARGET, Reduction.NONE, Tensor.zeros(1))),
                Arguments.of("gradOut for mean", "gradOut must have shape [], got [3]",
                        (Executable) () -> CrossEntropy.backward(LOGITS, TARGET, Reduction.MEAN, Tensor.zeros(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentsAreRejectedNamingArgumentAndValue(String name, String message, Executable call) {
        RefException e = assertThrows(RefException.class, call);
        assertTrue(e.getMessage().startsWith("cross_entropy: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    // Generated by rest_fixtures.py with PyTorch 1.13 (float64).
    private static final Tensor LOGITS = Tensor.of(new double[] {
            -1.04, -1.47, -2.69, -2.9, -1.09, -2.3, 1.39, -1.95, 1.56, 0.73, 0.77, -2.8
        }, 3, 4);
    private static final long[] TARGET = {2, 0, 3};
    private static final Tensor GRAD_OUT_NONE = Tensor.of(new double[] {0.9, 0.52, -1.63}, 3);
    private static final Tensor BIG = Tensor.of(new double[] {
            10000.0, -10000.0, 0.0, 0.0, 10000.0, 10000.0, -10000.0, 0.0, 10000.0
        }, 3, 3);
    private static final long[] BIG_TARGET = {1, 2, 0};
    private static final Tensor MEAN_OUT = Tensor.of(new double[] {3.320061993405826});
    private static final Tensor MEAN_GRAD = Tensor.of(new double[] {
            0.16681416093594106, 0.10851412881746865, -0.3012966889689381, 0.02596839921552837, -0.30893587214940454,
            0.007275256550043835, 0.291336535121503, 0.010324080477857739, 0.1751921776973664, 0.07639242405405225,
            0.07951005802213135, -0.33109465977355
        }, 3, 4);
    private static final Tensor SUM_OUT = Tensor.of(new double[] {9.960185980217478});
    private static final Tensor SUM_GRAD = Tensor.of(new double[] {
            0.5004424828078232, 0.32554238645240596, -0.9038900669068143, 0.07790519764658511, -0.9268076164482137,
            0.021825769650131506, 0.874009605364509, 0.030972241433573217, 0.5255765330920992, 0.22917727216215678,
            0.23853017406639407, -0.99328397932065
        }, 3, 4);
    private static final Tensor NONE_OUT = Tensor.of(new double[] {
            2.342262606295498, 2.614663913267417, 5.003259460654562
        }, 3);
    private static final Tensor NONE_GRAD = Tensor.of(new double[] {
            0.4503982345270409, 0.29298814780716537, -0.8135010602161329, 0.0701146778819266, -0.48193996055307115,
            0.011349400218068384, 0.4544849947895447, 0.016105565545458073, -0.8566897489401216, -0.3735589536243155,
            -0.3888041837282223, 1.6190528862926596
        }, 3, 4);
    private static final Tensor BIG_MEAN_OUT = Tensor.of(new double[] {13333.564382393519});
    private static final Tensor BIG_MEAN_GRAD = Tensor.of(new double[] {
            0.3333333333333333, -0.3333333333333333, 0.0, 0.0, 0.16666666666666666, -0.16666666666666666,
            -0.3333333333333333, 0.0, 0.3333333333333333
        }, 3, 3);
    private static final Tensor BIG_SUM_OUT = Tensor.of(new double[] {40000.69314718056});
    private static final Tensor BIG_SUM_GRAD = Tensor.of(new double[] {
            1.0, -1.0, 0.0, 0.0, 0.5, -0.5, -1.0, 0.0, 1.0
        }, 3, 3);
    private static final Tensor BIG_NONE_OUT = Tensor.of(new double[] {20000.0, 0.6931471805599453, 20000.0}, 3);
    private static final Tensor BIG_NONE_GRAD = Tensor.of(new double[] {
            0.9, -0.9, 0.0, 0.0, 0.26, -0.26, 1.63, 0.0, -1.63
        }, 3, 3);
    private static final Tensor MEAN_GRAD_TIMES_2_5 = Tensor.of(new double[] {
            0.4170354023398527, 0.2712853220436717, -0.7532417224223452, 0.06492099803882093, -0.7723396803735115,
            0.01818814137510959, 0.7283413378037575, 0.025810201194644347, 0.437980444243416, 0.19098106013513066,
            0.1987751450553284, -0.8277366494338751
        }, 3, 4);
    private static final Tensor ONE_SAMPLE_OUT = Tensor.of(new double[] {3.474663913267417});
    private static final Tensor ONE_SAMPLE_GRAD = Tensor.of(new double[] {
            0.10978857532767936, 0.03273865447519726, 1.3110144080467636, -1.4535416378496402
        }, 4);
    private static final Tensor IGNORED_MEAN_OUT = Tensor.of(new double[] {3.6727610334750302});
    private static final Tensor IGNORED_MEAN_GRAD = Tensor.of(new double[] {
            0.2502212414039116, 0.16277119322620298, -0.45194503345340714, 0.03895259882329256, 0.0, 0.0, 0.0, 0.0,
            0.2627882665460496, 0.11458863608107839, 0.11926508703319703, -0.496641989660325
        }, 3, 4);
}
