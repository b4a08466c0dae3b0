package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * Explains an output of the wrong spatial size: whether it holds the expected values where the two overlap,
 * possibly shifted (a 3x3 stencil without padding gives the 2x2 one's output shifted by one). Both tensors
 * are [N, C, H, W].
 */
final class OutputShift {
    private static final int MAX_SHIFT = 3;

    private OutputShift() {
    }

    /** A sentence (with a leading space) on how {@code actual} relates to {@code expected}; empty if nothing fits. */
    static String describe(Tensor expected, Tensor actual, Tolerance tolerance) {
        if (expected.dim(0) != actual.dim(0) || expected.dim(1) != actual.dim(1)) {
            return expected.dim(1) != actual.dim(1)
                    ? " It has " + actual.dim(1) + " channels instead of " + expected.dim(1) + "." : "";
        }
        int best = Integer.MAX_VALUE;
        int[] shift = null;
        for (int dy = -MAX_SHIFT; dy <= MAX_SHIFT; dy++) {
            for (int dx = -MAX_SHIFT; dx <= MAX_SHIFT; dx++) {
                int cost = Math.abs(dy) + Math.abs(dx);
                if (cost < best && overlapMatches(expected, actual, dy, dx, tolerance)) {
                    best = cost;
                    shift = new int[] {dy, dx};
                }
            }
        }
        if (shift == null) {
            return "";
        }
        if (shift[0] == 0 && shift[1] == 0) {
            return " Where the two overlap (from the top-left corner) the values match: the kernel is right, but the"
                    + " padding or the kernel size gives extra or missing rows or columns.";
        }
        String by = shift[0] == 0 ? rows(shift[1], "column") : shift[1] == 0 ? rows(shift[0], "row")
                : rows(shift[0], "row") + " and " + rows(shift[1], "column");
        return " Its values are the expected ones shifted by " + by + " (your [i, j] is the expected [i" + signed(shift[0]) + ", j"
                + signed(shift[1]) + "]): the kernel is larger than needed or off-centre, or the padding is wrong.";
    }

    /** Whether actual[i, j] == expected[i + dy, j + dx] wherever both exist, on at least half of the smaller map. */
    private static boolean overlapMatches(Tensor expected, Tensor actual, int dy, int dx, Tolerance tolerance) {
        int eh = expected.dim(2);
        int ew = expected.dim(3);
        int ah = actual.dim(2);
        int aw = actual.dim(3);
        int rows = Math.min(ah, eh - dy) - Math.max(0, -dy);
        int cols = Math.min(aw, ew - dx) - Math.max(0, -dx);
        if (rows <= 0 || cols <= 0 || 2L * rows * cols < (long) Math.min(eh * ew, ah * aw)) {
            return false;
        }
        double[] e = expected.rawData();
        double[] a = actual.rawData();
        for (int n = 0; n < expected.dim(0); n++) {
            for (int c = 0; c < expected.dim(1); c++) {
                int eBase = (n * expected.dim(1) + c) * eh * ew;
                int aBase = (n * actual.dim(1) + c) * ah * aw;
                for (int i = Math.max(0, -dy); i < Math.min(ah, eh - dy); i++) {
                    for (int j = Math.max(0, -dx); j < Math.min(aw, ew - dx); j++) {
                        if (!tolerance.accepts(e[eBase + (i + dy) * ew + j + dx], a[aBase + i * aw + j])) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private static String rows(int n, String what) {
        return Math.abs(n) + " " + what + (Math.abs(n) == 1 ? "" : "s");
    }

    private static String signed(int n) {
        return n == 0 ? "" : n > 0 ? "+" + n : String.valueOf(n);
    }
}
