"""Hostile: imports the grader's own runtime guard, switches it off, then calls the forbidden conv2d.
Expected: the scan flags the import of the grader's module `guard` (and the conv2d); the part gets zero."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    import guard
    guard.activate([])
    import torch
    t = torch.as_tensor(x).reshape(1, 1, *x.shape)
    return torch.nn.functional.conv2d(t, torch.ones(1, 1, 1, 1)).reshape(x.shape).numpy()
