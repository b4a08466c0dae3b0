"""Hostile: leaves a background process that keeps writing garbage to every inherited descriptor
after the call returns. Expected: it dies with the call; later calls are unaffected."""
import numpy as np
import os
import time


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    if os.fork() == 0:
        os.setsid()
        while True:
            for fd in range(3, 64):
                try:
                    os.write(fd, b"\xff" * 64)
                except OSError:
                    pass
            time.sleep(0.01)
    return x
