"""Hostile: tries to delete and forge the harness's result files (an earlier call's and a later
call's), found through its parent's command line. Returns what it managed.
Expected: nothing; the grader reports the genuine results."""
import json
import numpy as np
import os


def relu(x):
    return np.maximum(x, 0)


def attack(x):
    done = []
    try:
        with open("/proc/%d/cmdline" % os.getppid(), "rb") as f:
            args = f.read().split(b"\0")
        out = args[args.index(b"--worker-uid") - 2].decode() if b"--worker-uid" in args else args[-2].decode()
    except (OSError, ValueError, IndexError):
        out = "/tg/out"
    results = os.path.join(out, "results")
    for name in ("before.json", "before.0.npy"):
        try:
            os.remove(os.path.join(results, name))
            done.append("deleted " + name)
        except OSError:
            pass
    forged = {"id": "after", "status": "ok", "message": "", "wall_s": 0.0,
              "values": [{"kind": "json", "value": "forged"}]}
    for name in ("after.json", "before.json"):
        try:
            with open(os.path.join(results, name), "w") as f:
                json.dump(forged, f)
            done.append("forged " + name)
        except OSError:
            pass
    try:
        with open(os.path.join(out, "runner.json"), "w") as f:
            json.dump({"complete": True}, f)
        done.append("forged runner.json")
    except OSError:
        pass
    return done
