# Seed 004 -- conv/pool naive layers (UCLA ECE C147/C247 HW5 style).  Run: /usr/bin/python3 seed004.py
import numpy as np, torch, torch.nn.functional as F

def out_hw(H, HH, stride, pad): return 1 + (H + 2*pad - HH) // stride

# Output shape (N, F, H', W'), H' = 1 + (H + 2*pad - HH)/stride
for (H, HH, s, p) in [(4, 4, 2, 1), (32, 7, 1, 3), (4, 2, 1, 0), (5, 3, 2, 1)]:
    print(f"H={H} HH={HH} stride={s} pad={p} -> H'={out_hw(H,HH,s,p)}  (note's typo (H+2p-HH)/s - 1 = {(H+2*p-HH)//s - 1})")

# Reference conv_forward_naive / conv_backward_naive / max_pool_* (what the skeleton is meant to become)
def conv_forward_naive(x, w, b, conv_param):
    s, p = conv_param['stride'], conv_param['pad']
    N, C, H, W = x.shape; Fn, _, HH, WW = w.shape
    Ho, Wo = out_hw(H, HH, s, p), out_hw(W, WW, s, p)
    xpad = np.pad(x, ((0,0),(0,0),(p,p),(p,p)))
    out = np.zeros((N, Fn, Ho, Wo))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                x_seg = xpad[n, :, i*s:i*s+HH, j*s:j*s+WW]               # (C,HH,WW)
                out[n, :, i, j] = np.sum(x_seg[None] * w, axis=(1, 2, 3)) + b
    return out, (x, w, b, conv_param)

def conv_backward_naive(dout, cache):
    x, w, b, cp = cache; s, p = cp['stride'], cp['pad']
    N, Fn, Ho, Wo = dout.shape; _, _, HH, WW = w.shape
    xpad = np.pad(x, ((0,0),(0,0),(p,p),(p,p))); dxpad = np.zeros_like(xpad); dw = np.zeros_like(w)
    db = dout.sum(axis=(0, 2, 3))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                for f in range(Fn):
                    x_seg = xpad[n, :, i*s:i*s+HH, j*s:j*s+WW]
                    dw[f] += x_seg * dout[n, f, i, j]
                    dxpad[n, :, i*s:i*s+HH, j*s:j*s+WW] += w[f] * dout[n, f, i, j]
    return dxpad[:, :, p:p+x.shape[2], p:p+x.shape[3]], dw, db

def max_pool_forward_naive(x, pp):
    ph, pw, s = pp['pool_height'], pp['pool_width'], pp['stride']
    N, C, H, W = x.shape; Ho, Wo = 1 + (H-ph)//s, 1 + (W-pw)//s
    out = np.zeros((N, C, Ho, Wo))
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, c, i, j] = np.amax(x[n, c, i*s:i*s+ph, j*s:j*s+pw])
    return out, (x, pp)

def max_pool_backward_naive(dout, cache, buggy=False):
    x, pp = cache; ph, pw, s = pp['pool_height'], pp['pool_width'], pp['stride']
    dx = np.zeros_like(x); N, C, Ho, Wo = dout.shape
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    seg = x[n, c, i*s:i*s+ph, j*s:j*s+pw]
                    ref = x if buggy else seg                      # the note writes mask = (x == np.amax(x))
                    mask = (seg == np.amax(ref))
                    dx[n, c, i*s:i*s+ph, j*s:j*s+pw] += mask * dout[n, c, i, j]
    return dx

rng = np.random.default_rng(0)
x = rng.standard_normal((2, 3, 4, 4)); w = rng.standard_normal((3, 3, 4, 4)); b = rng.standard_normal(3)
cp = {'stride': 2, 'pad': 1}
out, cache = conv_forward_naive(x, w, b, cp)
xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
ot = F.conv2d(xt, wt, bt, stride=2, padding=1)
print("conv fwd shape", out.shape, "max err", np.abs(out - ot.detach().numpy()).max())
dout = rng.standard_normal(out.shape); ot.backward(torch.tensor(dout))
dx, dw, db = conv_backward_naive(dout, cache)
print("conv bwd max err dx/dw/db", np.abs(dx-xt.grad.numpy()).max(), np.abs(dw-wt.grad.numpy()).max(), np.abs(db-bt.grad.numpy()).max())

pp = {'pool_height': 2, 'pool_width': 2, 'stride': 2}
xp = rng.standard_normal((2, 3, 4, 4))
o, c = max_pool_forward_naive(xp, pp)
xpt = torch.tensor(xp, requires_grad=True); opt = F.max_pool2d(xpt, 2, 2); d = rng.standard_normal(o.shape); opt.backward(torch.tensor(d))
print("pool fwd shape", o.shape, "err", np.abs(o - opt.detach().numpy()).max(),
      "| bwd err correct", np.abs(max_pool_backward_naive(d, c) - xpt.grad.numpy()).max(),
      "| bwd err with note's global mask", np.abs(max_pool_backward_naive(d, c, buggy=True) - xpt.grad.numpy()).max())

# Worked 2-D example from the note: 4x4 input, 2x2 filter, stride 1, no pad -> 3x3; dL/dy all ones
X = np.arange(1, 17, dtype=float).reshape(1, 1, 4, 4); Wk = np.array([[[[1., 2.], [3., 4.]]]]); bk = np.zeros(1)
Y, cache = conv_forward_naive(X, Wk, bk, {'stride': 1, 'pad': 0})
dX, dW, dB = conv_backward_naive(np.ones_like(Y), cache)
print("2D example Y =", Y[0, 0].tolist()); print("dW =", dW[0, 0].tolist(), "db =", dB.tolist()); print("dX =", dX[0, 0].tolist())
# 1-D example: x length 4? (note: 'Valid Conv results in 3 outputs', 'dy/dW as 2*3') -> x length 4, w length 2
x1 = np.array([1., 2., 3., 4.]); w1 = np.array([1., -1.]); y1 = np.array([x1[i:i+2] @ w1 for i in range(3)])
dy = np.array([1., 1., 1.]); dw1 = np.array([x1[k:k+3] @ dy for k in range(2)]); dx1 = np.convolve(dy, w1)  # full conv (flipped w)
print("1D example y", y1.tolist(), "dw", dw1.tolist(), "db", dy.sum(), "dx", dx1.tolist())
