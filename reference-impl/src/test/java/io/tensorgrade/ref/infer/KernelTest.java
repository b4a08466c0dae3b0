package io.tensorgrade.ref.infer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.TensorAssert;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel computes {@code act(bias + W x P)} for partial tiles and chunks, with and without ReLU. */
class KernelTest {

    static Stream<Arguments> cases() {
        Stream<Kernel> kernels = Stream.of(new JavaKernel(true), new JavaKernel(false));
        if (Kernels.vectorAvailable()) {
            kernels = Stream.concat(kernels, Stream.of(Kernels.of(Backend.VECTOR)));
        }
        return kernels.flatMap(k -> Stream.of(new int[] {1, 1, 1}, new int[] {5, 7, 15}, new int[] {8, 27, 16},
                new int[] {13, 9, 33}, new int[] {16, 144, 70}).flatMap(s -> Stream.of(true, false)
                .map(relu -> Arguments.of(k.name(), k, s[0], s[1], s[2], relu))));
    }

    @ParameterizedTest(name = "{0} rows={2} depth={3} cols={4} relu={5}")
    @MethodSource("cases")
    void multiplyMatchesFloat64(String name, Kernel kernel, int rows, int depth, int cols, boolean relu) {
        Random r = new Random(rows * 31L + depth * 7L + cols);
        double[] w = values(r, rows * depth);
        double[] bias = values(r, rows);
        double[] p = values(r, depth * cols);
        float[] panel = new float[depth * ConvOp.roundUp(cols, kernel.nr())];
        for (int k = 0; k < depth; k++) {
            for (int j = 0; j < cols; j++) {
                panel[(j / kernel.nr() * depth + k) * kernel.nr() + j % kernel.nr()] = (float) p[k * cols + j];
            }
        }
        // Output with a wider row stride and an offset, to check that nothing outside is written.
        int ldc = cols + 3;
        float[] out = new float[2 + rows * ldc];
        kernel.multiply(new PackedWeights(w, bias, rows, depth, kernel.mr()), panel, cols, out, 2, ldc, relu);
        TensorAssert.assertClose(expected(w, bias, p, rows, depth, cols, relu, ldc), actual(out), 1e-5, 1e-5);
    }

    static Stream<Arguments> directCases() {
        return IntStream.of(1, 2, 3, 4).boxed().flatMap(g -> Stream.of(Arguments.of(g, true), Arguments.of(g, false)));
    }

    @ParameterizedTest(name = "lane groups={0} relu={1}")
    @MethodSource("directCases")
    void directModeReadsColumnsAtTheirOffsets(int groups, boolean relu) {
        assumeTrue(Kernels.vectorAvailable(), "JVM without jdk.incubator.vector");
        Kernel kernel = Kernels.of(Backend.VECTOR);
        int lanes = kernel.directLanes();
        int rows = 11;
        int depth = 10;
        int cols = groups * lanes;
        Random r = new Random(groups);
        double[] w = values(r, rows * depth);
        double[] bias = values(r, rows);
        double[] p = values(r, depth * cols);
        // Depth row k of column g*lanes + j sits at x[5 + k*(cols + 1) + g*lanes + j].
        float[] x = new float[5 + depth * (cols + 1)];
        int[] tap = new int[depth];
        for (int k = 0; k < depth; k++) {
            tap[k] = 5 + k * (cols + 1);
            for (int j = 0; j < cols; j++) {
                x[tap[k] + j] = (float) p[k * cols + j];
            }
        }
        int[] laneBase = IntStream.range(0, groups).map(g -> g * lanes).toArray();
        int ldc = cols + 3;
        float[] out = new float[2 + rows * ldc];
        kernel.multiplyDirect(new PackedWeights(w, bias, rows, depth, kernel.mr()), x, tap, laneBase, groups, out, 2,
                ldc, relu);
        TensorAssert.assertClose(expected(w, bias, p, rows, depth, cols, relu, ldc), actual(out), 1e-5, 1e-5);
    }

    @ParameterizedTest(name = "positions={0} relu={1}")
    @MethodSource("directCases")
    void patchModeReadsEachPositionsWindowInPlace(int groups, boolean relu) {
        assumeTrue(Kernels.vectorAvailable() && Kernels.of(Backend.VECTOR).patchChannels() > 0,
                "no patch mode on this JVM or CPU");
        Kernel kernel = Kernels.of(Backend.VECTOR);
        int rows = kernel.patchChannels() + 5;
        int depth = 9;
        int cols = groups * 5 + 2;
        Random r = new Random(groups + 17);
        double[] w = values(r, rows * depth);
        double[] bias = values(r, rows);
        double[] p = values(r, depth * cols);
        // Value k of position j sits at x[tap[k] + posBase[j]] with tap[k] = 3 + k and posBase[j] = j * (depth + 2).
        float[] x = new float[3 + depth + cols * (depth + 2)];
        int[] tap = IntStream.range(0, depth).map(k -> 3 + k).toArray();
        int[] posBase = IntStream.range(0, cols).map(j -> j * (depth + 2)).toArray();
        for (int k = 0; k < depth; k++) {
            for (int j = 0; j < cols; j++) {
                x[tap[k] + posBase[j]] = (float) p[k * cols + j];
            }
        }
        int ldc = cols + 3;
        float[] out = new float[2 + rows * ldc];
        kernel.multiplyPatches(new PackedWeights(w, bias, rows, depth, kernel.patchChannels()), x, tap, posBase, cols,
                out, 2, ldc, relu);
        TensorAssert.assertClose(expected(w, bias, p, rows, depth, cols, relu, ldc), actual(out), 1e-5, 1e-5);
    }

    private static Tensor expected(double[] w, double[] bias, double[] p, int rows, int depth, int cols, boolean relu,
                                   int ldc) {
        double[] e = new double[2 + rows * ldc];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = bias[i];
                for (int k = 0; k < depth; k++) {
                    s += w[i * depth + k] * p[k * cols + j];
                }
                e[2 + i * ldc + j] = relu ? Math.max(0, s) : s;
            }
        }
        return Tensor.wrap(e, e.length);
    }

    private static Tensor actual(float[] out) {
        double[] d = new double[out.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = out[i];
        }
        return Tensor.wrap(d, d.length);
    }

    /** Values exactly representable as float, so float and double inputs agree. */
    private static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }
}
