import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.functional import max_pool2d as pool
from torch import nn


def conv(x, w):
    return F.conv2d(torch.as_tensor(x), torch.as_tensor(w)).numpy()


def pooled(x):
    return pool(torch.as_tensor(x), 2).numpy()


def layer():
    return nn.Conv2d(1, 1, 3)


def sneaky(x):
    import sys
    mod = sys.modules["torch.nn.functional"]
    return eval("mod.conv2d"), torch._C._nn, F.__dict__["conv2d"], torch.conv2d


def fine(x):
    return np.maximum(x, 0), torch.relu(torch.as_tensor(x))


if __name__ == "__main__":
    print(F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 1, 1)))
