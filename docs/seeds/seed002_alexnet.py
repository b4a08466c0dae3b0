# Seed 002 -- AlexNet parameters / FLOPs.  Run: /usr/bin/python3 seed002_alexnet.py
# torchvision is not installed here, so torchvision.models.alexnet is rebuilt layer-for-layer.
import math, torch, torch.nn as nn

def tv_alexnet(num_classes=1000):          # == torchvision.models.alexnet (v0.14)
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.AdaptiveAvgPool2d((6, 6)), nn.Flatten(),
        nn.Dropout(), nn.Linear(256*6*6, 4096), nn.ReLU(),
        nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, num_classes))

def paper_alexnet(grouped=True):            # Krizhevsky et al. 2012, 2-GPU net (groups=2 on conv2/4/5)
    g = 2 if grouped else 1
    return nn.Sequential(
        nn.Conv2d(3, 96, 11, 4), nn.ReLU(), nn.MaxPool2d(3, 2),          # input 227x227 (paper says 224)
        nn.Conv2d(96, 256, 5, padding=2, groups=g), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, 3, padding=1, groups=g), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1, groups=g), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(), nn.Linear(256*6*6, 4096), nn.ReLU(), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, 1000))

def report(model, inp, title):
    print("==", title)
    rows, x = [], torch.zeros(1, *inp)
    for m in model:
        y = m(x)
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            w = m.weight.numel(); b = m.bias.numel()
            outs = y[0].numel()
            macs = w * (y.shape[-1]*y.shape[-2] if y.dim() == 4 else 1)   # = outs * (Cin/groups*k*k)
            rows.append((type(m).__name__, tuple(x.shape[1:]), tuple(y.shape[1:]), w, b, macs, outs))
        x = y
    tw = tb = tm = 0
    for r in rows:
        name, i, o, w, b, macs, outs = r
        tw += w; tb += b; tm += macs
        print(f"{name:7s} in {str(i):15s} out {str(o):15s} W {w:>10,} b {b:>5,} W+b {w+b:>10,} MACs {macs:>12,} "
              f"params/MACs {w/macs:.6f}")
    print(f"weights {tw:,}  biases {tb:,}  params {tw+tb:,}  MACs {tm:,}  FLOPs(2*MACs) {2*tm:,}  "
          f"FLOPs(2*MACs+bias adds) {2*tm+sum(r[6] for r in rows):,}")
    assert tw+tb == sum(p.numel() for p in model.parameters())
    return rows

torch.set_grad_enabled(False)
report(tv_alexnet(), (3, 224, 224), "torchvision AlexNet, 3x224x224 (what the homework links to)")
report(paper_alexnet(True), (3, 227, 227), "original paper AlexNet (2 GPUs, grouped conv2/4/5), 3x227x227")
report(paper_alexnet(False), (3, 227, 227), "original paper AlexNet with groups merged (1 GPU, CaffeNet-style ungrouped)")

# ---- the student's numbers -------------------------------------------
W = [3*64*11*11, 64*192*5*5, 192*384*3*3, 384*256*3*3, 256*256*3*3]
stud_sz = [(224+2*2)/4, (28+2*2), (16+2*1), (18+2*1), (20+2*1)]   # as written by the student
stud = [int(w*s*s) for w, s in zip(W, stud_sz)]
print("student conv 'FLOPs' per layer", stud, "sum", f"{sum(stud):,}")
print("student total FLOPs", f"{sum(stud)+58621952:,}", " ratios", [round(w/f, 5) for w, f in zip(W, stud)])
# student's intermediate sizes vs correct ones
def o(I,K,S,P): return (I+2*P-K)//S+1
s = 224; sz = []
for (K,S,P,pool) in [(11,4,2,1),(5,1,2,1),(3,1,1,0),(3,1,1,0),(3,1,1,1)]:
    s = o(s,K,S,P); sz.append(s)
    if pool: s = o(s,3,2,0)
print("correct conv output sizes", sz, "final pool", s)
# common mistake values
print("conv1 with 224 and no padding (floor):", o(224,11,4,0), " 227 input no pad:", o(227,11,4,0),
      " (224+4-11)/4+1 unfloored:", (224+4-11)/4+1)
print("conv1 MACs if 55 vs 54 vs 56:", [23232*h*h for h in (55,54,56)])
print("FC layers MACs", 37748736+16777216+4096000)
