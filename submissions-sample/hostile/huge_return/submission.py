"""Hostile: returns a tensor far larger than the grader accepts.
Expected: the value is refused with its size; nothing huge crosses over."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    return np.zeros((64, 1024, 1024), dtype=np.float32)  # 64 Mi elements, 512 MiB as float64
