# Seed 000 -- sizes, FLOPs, sigmoid-network gradients.  Run: /usr/bin/python3 seed000.py
import math, torch
torch.manual_seed(0)

def out_size(I, K, S=1, P=0, ceil=False):
    f = math.ceil if ceil else math.floor
    return f((I + 2*P - K) / S) + 1

# ---- Q1a/b sizes -------------------------------------------------------
Cin, H, F, K, S, P = 30, 14, 12, 4, 2, 1
Hc = out_size(H, K, S, P)              # conv
Hp = out_size(Hc, 3, 2)                # pool 3x3 s2
print("C out:", f"{Hc}x{Hc}x{F}", Hc*Hc*F, " P out:", f"{Hp}x{Hp}x{F}", Hp*Hp*F)
# torch check
x = torch.randn(1, Cin, H, H)
c = torch.nn.Conv2d(Cin, F, K, stride=S, padding=P)(x); p = torch.nn.MaxPool2d(3, 2)(torch.relu(c))
print("torch shapes:", tuple(c.shape), tuple(p.shape))
# student formula ceil((M+2r-ksize+1)/k) -- identical to floor((M+2r-ksize)/k)+1 for all ints
assert all(math.ceil((M+2*r-k+1)/s) == out_size(M, k, s, r)
           for M in range(1, 40) for r in range(0, 4) for k in range(1, 8) for s in range(1, 5) if M+2*r >= k)
# mistakes
print("padding ignored:", out_size(14,4,2,0), "-> pool", out_size(out_size(14,4,2,0),3,2))
print("stride ignored :", out_size(14,4,1,1), "-> pool", out_size(out_size(14,4,1,1),3,2))
print("forgot +1      :", (14+2-4)//2, "-> pool", (6-3)//2)
print("ceil-mode pool :", out_size(7,3,2,ceil=True))
print("padding on one side only (I+P-K)/S+1:", math.floor((14+1-4)/2)+1)

# ---- Q1c FLOPs -----------------------------------------------------------
n_out_c = Hc*Hc*F                      # 588 conv outputs
per_out = K*K*Cin                      # 480 products per output
mul   = n_out_c*per_out                # 282240
add   = n_out_c*(per_out-1)            # 281652
bias  = n_out_c                        # 588 (only if a bias is assumed)
relu  = n_out_c                        # 588 (max{0,x}: n=2 -> 1 FLOP)
pool  = Hp*Hp*F*(3*3-1)                # 864
print(dict(mul=mul, add=add, bias=bias, relu=relu, pool=pool))
print("canonical (mul+add+ReLU+pool) =", mul+add+relu+pool)
print("without ReLU                  =", mul+add+pool)
print("with bias, with ReLU          =", mul+add+bias+relu+pool)
print("with bias, no ReLU            =", mul+add+bias+pool)
stud_add = Hc*Hc*(K*K-1)*F*Cin
print("student add 7^2*(16-1)*12*30 =", stud_add, " total", mul+stud_add+pool, " deficit", add-stud_add, "=588*29")
print("MACs only (conv)             =", mul, " MACs+pool", mul+pool)
print("2*MACs + pool                =", 2*mul+pool)
print("pool with n instead of n-1   =", Hp*Hp*F*9)
print("pool over 7x7 windows stride1 (forgot stride):", out_size(7,3,1)**2*F*8)
print("adds 15 per channel only (no ReLU) + mul:", mul+stud_add)
# FLOPs if carried wrong sizes
for name, h in [("pad ignored 6x6", 6), ("stride ignored 13x13", 13)]:
    hp = out_size(h,3,2); m = h*h*F*per_out; a = h*h*F*(per_out-1)
    print(name, "mul", m, "add", a, "relu", h*h*F, "pool", hp*hp*F*8, "total", m+a+h*h*F+hp*hp*F*8)

# ---- Q2 gradients --------------------------------------------------------
def grads_closed(x, y2, y3, wx1, w12, w13):
    h = torch.sigmoid
    z1 = h(x*wx1); z2 = h(z1*w12); z3 = h(z1*w13)
    d2 = 2*(z2-y2)*z2*(1-z2); d3 = 2*(z3-y3)*z3*(1-z3)
    g12 = (d2*z1).sum(); g13 = (d3*z1).sum()
    gx1 = ((d2*w12 + d3*w13)*z1*(1-z1)*x).sum()
    return gx1, g12, g13
x  = torch.randn(5, dtype=torch.float64); y2 = torch.rand(5, dtype=torch.float64); y3 = torch.rand(5, dtype=torch.float64)
w = torch.tensor([0.7, -1.3, 0.4], dtype=torch.float64, requires_grad=True)
z1 = torch.sigmoid(x*w[0]); z2 = torch.sigmoid(z1*w[1]); z3 = torch.sigmoid(z1*w[2])
E = ((z2-y2)**2 + (z3-y3)**2).sum(); E.backward()
print("autograd:", w.grad.tolist()); print("closed  :", [float(g) for g in grads_closed(x, y2, y3, *w.detach())])

# ---- Q2 test point for numeric grading of formula answers (single data point) ----------------
import math as m
x, y2, y3, wx1, w12, w13 = 1.5, 0.2, 0.9, 0.5, -1.0, 2.0
s = lambda t: 1/(1+m.exp(-t))
z1 = s(x*wx1); z2 = s(z1*w12); z3 = s(z1*w13)
d2 = 2*(z2-y2)*z2*(1-z2); d3 = 2*(z3-y3)*z3*(1-z3)
tp = {
 "correct dE/dw12": d2*z1, "correct dE/dw13": d3*z1, "correct dE/dwx1": (d2*w12 + d3*w13)*z1*(1-z1)*x,
 "no factor 2 (w13)": d3*z1/2,
 "sign flipped (y-z) (w13)": -d3*z1,
 "sigmoid' omitted (w13)": 2*(z3-y3)*z1,
 "w13 instead of z1 at the end": d3*w13,
 "wx1: only z2 path": d2*w12*z1*(1-z1)*x,
 "wx1: only z3 path": d3*w13*z1*(1-z1)*x,
 "wx1: forgot z1(1-z1)": (d2*w12 + d3*w13)*x,
 "wx1: forgot x": (d2*w12 + d3*w13)*z1*(1-z1),
 "wx1: used z1 instead of w12/w13 (copied outer-layer pattern)": (d2 + d3)*z1*z1*(1-z1)*x,
}
print(f"test point x={x} y2={y2} y3={y3} w(x,1)={wx1} w(1,2)={w12} w(1,3)={w13}: z1={z1:.6f} z2={z2:.6f} z3={z3:.6f}")
for k, v in tp.items(): print(f"  {k:55s} {v:+.6f}")
# cross-check with autograd
w = torch.tensor([wx1, w12, w13], dtype=torch.float64, requires_grad=True)
Z1 = torch.sigmoid(x*w[0]); E = (torch.sigmoid(Z1*w[1])-y2)**2 + (torch.sigmoid(Z1*w[2])-y3)**2; E.backward()
print("  autograd [wx1, w12, w13]:", [round(g, 6) for g in w.grad.tolist()])
