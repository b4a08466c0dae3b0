# Seed 002 -- the student's my_conv / my_avg_pool against torch for stride/padding != defaults.
import math, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(0)
def my_conv(x, in_channels, out_channels, kernel_size, stride, padding, weight, bias):
    xn = x.numpy(); n, c_in, h_in, w_in = xn.shape
    wn = weight.detach().numpy(); bn = bias.detach().numpy()
    h_out = math.floor((h_in + 2*padding - kernel_size)/stride + 1); w_out = math.floor((w_in + 2*padding - kernel_size)/stride + 1)
    out = np.zeros((n, out_channels, h_out, w_out))
    px = np.zeros((n, c_in, h_in + 2*padding, w_in + 2*padding)); px[:, :, padding:h_in+padding, padding:w_in+padding] = xn
    for k in range(n):
        for oc in range(out_channels):
            for i in range(h_out):
                for j in range(w_out):
                    r = 0
                    for ic in range(in_channels):
                        r += np.sum(px[k, ic, i*stride:i*stride+kernel_size, j*stride:j*stride+kernel_size] * wn[oc, ic])
                    out[k, oc, i, j] = r + bn[oc]
    return torch.from_numpy(out)
def my_avg_pool(x, kernel_size, stride, padding):
    xn = x.numpy(); b, c, h_in, w_in = xn.shape
    h_out = math.floor((h_in + 2*padding - kernel_size)/stride + 1); w_out = math.floor((w_in + 2*padding - kernel_size)/stride + 1)
    out = np.zeros((b, c, h_out, w_out)); px = np.zeros((b, c, h_in+2*padding, w_in+2*padding)); px[:, :, padding:h_in+padding, padding:w_in+padding] = xn
    for i in range(h_out):
        for j in range(w_out):
            out[:, :, i, j] = np.mean(px[:, :, i*stride:i*stride+kernel_size, j*stride:j*stride+kernel_size], axis=(2, 3))
    return torch.from_numpy(out)
x = torch.randn(2, 3, 9, 9)
c = nn.Conv2d(3, 4, 3, stride=2, padding=1)
print("conv s2 p1 mse:", F.mse_loss(my_conv(x, 3, 4, 3, 2, 1, c.weight, c.bias), c(x).double()).item())
print("avgpool k3 s2 p1 (count_include_pad=True) mse:", F.mse_loss(my_avg_pool(x, 3, 2, 1), F.avg_pool2d(x, 3, 2, 1).double()).item())
print("avgpool vs count_include_pad=False mse:", F.mse_loss(my_avg_pool(x, 3, 2, 1), F.avg_pool2d(x, 3, 2, 1, count_include_pad=False).double()).item())
print("conv ceil-mode-free odd size: out", tuple(my_conv(x, 3, 4, 4, 3, 0, nn.Conv2d(3,4,4).weight, torch.zeros(4)).shape))
print("output dtype", my_conv(x, 3, 4, 3, 2, 1, c.weight, c.bias).dtype, "(torch reference float32)")
