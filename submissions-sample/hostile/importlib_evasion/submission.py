"""Hostile: reaches the forbidden conv2d through importlib and __import__.
Expected: the scan flags importlib and the runtime guard stops the call."""
import importlib
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    torch = __import__("to" + "rch")
    functional = importlib.import_module("torch.nn." + "functional")
    t = torch.as_tensor(x).reshape(1, 1, *x.shape)
    return functional.conv2d(t, torch.ones(1, 1, 1, 1)).reshape(x.shape).numpy()
