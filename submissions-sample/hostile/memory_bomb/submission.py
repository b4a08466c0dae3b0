"""Hostile: allocates memory until something gives. Expected: MemoryError or a kill by the limit."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    hoard = []
    while True:
        block = np.ones(64 << 17)  # 64 MiB, touched so it is really used
        hoard.append(block)
