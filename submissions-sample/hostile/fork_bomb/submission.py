"""Hostile: a fork bomb. Expected: the call times out or fails; no process survives it."""
import numpy as np
import os


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    while True:
        try:
            os.fork()
        except OSError:
            pass
