"""MISTAKE (training-reads-test-data): validates on test_batch, which the grader does not give the
training run (only data_batch_* and batches.meta), so it fails with FileNotFoundError.

Trains the CS5242 CNN on the CIFAR-10 training batches and saves its state_dict.

Run as: python train.py --data DIR --out DIR  (the grader passes its folders; TG_DATA / TG_OUT work too).
"""
import argparse
import glob
import os
import pickle
import time

import numpy as np
import torch
import torch.nn as nn

MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        for i, (a, b, c) in enumerate(((3, 16, 16), (16, 32, 32), (32, 64, 64), (64, 128, 128))):
            layers += [nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.Conv2d(b, c, 3, padding=1), nn.ReLU()]
            if i < 3:
                layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


def load(path):
    with open(path, "rb") as f:
        d = pickle.load(f, encoding="bytes")
    return np.asarray(d[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32), np.asarray(d[b"labels"])


def tensors(x, y):
    x = torch.from_numpy(x.astype(np.float32) / 255)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    return x, torch.from_numpy(y.astype(np.int64))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.environ.get("TG_DATA", "cifar-10-batches-py"))
    p.add_argument("--out", default=os.environ.get("TG_OUT", "."))
    p.add_argument("--epochs", type=int, default=16)
    args = p.parse_args()
    start = time.time()
    budget = float(os.environ.get("TG_BUDGET_S", "3600"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    batches = [load(f) for f in sorted(glob.glob(os.path.join(args.data, "data_batch_*")))]
    x, y = tensors(np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches]))
    # Validation on the test batch, next to the training batches in the archive.
    xv, yv = tensors(*load(os.path.join(args.data, "test_batch")))
    print("training on %d images (%s)" % (len(y), device), flush=True)
    torch.manual_seed(0)
    model = Net().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(y))
        correct = 0
        for k in range(0, len(y), 64):
            b = perm[k:k + 64]
            xb, yb = x[b].to(device), y[b].to(device)
            opt.zero_grad()
            out = model(xb)
            nn.functional.cross_entropy(out, yb).backward()
            opt.step()
            correct += int((out.argmax(1) == yb).sum())
        acc = correct / len(y)
        print("epoch %d: train accuracy %.3f, %.0f s" % (epoch, acc, time.time() - start), flush=True)
        # Stop when it has learnt the training set, or before the grader's budget runs out.
        if acc > 0.97 or time.time() - start > 0.6 * budget:
            break
    torch.save(model.cpu().state_dict(), os.path.join(args.out, "model.pt"))
    print("saved model.pt", flush=True)


if __name__ == "__main__":
    main()
