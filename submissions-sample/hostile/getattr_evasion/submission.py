"""Hostile: uses the forbidden conv2d through a name built at run time.
Expected: the scan flags the getattr and the runtime guard stops the call."""
import numpy as np
import torch
import torch.nn.functional as F


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    conv = getattr(F, "con" + "v2d")
    t = torch.as_tensor(x).reshape(1, 1, *x.shape)
    return conv(t, torch.ones(1, 1, 1, 1)).reshape(x.shape).numpy()
