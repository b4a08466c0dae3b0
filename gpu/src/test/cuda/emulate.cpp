// Runs the kernels of gpu/src/main/cuda/tensorgrade.cu on the CPU (see emulate.h) against naive loops
// with PyTorch's semantics, on shapes that exercise tiles' edges, groups, stride, padding and dilation.
// A check of the kernels' index arithmetic where no GPU is at hand; it says nothing about the driver,
// JCuda or the Java launches. Build and run: gpu/src/test/cuda/emulate.sh
#include "emulate.h"
#include "../../main/cuda/tensorgrade.cu"
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

thread_local TgDim tg_tid, tg_bid;
TgDim tg_bdim, tg_gdim;
pthread_barrier_t tg_barrier;

struct Args { std::function<void()>* body; int x; TgDim bid; };

static void* thread_main(void* p) {
    Args* a = (Args*) p;
    tg_tid = {a->x, 0, 0};
    tg_bid = a->bid;
    (*a->body)();
    return nullptr;
}

static void launch(int gx, int gy, int gz, int threads, std::function<void()> body) {
    tg_bdim = {threads, 1, 1};
    tg_gdim = {gx, gy, gz};
    pthread_barrier_init(&tg_barrier, nullptr, threads);
    std::vector<pthread_t> ts(threads);
    std::vector<Args> args(threads);
    for (int z = 0; z < gz; z++) for (int y = 0; y < gy; y++) for (int x = 0; x < gx; x++) {
        for (int t = 0; t < threads; t++) {
            args[t] = {&body, t, {x, y, z}};
            pthread_create(&ts[t], nullptr, thread_main, &args[t]);
        }
        for (int t = 0; t < threads; t++) pthread_join(ts[t], nullptr);
    }
    pthread_barrier_destroy(&tg_barrier);
}

static std::mt19937 rng(42);
static std::vector<float> random(size_t n) {
    std::uniform_real_distribution<float> d(-1, 1);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

static int failures = 0;
static void expect_close(const char* what, const std::vector<float>& want, const std::vector<float>& got) {
    for (size_t i = 0; i < want.size(); i++) {
        if (!(std::fabs(want[i] - got[i]) <= 1e-4f + 1e-4f * std::fabs(want[i]))) {
            std::printf("FAIL %s: index %zu expected %g got %g\n", what, i, want[i], got[i]);
            failures++;
            return;
        }
    }
    std::printf("ok   %s (%zu values)\n", what, want.size());
}

static void conv_case(const char* what, int n, int cin, int h, int w, int cout, int kh, int kw, int sh, int sw,
                      int ph, int pw, int dh, int dw, int groups, bool bias, bool relu) {
    int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    int cg = cin / groups, og = cout / groups;
    auto x = random((size_t) n * cin * h * w), wt = random((size_t) cout * cg * kh * kw), b = random(cout);
    std::vector<float> want((size_t) n * cout * oh * ow), got(want.size(), -7.0f);
    for (int s = 0; s < n; s++) for (int co = 0; co < cout; co++) for (int y = 0; y < oh; y++) for (int xo = 0; xo < ow; xo++) {
        double acc = bias ? b[co] : 0;
        int g = co / og;
        for (int ci = 0; ci < cg; ci++) for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) {
            int iy = y * sh - ph + ky * dh, ix = xo * sw - pw + kx * dw;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            acc += (double) wt[((co * cg + ci) * kh + ky) * kw + kx] * x[((s * cin + g * cg + ci) * h + iy) * w + ix];
        }
        float v = (float) acc;
        want[((s * cout + co) * oh + y) * ow + xo] = relu && v < 0 ? 0 : v;
    }
    int gx = (int) (((long long) n * oh * ow + 63) / 64), gy = (og + 63) / 64;
    launch(gx, gy, groups, 256, [&] {
        tg_conv2d(x.data(), wt.data(), bias ? b.data() : nullptr, got.data(), n, cin, h, w, cout, kh, kw, sh, sw,
                  ph, pw, dh, dw, groups, oh, ow, bias, relu);
    });
    expect_close(what, want, got);
}

int main() {
    conv_case("conv 3->16 k3 p1 (first layer of cs5242-cnn)", 5, 3, 32, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, true, true);
    conv_case("conv 64->128 k3 p1 on 4x4 (K=576, two 64-row tiles)", 3, 64, 4, 4, 128, 3, 3, 1, 1, 1, 1, 1, 1, 1, true, false);
    conv_case("conv groups=3 stride 2 pad 2 dilation 2, no bias", 2, 12, 11, 9, 24, 3, 3, 2, 2, 2, 2, 2, 2, 3, false, true);
    conv_case("conv 5x3 kernel, stride (1,2), pad (2,0), 70 outputs", 3, 4, 10, 13, 70, 5, 3, 1, 2, 2, 0, 1, 1, 1, true, false);
    conv_case("linear 216->70 as 1x1 conv, 37 samples", 37, 216, 1, 1, 70, 1, 1, 1, 1, 0, 0, 1, 1, 1, true, true);

    {   // max pool 3x3 s2 p1 d1 and 2x2 s2, plus dilation 2 pad 2
        int n = 2, c = 3, h = 9, w = 8;
        int cfg[][6] = {{3, 2, 1, 1, 0, 0}, {2, 2, 0, 1, 0, 0}, {3, 1, 2, 2, 0, 0}};
        for (auto& k : cfg) {
            int kk = k[0], s = k[1], p = k[2], d = k[3];
            int oh = (h + 2 * p - d * (kk - 1) - 1) / s + 1, ow = (w + 2 * p - d * (kk - 1) - 1) / s + 1;
            auto x = random((size_t) n * c * h * w);
            std::vector<float> want((size_t) n * c * oh * ow), got(want.size());
            for (int pl = 0; pl < n * c; pl++) for (int y = 0; y < oh; y++) for (int xo = 0; xo < ow; xo++) {
                float m = -INFINITY;
                for (int a = 0; a < kk; a++) for (int bb = 0; bb < kk; bb++) {
                    int iy = y * s - p + a * d, ix = xo * s - p + bb * d;
                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) m = std::fmax(m, x[(pl * h + iy) * w + ix]);
                }
                want[(pl * oh + y) * ow + xo] = m;
            }
            long long planes = n * c;
            launch((int) ((planes * oh * ow + 255) / 256), 1, 1, 256, [&] {
                tg_max_pool2d(x.data(), got.data(), planes, h, w, oh, ow, kk, kk, s, s, p, p, d, d);
            });
            char name[80];
            std::snprintf(name, sizeof name, "max pool k%d s%d p%d d%d", kk, s, p, d);
            expect_close(name, want, got);
        }
    }
    {   // adaptive avg pool 7x5 -> 3x2 with host windows, as PoolWindows computes them
        int n = 2, c = 4, h = 7, w = 5, oh = 3, ow = 2;
        auto x = random((size_t) n * c * h * w);
        std::vector<int> rows(3 * oh), cols(3 * ow);
        for (int i = 0; i < oh; i++) { rows[i] = i * h / oh; rows[oh + i] = ((i + 1) * h + oh - 1) / oh; rows[2 * oh + i] = rows[oh + i] - rows[i]; }
        for (int i = 0; i < ow; i++) { cols[i] = i * w / ow; cols[ow + i] = ((i + 1) * w + ow - 1) / ow; cols[2 * ow + i] = cols[ow + i] - cols[i]; }
        std::vector<float> want((size_t) n * c * oh * ow), got(want.size());
        for (int pl = 0; pl < n * c; pl++) for (int y = 0; y < oh; y++) for (int xo = 0; xo < ow; xo++) {
            double sum = 0;
            for (int iy = rows[y]; iy < rows[oh + y]; iy++) for (int ix = cols[xo]; ix < cols[ow + xo]; ix++) sum += x[(pl * h + iy) * w + ix];
            want[(pl * oh + y) * ow + xo] = (float) (sum / (rows[2 * oh + y] * cols[2 * ow + xo]));
        }
        long long planes = n * c;
        launch(1, 1, 1, 256, [&] { tg_avg_pool2d(x.data(), got.data(), planes, h, w, oh, ow, rows.data(), cols.data()); });
        expect_close("adaptive avg pool 7x5 -> 3x2", want, got);
    }
    {   // normalize uint8, channel affine, activations
        int n = 3, c = 3, hw = 50;
        long long total = (long long) n * c * hw;
        std::vector<unsigned char> px(total);
        for (auto& p : px) p = (unsigned char) (rng() & 0xff);
        std::vector<float> a = {0.1f, 0.2f, 0.3f}, b = {-1.0f, 0.5f, 2.0f}, want(total), got(total);
        for (long long i = 0; i < total; i++) want[i] = px[i] * a[(i / hw) % c] + b[(i / hw) % c];
        launch(2, 1, 1, 256, [&] { tg_normalize_u8(px.data(), got.data(), a.data(), b.data(), total, c, hw); });
        expect_close("normalize uint8 (grid-stride over 2 blocks)", want, got);
        auto x = random(total);
        for (long long i = 0; i < total; i++) want[i] = x[i] * a[(i / hw) % c] + b[(i / hw) % c];
        launch(1, 1, 1, 256, [&] { tg_channel_affine(x.data(), a.data(), b.data(), total, c, hw); });
        expect_close("channel affine", want, x);
        for (int fn = 0; fn < 3; fn++) {
            auto v = random(total);
            for (auto& e : v) e *= 8;
            for (long long i = 0; i < total; i++) want[i] = fn == 0 ? (v[i] < 0 ? 0 : v[i]) : fn == 1 ? 1 / (1 + std::exp(-v[i])) : std::tanh(v[i]);
            launch(3, 1, 1, 256, [&] { tg_activation(v.data(), total, fn); });
            expect_close(fn == 0 ? "relu" : fn == 1 ? "sigmoid" : "tanh", want, v);
        }
    }
    std::printf(failures ? "%d FAILED\n" : "all kernels agree with the naive loops\n", failures);
    return failures ? 1 : 0;
}
