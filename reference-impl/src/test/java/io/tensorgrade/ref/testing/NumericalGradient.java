package io.tensorgrade.ref.testing;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.function.Function;

/**
 * Central-difference gradients of {@code L(x) = sum(f(x) * gradOut)}, the quantity a backward
 * pass computes, for checking backward implementations.
 */
public final class NumericalGradient {
    private NumericalGradient() {
    }

    /** dL/dx by central differences with step {@code h}. */
    public static Tensor of(Function<Tensor, Tensor> f, Tensor x, Tensor gradOut, double h) {
        double[] base = x.data();
        double[] g = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            double orig = base[i];
            base[i] = orig + h;
            double plus = dot(f.apply(Tensor.of(base, x.shape())), gradOut);
            base[i] = orig - h;
            double minus = dot(f.apply(Tensor.of(base, x.shape())), gradOut);
            base[i] = orig;
            g[i] = (plus - minus) / (2 * h);
        }
        return Tensor.wrap(g, x.shape());
    }

    /** dL/dx with the default step 1e-6. */
    public static Tensor of(Function<Tensor, Tensor> f, Tensor x, Tensor gradOut) {
        return of(f, x, gradOut, 1e-6);
    }

    private static double dot(Tensor a, Tensor b) {
        double[] x = a.rawData();
        double[] y = b.rawData();
        if (x.length != y.length) {
            throw new IllegalArgumentException("gradOut has " + y.length + " values, output has " + x.length);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** A tensor of reproducible pseudo-random values in [-1, 1). */
    public static Tensor random(long seed, int... shape) {
        java.util.Random r = new java.util.Random(seed);
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble() * 2 - 1;
        }
        return Tensor.wrap(d, shape);
    }
}
