"""Hostile: reads files outside its scratch folder: the grader's files (paths given by the test),
the job's other folders, the host's home, the Docker socket. Returns what it could read."""
import glob
import numpy as np
import os


def relu(x):
    return np.maximum(x, 0)


def attack(x, paths):
    read = []
    candidates = list(paths) + ["/root/.bash_history", "/root/.ssh/id_rsa", "/var/run/docker.sock",
                                "/etc/shadow"]
    candidates += glob.glob("/home/*/.*")[:20] + glob.glob("/tmp/tensorgrade-job-*/*")[:20]
    candidates += glob.glob("../out/*") + glob.glob("/tg/out/results/*")
    for p in candidates:
        try:
            with open(p, "rb") as f:
                f.read(16)
            read.append(p)
        except OSError:
            pass
    return read
