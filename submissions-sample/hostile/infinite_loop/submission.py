"""Hostile: never returns, and ignores the signals it can. Expected: a timeout."""
import numpy as np
import signal


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)
    n = 0
    while True:
        n += 1
