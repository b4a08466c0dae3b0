"""Hostile: sleeps far past the call's time limit. Expected: a timeout."""
import numpy as np
import time


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    time.sleep(3600)
    return x
