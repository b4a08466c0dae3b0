"""Hostile: prints without end. Expected: output capped, the call stopped, later calls fine."""
import numpy as np
import sys


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    line = "spam " * 2000 + "\n"
    while True:
        sys.stdout.write(line)
        sys.stderr.write(line)
