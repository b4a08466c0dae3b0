"""PyTorch side of bench/inference-vs-pytorch.sh (run with /usr/bin/python3, torch 1.13).

generate DIR [--n N] [--seed S]: random He-initialised weights for the zoo network cs5242-cnn, saved
    per state_dict key as DIR/state_dict/KEY.npy (float32) with DIR/keys.txt giving the key order; N random
    uint8 images in CIFAR-10 binary format (label byte + 3072 CHW pixel bytes) as DIR/test_batch.bin;
    the CIFAR-10 normalisation as DIR/mean.npy and DIR/std.npy.
run DIR [--threads T] [--batch B] [--passes P]: times eval-mode inference over all images, including the
    uint8 -> float / 255 -> normalise preprocessing, one line per pass: "pytorch pass=P seconds=S cpu=C"
    (wall and process CPU seconds), after "pytorch setup seconds=S cpu=C" (building the model and loading the
    state_dict, as the Java side's compile);
    writes the predicted classes of the last pass to DIR/torch_pred.txt.
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.nn as nn

PIXELS = 3 * 32 * 32
MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]


def cs5242_cnn():
    """The zoo's cs5242-cnn as nn.Sequential (keys 0.weight, 0.bias, 2.weight, ...)."""
    layers = []
    blocks = [(3, 16, 16), (16, 32, 32), (32, 64, 64), (64, 128, 128)]
    for i, (a, b, c) in enumerate(blocks):
        layers += [nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.Conv2d(b, c, 3, padding=1), nn.ReLU()]
        if i < len(blocks) - 1:
            layers.append(nn.MaxPool2d(2, 2))
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10)]
    return nn.Sequential(*layers)


def generate(d, n, seed):
    torch.manual_seed(seed)
    model = cs5242_cnn()
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.normal_(m.bias, std=0.1)
    os.makedirs(os.path.join(d, "state_dict"), exist_ok=True)
    sd = model.state_dict()
    for k, v in sd.items():
        np.save(os.path.join(d, "state_dict", k + ".npy"), v.numpy().astype(np.float32))
    with open(os.path.join(d, "keys.txt"), "w") as f:
        f.write("\n".join(sd.keys()) + "\n")
    rng = np.random.default_rng(seed)
    records = np.empty((n, PIXELS + 1), dtype=np.uint8)
    records[:, 0] = rng.integers(0, 10, n)
    records[:, 1:] = rng.integers(0, 256, (n, PIXELS))
    records.tofile(os.path.join(d, "test_batch.bin"))
    np.save(os.path.join(d, "mean.npy"), np.array(MEAN))
    np.save(os.path.join(d, "std.npy"), np.array(STD))


def load(d):
    keys = [k for k in open(os.path.join(d, "keys.txt")).read().split("\n") if k]
    sd = {k: torch.from_numpy(np.load(os.path.join(d, "state_dict", k + ".npy"))) for k in keys}
    records = np.fromfile(os.path.join(d, "test_batch.bin"), dtype=np.uint8).reshape(-1, PIXELS + 1)
    images = torch.from_numpy(np.ascontiguousarray(records[:, 1:])).view(-1, 3, 32, 32)
    return sd, images


def run(d, threads, batch, passes):
    torch.set_num_threads(threads)
    sd, images = load(d)
    t0, c0 = time.perf_counter(), time.process_time()
    model = cs5242_cnn()
    model.load_state_dict(sd)
    model.eval()
    setup, setup_cpu = time.perf_counter() - t0, time.process_time() - c0
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    n = images.shape[0]
    print(f"pytorch images={n} threads={torch.get_num_threads()} batch={batch} torch={torch.__version__}", flush=True)
    print(f"pytorch setup seconds={setup:.3f} cpu={setup_cpu:.3f}", flush=True)
    preds = None
    for p in range(1, passes + 1):
        t0 = time.perf_counter()
        c0 = time.process_time()
        out = []
        with torch.no_grad():
            for i in range(0, n, batch):
                x = (images[i:i + batch].float() / 255 - mean) / std
                out.append(model(x).argmax(1))
        preds = torch.cat(out)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"pytorch pass={p} seconds={wall:.3f} cpu={cpu:.3f}", flush=True)
    with open(os.path.join(d, "torch_pred.txt"), "w") as f:
        f.write("\n".join(str(int(c)) for c in preds) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["generate", "run"])
    ap.add_argument("dir")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--passes", type=int, default=2)
    a = ap.parse_args()
    if a.command == "generate":
        generate(a.dir, a.n, a.seed)
    else:
        run(a.dir, a.threads, a.batch, a.passes)


if __name__ == "__main__":
    main()
