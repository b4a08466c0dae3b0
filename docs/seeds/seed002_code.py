# Seed 002 -- reproduce the student's from-scratch functions and their bugs.  Run: /usr/bin/python3 seed002_code.py
import math, warnings, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
warnings.simplefilter("ignore")
torch.manual_seed(0)

def my_max_pool(x, kernel_size, stride, padding):          # verbatim logic from the seed
    x_numpy = x.numpy(); b, c, h_in, w_in = x_numpy.shape
    h_out = math.floor((h_in + 2*padding - kernel_size)/stride + 1)
    w_out = math.floor((w_in + 2*padding - kernel_size)/stride + 1)
    output = np.zeros((b, c, h_out, w_out))
    padded_x = np.zeros((b, c, h_in + 2*padding, w_in + 2*padding))
    padded_x[:, :, padding:(h_in+padding), padding:(w_in+padding)] = x_numpy
    for i in range(h_out):
        for j in range(w_out):
            output[:, :, i, j] = np.amax(padded_x[:, :, i*stride:i*stride+kernel_size, j*stride:j*stride+kernel_size], axis=(2, 3))
    return torch.from_numpy(output)

def my_sigmoid(x):
    return 1 / (1 + np.exp(-x))

def my_cross_entropy(p, y):                                 # verbatim logic from the seed
    N, C = p.shape
    log_loss = torch.zeros(N, C)
    for i in range(N):
        p_sum = 0
        for j in range(C):
            p_sum += np.exp(p[i, j])
        for j in range(C):
            log_loss[i, j] = np.log(np.exp(p[i, j]) / p_sum)
    loss = 0
    for i in range(N):
        loss -= log_loss[i, y[i]]
    loss /= N
    return loss

def my_batchnorm(x, num_features, eps):
    y = torch.empty_like(x); x_numpy = x.numpy(); N, C, H, W = x_numpy.shape; output = y.numpy()
    for c in range(num_features):
        s = x_numpy[:, c]
        output[:, c] = (x_numpy[:, c] - s.mean()) / (s.var() + eps)**0.5
    return torch.from_numpy(output)

# 1. cross entropy overflow for large logits
p = torch.tensor([[1000., 0., 0.]]); t = torch.tensor([0])
print("F.cross_entropy:", F.cross_entropy(p, t).item(), " my_cross_entropy:", float(my_cross_entropy(p, t)))
p = torch.tensor([[0., 200., 0.]]); t = torch.tensor([0])      # float32 exp overflows at ~88.7
print("F.cross_entropy:", F.cross_entropy(p, t).item(), " my_cross_entropy:", float(my_cross_entropy(p, t)))
p = torch.tensor([[-200., 0., 0.]]); t = torch.tensor([0])     # log(0) underflow of the true class prob
print("F.cross_entropy:", F.cross_entropy(p, t).item(), " my_cross_entropy:", float(my_cross_entropy(p, t)))
x = torch.randn(4, 5); t = torch.randint(5, (4,))
print("normal logits match:", F.cross_entropy(x, t).item(), float(my_cross_entropy(x, t)))

# 2. max pool with padding>0: zero padding instead of -inf
x = -torch.rand(1, 1, 4, 4) - 1          # all negative
print("maxpool pad=1 torch:", F.max_pool2d(x, 2, 2, 1)[0,0,0].tolist(), " mine:", my_max_pool(x, 2, 2, 1)[0,0,0].tolist())

# 3. sigmoid: np.exp on a tensor -> works, large negative x gives inf -> 1/(1+inf)=0 (correct limit)
x = torch.tensor([-1000., 0., 1000.])
print("sigmoid:", torch.sigmoid(x).tolist(), my_sigmoid(x).tolist(), type(my_sigmoid(x)).__name__)

# 4. batchnorm vs BatchNorm2d in train mode (biased variance), and eval mode mismatch
x = torch.randn(2, 3, 5, 5)
bn = nn.BatchNorm2d(3)
print("bn train mse:", F.mse_loss(my_batchnorm(x, 3, 1e-5), bn(x)).item())
bn.eval(); print("bn eval mse (expected mismatch, running stats):", F.mse_loss(my_batchnorm(x, 3, 1e-5), bn(x)).item())
xs = x.numpy()
unb = (xs - xs.mean(axis=(0,2,3), keepdims=True)) / np.sqrt(xs.var(axis=(0,2,3), ddof=1, keepdims=True) + 1e-5)
print("mistake: unbiased var mse:", F.mse_loss(torch.from_numpy(unb), nn.BatchNorm2d(3)(x)).item())
per_sample = (xs - xs.mean(axis=(2,3), keepdims=True)) / np.sqrt(xs.var(axis=(2,3), keepdims=True) + 1e-5)
print("mistake: per-sample (instance) stats mse:", F.mse_loss(torch.from_numpy(per_sample), nn.BatchNorm2d(3)(x)).item())

# 5. DataLoader iterator .next()
dl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.zeros(4, 1)), batch_size=2)
it = iter(dl)
try:
    it.next(); print("it.next() works on torch", torch.__version__)
except AttributeError as e:
    print("it.next() fails on torch", torch.__version__, ":", e)

# 6. CIFAR CNN of the seed: parameter count and shapes
class CNN(nn.Module):
    def __init__(s, n=10):
        super().__init__()
        ch = [3,16,16,32,32,64,64,128,128]
        s.convs = nn.ModuleList(nn.Conv2d(ch[i], ch[i+1], 3, 1, 1) for i in range(8))
        s.fc = nn.Linear(128, n)
    def forward(s, x):
        for i, c in enumerate(s.convs):
            x = F.relu(c(x))
            if i in (1, 3, 5): x = F.max_pool2d(x, 2, 2)
        return s.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))
m = CNN()
print("CIFAR CNN params:", sum(p.numel() for p in m.parameters()), "out", tuple(m(torch.zeros(2,3,32,32)).shape))
