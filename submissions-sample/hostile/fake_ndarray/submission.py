"""Hostile: returns an ndarray subclass whose methods lie about its contents (and whose == is
always True). Expected: the grader reads the real data (all -1)."""
import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return True

    def __array__(self, *a, **k):
        return np.full(np.ndarray.__array__(self).shape, 42.0)

    def astype(self, *a, **k):
        return np.full(self.shape, 42.0)

    def tobytes(self, *a, **k):
        return np.full(self.shape, 42.0).tobytes()

    def tolist(self):
        return np.full(self.shape, 42.0).tolist()

    def __float__(self):
        return 42.0


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    return np.full(x.shape, -1.0).view(Liar)
