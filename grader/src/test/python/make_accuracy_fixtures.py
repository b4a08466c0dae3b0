"""Writes the fixtures of the accuracy check: run from the repository root with /usr/bin/python3 (torch 1.13).

- grader/src/test/resources/model/data/cifar-10-batches-py/test_batch: a synthetic CIFAR-10 test set of 200
  images (20 per class) in the Python pickle batch format ({b'data': uint8 [200, 3072], b'labels': [...]}).
  Each class is a colour and a stripe pattern (orientation and period); an image blends its class with a
  random other class and adds noise, so the classes are learnable but not perfectly separable.
- grader/src/test/resources/model/good-logits.npy: PyTorch's eval-mode logits of the good model on those
  200 images (float32 [200, 10]), for the agreement test.
- submissions-sample/alexnet-cifar10/checkpoint-*/: the submissions the JUnit tests grade
  - good: the zoo network cs5242-cnn written as a student would (features / pool / fc), trained on 2,000
    other synthetic images; torch.save(model.state_dict(), 'model.pt').
  - below: a quarter-width cs5242-cnn trained until its accuracy is between 0.55 and 0.68 (between the
    partial-credit start and the threshold), embedded in the full shapes with zeros (the same function),
    saved with numpy.savez_compressed as model.npz: the zeros compress, keeping the repository small (a
    float32 .pt of cs5242-cnn is 1.2 MB).
  - wrong-architecture: a smaller network (half the widths, two blocks), trained the same way.
  - truncated: the first 16 KiB of the good model.pt (an interrupted upload).
  - malicious: a torch.save zip whose data.pkl calls os.system('touch MARKER') when unpickled; the script
    checks that torch.load really runs it, and the JUnit test checks that grading does not.
"""
import os
import pickle
import struct
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn

ROOT = os.getcwd()
RES = os.path.join(ROOT, "grader", "src", "test", "resources", "model")
SAMPLES = os.path.join(ROOT, "submissions-sample", "alexnet-cifar10")
MARKER = "/tmp/tensorgrade-accuracy-payload-ran"
MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]
COLOURS = np.array([[230, 40, 40], [40, 200, 60], [50, 70, 230], [230, 220, 50], [200, 60, 210],
                    [50, 210, 220], [240, 140, 30], [120, 120, 120], [140, 70, 20], [250, 250, 250]], dtype=np.float64)


def pattern(c):
    """Class c's stripes in [0, 1]: horizontal for even c, vertical for odd, period 4 + c // 2 * 2."""
    period = 4 + (c // 2) * 2
    idx = np.arange(32)
    stripes = ((idx // (period // 2)) % 2).astype(np.float64)
    return np.tile(stripes[:, None], (1, 32)) if c % 2 == 0 else np.tile(stripes[None, :], (32, 1))


def class_image(c):
    p = pattern(c)
    return COLOURS[c][:, None, None] * (0.55 + 0.45 * p[None, :, :])


def make_set(n, seed):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 10
    rng.shuffle(labels)
    images = np.empty((n, 3, 32, 32), dtype=np.uint8)
    for i, c in enumerate(labels):
        other = (c + rng.integers(1, 10)) % 10
        alpha = rng.uniform(0.42, 1.0)
        img = alpha * class_image(c) + (1 - alpha) * class_image(other)
        img += rng.normal(0, 45, img.shape)
        images[i] = np.clip(img, 0, 255).astype(np.uint8)
    return images, labels.tolist()


def tensor(images):
    x = torch.from_numpy(images.astype(np.float32)) / 255
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)


class Cs5242(nn.Module):
    def __init__(self, blocks=((3, 16, 16), (16, 32, 32), (32, 64, 64), (64, 128, 128))):
        super().__init__()
        layers = []
        for i, (a, b, c) in enumerate(blocks):
            layers += [nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.Conv2d(b, c, 3, padding=1), nn.ReLU()]
            if i < len(blocks) - 1:
                layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(blocks[-1][2], 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


def train(model, x, y, epochs, seed):
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(y))
        for k in range(0, len(y), 64):
            b = perm[k:k + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(model(x[b]), y[b]).backward()
            opt.step()
    return model.eval()


def accuracy(model, x, y):
    with torch.no_grad():
        return float((model(x).argmax(1) == y).float().mean())


NARROW = ((3, 4, 4), (4, 8, 8), (8, 16, 16), (16, 32, 32))


def train_until(model, x, y, xt, yt, low, high, seed):
    """Trains in steps of 10 batches until the test accuracy lands in [low, high]; returns it."""
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for step in range(2000):
        if step % 10 == 0:
            acc = accuracy(model.eval(), xt, yt)
            if low <= acc <= high:
                return acc
        model.train()
        b = torch.randint(0, len(y), (64,))
        opt.zero_grad()
        nn.functional.cross_entropy(model(x[b]), y[b]).backward()
        opt.step()
    raise AssertionError("the narrow model never landed in [%s, %s]" % (low, high))


def embed(narrow, full):
    """The full-size state_dict that computes what `narrow` does: its weights in the leading channels, zeros
    elsewhere (a zero channel stays zero through ReLU and max pool, and its outgoing weights are zero)."""
    out = {}
    for k, v in full.state_dict().items():
        small = narrow.state_dict()[k]
        big = torch.zeros_like(v)
        big[tuple(slice(0, s) for s in small.shape)] = small
        out[k] = big
    return out


class Py2Pickler(pickle._Pickler):
    """Writes bytes as Python 2's str (BINSTRING), as the real CIFAR-10 python batches were written; Python 3's
    protocol 2 would store the 614,400 pixel bytes as latin-1 text through _codecs.encode (40% larger)."""
    dispatch = pickle._Pickler.dispatch.copy()

    def save_bytes(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_bytes


class Payload:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


def payload_runs(path):
    if os.path.exists(MARKER):
        os.remove(MARKER)
    subprocess.run([sys.executable, "-c", "import torch, sys; torch.load(sys.argv[1])", path], check=False,
                   capture_output=True)
    ran = os.path.exists(MARKER)
    if ran:
        os.remove(MARKER)
    return ran


def main():
    torch.set_num_threads(2)
    test_images, test_labels = make_set(200, 5242)
    train_images, train_labels = make_set(2000, 1)
    xt, yt = tensor(test_images), torch.tensor(test_labels)
    xr, yr = tensor(train_images), torch.tensor(train_labels)

    data = os.path.join(RES, "data", "cifar-10-batches-py")
    os.makedirs(data, exist_ok=True)
    batch = {b"batch_label": b"synthetic testing batch", b"labels": test_labels,
             b"data": test_images.reshape(200, 3072), b"filenames": [b"img_%03d.png" % i for i in range(200)]}
    with open(os.path.join(data, "test_batch"), "wb") as f:
        Py2Pickler(f, protocol=2).dump(batch)

    torch.manual_seed(5242)
    good = train(Cs5242(), xr, yr, 12, 5242)
    good_acc = accuracy(good, xt, yt)
    print("good accuracy", good_acc)
    assert 0.8 <= good_acc < 1.0, "the good model should pass 0.75 with some mistakes"
    with torch.no_grad():
        logits = good(xt)
    np.save(os.path.join(RES, "good-logits.npy"), logits.numpy().astype(np.float32))
    top2 = logits.topk(2, dim=1).values
    print("min top-2 margin", float((top2[:, 0] - top2[:, 1]).min()))

    def sample(name):
        d = os.path.join(SAMPLES, "checkpoint-" + name)
        os.makedirs(d, exist_ok=True)
        return d

    good_path = os.path.join(sample("good"), "model.pt")
    torch.save(good.state_dict(), good_path)

    torch.manual_seed(11)
    narrow = Cs5242(NARROW)
    narrow_acc = train_until(narrow, xr, yr, xt, yt, 0.55, 0.68, 11)
    below = Cs5242()
    below.load_state_dict(embed(narrow, below))
    below_acc = accuracy(below.eval(), xt, yt)
    print("below: narrow accuracy %.3f, embedded %.3f" % (narrow_acc, below_acc))
    assert below_acc == narrow_acc
    np.savez_compressed(os.path.join(sample("below"), "model.npz"),
                        **{k: v.numpy() for k, v in below.state_dict().items()})

    torch.manual_seed(7)
    wrong = train(Cs5242(((3, 8, 8), (8, 16, 16))), xr, yr, 1, 7)
    torch.save(wrong.state_dict(), os.path.join(sample("wrong-architecture"), "model.pt"))

    with open(good_path, "rb") as f:
        head = f.read(16 * 1024)
    with open(os.path.join(sample("truncated"), "model.pt"), "wb") as f:
        f.write(head)

    evil = os.path.join(sample("malicious"), "model.pt")
    torch.save({"features.0.weight": Payload()}, evil)
    assert payload_runs(evil), "torch.load should run the payload: the fixture must be a real attack"

    print("sizes:", {os.path.relpath(os.path.join(r, n), ROOT): os.path.getsize(os.path.join(r, n))
                     for base in (RES, SAMPLES) for r, _, ns in os.walk(base) for n in ns
                     if not n.endswith((".yaml", ".md"))})


if __name__ == "__main__":
    main()
