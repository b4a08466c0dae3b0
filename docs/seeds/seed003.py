# Seed 003 -- filters as convolutions, commutation, LeNet-5 counts.  Run: /usr/bin/python3 seed003.py
import torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(0)
m, n = 5, 6
X = torch.randn(1, 1, m, n, dtype=torch.float64)
x = X[0, 0]
Y1 = x[1:, :-1] - x[:-1, :-1]          # Y_{1,i,j} = X_{i+1,j} - X_{i,j},  i<m-1, j<n-1
Y2 = x[:-1, 1:] - x[:-1, :-1]          # Y_{2,i,j} = X_{i,j+1} - X_{i,j}
# Problem 1: 2x2 kernels, 1 in-channel, 2 out-channels, stride 1, no padding (PyTorch cross-correlation)
w = torch.tensor([[[[-1., 0.], [1., 0.]]], [[[-1., 1.], [0., 0.]]]], dtype=torch.float64)   # shape 2x1x2x2
Y = F.conv2d(X, w)[0]
print("2x2 kernels reproduce Y:", torch.allclose(Y[0], Y1), torch.allclose(Y[1], Y2), tuple(Y.shape))
# Student's 3x3 kernels (centre -1, +1 below / +1 right) need padding=1 and are wrong on the last row/col
w3 = torch.zeros(2, 1, 3, 3, dtype=torch.float64)
w3[0, 0, 1, 1], w3[0, 0, 2, 1] = -1, 1
w3[1, 0, 1, 1], w3[1, 0, 1, 2] = -1, 1
Yp = F.conv2d(X, w3, padding=1)[0]
print("student 3x3 kernels, padding=1, output", tuple(Yp.shape),
      "interior matches:", torch.allclose(Yp[0, :-1, :-1], Y1), torch.allclose(Yp[1, :-1, :-1], Y2),
      "| last row ch0 = -X[m-1,:] (zero pad):", torch.allclose(Yp[0, -1], -x[-1]))
Yv = F.conv2d(X, w3)[0]
print("student 3x3 kernels, no padding, output", tuple(Yv.shape), "(= Y shifted by one: Y1[1:,1:])",
      torch.allclose(Yv[0], Y1[1:, 1:]))
# True-convolution (flipped) convention: kernel must be rotated 180 degrees
wf = torch.flip(w, [2, 3])
print("if the course defines conv with flipping, the kernels are", wf[:, 0].tolist())
# mistake: sign flipped
print("mistake kernel [[1,0],[-1,0]] gives -Y1:", torch.allclose(F.conv2d(X, -w)[0, 0], -Y1))

# Problem 2: k x k average pooling (stride k) == conv with w[c,c',:,:] = delta_{cc'}/k^2, stride k
C, k = 3, 2
Z = torch.randn(1, C, 6, 8, dtype=torch.float64)
wa = torch.zeros(C, C, k, k, dtype=torch.float64)
for c in range(C): wa[c, c] = 1 / k**2
print("avgpool == conv(delta/k^2, stride k):", torch.allclose(F.conv2d(Z, wa, stride=k), F.avg_pool2d(Z, k)))
print("grouped version groups=C, w shape Cx1xkxk:", torch.allclose(F.conv2d(Z, torch.full((C,1,k,k),1/k**2, dtype=torch.float64), stride=k, groups=C), F.avg_pool2d(Z, k)))
wall = torch.full((C, C, k, k), 1 / k**2, dtype=torch.float64)
print("mistake all-ones/k^2 (mixes channels) == C*channel-mean of avgpool:",
      torch.allclose(F.conv2d(Z, wall, stride=k), F.avg_pool2d(Z, k).sum(1, keepdim=True).expand(-1, C, -1, -1)))
print("mistake stride 1 -> shape", tuple(F.conv2d(Z, wa).shape), "vs", tuple(F.avg_pool2d(Z, k).shape))

# Problem 3: RGB -> gray, 1x1 conv with w shape 1x3x1x1
img = torch.rand(1, 3, 4, 4, dtype=torch.float64)
wg = torch.tensor([0.299, 0.587, 0.114], dtype=torch.float64).view(1, 3, 1, 1)
gray = 0.299*img[:, 0] + 0.587*img[:, 1] + 0.114*img[:, 2]
print("grayscale 1x1 conv ok:", torch.allclose(F.conv2d(img, wg)[:, 0], gray), "sum of weights", float(wg.sum()))

# Problem 4: sigma non-decreasing commutes with max pooling, NOT with avg pooling
Z = torch.randn(1, 2, 6, 6)
for name, s in [("relu", torch.relu), ("sigmoid", torch.sigmoid), ("floor", torch.floor), ("clamp", lambda t: t.clamp(0, .5))]:
    print(name, "max-pool commutes:", torch.equal(s(F.max_pool2d(Z, 2)), F.max_pool2d(s(Z), 2)))
print("counterexample: relu(avg(-1,1)) =", torch.relu(torch.tensor(0.)).item(), " avg(relu(-1),relu(1)) =", 0.5)
print("non-monotone sigma=-x: -max([1,2]) =", -2, " max(-1,-2) =", -1)

# Problem 7: LeNet-5 parameter counts
def lenet(partial):
    class C3(nn.Module):
        def __init__(s):
            super().__init__()
            s.ch3 = [[0,1,2],[1,2,3],[2,3,4],[3,4,5],[0,4,5],[0,1,5]]
            s.ch4 = [[0,1,2,3],[1,2,3,4],[2,3,4,5],[0,3,4,5],[0,1,4,5],[0,1,2,5],[0,1,3,4],[1,2,4,5],[0,2,3,5]]
            s.c3 = nn.ModuleList(nn.Conv2d(3,1,5) for _ in range(6)); s.c4 = nn.ModuleList(nn.Conv2d(4,1,5) for _ in range(9)); s.c6 = nn.Conv2d(6,1,5)
        def forward(s, x):
            return torch.cat([c(x[:, i]) for c, i in zip(s.c3, s.ch3)] + [c(x[:, i]) for c, i in zip(s.c4, s.ch4)] + [s.c6(x)], 1)
    c3 = C3() if partial else nn.Conv2d(6, 16, 5)
    return nn.Sequential(nn.Conv2d(1,6,5,padding=2), nn.Tanh(), nn.AvgPool2d(2,2), nn.Tanh(), c3, nn.Tanh(),
                         nn.AvgPool2d(2,2), nn.Tanh(), nn.Flatten(), nn.Linear(400,120), nn.Tanh(),
                         nn.Linear(120,84), nn.Tanh(), nn.Linear(84,10))
for partial in (False, True):
    net = lenet(partial); cnt = sum(p.numel() for p in net.parameters())
    c3 = sum(p.numel() for p in net[4].parameters())
    print("partial" if partial else "full   ", "LeNet params", cnt, " C3 params", c3, " out", tuple(net(torch.zeros(2,1,28,28)).shape))
print("per layer:", dict(C1=6*(25+1), C3_full=16*(6*25+1), C3_partial=6*(3*25+1)+9*(4*25+1)+(6*25+1), C5=400*120+120, F6=120*84+84, F7=84*10+10))
print("student: (3*6+4*9+6)*25 =", (3*6+4*9+6)*25, " 6*16*25 =", 6*16*25, " diff", 6*16*25-(3*6+4*9+6)*25, "; true diff", 2416-1516)
print("common mistakes: C3 partial with one bias per connection (60)", (3*6+4*9+6)*25 + (3*6+4*9+6),
      "; weights-only LeNet full/partial", 61706 - (6+16+120+84+10), "/", 60806 - (6+16+120+84+10),
      "; LeCun 1998 paper: C3 has 1,516 trainable params, 151,600 connections =", 1516*100)
# MACs of C3 at 10x10 output
print("C3 MACs full", 16*6*25*100, " partial", (6*3+9*4+6)*25*100)

# Problem 5: the student's loss_function has no return statement
def loss_function(z, y):
    ans = (1 - y) * ((1 - torch.sigmoid(-z))**2 + torch.sigmoid(z)**2)
    ans += (1 + y) * ((1 - torch.sigmoid(z))**2 + torch.sigmoid(-z)**2)
print("student loss_function returns:", loss_function(torch.tensor(0.3), torch.tensor(1.)))
def loss_fixed(z, y):
    ans = (1 - y) * ((1 - torch.sigmoid(-z))**2 + torch.sigmoid(z)**2)
    ans += (1 + y) * ((1 - torch.sigmoid(z))**2 + torch.sigmoid(-z)**2)
    return ans
zz = torch.linspace(-3, 3, 7)
print("fixed loss == 4*sigmoid(-y z)^2 :", torch.allclose(loss_fixed(zz, torch.ones(7)), 4*torch.sigmoid(-zz)**2),
      torch.allclose(loss_fixed(zz, -torch.ones(7)), 4*torch.sigmoid(zz)**2))
