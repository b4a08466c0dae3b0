"""Hostile: monkeypatches numpy (and json) so that conversions and comparisons lie, then returns
a wrong answer. Expected: the grader sees the real (wrong) values."""
import json
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    fake = np.full(x.shape, 42.0)
    np.array = lambda *a, **k: fake
    np.asarray = lambda *a, **k: fake
    np.ascontiguousarray = lambda *a, **k: fake
    np.allclose = lambda *a, **k: True
    np.array_equal = lambda *a, **k: True
    np.testing.assert_allclose = lambda *a, **k: None
    np.save = lambda *a, **k: None
    json.dumps = lambda *a, **k: "[]"
    return x * 0 - 1.0
