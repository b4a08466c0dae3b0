"""Writes the PyTorch fixtures of InferenceTorchTest. Run from this folder with /usr/bin/python3 (torch 1.13).

Each fixture folder holds the state_dict as one float32 .npy per key (weights/KEY.npy), keys.txt with the
keys in state_dict order, a few uint8 images stored as float32 values 0..255 (images.npy, NCHW), the
normalisation (mean.npy, std.npy), and PyTorch's eval-mode logits for them (logits.npy, float32).

cs5242: the zoo network cs5242-cnn written as a student would (features / pool / fc), He-initialised.
Both are fitted for a few steps to the images with distinct labels, so the predictions differ.
bn-groups: conv-bn-relu, max pool, a grouped strided conv with a batch norm (running statistics away
from the identity), adaptive average pool to 2x2, dropout and linear: checks folding and eval semantics.
"""
import os

import numpy as np
import torch
import torch.nn as nn

MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]


class Cs5242(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        blocks = [(3, 16, 16), (16, 32, 32), (32, 64, 64), (64, 128, 128)]
        for i, (a, b, c) in enumerate(blocks):
            layers += [nn.Conv2d(a, b, 3, padding=1), nn.ReLU(), nn.Conv2d(b, c, 3, padding=1), nn.ReLU()]
            if i < len(blocks) - 1:
                layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


def bn_groups():
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=2), nn.BatchNorm2d(8), nn.ReLU(),
        nn.AdaptiveAvgPool2d((2, 2)), nn.Flatten(), nn.Dropout(0.5), nn.Linear(32, 10))


def init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            if m.bias is not None:
                nn.init.normal_(m.bias, std=0.1)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.uniform_(m.weight, 0.5, 1.5)
            nn.init.normal_(m.bias, std=0.2)
            m.running_mean.normal_(std=0.3)
            m.running_var.uniform_(0.5, 2.0)
            m.num_batches_tracked.fill_(100)
    return model.eval()


def write(name, model, n, seed):
    rng = np.random.default_rng(seed)
    # Blocky images (a random 4x4 colour grid scaled up, plus noise) so that the predicted classes differ;
    # plain noise images all look alike to a random network.
    grid = rng.integers(0, 256, (n, 3, 4, 4)).repeat(8, axis=2).repeat(8, axis=3)
    noise = rng.integers(-20, 21, (n, 3, 32, 32))
    images = np.clip(grid + noise, 0, 255).astype(np.float32)
    x = (torch.from_numpy(images) / 255 - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    # A random network maps every image to the same class; a few steps of fitting the images to distinct
    # labels make the logits depend on the input (and move batch-norm statistics like real training).
    labels = torch.arange(n) % 10
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(30):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), labels).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        logits = model(x)
    top2 = logits.topk(2, dim=1).values
    margin = float((top2[:, 0] - top2[:, 1]).min())
    # Identical argmax must not hinge on float rounding.
    assert margin > 1e-3, f"{name}: top-2 margin {margin} too small; pick another seed"
    os.makedirs(os.path.join(name, "weights"), exist_ok=True)
    sd = model.state_dict()
    for k, v in sd.items():
        np.save(os.path.join(name, "weights", k + ".npy"), v.numpy().astype(np.float32))
    with open(os.path.join(name, "keys.txt"), "w") as f:
        f.write("\n".join(sd.keys()) + "\n")
    np.save(os.path.join(name, "images.npy"), images)
    np.save(os.path.join(name, "mean.npy"), np.array(MEAN))
    np.save(os.path.join(name, "std.npy"), np.array(STD))
    np.save(os.path.join(name, "logits.npy"), logits.numpy())
    classes = logits.argmax(1).tolist()
    assert len(set(classes)) >= 3, f"{name}: predictions {classes} should differ; pick another seed"
    print(name, "argmax", classes, "min top-2 margin", margin)


def main():
    torch.manual_seed(5242)
    write("cs5242", init(Cs5242()), 6, 1)
    torch.manual_seed(7)
    write("bn-groups", init(bn_groups()), 6, 2)


if __name__ == "__main__":
    main()
