package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.LayerSpec;

/** The sizes of one convolution on one input shape, as {@code torch.nn.functional.conv2d} computes them. */
record ConvGeometry(int inPerGroup, int outPerGroup, int kh, int kw, int strideH, int strideW, int padH, int padW,
                    int dilationH, int dilationW, int outH, int outW) {

    static ConvGeometry of(LayerSpec.Conv2d spec, Dims in) {
        int kh = spec.kernel().h();
        int kw = spec.kernel().w();
        int outH = (in.h() + 2 * spec.padding().h() - spec.dilation().h() * (kh - 1) - 1) / spec.stride().h() + 1;
        int outW = (in.w() + 2 * spec.padding().w() - spec.dilation().w() * (kw - 1) - 1) / spec.stride().w() + 1;
        return new ConvGeometry(spec.in() / spec.groups(), spec.out() / spec.groups(), kh, kw, spec.stride().h(),
                spec.stride().w(), spec.padding().h(), spec.padding().w(), spec.dilation().h(), spec.dilation().w(),
                outH, outW);
    }

    /** Rows of the im2col matrix of one group: {@code (in/groups) * kh * kw}. */
    int depth() {
        return inPerGroup * kh * kw;
    }
}
