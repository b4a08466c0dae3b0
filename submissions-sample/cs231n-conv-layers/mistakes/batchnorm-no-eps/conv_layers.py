"""Uploaded without its nndl/ folder; the batch norm leaves out eps (right at scale 1, off at 1e-2, NaN on a
constant input)."""
import numpy as np


def conv_forward_naive(x, w, b, conv_param):
    """x (N, C, H, W), w (F, C, HH, WW), b (F,) -> out (N, F, H', W'), cache."""
    pad, stride = conv_param['pad'], conv_param['stride']
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    out_height = 1 + (H + 2 * pad - HH) // stride
    out_width = 1 + (W + 2 * pad - WW) // stride
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode='constant')
    out = np.zeros((N, F, out_height, out_width))
    for n in range(N):
        for i in range(out_height):
            for j in range(out_width):
                x_seg = xpad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                out[n, :, i, j] = np.sum(x_seg[None] * w, axis=(1, 2, 3)) + b
    cache = (x, w, b, conv_param)
    return out, cache


def conv_backward_naive(dout, cache):
    """dout (N, F, H', W') -> dx, dw, db."""
    x, w, b, conv_param = cache
    pad, stride = conv_param['pad'], conv_param['stride']
    N, F, out_height, out_width = dout.shape
    _, _, HH, WW = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode='constant')
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    db = np.sum(dout, axis=(0, 2, 3))
    for n in range(N):
        for i in range(out_height):
            for j in range(out_width):
                for f in range(F):
                    x_seg = xpad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    dw[f] += x_seg * dout[n, f, i, j]
                    dxpad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += w[f] * dout[n, f, i, j]
    dx = dxpad[:, :, pad:pad + x.shape[2], pad:pad + x.shape[3]]
    return dx, dw, db


def max_pool_forward_naive(x, pool_param):
    """x (N, C, H, W) -> out, cache."""
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    N, C, H, W = x.shape
    out_height = 1 + (H - ph) // stride
    out_width = 1 + (W - pw) // stride
    out = np.zeros((N, C, out_height, out_width))
    for n in range(N):
        for c in range(C):
            for i in range(out_height):
                for j in range(out_width):
                    out[n, c, i, j] = np.amax(x[n, c, i * stride:i * stride + ph, j * stride:j * stride + pw])
    cache = (x, pool_param)
    return out, cache


def max_pool_backward_naive(dout, cache):
    """Routes each upstream gradient to the first maximum of its window (as torch does on ties)."""
    x, pool_param = cache
    ph, pw, stride = pool_param['pool_height'], pool_param['pool_width'], pool_param['stride']
    N, C, dout_height, dout_width = dout.shape
    dx = np.zeros_like(x)
    for n in range(N):
        for c in range(C):
            for i in range(dout_height):
                for j in range(dout_width):
                    seg = x[n, c, i * stride:i * stride + ph, j * stride:j * stride + pw]
                    a, bb = np.unravel_index(np.argmax(seg), seg.shape)
                    dx[n, c, i * stride + a, j * stride + bb] += dout[n, c, i, j]
    return dx


def spatial_batchnorm_forward(x, gamma, beta, bn_param):
    """Batch norm over N, H, W for every channel; train mode uses the batch mean and (biased) variance."""
    mode = bn_param['mode']
    eps = bn_param.get('eps', 1e-5)
    momentum = bn_param.get('momentum', 0.9)
    N, C, H, W = x.shape
    running_mean = bn_param.get('running_mean', np.zeros(C))
    running_var = bn_param.get('running_var', np.zeros(C))
    if mode == 'train':
        mu = x.mean(axis=(0, 2, 3))
        var = x.var(axis=(0, 2, 3))
        xhat = (x - mu[None, :, None, None]) / np.sqrt(var[None, :, None, None])
        out = gamma[None, :, None, None] * xhat + beta[None, :, None, None]
        bn_param['running_mean'] = momentum * running_mean + (1 - momentum) * mu
        bn_param['running_var'] = momentum * running_var + (1 - momentum) * var
        cache = (xhat, gamma, var, eps)
    else:
        xhat = (x - running_mean[None, :, None, None]) / np.sqrt(running_var[None, :, None, None] + eps)
        out = gamma[None, :, None, None] * xhat + beta[None, :, None, None]
        cache = None
    return out, cache


def spatial_batchnorm_backward(dout, cache):
    """dout (N, C, H, W) -> dx, dgamma, dbeta."""
    xhat, gamma, var, eps = cache
    m = dout.shape[0] * dout.shape[2] * dout.shape[3]
    dbeta = dout.sum(axis=(0, 2, 3))
    dgamma = (dout * xhat).sum(axis=(0, 2, 3))
    dxhat = dout * gamma[None, :, None, None]
    inv = 1.0 / np.sqrt(var)
    dx = (inv[None, :, None, None] / m) * (m * dxhat - dxhat.sum(axis=(0, 2, 3))[None, :, None, None]
                                           - xhat * (dxhat * xhat).sum(axis=(0, 2, 3))[None, :, None, None])
    return dx, dgamma, dbeta
