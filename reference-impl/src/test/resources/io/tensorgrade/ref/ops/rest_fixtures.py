"""Known answers for BatchNorm2dTest, LinearTest, ReluTest, SigmoidTest, TanhTest, SoftmaxTest,
LogSoftmaxTest, CrossEntropyTest and MseLossTest, computed with PyTorch 1.13 (CPU, float64).

Run with /usr/bin/python3 (the interpreter that has torch); it prints Java field declarations per test
class, which were pasted into the tests. Inputs are rounded to two decimals so the literals stay short.
"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(5242)


def rnd(*shape, scale=2.0):
    return torch.round((torch.rand(*shape, generator=GEN) * 2 - 1) * scale * 100) / 100


def lit(v):
    v = float(v)
    if math.isnan(v):
        return "Double.NaN"
    if math.isinf(v):
        return "Double.POSITIVE_INFINITY" if v > 0 else "Double.NEGATIVE_INFINITY"
    return repr(v)


def emit(name, t):
    """Prints a Java field holding t, wrapped at 120 columns."""
    t = t.detach()
    shape = "".join(", " + str(s) for s in t.shape)
    vals = [lit(v) for v in t.reshape(-1).tolist()]
    head = f"    private static final Tensor {name} = Tensor.of(new double[] {{"
    tail = f"}}{shape});"
    if len(head) + len(", ".join(vals)) + len(tail) <= 120:
        print(head + ", ".join(vals) + tail)
        return
    print(head)
    line = "            "
    for i, v in enumerate(vals):
        piece = v + ("," if i < len(vals) - 1 else "")
        if len(line) + len(piece) + 1 > 120:
            print(line.rstrip())
            line = "            "
        line += piece + " "
    print(line.rstrip())
    print("        " + tail)


def leaf(t):
    return t.clone().requires_grad_(True)


def header(cls):
    print(f"\n// ===== {cls}")


header("BatchNorm2dTest")
x, gamma, beta = rnd(2, 3, 2, 2), rnd(3), rnd(3)
rm, rv = rnd(3), rnd(3).abs() + 0.5
g = rnd(2, 3, 2, 2)
for n, t in [("X", x), ("GAMMA", gamma), ("BETA", beta), ("RUNNING_MEAN", rm), ("RUNNING_VAR", rv), ("GRAD_OUT", g)]:
    emit(n, t)
# training, momentum 0.1, eps 1e-5
xl, wl, bl = leaf(x), leaf(gamma), leaf(beta)
rm1, rv1 = rm.clone(), rv.clone()
out = F.batch_norm(xl, rm1, rv1, wl, bl, training=True, momentum=0.1, eps=1e-5)
out.backward(g)
for n, t in [("TRAIN_OUT", out), ("TRAIN_RUNNING_MEAN", rm1), ("TRAIN_RUNNING_VAR", rv1),
             ("TRAIN_GRAD_X", xl.grad), ("TRAIN_GRAD_GAMMA", wl.grad), ("TRAIN_GRAD_BETA", bl.grad)]:
    emit(n, t)
# eval, eps 1e-5
xl, wl, bl = leaf(x), leaf(gamma), leaf(beta)
out = F.batch_norm(xl, rm.clone(), rv.clone(), wl, bl, training=False, momentum=0.1, eps=1e-5)
out.backward(g)
for n, t in [("EVAL_OUT", out), ("EVAL_GRAD_X", xl.grad), ("EVAL_GRAD_GAMMA", wl.grad), ("EVAL_GRAD_BETA", bl.grad)]:
    emit(n, t)
# N=1 with H*W=4, momentum 0.3, eps 1e-3
x2, gamma2, beta2, rm2, rv2, g2 = rnd(1, 2, 2, 2), rnd(2), rnd(2), rnd(2), rnd(2).abs() + 0.5, rnd(1, 2, 2, 2)
for n, t in [("X2", x2), ("GAMMA2", gamma2), ("BETA2", beta2), ("RUNNING_MEAN2", rm2), ("RUNNING_VAR2", rv2),
             ("GRAD_OUT2", g2)]:
    emit(n, t)
xl, wl, bl = leaf(x2), leaf(gamma2), leaf(beta2)
rm2c, rv2c = rm2.clone(), rv2.clone()
out = F.batch_norm(xl, rm2c, rv2c, wl, bl, training=True, momentum=0.3, eps=1e-3)
out.backward(g2)
for n, t in [("N1_OUT", out), ("N1_RUNNING_MEAN", rm2c), ("N1_RUNNING_VAR", rv2c), ("N1_GRAD_X", xl.grad),
             ("N1_GRAD_GAMMA", wl.grad), ("N1_GRAD_BETA", bl.grad)]:
    emit(n, t)
# momentum 1: the running statistics become the batch mean and the unbiased batch variance
rm3, rv3 = rm.clone(), rv.clone()
F.batch_norm(x, rm3, rv3, gamma, beta, training=True, momentum=1.0, eps=1e-5)
emit("MOMENTUM1_RUNNING_MEAN", rm3)
emit("MOMENTUM1_RUNNING_VAR", rv3)
# nn.BatchNorm2d(3, affine=False) with its default running stats, as in the CS5242 homework
bn = torch.nn.BatchNorm2d(3, affine=False)
xl = leaf(x)
out = bn(xl)
out.backward(g)
for n, t in [("PLAIN_OUT", out), ("PLAIN_RUNNING_MEAN", bn.running_mean), ("PLAIN_RUNNING_VAR", bn.running_var),
             ("PLAIN_GRAD_X", xl.grad)]:
    emit(n, t)

header("LinearTest")
x, w, b, g = rnd(2, 3), rnd(4, 3), rnd(4), rnd(2, 4)
for n, t in [("X", x), ("W", w), ("B", b), ("GRAD_OUT", g)]:
    emit(n, t)
xl, wl, bl = leaf(x), leaf(w), leaf(b)
out = F.linear(xl, wl, bl)
out.backward(g)
for n, t in [("OUT", out), ("GRAD_X", xl.grad), ("GRAD_W", wl.grad), ("GRAD_B", bl.grad)]:
    emit(n, t)
emit("OUT_NO_BIAS", F.linear(x, w))
x3, g3 = rnd(2, 2, 3), rnd(2, 2, 4)
emit("X3", x3)
emit("GRAD_OUT3", g3)
xl, wl, bl = leaf(x3), leaf(w), leaf(b)
out = F.linear(xl, wl, bl)
out.backward(g3)
for n, t in [("OUT3", out), ("GRAD_X3", xl.grad), ("GRAD_W3", wl.grad), ("GRAD_B3", bl.grad)]:
    emit(n, t)
x1, g1 = rnd(3), rnd(4)
emit("X1", x1)
emit("GRAD_OUT1", g1)
xl, wl, bl = leaf(x1), leaf(w), leaf(b)
out = F.linear(xl, wl, bl)
out.backward(g1)
for n, t in [("OUT1", out), ("GRAD_X1", xl.grad), ("GRAD_W1", wl.grad), ("GRAD_B1", bl.grad)]:
    emit(n, t)


def elementwise(cls, fn, xs):
    header(cls)
    x = torch.tensor(xs)
    g = torch.arange(1, len(xs) + 1) / 4
    xl = leaf(x)
    out = fn(xl)
    out.backward(g)
    for n, t in [("X", x), ("GRAD_OUT", g), ("OUT", out), ("GRAD_X", xl.grad)]:
        emit(n, t)


elementwise("ReluTest", torch.relu, [-2.0, -0.5, -0.0, 0.0, 0.5, 3.0])
elementwise("SigmoidTest", torch.sigmoid,
            [-1000.0, -745.0, -710.0, -709.0, -40.0, -1.0, 0.0, 0.5, 40.0, 1000.0])
elementwise("TanhTest", torch.tanh, [-1000.0, -20.0, -3.0, -0.5, 0.0, 0.25, 2.0, 20.0, 1000.0])


def softmax_family(cls, fn):
    header(cls)
    x, g = rnd(2, 3, 4, scale=3.0), rnd(2, 3, 4)
    emit("X", x)
    emit("GRAD_OUT", g)
    for dim, tag in [(0, "DIM0"), (1, "DIM1"), (-1, "DIM_LAST")]:
        xl = leaf(x)
        out = fn(xl, dim)
        out.backward(g)
        emit(f"OUT_{tag}", out)
        emit(f"GRAD_X_{tag}", xl.grad)
    big = torch.tensor([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4 - 1]])
    gb = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    emit("BIG", big)
    emit("GRAD_OUT_BIG", gb)
    for dim, tag in [(0, "DIM0"), (-1, "DIM_LAST")]:
        xl = leaf(big)
        out = fn(xl, dim)
        out.backward(gb)
        emit(f"BIG_OUT_{tag}", out)
        emit(f"BIG_GRAD_X_{tag}", xl.grad)


softmax_family("SoftmaxTest", torch.softmax)
softmax_family("LogSoftmaxTest", torch.log_softmax)

header("CrossEntropyTest")
logits, target, g = rnd(3, 4, scale=3.0), [2, 0, 3], rnd(3)
emit("LOGITS", logits)
print(f"    private static final long[] TARGET = {{{', '.join(map(str, target))}}};")
emit("GRAD_OUT_NONE", g)
big = torch.tensor([[1e4, -1e4, 0.0], [0.0, 1e4, 1e4], [-1e4, 0.0, 1e4]])
big_target = [1, 2, 0]
emit("BIG", big)
print(f"    private static final long[] BIG_TARGET = {{{', '.join(map(str, big_target))}}};")
for prefix, lg, tg in [("", logits, target), ("BIG_", big, big_target)]:
    for red in ["mean", "sum", "none"]:
        xl = leaf(lg)
        out = F.cross_entropy(xl, torch.tensor(tg), reduction=red)
        out.backward(g if red == "none" else None)
        emit(f"{prefix}{red.upper()}_OUT", out)
        emit(f"{prefix}{red.upper()}_GRAD", xl.grad)
xl = leaf(logits)
out = F.cross_entropy(xl, torch.tensor(target))
out.backward(torch.tensor(2.5))
emit("MEAN_GRAD_TIMES_2_5", xl.grad)
one = logits[1]
xl = leaf(one)
out = F.cross_entropy(xl, torch.tensor(3), reduction="none")
out.backward(torch.tensor(1.5))
emit("ONE_SAMPLE_OUT", out)
emit("ONE_SAMPLE_GRAD", xl.grad)
xl = leaf(logits)
out = F.cross_entropy(xl, torch.tensor([2, -100, 3]))
out.backward()
emit("IGNORED_MEAN_OUT", out)
emit("IGNORED_MEAN_GRAD", xl.grad)

header("MseLossTest")
a, b, g = rnd(2, 3), rnd(2, 3), rnd(2, 3)
for n, t in [("INPUT", a), ("TARGET", b), ("GRAD_OUT_NONE", g)]:
    emit(n, t)
for red in ["mean", "sum", "none"]:
    al = leaf(a)
    out = F.mse_loss(al, b, reduction=red)
    out.backward(g if red == "none" else None)
    emit(f"{red.upper()}_OUT", out)
    emit(f"{red.upper()}_GRAD", al.grad)
