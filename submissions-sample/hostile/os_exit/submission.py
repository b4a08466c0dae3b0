"""Hostile: ends its own process in the middle of a call, reporting success.
Expected: the call is reported as crashed; later calls run in a fresh process."""
import numpy as np
import os


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    os._exit(0)
