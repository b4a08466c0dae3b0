package io.tensorgrade.gpu;

import io.tensorgrade.ref.net.LayerSpec;

/**
 * The windows of {@code avg_pool2d} and {@code adaptive_avg_pool2d} along one dimension, as the CPU
 * backend's {@code AvgPoolOp} computes them: {@code out} clipped starts, then {@code out} ends, then
 * {@code out} divisor factors (the padded window size with {@code count_include_pad}, else the clipped one).
 */
final class PoolWindows {
    private PoolWindows() {
    }

    static int[] of(LayerSpec spec, int size, int out, boolean vertical) {
        int[] win = new int[3 * out];
        for (int i = 0; i < out; i++) {
            int start;
            int end;
            int div;
            if (spec instanceof LayerSpec.AvgPool2d p) {
                int k = vertical ? p.kernel().h() : p.kernel().w();
                int s = vertical ? p.stride().h() : p.stride().w();
                int pad = vertical ? p.padding().h() : p.padding().w();
                start = i * s - pad;
                end = Math.min(start + k, size + pad);
                int pool = end - start;
                start = Math.max(start, 0);
                end = Math.min(end, size);
                div = p.countIncludePad() ? pool : end - start;
            } else {
                start = (int) ((long) i * size / out);
                end = (int) (((long) (i + 1) * size + out - 1) / out);
                div = end - start;
            }
            win[i] = start;
            win[out + i] = end;
            win[2 * out + i] = div;
        }
        return win;
    }
}
