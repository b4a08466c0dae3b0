"""Hostile: returns an object whose unpickling would run a command.
Expected: it is never pickled; the value is reported as unusable."""
import numpy as np
import os


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/tensorgrade-pwned",))


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    return Payload()
