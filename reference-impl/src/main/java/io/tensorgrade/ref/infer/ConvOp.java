package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.LayerSpec;

/**
 * {@code conv2d} (any stride, padding, dilation and groups) as im2col panels times packed weights, one
 * matrix multiply per group and block of output columns; bias, a folded batch norm and a following ReLU
 * are applied by the kernel as it stores.
 */
final class ConvOp implements Op {
    /** Panel size aimed at (floats): a block of columns of the im2col matrix that stays in the L2 cache. */
    private static final int PANEL_FLOATS = 1 << 16;

    private final LayerSpec.Conv2d spec;
    private final PackedWeights[] groups;
    /** The weights packed for the kernel's patch mode, or null when it has none or the groups are too narrow. */
    private final PackedWeights[] patchGroups;
    private final boolean relu;
    private final Kernel kernel;

    /**
     * @param weight {@code (out, in/groups, kh, kw)} row-major, any batch norm already folded in
     * @param bias   {@code out} values or null
     */
    ConvOp(LayerSpec.Conv2d spec, double[] weight, double[] bias, boolean relu, Kernel kernel) {
        this.spec = spec;
        this.relu = relu;
        this.kernel = kernel;
        int outPerGroup = spec.out() / spec.groups();
        int depth = (int) spec.fanIn();
        groups = new PackedWeights[spec.groups()];
        boolean patches = kernel.patchChannels() > 0 && outPerGroup >= kernel.patchChannels();
        patchGroups = patches ? new PackedWeights[spec.groups()] : null;
        for (int g = 0; g < spec.groups(); g++) {
            double[] w = java.util.Arrays.copyOfRange(weight, g * outPerGroup * depth, (g + 1) * outPerGroup * depth);
            double[] b = bias == null ? null
                    : java.util.Arrays.copyOfRange(bias, g * outPerGroup, (g + 1) * outPerGroup);
            groups[g] = new PackedWeights(w, b, outPerGroup, depth, kernel.mr());
            if (patches) {
                patchGroups[g] = new PackedWeights(w, b, outPerGroup, depth, kernel.patchChannels());
            }
        }
    }

    @Override
    public Dims out(Dims in) {
        ConvGeometry g = ConvGeometry.of(spec, in);
        return new Dims(spec.out(), g.outH(), g.outW());
    }

    @Override
    public int scratch(Dims in, int n) {
        Dims padded = padded(in);
        return Math.addExact(panelFloats(in, n), padded.equals(in) ? 0 : padded.batch(n));
    }

    /**
     * Copies the input into zero-padded planes (after the panel in {@code scratch}) unless there is no
     * padding, then multiplies: reading the windows in place when output rows are whole SIMD vectors
     * (direct mode) or when the kernel has a patch mode for this many channels, else block by block of
     * output columns through im2col panels.
     */
    @Override
    public void run(Dims in, int n, float[] src, float[] dst, float[] scratch) {
        ConvGeometry g = ConvGeometry.of(spec, in);
        Dims padded = padded(in);
        float[] x = src;
        if (!padded.equals(in)) {
            x = scratch;
            pad(src, in, n, x, panelFloats(in, n), padded);
        }
        int cols = n * g.outH() * g.outW();
        int block = block(g.depth());
        Im2col im2col = new Im2col(g, padded, n, kernel.nr(), x == src ? 0 : panelFloats(in, n));
        int lanes = kernel.directLanes();
        boolean direct = lanes > 0 && g.strideW() == 1 && g.outW() % lanes == 0;
        int[] laneBase = direct ? laneBases(g, padded, n, lanes) : null;
        int[] posBase = !direct && patchGroups != null ? positionBases(g, padded, n) : null;
        for (int group = 0; group < groups.length; group++) {
            int rowBase = group * g.outPerGroup() * cols;
            if (direct) {
                kernel.multiplyDirect(groups[group], x, im2col.taps(group), laneBase, laneBase.length, dst, rowBase,
                        cols, relu);
                continue;
            }
            if (posBase != null) {
                kernel.multiplyPatches(patchGroups[group], x, im2col.taps(group), posBase, cols, dst, rowBase, cols,
                        relu);
                continue;
            }
            for (int col0 = 0; col0 < cols; col0 += block) {
                int width = Math.min(block, cols - col0);
                im2col.fill(x, group, col0, width, scratch);
                kernel.multiply(groups[group], scratch, width, dst, rowBase + col0, cols, relu);
            }
        }
    }

    /** Offset in the padded input of the first window of each run of {@code lanes} output columns. */
    private static int[] laneBases(ConvGeometry g, Dims padded, int n, int lanes) {
        int perRow = g.outW() / lanes;
        int[] base = new int[n * g.outH() * perRow];
        int i = 0;
        for (int s = 0; s < n; s++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int q = 0; q < perRow; q++) {
                    base[i++] = s * padded.plane() + oh * g.strideH() * padded.w() + q * lanes;
                }
            }
        }
        return base;
    }

    /** Offset in the padded input of the window of each output position {@code (n, oh, ow)}. */
    private static int[] positionBases(ConvGeometry g, Dims padded, int n) {
        int[] base = new int[n * g.outH() * g.outW()];
        int i = 0;
        for (int s = 0; s < n; s++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    base[i++] = s * padded.plane() + oh * g.strideH() * padded.w() + ow * g.strideW();
                }
            }
        }
        return base;
    }

    private int panelFloats(Dims in, int n) {
        ConvGeometry g = ConvGeometry.of(spec, in);
        int cols = Math.multiplyExact(n, g.outH() * g.outW());
        int block = Math.min(block(g.depth()), cols);
        return Math.multiplyExact(g.depth(), roundUp(block, kernel.nr()));
    }

    private Dims padded(Dims in) {
        return new Dims(in.c(), in.h() + 2 * spec.padding().h(), in.w() + 2 * spec.padding().w());
    }

    /** Writes each plane of {@code src} into the middle of a zeroed plane of {@code to}, from {@code at}. */
    private static void pad(float[] src, Dims in, int n, float[] dst, int at, Dims to) {
        java.util.Arrays.fill(dst, at, at + to.batch(n), 0f);
        int top = (to.h() - in.h()) / 2;
        int left = (to.w() - in.w()) / 2;
        for (int plane = 0; plane < in.c() * n; plane++) {
            for (int h = 0; h < in.h(); h++) {
                System.arraycopy(src, plane * in.plane() + h * in.w(), dst,
                        at + plane * to.plane() + (h + top) * to.w() + left, in.w());
            }
        }
    }

    /** Columns per panel: a multiple of the kernel's chunk width, at least one chunk. */
    private int block(int depth) {
        int nr = kernel.nr();
        return Math.max(nr, PANEL_FLOATS / depth / nr * nr);
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
