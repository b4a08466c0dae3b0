"""Hostile: tries to reach the network (an outside address, the loopback, DNS).
Returns what worked, so a leak shows up as data. Expected: nothing works."""
import numpy as np
import socket


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    reached = []
    for host, port in (("1.1.1.1", 80), ("8.8.8.8", 53), ("127.0.0.1", 22), ("172.17.0.1", 2375)):
        try:
            with socket.create_connection((host, port), timeout=1):
                reached.append("%s:%d" % (host, port))
        except OSError:
            pass
    try:
        socket.getaddrinfo("example.com", 80)
        reached.append("dns")
    except OSError:
        pass
    return reached
