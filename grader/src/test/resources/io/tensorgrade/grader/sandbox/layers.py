"""A correct little cs231n-style layer file used by the sandbox tests."""
import numpy as np

print("layers.py imported")


def relu(x):
    return np.maximum(x, 0)


def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1) @ w + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = (dout @ w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def scale(x, factor=2.0):
    return x * factor


def stats(x):
    return {"mean": float(x.mean()), "shape": list(x.shape), "ok": True}


def argmax_rows(x):
    return x.argmax(axis=1)


def divide(x):
    return 1 / 0


def nonfinite(x):
    out = x.copy()
    out[0, 0] = np.nan
    out[0, 1] = np.inf
    return out


def dtype_name(x):
    return str(x.dtype)


def one_value_not_two(x):
    return x


def slow(x):
    import time
    time.sleep(60)


def failing_forward(x, w, b):
    raise ValueError("shapes do not align: %s and %s" % (x.shape, w.shape))
