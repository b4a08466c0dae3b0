"""A student's .py with a plotting import the sandbox lacks; the graded function does not need it."""
import numpy as np
import tg_missing_plotting as plt
from tg_missing_vision import transforms


def relu(x):
    return np.maximum(x, 0)


def show(x):
    plt.imshow(x)
    return x
