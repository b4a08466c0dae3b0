"""Fixtures of the accuracy/training parts of the lenet5-filters, cs231n-conv-layers and alexnet-cifar10 rubrics.
Run from the repository root with /usr/bin/python3 (numpy; torch 1.13 for `samples`).

  make_training_fixtures.py data OUT    writes a synthetic --data folder for the tests (numpy only):
      OUT/cifar-10-batches-py/{data_batch_1, batches.meta}: 1,000 synthetic training images (the classes of
          make_accuracy_fixtures.py, other seed), and test_batch: a copy of the committed 200-image test set;
      OUT/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz: synthetic digits (see `digits`).
  make_training_fixtures.py samples     trains the committed checkpoints and writes
      grader/src/test/resources/train/mnist/t10k-*.gz (the 200-image MNIST-format test set) and
      submissions-sample/lenet5-filters/{correct,mistakes/checkpoint-*}/model.pt,
      submissions-sample/cs231n-conv-layers/{correct,mistakes/checkpoint-*}/model.npz.
The correct checkpoints pass their rubric's threshold on the synthetic test sets and the `below` ones land
between the partial-credit start and the threshold, so the threshold logic is exercised both ways.
"""
import gzip
import os
import shutil
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_accuracy_fixtures as acc  # noqa: E402

ROOT = os.getcwd()
RES = os.path.join(ROOT, "grader", "src", "test", "resources")
SAMPLES = os.path.join(ROOT, "submissions-sample")
CIFAR_TEST = os.path.join(RES, "model", "data", "cifar-10-batches-py", "test_batch")


def digits(n, seed):
    """n 28x28 uint8 images: class c is a bright bar at row 3 + 2c (even c) or column 3 + 2c (odd c) with a
    blob at a class-dependent corner, plus noise and a random shift of up to 2 pixels."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 10
    rng.shuffle(labels)
    images = np.zeros((n, 28, 28))
    for i, c in enumerate(labels):
        img = np.zeros((32, 32))
        pos = 5 + 2 * c
        if c % 2 == 0:
            img[pos:pos + 2, 4:28] = 220
        else:
            img[4:28, pos:pos + 2] = 220
        r, q = (c // 3) % 2 * 18 + 4, (c // 5) * 18 + 4
        img[r:r + 6, q:q + 6] += 120
        dy, dx = rng.integers(0, 5, 2)
        images[i] = img[dy:dy + 28, dx:dx + 28] + rng.normal(0, 60, (28, 28))
    return np.clip(images, 0, 255).astype(np.uint8), labels.astype(np.uint8)


def write_idx(path, images, labels_path, labels):
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(struct.pack(">IIII", 0x803, len(images), 28, 28) + images.tobytes())
    with gzip.open(labels_path, "wb", compresslevel=9) as f:
        f.write(struct.pack(">II", 0x801, len(labels)) + labels.tobytes())


def data(out):
    cifar = os.path.join(out, "cifar-10-batches-py")
    os.makedirs(cifar, exist_ok=True)
    images, labels = acc.make_set(1000, 7)
    batch = {b"batch_label": b"synthetic training batch 1", b"labels": labels,
             b"data": images.reshape(1000, 3072), b"filenames": [b"t_%04d.png" % i for i in range(1000)]}
    with open(os.path.join(cifar, "data_batch_1"), "wb") as f:
        acc.Py2Pickler(f, protocol=2).dump(batch)
    meta = {b"label_names": [n.encode() for n in ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                                                 "horse", "ship", "truck"]], b"num_cases_per_batch": 1000,
            b"num_vis": 3072}
    with open(os.path.join(cifar, "batches.meta"), "wb") as f:
        acc.Py2Pickler(f, protocol=2).dump(meta)
    shutil.copy(CIFAR_TEST, os.path.join(cifar, "test_batch"))
    mnist = os.path.join(out, "mnist")
    os.makedirs(mnist, exist_ok=True)
    x, y = digits(1000, 11)
    write_idx(os.path.join(mnist, "train-images-idx3-ubyte.gz"), x, os.path.join(mnist, "train-labels-idx1-ubyte.gz"), y)
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        shutil.copy(os.path.join(RES, "train", "mnist", name), os.path.join(mnist, name))


def samples():
    import torch
    import torch.nn as nn
    torch.set_num_threads(2)
    mnist = os.path.join(RES, "train", "mnist")
    os.makedirs(mnist, exist_ok=True)
    xt_raw, yt_raw = digits(200, 2024)
    write_idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz"), xt_raw, os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"),
              yt_raw)
    xr_raw, yr_raw = digits(2000, 3)

    def mt(x):
        return torch.from_numpy(x.astype(np.float32) / 255).unsqueeze(1)

    xt, yt, xr, yr = mt(xt_raw), torch.from_numpy(yt_raw.astype(np.int64)), mt(xr_raw), torch.from_numpy(yr_raw.astype(np.int64))

    class LeNet(nn.Module):
        def __init__(self, c1=6, c3=16):
            super().__init__()
            self.c1 = nn.Conv2d(1, c1, 5, padding=2)
            self.c3 = nn.Conv2d(c1, c3, 5)
            self.f5 = nn.Linear(c3 * 25, 120)
            self.f6 = nn.Linear(120, 84)
            self.out = nn.Linear(84, 10)

        def forward(self, x):
            x = torch.tanh(nn.functional.avg_pool2d(torch.tanh(self.c1(x)), 2))
            x = torch.tanh(nn.functional.avg_pool2d(torch.tanh(self.c3(x)), 2))
            x = torch.tanh(self.f5(torch.flatten(x, 1)))
            return self.out(torch.tanh(self.f6(x)))

    def sample(rubric, name):
        d = os.path.join(SAMPLES, rubric, name)
        os.makedirs(d, exist_ok=True)
        if name != "correct":
            shutil.copy(os.path.join(SAMPLES, rubric, "correct", "answers.yaml"), d)
        return d

    torch.manual_seed(3)
    good = acc.train(LeNet(), xr, yr, 8, 3)
    print("lenet5 good", acc.accuracy(good, xt, yt))
    assert acc.accuracy(good, xt, yt) >= 0.97
    torch.save(good.state_dict(), os.path.join(sample("lenet5-filters", "correct"), "model.pt"))
    torch.manual_seed(4)
    below = LeNet()
    a = acc.train_until(below, xr, yr, xt, yt, 0.9, 0.95, 4)
    print("lenet5 below", a)
    torch.save(below.state_dict(), os.path.join(sample("lenet5-filters", "mistakes/checkpoint-below"), "model.pt"))
    wrong = acc.train(LeNet(4, 8), xr, yr, 2, 5)
    torch.save(wrong.state_dict(), os.path.join(sample("lenet5-filters", "mistakes/checkpoint-wrong-architecture"),
                                                "model.pt"))
    good_pt = os.path.join(SAMPLES, "lenet5-filters", "correct", "model.pt")
    with open(good_pt, "rb") as f:
        head = f.read(16 << 10)
    with open(os.path.join(sample("lenet5-filters", "mistakes/checkpoint-truncated"), "model.pt"), "wb") as f:
        f.write(head)
    bad = os.path.join(sample("lenet5-filters", "mistakes/checkpoint-malicious"), "model.pt")
    torch.save({"c1.weight": acc.Payload()}, bad)
    assert acc.payload_runs(bad), "torch.load must run the payload (else the sample proves nothing)"

    # cs231n ThreeLayerConvNet: conv 32 7x7 pad 3 - relu - pool 2 - fc 100 - relu - fc 10, on CIFAR-like images.
    # Only 1 in 64 weights of the 8192x100 hidden layer may be non-zero (a fixed mask), so that savez_compressed
    # keeps the committed file small; the network is the full-size one.
    cx_raw, cy = acc.make_set(2000, 31)
    cx, cy = acc.tensor(cx_raw), torch.tensor(cy)
    ctx_raw, cty = acc.make_set(200, 5242)
    ctx, cty = acc.tensor(ctx_raw), torch.tensor(cty)

    class Three(nn.Module):
        def __init__(self, filters=32, hidden=100, mask_seed=0):
            super().__init__()
            self.conv = nn.Conv2d(3, filters, 7, padding=3)
            self.fc1 = nn.Linear(filters * 256, hidden)
            self.fc2 = nn.Linear(hidden, 10)
            g = torch.Generator().manual_seed(mask_seed)
            self.register_buffer("mask", (torch.rand(hidden, filters * 256, generator=g) < 1 / 64).float(),
                                 persistent=False)

        def forward(self, x):
            x = nn.functional.max_pool2d(torch.relu(self.conv(x)), 2)
            return self.fc2(torch.relu(nn.functional.linear(torch.flatten(x, 1), self.fc1.weight * self.mask,
                                                            self.fc1.bias)))

    def save_npz(model, path):
        sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
        sd["fc1.weight"] = sd["fc1.weight"] * model.mask.numpy()
        np.savez_compressed(path, **sd)

    torch.manual_seed(31)
    three = acc.train(Three(), cx, cy, 6, 31)
    print("three good", acc.accuracy(three, ctx, cty))
    assert acc.accuracy(three, ctx, cty) >= 0.7
    save_npz(three, os.path.join(sample("cs231n-conv-layers", "correct"), "model.npz"))
    cs231n_mistakes(ctx, cty)


def cs231n_mistakes(ctx=None, cty=None):
    """The cs231n below / wrong-architecture / truncated / malicious samples, from the committed correct one.
    `below`: the correct weights with hidden units switched off (their fc1 rows zeroed), one at a time in
    order, until the accuracy lands in [0.52, 0.62] (between partial_credit_from 0.5 and the threshold 0.65)."""
    import torch
    import torch.nn as nn
    if ctx is None:
        ctx_raw, cty = acc.make_set(200, 5242)
        ctx, cty = acc.tensor(ctx_raw), torch.tensor(cty)

    def sample(name):
        d = os.path.join(SAMPLES, "cs231n-conv-layers", name)
        os.makedirs(d, exist_ok=True)
        if name != "correct":
            shutil.copy(os.path.join(SAMPLES, "cs231n-conv-layers", "correct", "answers.yaml"), d)
        return d

    good_npz = os.path.join(SAMPLES, "cs231n-conv-layers", "correct", "model.npz")
    w = dict(np.load(good_npz))

    def accuracy(p):
        t = {k: torch.from_numpy(v) for k, v in p.items()}
        with torch.no_grad():
            x = nn.functional.max_pool2d(torch.relu(nn.functional.conv2d(ctx, t["conv.weight"], t["conv.bias"],
                                                                         padding=3)), 2)
            x = torch.relu(nn.functional.linear(torch.flatten(x, 1), t["fc1.weight"], t["fc1.bias"]))
            return float((nn.functional.linear(x, t["fc2.weight"], t["fc2.bias"]).argmax(1) == cty).float().mean())

    print("three good (npz)", accuracy(w))
    below = {k: v.copy() for k, v in w.items()}
    for unit in range(100):
        below["fc1.weight"][unit] = 0
        below["fc1.bias"][unit] = 0
        a = accuracy(below)
        if 0.52 <= a <= 0.62:
            print("three below", a, "after", unit + 1, "units off")
            break
    else:
        raise AssertionError("switching hidden units off never landed in [0.52, 0.62]")
    np.savez_compressed(os.path.join(sample("mistakes/checkpoint-below"), "model.npz"), **below)
    small = nn.Sequential(nn.Conv2d(3, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(8 * 256, 10))
    np.savez_compressed(os.path.join(sample("mistakes/checkpoint-wrong-architecture"), "model.npz"),
                        **{k: v.detach().numpy() for k, v in small.state_dict().items()})
    with open(good_npz, "rb") as f:
        body = f.read()
    with open(os.path.join(sample("mistakes/checkpoint-truncated"), "model.npz"), "wb") as f:
        f.write(body[:len(body) // 2])
    # An .npz whose array is a pickled object: numpy.load(allow_pickle=True) would run the payload.
    import io
    import zipfile
    with zipfile.ZipFile(os.path.join(sample("mistakes/checkpoint-malicious"), "model.npz"),
                         "w") as z:
        buf = io.BytesIO()
        arr = np.empty((1,), dtype=object)
        arr[0] = acc.Payload()
        np.save(buf, arr, allow_pickle=True)
        z.writestr("conv.weight.npy", buf.getvalue())


if __name__ == "__main__":
    if sys.argv[1:2] == ["data"]:
        data(sys.argv[2])
    elif sys.argv[1:2] == ["samples"]:
        samples()
    elif sys.argv[1:2] == ["cs231n-mistakes"]:
        cs231n_mistakes()
    else:
        sys.exit(__doc__)
