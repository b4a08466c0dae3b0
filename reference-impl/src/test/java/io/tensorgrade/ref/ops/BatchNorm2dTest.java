package io.tensorgrade.ref.ops;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.NumericalGradient;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from PyTorch 1.13 (see rest_fixtures.py) and numerical gradients. */
class BatchNorm2dTest {
    private static final double TOL = 1e-12;
    private static final double GRAD_TOL = 1e-7;

    @Test
    void trainingNormalizesWithBatchStatisticsAndUpdatesRunningStatsWithUnbiasedVariance() {
        BatchNormResult r = BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR, true, 0.1, 1e-5);
        assertClose(TRAIN_OUT, r.out(), TOL);
        assertClose(TRAIN_RUNNING_MEAN, r.runningMean(), TOL);
        assertClose(TRAIN_RUNNING_VAR, r.runningVar(), TOL);
    }

    @Test
    void trainingBackwardMatchesPytorch() {
        BatchNormGrads g = BatchNorm2d.backward(X, GAMMA, null, RUNNING_VAR, GRAD_OUT, true, 1e-5);
        assertClose(TRAIN_GRAD_X, g.gradX(), TOL);
        assertClose(TRAIN_GRAD_GAMMA, g.gradGamma(), TOL);
        assertClose(TRAIN_GRAD_BETA, g.gradBeta(), TOL);
    }

    @Test
    void momentumOneReplacesRunningStatsWithBatchMeanAndUnbiasedVariance() {
        BatchNormResult r = BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR, true, 1.0, 1e-5);
        assertClose(MOMENTUM1_RUNNING_MEAN, r.runningMean(), TOL);
        assertClose(MOMENTUM1_RUNNING_VAR, r.runningVar(), TOL);
    }

    @Test
    void momentumZeroKeepsRunningStats() {
        BatchNormResult r = BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR, true, 0.0, 1e-5);
        assertClose(RUNNING_MEAN, r.runningMean(), 0, 0);
        assertClose(RUNNING_VAR, r.runningVar(), 0, 0);
        assertClose(TRAIN_OUT, r.out(), TOL);
    }

    @Test
    void evalUsesRunningStatsAndLeavesThemUnchanged() {
        BatchNormResult r = BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR, false, 0.1, 1e-5);
        assertClose(EVAL_OUT, r.out(), TOL);
        assertClose(RUNNING_MEAN, r.runningMean(), 0, 0);
        assertClose(RUNNING_VAR, r.runningVar(), 0, 0);
    }

    @Test
    void evalBackwardMatchesPytorch() {
        BatchNormGrads g = BatchNorm2d.backward(X, GAMMA, RUNNING_MEAN, RUNNING_VAR, GRAD_OUT, false, 1e-5);
        assertClose(EVAL_GRAD_X, g.gradX(), TOL);
        assertClose(EVAL_GRAD_GAMMA, g.gradGamma(), TOL);
        assertClose(EVAL_GRAD_BETA, g.gradBeta(), TOL);
    }

    @Test
    void singleSampleWithSeveralPixelsTrainsWithMomentumAndEps() {
        BatchNormResult r = BatchNorm2d.forward(X2, GAMMA2, BETA2, RUNNING_MEAN2, RUNNING_VAR2, true, 0.3, 1e-3);
        assertClose(N1_OUT, r.out(), TOL);
        assertClose(N1_RUNNING_MEAN, r.runningMean(), TOL);
        assertClose(N1_RUNNING_VAR, r.runningVar(), TOL);
        BatchNormGrads g = BatchNorm2d.backward(X2, GAMMA2, null, RUNNING_VAR2, GRAD_OUT2, true, 1e-3);
        assertClose(N1_GRAD_X, g.gradX(), TOL);
        assertClose(N1_GRAD_GAMMA, g.gradGamma(), TOL);
        assertClose(N1_GRAD_BETA, g.gradBeta(), TOL);
    }

    @Test
    void withoutAffineMatchesNnBatchNorm2dDefaultsAndHasNoGradGamma() {
        Tensor zeros = Tensor.zeros(3);
        Tensor ones = Tensor.full(1.0, 3);
        BatchNormResult r = BatchNorm2d.forward(X, null, null, zeros, ones, true, 0.1, 1e-5);
        assertClose(PLAIN_OUT, r.out(), TOL);
        assertClose(PLAIN_RUNNING_MEAN, r.runningMean(), TOL);
        assertClose(PLAIN_RUNNING_VAR, r.runningVar(), TOL);
        BatchNormGrads g = BatchNorm2d.backward(X, null, null, ones, GRAD_OUT, true, 1e-5);
        assertClose(PLAIN_GRAD_X, g.gradX(), TOL);
        assertNull(g.gradGamma());
        assertClose(TRAIN_GRAD_BETA, g.gradBeta(), TOL);
    }

    @Test
    void trainingWithoutRunningStatsReturnsNullStatsAndTheSameOutput() {
        BatchNormResult r = BatchNorm2d.forward(X, GAMMA, BETA, null, null, true, 0.1, 1e-5);
        assertClose(TRAIN_OUT, r.out(), TOL);
        assertNull(r.runningMean());
        assertNull(r.runningVar());
    }

    @Test
    void inputsAreNotMutated() {
        double[] mean = RUNNING_MEAN.data();
        double[] var = RUNNING_VAR.data();
        double[] x = X.data();
        BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR, true, 0.1, 1e-5);
        BatchNorm2d.backward(X, GAMMA, RUNNING_MEAN, RUNNING_VAR, GRAD_OUT, true, 1e-5);
        assertArrayEquals(mean, RUNNING_MEAN.rawData());
        assertArrayEquals(var, RUNNING_VAR.rawData());
        assertArrayEquals(x, X.rawData());
    }

    @Test
    void singleValuePerChannelInTrainingIsRejectedLikePytorch() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3, 1, 1);
        RefException e = assertThrows(RefException.class,
                () -> BatchNorm2d.forward(x, null, null, null, null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 3, 1, 1]"), e.getMessage());
        assertThrows(RefException.class,
                () -> BatchNorm2d.backward(x, null, null, null, Tensor.zeros(1, 3, 1, 1), true, 1e-5));
    }

    @Test
    void singleValuePerChannelIsFineInEval() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3, 1, 1);
        Tensor var = Tensor.full(3.0, 3);
        BatchNormResult r = BatchNorm2d.forward(x, null, null, Tensor.zeros(3), var, false, 0.1, 1.0);
        // (x - 0) / sqrt(3 + 1) by hand.
        assertClose(Tensor.of(new double[] {0.5, 1.0, 1.5}, 1, 3, 1, 1), r.out(), TOL);
    }

    @Test
    void emptyBatchGivesEmptyOutputAndKeepsRunningStatsLikePytorch() {
        BatchNormResult r = BatchNorm2d.forward(Tensor.zeros(0, 3, 2, 2), GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR,
                true, 0.1, 1e-5);
        assertArrayEquals(new int[] {0, 3, 2, 2}, r.out().shape());
        assertSame(RUNNING_MEAN, r.runningMean());
        assertSame(RUNNING_VAR, r.runningVar());
    }

    @Test
    void evalBackwardWithGammaNeedsTheRunningMean() {
        RefException e = assertThrows(RefException.class,
                () -> BatchNorm2d.backward(X, GAMMA, null, RUNNING_VAR, GRAD_OUT, false, 1e-5));
        assertTrue(e.getMessage().contains("runningMean"), e.getMessage());
        BatchNormGrads g = BatchNorm2d.backward(X, null, null, RUNNING_VAR, GRAD_OUT, false, 1e-5);
        assertNull(g.gradGamma());
        assertClose(EVAL_GRAD_BETA, g.gradBeta(), TOL);
    }

    static Stream<Arguments> badArguments() {
        Tensor two = Tensor.zeros(2);
        return Stream.of(
                bad("gamma length", "gamma must have shape [3]",
                        () -> BatchNorm2d.forward(X, two, BETA, null, null, true, 0.1, 1e-5)),
                bad("beta length", "beta must have shape [3]",
                        () -> BatchNorm2d.forward(X, GAMMA, two, null, null, true, 0.1, 1e-5)),
                bad("running mean length", "runningMean must have shape [3]",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, two, RUNNING_VAR, true, 0.1, 1e-5)),
                bad("running var length", "runningVar must have shape [3]",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, two, false, 0.1, 1e-5)),
                bad("only one running stat", "runningVar=null",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, RUNNING_MEAN, null, true, 0.1, 1e-5)),
                bad("eval without running stats", "must not be null in eval mode",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, null, null, false, 0.1, 1e-5)),
                bad("x not 4-d", "got shape [2, 3, 4]",
                        () -> BatchNorm2d.forward(Tensor.zeros(2, 3, 4), null, null, null, null, true, 0.1, 1e-5)),
                bad("negative eps", "eps=-1.0",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, null, null, true, 0.1, -1.0)),
                bad("NaN momentum", "momentum=NaN",
                        () -> BatchNorm2d.forward(X, GAMMA, BETA, null, null, true, Double.NaN, 1e-5)),
                bad("gradOut shape", "gradOut shape [2, 3, 2]",
                        () -> BatchNorm2d.backward(X, GAMMA, null, null, Tensor.zeros(2, 3, 2), true, 1e-5)));
    }

    private static Arguments bad(String name, String message, Executable call) {
        return Arguments.of(name, message, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentsAreRejectedNamingArgumentAndValue(String name, String message, Executable call) {
        RefException e = assertThrows(RefException.class, call);
        assertTrue(e.getMessage().startsWith("batch_norm2d: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    // Numerical gradients on random inputs of another shape, in both modes.
    private static final Tensor RX = NumericalGradient.random(1, 3, 2, 2, 3);
    private static final Tensor RG = NumericalGradient.random(2, 3, 2, 2, 3);
    private static final Tensor RGAMMA = NumericalGradient.random(3, 2);
    private static final Tensor RBETA = NumericalGradient.random(4, 2);
    private static final Tensor RMEAN = NumericalGradient.random(5, 2);
    private static final Tensor RVAR = Tensor.of(new double[] {0.7, 1.9}, 2);

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of(true), Arguments.of(false));
    }

    @ParameterizedTest(name = "training={0}")
    @MethodSource("modes")
    void gradientsMatchNumericalGradients(boolean training) {
        BatchNormGrads g = BatchNorm2d.backward(RX, RGAMMA, RMEAN, RVAR, RG, training, 1e-5);
        Function<Tensor, Tensor> byX = x -> out(x, RGAMMA, RBETA, training);
        Function<Tensor, Tensor> byGamma = gamma -> out(RX, gamma, RBETA, training);
        Function<Tensor, Tensor> byBeta = beta -> out(RX, RGAMMA, beta, training);
        assertClose(NumericalGradient.of(byX, RX, RG), g.gradX(), GRAD_TOL, 1e-6);
        assertClose(NumericalGradient.of(byGamma, RGAMMA, RG), g.gradGamma(), GRAD_TOL, 1e-6);
        assertClose(NumericalGradient.of(byBeta, RBETA, RG), g.gradBeta(), GRAD_TOL, 1e-6);
        assertEquals(2, g.gradGamma().size());
    }

    private static Tensor out(Tensor x, Tensor gamma, Tensor beta, boolean training) {
        return BatchNorm2d.forward(x, gamma, beta, RMEAN, RVAR, training, 0.1, 1e-5).out();
    }

    // Generated by rest_fixtures.py with PyTorch 1.13 (float64).
    private static final Tensor X = Tensor.of(new double[] {
            1.37, -1.13, -1.87, -1.59, -0.19, -1.18, 0.63, -1.85, 1.48, -0.56, -1.51, -1.18, -0.42, 0.91, 0.14, -0.27,
            -1.79, -0.49, -0.73, 1.84, 0.58, -1.29, -0.38, -0.68
        }, 2, 3, 2, 2);
    private static final Tensor GAMMA = Tensor.of(new double[] {0.33, 1.64, -0.52}, 3);
    private static final Tensor BETA = Tensor.of(new double[] {-0.08, -0.68, -0.05}, 3);
    private static final Tensor RUNNING_MEAN = Tensor.of(new double[] {1.66, 1.88, -0.84}, 3);
    private static final Tensor RUNNING_VAR = Tensor.of(new double[] {0.81, 1.4, 0.9099999999999999}, 3);
    private static final Tensor GRAD_OUT = Tensor.of(new double[] {
            -0.06, 1.8, 1.93, -0.08, 1.69, -0.1, -1.33, -1.96, 1.85, 0.06, -0.12, 1.63, 1.68, -0.96, -1.38, -1.86,
            1.37, 0.51, -0.13, -0.77, 1.87, 1.11, -0.6, 0.87
        }, 2, 3, 2, 2);
    private static final Tensor TRAIN_OUT = Tensor.of(new double[] {
            0.450060714242222, -0.31703149160759275, -0.544090784539138, -0.45817645748395874, -0.2855767280309452,
            -1.6801447253501034, 0.869519997021287, -2.623943268990342, -1.1025031283789373, 0.01432723931574779,
            0.5344198125069001, 0.35375607655628927, -0.09917730514624538, 0.30891574836585606, 0.07265134896411311,
            -0.05315177279525651, -2.5394239964255445, -0.7081730908549325, -1.0462501811141225, 2.573991993744703,
            -0.609783848513635, 0.41397732187315955, -0.08421661665731268, 0.08002314329778808
        }, 2, 3, 2, 2);
    private static final Tensor TRAIN_RUNNING_MEAN = Tensor.of(new double[] {1.45825, 1.645, -0.80025}, 3);
    private static final Tensor TRAIN_RUNNING_VAR = Tensor.of(new double[] {
            0.8611907142857144, 1.4149057142857142, 0.922105
        }, 3);
    private static final Tensor TRAIN_GRAD_X = Tensor.of(new double[] {
            0.31207253867594414, 0.3451304066454209, 0.22587221632750665, -0.33065213905927243, 2.5720602858887793,
            -0.17803365920549782, -1.492729062363794, -2.952841765377996, -0.08930802671142159, 0.3950561413613347,
            0.2628060040289814, -0.6150887173328398, 0.4610050609885408, -0.06300986233562171, -0.35748024273868856,
            -0.5929379785038299, 1.7518325476396477, 0.8405744970908472, -0.11638315295252441, -0.424479690719461,
            -0.3189042850679432, -0.3571299817583096, 0.8001130014677927, -0.07754413598759481
        }, 2, 3, 2, 2);
    private static final Tensor TRAIN_GRAD_GAMMA = Tensor.of(new double[] {
            -6.030530244115858, -1.5267582010561749, 3.371942289680755
        }, 3);
    private static final Tensor TRAIN_GRAD_BETA = Tensor.of(new double[] {
            1.0699999999999998, -0.7200000000000002, 6.67
        }, 3);
    private static final Tensor EVAL_OUT = Tensor.of(new double[] {
            -0.18633267696080996, -1.102993685243655, -1.3743253436953773, -1.2716593107676986, -3.549119417115605,
            -4.921306964431763, -2.4125600344900993, -5.849959142918457, -1.3146438784476733, -0.20262943360575364,
            0.3152204304137677, 0.13533574080698654, -0.8426619588913271, -0.3549983024848535, -0.6373298930359698,
            -0.7876622983943564, -5.766796261262932, -3.9649338253932287, -4.297585352015328, -0.7354419211036828,
            -0.8240492704291793, 0.19529730400924694, -0.3007483552094525, -0.1372168192032878
        }, 2, 3, 2, 2);
    private static final Tensor EVAL_GRAD_X = Tensor.of(new double[] {
            -0.021999864198788282, 0.6599959259636485, 0.7076622983943565, -0.02933315226505104, 2.3424211666306145,
            -0.13860480275920797, -1.843443876697466, -2.716654134080476, -1.0084444720380155, -0.03270630720123293,
            0.06541261440246586, -0.8885213456334945, 0.6159961975660719, -0.3519978271806125, -0.5059968765721304,
            -0.6819957901624368, 1.8988857978011495, 0.7068844940719606, -0.18018624358697038, -1.0672569812459014,
            -1.0193465744384262, -0.6050666832228092, 0.32706307201232926, -0.4742414544178774
        }, 2, 3, 2, 2);
    private static final Tensor EVAL_GRAD_GAMMA = Tensor.of(new double[] {
            -9.604940710425522, -0.0722604307067827, 6.136730544446721
        }, 3);
    private static final Tensor EVAL_GRAD_BETA = Tensor.of(new double[] {
            1.0699999999999998, -0.7200000000000002, 6.67
        }, 3);
    private static final Tensor X2 = Tensor.of(new double[] {
            -0.53, -0.19, -0.11, -1.25, -0.17, -0.08, 0.51, -0.7
        }, 1, 2, 2, 2);
    private static final Tensor GAMMA2 = Tensor.of(new double[] {-1.05, 1.04}, 2);
    private static final Tensor BETA2 = Tensor.of(new double[] {0.44, 1.19}, 2);
    private static final Tensor RUNNING_MEAN2 = Tensor.of(new double[] {-0.3, -0.19}, 2);
    private static final Tensor RUNNING_VAR2 = Tensor.of(new double[] {1.85, 2.21}, 2);
    private static final Tensor GRAD_OUT2 = Tensor.of(new double[] {
            -1.11, 1.76, 1.18, 0.0, 0.78, -0.8, -1.1, -0.67
        }, 1, 2, 2, 2);
    private static final Tensor N1_OUT = Tensor.of(new double[] {
            0.4632759326723773, -0.32810577818845155, -0.5143132395674701, 2.139143085083544, 1.0450208726456767,
            1.2624895636771614, 2.6881176493280057, -0.23562808565084445
        }, 1, 2, 2, 2);
    private static final Tensor N1_RUNNING_MEAN = Tensor.of(new double[] {-0.366, -0.16599999999999998}, 2);
    private static final Tensor N1_RUNNING_VAR = Tensor.of(new double[] {1.376, 1.6207}, 2);
    private static final Tensor N1_GRAD_X = Tensor.of(new double[] {
            3.61774332996311, -2.016639388319999, -0.4205623618658363, -1.180541579777274, 2.8960852435757234,
            -0.8167793380992461, -0.8538719510919458, -1.2254339543845316
        }, 1, 2, 2, 2);
    private static final Tensor N1_GRAD_GAMMA = Tensor.of(new double[] {2.3845638833977407, -0.8306095838008098}, 2);
    private static final Tensor N1_GRAD_BETA = Tensor.of(new double[] {1.8299999999999998, -1.79}, 2);
    private static final Tensor MOMENTUM1_RUNNING_MEAN = Tensor.of(new double[] {
            -0.35749999999999993, -0.47, -0.4425
        }, 3);
    private static final Tensor MOMENTUM1_RUNNING_VAR = Tensor.of(new double[] {
            1.321907142857143, 1.5490571428571427, 1.03105
        }, 3);
    private static final Tensor PLAIN_OUT = Tensor.of(new double[] {
            1.6062445886127938, -0.7182772472957356, -1.4063357107246606, -1.1459892651029053, 0.24050199510308223,
            -0.609844344725673, 0.9448292664763946, -1.185331261579477, 2.0240444776518025, -0.12370622945336118,
            -1.1238842548209618, -0.7764539933774794, -0.0581130458977133, 1.1785325708056245, 0.4625798453457973,
            0.08135826425679844, -1.1337951197716736, -0.017178713935934474, -0.22332328116714786, 1.9841414596004288,
            1.0765074009877598, -0.8922640805253069, 0.06580118587944743, -0.25004450634190023
        }, 2, 3, 2, 2);
    private static final Tensor PLAIN_RUNNING_MEAN = Tensor.of(new double[] {
            -0.03575, -0.047, -0.044250000000000005
        }, 3);
    private static final Tensor PLAIN_RUNNING_VAR = Tensor.of(new double[] {
            1.0321907142857143, 1.0549057142857143, 1.0031050000000001
        }, 3);
    private static final Tensor PLAIN_GRAD_X = Tensor.of(new double[] {
            0.9456743596240731, 1.045849717107336, 0.684461261598505, -1.0019761789674921, 1.5683294426151093,
            -0.10855710927164502, -0.9102006477828013, -1.800513271571949, 0.17174620521427228, -0.7597233487717975,
            -0.505396161594195, 1.1828629179477688, 1.3969850332986085, -0.19093897677461125, -1.0832734628445106,
            -1.7967817530419088, 1.0681905778290535, 0.5125454250553947, -0.07096533716617343, -0.25882907970698843,
            0.6132774712845062, 0.6867884264582877, -1.5386788489765244, 0.14912333843768233
        }, 2, 3, 2, 2);
}
