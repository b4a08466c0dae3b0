"""Hostile: kills its parent (the harness), then every process it may signal.
Expected: refused, or at worst this call crashes and the other calls still run."""
import numpy as np
import os
import signal


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    os.kill(os.getppid(), signal.SIGKILL)
    os.kill(-1, signal.SIGKILL)
    return "still here"
