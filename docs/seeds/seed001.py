# Seed 001 -- NYU DS-GA 1008 HW2 section 1.  Run: /usr/bin/python3 seed001.py
import math, torch, numpy as np
import torch.nn.functional as F
torch.manual_seed(0)
A = torch.tensor([[4,5,2,2,1],[3,3,2,2,4],[4,3,4,1,1],[5,1,4,1,2],[5,1,3,1,4]], dtype=torch.float64)
B = torch.tensor([[4,3,3],[5,5,5],[2,4,3]], dtype=torch.float64)

# (b) formula check: correct O = floor((I-K+2P)/S)+1 vs student's I - S(K-1) + 2P
def correct(I,K,S,P): return math.floor((I-K+2*P)/S)+1
def student(I,K,S,P): return I - S*(K-1) + 2*P
for args in [(5,3,1,0),(5,3,2,0),(5,3,1,1),(5,3,2,1),(14,4,2,1),(32,3,1,1),(224,11,4,2),(7,3,2,0)]:
    print("I,K,S,P=",args, "correct", correct(*args), "student", student(*args))
print("other wrong formulas at (5,3,2,1):",
      "no floor (I-K+2P)/S+1 =", (5-3+2)/2+1, "| forgot +1 =", (5-3+2)//2, "| P once =", (5-3+1)//2+1,
      "| ceil =", math.ceil((5-3+2)/2)+1)
print("other wrong formulas at (6,3,2,0):",
      "no floor =", (6-3)/2+1, "| ceil =", math.ceil((6-3)/2)+1, "| correct =", correct(6,3,2,0))

# (c) forward: PyTorch conv2d is cross-correlation
C = F.conv2d(A[None,None], B[None,None])[0,0]
print("C (cross-correlation) =", C.int().tolist())
Cflip = F.conv2d(A[None,None], torch.flip(B,[0,1])[None,None])[0,0]
print("C (true convolution, kernel flipped 180) =", Cflip.int().tolist())
Cpad = F.conv2d(A[None,None], B[None,None], padding=1)[0,0]
print("C with padding=1 (wrong, 'same') =", Cpad.int().tolist())
Ct = F.conv2d(A[None,None], B.T[None,None])[0,0]
print("C with transposed kernel =", Ct.int().tolist())

# (d) dE/dA with dE/dC = ones(3,3)
Ag = A.clone().requires_grad_(True)
F.conv2d(Ag[None,None], B[None,None])[0,0].sum().backward()
print("dE/dA =", Ag.grad.int().tolist())
# equivalently full convolution of ones with B (pad ones by 2, correlate with flipped B)
full = F.conv2d(F.pad(torch.ones(1,1,3,3,dtype=torch.float64),(2,2,2,2)), torch.flip(B,[0,1])[None,None])[0,0]
assert torch.equal(full, Ag.grad)
# common mistakes
Ag2 = A.clone().requires_grad_(True)
F.conv2d(Ag2[None,None], torch.flip(B,[0,1])[None,None])[0,0].sum().backward()
print("mistake: gradient for flipped kernel (= forgot/extra flip) =", Ag2.grad.int().tolist())
cnt = F.conv2d(F.pad(torch.ones(1,1,3,3,dtype=torch.float64),(2,2,2,2)), torch.ones(1,1,3,3,dtype=torch.float64))[0,0]
print("mistake: coverage counts only (B ignored) =", cnt.int().tolist())
print("mistake: dE/dB instead (=sum of 3x3 windows of A) =",
      F.conv2d(A[None,None], torch.ones(1,1,3,3,dtype=torch.float64))[0,0].int().tolist())
print("sum(B) =", int(B.sum()))

# 1.2 (c) max pool k=2 s=1 on C
print("maxpool(C,2,1) =", F.max_pool2d(C[None,None], 2, 1)[0,0].int().tolist())
print("mistake stride 2 (floor) =", F.max_pool2d(C[None,None], 2, 2)[0,0].int().tolist(),
      " ceil_mode =", F.max_pool2d(C[None,None], 2, 2, ceil_mode=True)[0,0].int().tolist())
print("mistake: pooled the flipped-kernel output =", F.max_pool2d(Cflip[None,None], 2, 1)[0,0].int().tolist())
print("mistake: avg pool instead =", F.avg_pool2d(C[None,None], 2, 1)[0,0].tolist())
print("mistake: min pool =", (-F.max_pool2d(-C[None,None], 2, 1))[0,0].int().tolist())
print("mistake: maxpool on A instead of C =", F.max_pool2d(A[None,None], 2, 1)[0,0].int().tolist())

# 1.2 (d) LP pooling limits
x = torch.rand(1,1,4,4, dtype=torch.float64)+0.1
for p in [1, 2, 8, 64, 256]:
    print("p=",p, "LP", F.lp_pool2d(x, p, 2)[0,0].flatten().tolist()[:2])
print("max", F.max_pool2d(x,2)[0,0].flatten().tolist()[:2], "avg*4", (4*F.avg_pool2d(x,2))[0,0].flatten().tolist()[:2])
