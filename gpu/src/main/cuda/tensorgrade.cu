// Inference kernels of io.tensorgrade.gpu, float32, batches stored NCHW ([n][c][h][w]).
//
// Compiled to PTX by gpu/src/main/cuda/build-ptx.sh with clang's NVPTX target, without the CUDA
// headers or libdevice: the built-ins below are clang's, and no libm function is called (the
// activations use ex2.approx). The generated tensorgrade.ptx is committed under src/main/resources;
// the Java side (GpuKernels) launches the entry points by these names and argument lists, so a change
// here needs the same change there. With TG_EMULATE the same source compiles as host C++ for
// gpu/src/test/cuda/emulate.cpp, which runs every block's threads on CPU threads.

#ifdef TG_EMULATE
#include "emulate.h"
#else
#define TG_GLOBAL extern "C" __attribute__((global))
#define TG_SHARED __attribute__((shared))
#define TG_DEVICE static __attribute__((device)) inline
#define TG_TID_X ((int) __nvvm_read_ptx_sreg_tid_x())
#define TG_BID_X ((int) __nvvm_read_ptx_sreg_ctaid_x())
#define TG_BID_Y ((int) __nvvm_read_ptx_sreg_ctaid_y())
#define TG_BID_Z ((int) __nvvm_read_ptx_sreg_ctaid_z())
#define TG_BDIM_X ((int) __nvvm_read_ptx_sreg_ntid_x())
#define TG_GDIM_X ((int) __nvvm_read_ptx_sreg_nctaid_x())
#define TG_SYNC() __syncthreads()
#define TG_EXP2(x) __nvvm_ex2_approx_f(x)
#endif

// One thread per element, grid-stride: i runs over [0, total).
#define TG_FOR_EACH(i, total) \
    for (long long i = (long long) TG_BID_X * TG_BDIM_X + TG_TID_X; i < (total); \
         i += (long long) TG_GDIM_X * TG_BDIM_X)

// ToTensor() then Normalize(mean, std) as x * a[c] + b[c]; src holds n*c*hw uint8 pixels.
TG_GLOBAL void tg_normalize_u8(const unsigned char* src, float* dst, const float* a, const float* b,
                               long long total, int c, int hw) {
    TG_FOR_EACH(i, total) {
        int ch = (int) ((i / hw) % c);
        dst[i] = (float) src[i] * a[ch] + b[ch];
    }
}

// As tg_normalize_u8 for float pixels.
TG_GLOBAL void tg_normalize_f32(const float* src, float* dst, const float* a, const float* b,
                                long long total, int c, int hw) {
    TG_FOR_EACH(i, total) {
        int ch = (int) ((i / hw) % c);
        dst[i] = src[i] * a[ch] + b[ch];
    }
}

// conv2d (stride, padding, dilation, groups) as an implicit GEMM per group: the weights
// (cout/groups x K, K = cin/groups*kh*kw) times the im2col matrix (K x n*oh*ow), whose tiles are
// gathered from x as they are loaded. Each 256-thread block computes a 64 x 64 output tile, 4 x 4
// values per thread. A linear layer is the case kh = kw = h = w = oh = ow = 1.
// grid: (ceil(n*oh*ow / 64), ceil(cout/groups / 64), groups); block: 256.
#define TG_BM 64
#define TG_BN 64
#define TG_BK 16
TG_GLOBAL void tg_conv2d(const float* x, const float* w, const float* bias, float* y,
                         int n, int cin, int h, int wd, int cout, int kh, int kw,
                         int sh, int sw, int ph, int pw, int dh, int dw, int groups,
                         int oh, int ow, int has_bias, int relu) {
    TG_SHARED float as[TG_BK][TG_BM];
    TG_SHARED float bs[TG_BK][TG_BN];
    const int g = TG_BID_Z;
    const int cin_g = cin / groups;
    const int cout_g = cout / groups;
    const int kk_size = kh * kw;
    const int depth = cin_g * kk_size;
    const int plane = oh * ow;
    const long long cols = (long long) n * plane;
    const int m0 = TG_BID_Y * TG_BM;
    const long long n0 = (long long) TG_BID_X * TG_BN;
    const int tid = TG_TID_X;
    const int tx = tid % 16;
    const int ty = tid / 16;
    const float* wg = w + (long long) g * cout_g * depth;
    float acc[4][4];
    #pragma unroll
    for (int i = 0; i < 4; i++) {
        #pragma unroll
        for (int j = 0; j < 4; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int k0 = 0; k0 < depth; k0 += TG_BK) {
        // Weights: consecutive threads read consecutive k of one row.
        for (int i = tid; i < TG_BM * TG_BK; i += 256) {
            int mm = i / TG_BK;
            int kk = i % TG_BK;
            int m = m0 + mm;
            int k = k0 + kk;
            as[kk][mm] = (m < cout_g && k < depth) ? wg[(long long) m * depth + k] : 0.0f;
        }
        // im2col: consecutive threads read consecutive output positions of one tap.
        for (int i = tid; i < TG_BK * TG_BN; i += 256) {
            int kk = i / TG_BN;
            int nn = i % TG_BN;
            long long col = n0 + nn;
            int k = k0 + kk;
            float v = 0.0f;
            if (col < cols && k < depth) {
                int s = (int) (col / plane);
                int pos = (int) (col % plane);
                int oy = pos / ow;
                int ox = pos % ow;
                int ci = k / kk_size;
                int r = k % kk_size;
                int iy = oy * sh - ph + (r / kw) * dh;
                int ix = ox * sw - pw + (r % kw) * dw;
                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                    v = x[(((long long) s * cin + g * cin_g + ci) * h + iy) * wd + ix];
                }
            }
            bs[kk][nn] = v;
        }
        TG_SYNC();
        #pragma unroll
        for (int kk = 0; kk < TG_BK; kk++) {
            float a[4];
            float b[4];
            #pragma unroll
            for (int i = 0; i < 4; i++) {
                a[i] = as[kk][ty * 4 + i];
                b[i] = bs[kk][tx * 4 + i];
            }
            #pragma unroll
            for (int i = 0; i < 4; i++) {
                #pragma unroll
                for (int j = 0; j < 4; j++) {
                    acc[i][j] += a[i] * b[j];
                }
            }
        }
        TG_SYNC();
    }
    #pragma unroll
    for (int i = 0; i < 4; i++) {
        int m = m0 + ty * 4 + i;
        if (m >= cout_g) {
            continue;
        }
        int co = g * cout_g + m;
        float add = has_bias ? bias[co] : 0.0f;
        #pragma unroll
        for (int j = 0; j < 4; j++) {
            long long col = n0 + tx * 4 + j;
            if (col >= cols) {
                continue;
            }
            float v = acc[i][j] + add;
            if (relu && !(v >= 0.0f)) {
                v = v != v ? v : 0.0f;  // ReLU keeps NaN, as torch.relu
            }
            long long s = col / plane;
            long long pos = col % plane;
            y[(s * cout + co) * plane + pos] = v;
        }
    }
}

// max_pool2d over planes = n*c planes: PyTorch's windows (padding never wins, the start steps by the
// dilation out of the padding, the end is clipped to the input); a NaN in the window wins.
TG_GLOBAL void tg_max_pool2d(const float* x, float* y, long long planes, int h, int wd, int oh, int ow,
                             int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
    TG_FOR_EACH(i, planes * oh * ow) {
        long long plane = i / ((long long) oh * ow);
        int pos = (int) (i % ((long long) oh * ow));
        int oy = pos / ow;
        int ox = pos % ow;
        int h0 = oy * sh - ph;
        int h1 = h0 + (kh - 1) * dh + 1;
        h1 = h1 < h ? h1 : h;
        while (h0 < 0) {
            h0 += dh;
        }
        int w0 = ox * sw - pw;
        int w1 = w0 + (kw - 1) * dw + 1;
        w1 = w1 < wd ? w1 : wd;
        while (w0 < 0) {
            w0 += dw;
        }
        const float* base = x + plane * h * wd;
        float best = -__builtin_inff();
        for (int iy = h0; iy < h1; iy += dh) {
            for (int ix = w0; ix < w1; ix += dw) {
                float v = base[iy * wd + ix];
                if (v > best || v != v) {
                    best = v;
                }
            }
        }
        y[i] = best;
    }
}

// avg_pool2d and adaptive_avg_pool2d over n*c planes with windows computed on the host: rows holds
// oh starts, oh ends and oh divisor factors; cols the same for ow. An empty window gives 0.
TG_GLOBAL void tg_avg_pool2d(const float* x, float* y, long long planes, int h, int wd, int oh, int ow,
                             const int* rows, const int* cols) {
    TG_FOR_EACH(i, planes * oh * ow) {
        long long plane = i / ((long long) oh * ow);
        int pos = (int) (i % ((long long) oh * ow));
        int oy = pos / ow;
        int ox = pos % ow;
        int h0 = rows[oy];
        int h1 = rows[oh + oy];
        int w0 = cols[ox];
        int w1 = cols[ow + ox];
        if (h0 >= h1 || w0 >= w1) {
            y[i] = 0.0f;
            continue;
        }
        const float* base = x + plane * h * wd;
        float sum = 0.0f;
        for (int iy = h0; iy < h1; iy++) {
            for (int ix = w0; ix < w1; ix++) {
                sum += base[iy * wd + ix];
            }
        }
        y[i] = sum / (float) ((long long) rows[2 * oh + oy] * cols[2 * ow + ox]);
    }
}

// Eval-mode batch norm that could not be folded into a conv, in place: x * scale[c] + shift[c].
TG_GLOBAL void tg_channel_affine(float* x, const float* scale, const float* shift, long long total, int c,
                                 int hw) {
    TG_FOR_EACH(i, total) {
        int ch = (int) ((i / hw) % c);
        x[i] = x[i] * scale[ch] + shift[ch];
    }
}

TG_DEVICE float tg_sigmoid(float v) {
    // 1 / (1 + e^-v) with e^-v = 2^(-v * log2(e)); ex2.approx is within 2 ulp.
    return 1.0f / (1.0f + TG_EXP2(-v * 1.4426950408889634f));
}

// relu (fn 0), sigmoid (fn 1) or tanh (fn 2) in place, for activations not fused into a conv.
TG_GLOBAL void tg_activation(float* x, long long total, int fn) {
    TG_FOR_EACH(i, total) {
        float v = x[i];
        if (fn == 0) {
            x[i] = v < 0.0f ? 0.0f : v;
        } else if (fn == 1) {
            x[i] = tg_sigmoid(v);
        } else {
            // tanh(v) = 2 sigmoid(2v) - 1, computed on |v| so that the large side saturates to 1 exactly.
            float a = v < 0.0f ? -v : v;
            float t = 2.0f * tg_sigmoid(2.0f * a) - 1.0f;
            x[i] = v != v ? v : (v < 0.0f ? -t : t);
        }
    }
}
