"""Hostile: writes gigabytes to disk (scratch and /tmp). Expected: the write fails at the cap."""
import numpy as np
import os


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    chunk = b"\0" * (1 << 20)
    for folder in (".", "/tmp"):
        with open(os.path.join(folder, "filler.bin"), "wb") as f:
            for _ in range(4096):  # 4 GiB
                f.write(chunk)
    return "wrote 8 GiB"
