"""Generates the op conformance fixtures in grader/src/test/resources/conformance/ from PyTorch.

Run from anywhere with the system Python that has torch 1.13 (CPU):
    /usr/bin/python3 grader/src/test/python/make_conformance_cases.py [OUT_DIR]
OUT_DIR defaults to grader/src/test/resources/conformance; it is emptied first.

Each case is a folder:
    case.json          {"op": NAME, "params": {...}}; params are the keyword arguments of
                       torch.nn.functional.NAME (batch_norm2d: eps, momentum, training)
    inputs/NAME.npy    float64 tensors (cross_entropy's target: int64)
    expected/NAME.npy  float64 outputs and gradients computed in float64; reduced losses are 0-d

Gradients are written only when the case has a grad_out input (for the losses always: the
gradient of the loss summed). Everything is seeded from the case name, so reruns give the
same bytes.
"""
import json
import os
import shutil
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "conformance"))


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def leaf(a):
    return None if a is None else torch.tensor(a, dtype=torch.float64, requires_grad=True)


def backward(out, grad_out, named):
    """Backpropagates grad_out (None: no gradients) and returns {grad_NAME: grad} for the named leaves."""
    if grad_out is None:
        return {}
    out.backward(torch.tensor(grad_out))
    return {"grad_" + k: v.grad for k, v in named.items() if v is not None}


# ---- one function per op: (inputs as numpy, params) -> {output name: tensor} ----

def conv2d(i, p):
    x, w, b = leaf(i["x"]), leaf(i["weight"]), leaf(i.get("bias"))
    out = F.conv2d(x, w, b, **p)
    return {"out": out, **backward(out, i.get("grad_out"), {"x": x, "weight": w, "bias": b})}


def pool(fn):
    def run(i, p):
        x = leaf(i["x"])
        out = fn(x, **p)
        return {"out": out, **backward(out, i.get("grad_out"), {"x": x})}
    return run


def activation(fn):
    def run(i, p):
        x = leaf(i["x"])
        out = fn(x, **p)
        return {"out": out, **backward(out, i.get("grad_out"), {"x": x})}
    return run


def batch_norm2d(i, p):
    x, g, b = leaf(i["x"]), leaf(i["gamma"]), leaf(i["beta"])
    c = i["x"].shape[1]
    rm = torch.tensor(i["running_mean"]) if "running_mean" in i else torch.zeros(c)
    rv = torch.tensor(i["running_var"]) if "running_var" in i else torch.ones(c)
    out = F.batch_norm(x, rm, rv, g, b, training=p["training"], momentum=p["momentum"], eps=p["eps"])
    grads = backward(out, i.get("grad_out"), {"x": x, "gamma": g, "beta": b})
    return {"out": out, **grads, "running_mean": rm, "running_var": rv}


def linear(i, p):
    x, w, b = leaf(i["x"]), leaf(i["weight"]), leaf(i.get("bias"))
    out = F.linear(x, w, b)
    return {"out": out, **backward(out, i.get("grad_out"), {"x": x, "weight": w, "bias": b})}


def cross_entropy(i, p):
    logits = leaf(i["logits"])
    loss = F.cross_entropy(logits, torch.tensor(i["target"]), **p)
    loss.sum().backward()
    return {"loss": loss, "grad_logits": logits.grad}


def mse_loss(i, p):
    inp, target = leaf(i["input"]), torch.tensor(i["target"])
    loss = F.mse_loss(inp, target, **p)
    loss.sum().backward()
    return {"loss": loss, "grad_input": inp.grad}


OPS = {
    "conv2d": conv2d,
    "max_pool2d": pool(F.max_pool2d),
    "avg_pool2d": pool(F.avg_pool2d),
    "adaptive_avg_pool2d": pool(F.adaptive_avg_pool2d),
    "batch_norm2d": batch_norm2d,
    "linear": linear,
    "cross_entropy": cross_entropy,
    "mse_loss": mse_loss,
    "relu": activation(F.relu),
    "sigmoid": activation(torch.sigmoid),
    "tanh": activation(torch.tanh),
    "softmax": activation(F.softmax),
    "log_softmax": activation(F.log_softmax),
}

CASES = []


def case(name, op, params, **shapes):
    """Registers a case; each input is a shape (random normal), an array, or a callable rng -> array."""
    CASES.append((name, op, params, shapes))


def ints(*shape, lo=-3, hi=3):
    """Integer-valued floats with many repeats: ties for max pooling, exact zeros for relu."""
    return lambda rng: rng.integers(lo, hi + 1, size=shape).astype(np.float64)


def const(value, *shape):
    return lambda rng: np.full(shape, value, dtype=np.float64)


def arr(values):
    return lambda rng: np.array(values, dtype=np.float64)


def classes(n, c):
    return lambda rng: rng.integers(0, c, size=n).astype(np.int64)


# ---- the cases ----
def conv_cases():
    c = "conv2d"
    d = dict(stride=1, padding=0, dilation=1, groups=1)
    case("conv2d_basic", c, d, x=(2, 3, 5, 5), weight=(4, 3, 3, 3), bias=(4,), grad_out=(2, 4, 3, 3))
    case("conv2d_padding1", c, {**d, "padding": 1}, x=(2, 3, 4, 4), weight=(2, 3, 3, 3), bias=(2,), grad_out=(2, 2, 4, 4))
    case("conv2d_stride2_padding1", c, {**d, "stride": 2, "padding": 1},
         x=(1, 2, 6, 6), weight=(3, 2, 3, 3), bias=(3,), grad_out=(1, 3, 3, 3))
    case("conv2d_stride_skips_last_rows", c, {**d, "stride": 2},
         x=(1, 2, 6, 6), weight=(2, 2, 3, 3), bias=(2,), grad_out=(1, 2, 2, 2))
    case("conv2d_asymmetric_stride_padding_kernel", c, {**d, "stride": [2, 1], "padding": [0, 2]},
         x=(2, 2, 5, 4), weight=(3, 2, 3, 2), bias=(3,), grad_out=(2, 3, 2, 7))
    case("conv2d_dilation2_padding2", c, {**d, "dilation": 2, "padding": 2},
         x=(1, 2, 5, 5), weight=(2, 2, 3, 3), bias=(2,), grad_out=(1, 2, 5, 5))
    case("conv2d_asymmetric_dilation", c, {**d, "dilation": [1, 2], "stride": [1, 2]},
         x=(1, 1, 4, 7), weight=(2, 1, 2, 3), bias=(2,), grad_out=(1, 2, 3, 2))
    case("conv2d_groups2", c, {**d, "groups": 2, "padding": 1},
         x=(2, 4, 4, 4), weight=(6, 2, 3, 3), bias=(6,), grad_out=(2, 6, 4, 4))
    case("conv2d_depthwise", c, {**d, "groups": 3},
         x=(1, 3, 4, 4), weight=(3, 1, 2, 2), bias=(3,), grad_out=(1, 3, 3, 3))
    case("conv2d_groups_dilation_stride", c, {"stride": 2, "padding": [1, 0], "dilation": [2, 1], "groups": 2},
         x=(1, 4, 7, 6), weight=(4, 2, 2, 3), bias=(4,), grad_out=(1, 4, 4, 2))
    case("conv2d_no_bias", c, {**d, "padding": 1}, x=(2, 2, 3, 3), weight=(3, 2, 3, 3), grad_out=(2, 3, 3, 3))
    case("conv2d_forward_only", c, d, x=(1, 3, 4, 4), weight=(2, 3, 2, 2), bias=(2,))
    case("conv2d_1x1_kernel", c, d, x=(2, 3, 3, 2), weight=(4, 3, 1, 1), bias=(4,), grad_out=(2, 4, 3, 2))
    case("conv2d_batch1_spatial1", c, d, x=(1, 3, 1, 1), weight=(2, 3, 1, 1), bias=(2,), grad_out=(1, 2, 1, 1))
    case("conv2d_params_default", c, {}, x=(1, 1, 3, 3), weight=(1, 1, 2, 2), bias=(1,), grad_out=(1, 1, 2, 2))


def max_pool_cases():
    m = "max_pool2d"
    d = dict(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    case("max_pool2d_basic", m, d, x=(2, 2, 4, 4), grad_out=(2, 2, 2, 2))
    case("max_pool2d_ties_overlapping", m, {**d, "kernel_size": 3, "stride": 1},
         x=ints(1, 2, 5, 5, lo=0, hi=2), grad_out=(1, 2, 3, 3))
    case("max_pool2d_ties_constant_input", m, {**d, "kernel_size": 2, "stride": 1},
         x=const(1.0, 1, 1, 3, 3), grad_out=(1, 1, 2, 2))
    case("max_pool2d_padding_negative_inputs", m, {**d, "kernel_size": 3, "padding": 1},
         x=lambda rng: -1 - rng.random((1, 2, 5, 5)), grad_out=(1, 2, 3, 3))
    case("max_pool2d_ceil_mode", m, {**d, "kernel_size": 3, "ceil_mode": True},
         x=ints(1, 1, 6, 6), grad_out=(1, 1, 3, 3))
    case("max_pool2d_ceil_window_starting_in_padding_dropped", m, {**d, "padding": 1, "ceil_mode": True},
         x=(1, 1, 5, 5), grad_out=(1, 1, 3, 3))
    case("max_pool2d_dilation2", m, {**d, "stride": 1, "dilation": 2},
         x=ints(1, 1, 5, 5), grad_out=(1, 1, 3, 3))
    case("max_pool2d_asymmetric", m, {**d, "kernel_size": [2, 3], "stride": [1, 2], "padding": [1, 0]},
         x=(2, 1, 4, 5), grad_out=(2, 1, 5, 2))
    case("max_pool2d_stride_defaults_to_kernel", m, {"kernel_size": 2},
         x=(1, 2, 5, 4), grad_out=(1, 2, 2, 2))
    case("max_pool2d_forward_only", m, {**d, "kernel_size": 3, "padding": 1, "ceil_mode": True}, x=ints(2, 1, 6, 5))
    case("max_pool2d_batch1_spatial1", m, {"kernel_size": 1}, x=(1, 3, 1, 1), grad_out=(1, 3, 1, 1))


def avg_pool_cases():
    a = "avg_pool2d"
    d = dict(kernel_size=2, stride=2, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)
    case("avg_pool2d_basic", a, d, x=(2, 2, 4, 4), grad_out=(2, 2, 2, 2))
    case("avg_pool2d_padding_count_include_pad", a, {**d, "kernel_size": 3, "padding": 1},
         x=(1, 2, 5, 5), grad_out=(1, 2, 3, 3))
    case("avg_pool2d_padding_exclude_pad", a, {**d, "kernel_size": 3, "padding": 1, "count_include_pad": False},
         x=(1, 2, 5, 5), grad_out=(1, 2, 3, 3))
    case("avg_pool2d_ceil_include_pad", a, {**d, "kernel_size": 3, "padding": 1, "ceil_mode": True},
         x=(1, 1, 6, 6), grad_out=(1, 1, 4, 4))
    case("avg_pool2d_ceil_exclude_pad", a, {**d, "kernel_size": 3, "padding": 1, "ceil_mode": True,
                                            "count_include_pad": False},
         x=(1, 1, 6, 6), grad_out=(1, 1, 4, 4))
    case("avg_pool2d_ceil_no_padding_partial_window", a, {**d, "kernel_size": 3, "ceil_mode": True},
         x=(1, 1, 7, 7), grad_out=(1, 1, 3, 3))
    case("avg_pool2d_ceil_window_starting_in_padding_dropped", a, {**d, "padding": 1, "ceil_mode": True},
         x=(1, 1, 5, 5), grad_out=(1, 1, 3, 3))
    case("avg_pool2d_divisor_override", a, {**d, "kernel_size": 3, "stride": 1, "divisor_override": 5},
         x=(1, 2, 4, 4), grad_out=(1, 2, 2, 2))
    case("avg_pool2d_divisor_override_with_padding_ceil", a, {**d, "kernel_size": 3, "padding": 1,
                                                               "ceil_mode": True, "count_include_pad": False,
                                                               "divisor_override": 2},
         x=(1, 1, 6, 6), grad_out=(1, 1, 4, 4))
    case("avg_pool2d_asymmetric", a, {**d, "kernel_size": [3, 2], "stride": [2, 1], "padding": [1, 0],
                                      "count_include_pad": False},
         x=(2, 1, 5, 4), grad_out=(2, 1, 3, 3))
    case("avg_pool2d_stride_defaults_to_kernel", a, {"kernel_size": 3}, x=(1, 1, 7, 6), grad_out=(1, 1, 2, 2))
    case("avg_pool2d_forward_only", a, {**d, "kernel_size": 2, "stride": 1, "padding": 1}, x=(1, 2, 3, 3))


def adaptive_cases():
    a = "adaptive_avg_pool2d"
    case("adaptive_avg_pool2d_overlapping_windows", a, {"output_size": 3}, x=(2, 2, 7, 7), grad_out=(2, 2, 3, 3))
    case("adaptive_avg_pool2d_rectangular", a, {"output_size": [2, 4]}, x=(1, 2, 5, 7), grad_out=(1, 2, 2, 4))
    case("adaptive_avg_pool2d_global", a, {"output_size": 1}, x=(2, 3, 4, 3), grad_out=(2, 3, 1, 1))
    case("adaptive_avg_pool2d_output_larger_than_input", a, {"output_size": [3, 5]},
         x=(1, 1, 2, 3), grad_out=(1, 1, 3, 5))
    case("adaptive_avg_pool2d_forward_only", a, {"output_size": [4, 2]}, x=(1, 3, 6, 6))


def batch_norm_cases():
    b = "batch_norm2d"
    train = dict(eps=1e-5, momentum=0.1, training=True)
    case("batch_norm2d_train_default_running_stats", b, train,
         x=(4, 3, 3, 3), gamma=(3,), beta=(3,), grad_out=(4, 3, 3, 3))
    case("batch_norm2d_train_given_running_stats", b, {**train, "momentum": 0.3},
         x=(2, 2, 3, 2), gamma=(2,), beta=(2,), grad_out=(2, 2, 3, 2),
         running_mean=(2,), running_var=lambda rng: 0.5 + rng.random(2))
    case("batch_norm2d_eval_running_stats", b, {**train, "training": False},
         x=(2, 3, 2, 2), gamma=(3,), beta=(3,), grad_out=(2, 3, 2, 2),
         running_mean=(3,), running_var=lambda rng: 0.5 + rng.random(3))
    case("batch_norm2d_eval_batch1_spatial1", b, {**train, "training": False},
         x=(1, 2, 1, 1), gamma=(2,), beta=(2,), grad_out=(1, 2, 1, 1),
         running_mean=(2,), running_var=lambda rng: 0.5 + rng.random(2))
    case("batch_norm2d_train_batch1", b, train, x=(1, 2, 3, 3), gamma=(2,), beta=(2,), grad_out=(1, 2, 3, 3))
    case("batch_norm2d_train_constant_channel_large_eps", b, {**train, "eps": 0.1},
         x=lambda rng: np.concatenate([np.full((2, 1, 2, 2), 3.0), rng.standard_normal((2, 1, 2, 2))], axis=1),
         gamma=(2,), beta=(2,), grad_out=(2, 2, 2, 2))
    case("batch_norm2d_train_forward_only", b, train, x=(3, 2, 2, 2), gamma=(2,), beta=(2,))


def linear_cases():
    case("linear_basic", "linear", {}, x=(3, 4), weight=(2, 4), bias=(2,), grad_out=(3, 2))
    case("linear_no_bias", "linear", {}, x=(2, 3), weight=(4, 3), grad_out=(2, 4))
    case("linear_forward_only", "linear", {}, x=(2, 5), weight=(3, 5), bias=(3,))
    case("linear_batch1", "linear", {}, x=(1, 3), weight=(1, 3), bias=(1,), grad_out=(1, 1))


def loss_cases():
    ce = "cross_entropy"
    case("cross_entropy_mean", ce, {"reduction": "mean"}, logits=(4, 5), target=classes(4, 5))
    case("cross_entropy_sum", ce, {"reduction": "sum"}, logits=(3, 4), target=classes(3, 4))
    case("cross_entropy_none", ce, {"reduction": "none"}, logits=(3, 3), target=classes(3, 3))
    case("cross_entropy_large_logits_1e4", ce, {"reduction": "mean"},
         logits=arr([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4 - 1], [0.0, 1e4, -1e4]]), target=arr([1, 2, 0]))
    case("cross_entropy_single_sample_1d", ce, {"reduction": "mean"}, logits=(5,),
         target=lambda rng: np.array(3, dtype=np.int64))
    case("cross_entropy_batch1", ce, {"reduction": "sum"}, logits=(1, 4), target=classes(1, 4))
    ms = "mse_loss"
    case("mse_loss_mean", ms, {"reduction": "mean"}, input=(2, 3, 4), target=(2, 3, 4))
    case("mse_loss_sum", ms, {"reduction": "sum"}, input=(3, 2), target=(3, 2))
    case("mse_loss_none", ms, {"reduction": "none"}, input=(2, 3), target=(2, 3))


def activation_cases():
    case("relu_integer_values_with_zeros", "relu", {}, x=ints(2, 3, 3), grad_out=(2, 3, 3))
    case("relu_forward_only", "relu", {}, x=(3, 4))
    case("sigmoid_basic", "sigmoid", {}, x=(2, 5), grad_out=(2, 5))
    case("sigmoid_saturated_1000", "sigmoid", {}, x=arr([-1000.0, -40.0, -1.0, 0.0, 1.0, 40.0, 1000.0]),
         grad_out=(7,))
    case("tanh_basic", "tanh", {}, x=(2, 2, 3), grad_out=(2, 2, 3))
    case("tanh_saturated_1000", "tanh", {}, x=arr([-1000.0, -20.0, 0.0, 20.0, 1000.0]), grad_out=(5,))
    case("softmax_dim1", "softmax", {"dim": 1}, x=(3, 4), grad_out=(3, 4))
    case("softmax_dim0_3d", "softmax", {"dim": 0}, x=(3, 2, 2), grad_out=(3, 2, 2))
    case("softmax_negative_dim_large_logits", "softmax", {"dim": -1},
         x=arr([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4 - 2]]), grad_out=(2, 3))
    case("softmax_forward_only", "softmax", {"dim": 1}, x=(2, 3, 2))
    case("log_softmax_dim1", "log_softmax", {"dim": 1}, x=(3, 4), grad_out=(3, 4))
    case("log_softmax_large_logits", "log_softmax", {"dim": 1},
         x=arr([[1e4, 0.0, -1e4], [-1e4, -1e4, 1e4]]), grad_out=(2, 3))
    case("log_softmax_dim_minus2_4d", "log_softmax", {"dim": -2}, x=(1, 2, 3, 2), grad_out=(1, 2, 3, 2))


def make_input(spec, rng):
    if callable(spec):
        return spec(rng)
    return rng.standard_normal(spec)


def write_case(out_dir, name, op, params, specs):
    rng = rng_for(name)
    inputs = {k: make_input(v, rng) for k, v in specs.items()}
    if op == "cross_entropy":
        inputs["target"] = inputs["target"].astype(np.int64)
    outputs = OPS[op](inputs, params)
    d = os.path.join(out_dir, name)
    os.makedirs(os.path.join(d, "inputs"))
    os.makedirs(os.path.join(d, "expected"))
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump({"op": op, "params": params}, f, indent=2)
        f.write("\n")
    for k, v in inputs.items():
        np.save(os.path.join(d, "inputs", k + ".npy"), v)
    for k, v in outputs.items():
        np.save(os.path.join(d, "expected", k + ".npy"), v.detach().numpy().astype(np.float64))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    for group in (conv_cases, max_pool_cases, avg_pool_cases, adaptive_cases, batch_norm_cases,
                  linear_cases, loss_cases, activation_cases):
        group()
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    for name, op, params, specs in CASES:
        write_case(out_dir, name, op, params, specs)
    print(f"wrote {len(CASES)} cases to {out_dir}")


if __name__ == "__main__":
    main()
