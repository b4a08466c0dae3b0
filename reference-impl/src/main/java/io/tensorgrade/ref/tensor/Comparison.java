package io.tensorgrade.ref.tensor;

import java.util.Arrays;

/**
 * The result of comparing an actual tensor with an expected one under {@code |a - e| <= atol + rtol * |e|}.
 * When they differ, {@code firstBadIndex} names the first element (in row-major order) that is out
 * of tolerance, or is -1 when the shapes differ.
 */
public record Comparison(boolean matches, boolean sameShape, int[] firstBadIndex, double expectedValue,
                         double actualValue, double maxAbsError, double maxRelError, int mismatches, String message) {

    public Comparison {
        firstBadIndex = firstBadIndex == null ? null : firstBadIndex.clone();
    }

    @Override
    public int[] firstBadIndex() {
        return firstBadIndex == null ? null : firstBadIndex.clone();
    }

    /** Compares {@code actual} with {@code expected}; NaN matches nothing, infinities match only themselves. */
    public static Comparison of(Tensor expected, Tensor actual, double atol, double rtol) {
        if (!expected.sameShape(actual)) {
            return new Comparison(false, false, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1,
                    "shape differs: expected " + expected.shapeString() + ", got " + actual.shapeString());
        }
        double[] e = expected.rawData();
        double[] a = actual.rawData();
        int firstBad = -1;
        int bad = 0;
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            boolean ok;
            if (Double.isNaN(a[i]) || Double.isNaN(e[i])) {
                ok = false;
                diff = Double.POSITIVE_INFINITY;
            } else if (Double.isInfinite(a[i]) || Double.isInfinite(e[i])) {
                ok = a[i] == e[i];
                diff = ok ? 0 : Double.POSITIVE_INFINITY;
            } else {
                ok = diff <= atol + rtol * Math.abs(e[i]);
            }
            maxAbs = Math.max(maxAbs, diff);
            if (e[i] != 0) {
                maxRel = Math.max(maxRel, diff / Math.abs(e[i]));
            }
            if (!ok) {
                bad++;
                if (firstBad < 0) {
                    firstBad = i;
                }
            }
        }
        if (firstBad < 0) {
            return new Comparison(true, true, null, Double.NaN, Double.NaN, maxAbs, maxRel, 0,
                    String.format("all %d values match (max abs error %.3g)", e.length, maxAbs));
        }
        int[] idx = unravel(firstBad, expected.shape());
        String msg = String.format("%d of %d values differ; first at %s: expected %s, got %s (max abs error %.3g, max rel error %.3g)",
                bad, e.length, Arrays.toString(idx), format(e[firstBad]), format(a[firstBad]), maxAbs, maxRel);
        return new Comparison(false, true, idx, e[firstBad], a[firstBad], maxAbs, maxRel, bad, msg);
    }

    /** Row-major flat offset to a multi-index. */
    public static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Comparison c && matches == c.matches && message.equals(c.message);
    }

    @Override
    public int hashCode() {
        return message.hashCode();
    }

    @Override
    public String toString() {
        return message;
    }
}
