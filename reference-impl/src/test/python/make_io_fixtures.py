"""Writes the checkpoint, dataset and hostile fixtures used by the io tests
(reference-impl/src/test/resources/io/{checkpoints,datasets,hostile,pickles}/).

Run with /usr/bin/python3 (torch 1.13 + numpy) from the repository root:
    /usr/bin/python3 reference-impl/src/test/python/make_io_fixtures.py
The files are committed; rerun only to change them. The expected values of every tensor are written
by torch itself to checkpoints/expected.tsv (file, key, dtype, shape, values as Python reprs).

The hostile files are real attacks: before writing them, this script checks in a child process that
Python's own pickle WOULD run their payload (it creates a marker file), so the Java tests that load
them prove that tensorgrade does not.
"""
import collections
import gzip
import io
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile

import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io")
CKPT = os.path.join(ROOT, "checkpoints")
DATA = os.path.join(ROOT, "datasets")
HOSTILE = os.path.join(ROOT, "hostile")
PICKLES = os.path.join(ROOT, "pickles")
# The command the hostile pickles would run; the Java tests check that this file never appears.
MARKER = "/tmp/tensorgrade-pickle-payload-ran"
EXPECTED = []


class Small(torch.nn.Module):
    """A tiny CNN: conv + batch norm + linear, so a state_dict has float32 weights and an int64 counter."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 2, 3)
        self.bn = torch.nn.BatchNorm2d(2)
        self.fc = torch.nn.Linear(8, 3)


class Tied(torch.nn.Module):
    """Tied weights: decoder.weight is encoder.weight, so both keys share one storage."""

    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Linear(4, 4, bias=False)
        self.decoder = torch.nn.Linear(4, 4, bias=False)
        self.decoder.weight = self.encoder.weight


def small_state_dict():
    torch.manual_seed(5242)
    m = Small()
    with torch.no_grad():
        m.bn.running_mean.copy_(torch.tensor([0.25, -0.5]))
        m.bn.running_var.copy_(torch.tensor([1.5, 0.75]))
        m.bn.weight.copy_(torch.tensor([0.9, 1.1]))
        m.bn.num_batches_tracked.fill_(37)
    return m, m.state_dict()


def expect(file, tensors):
    for key, t in tensors.items():
        values = t.detach().double().flatten().tolist()
        EXPECTED.append("\t".join([file, key, str(t.dtype).replace("torch.", ""),
                                   ",".join(str(d) for d in t.shape), " ".join(repr(v) for v in values)]))


def save_torch(name, obj, tensors, **kw):
    torch.save(obj, os.path.join(CKPT, name), **kw)
    expect(name, tensors)


def checkpoints():
    os.makedirs(CKPT, exist_ok=True)
    model, sd = small_state_dict()
    save_torch("state_dict.pt", sd, sd)
    for proto in (1, 4, 5):
        save_torch("state_dict_protocol%d.pt" % proto, sd, sd, pickle_protocol=proto)

    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = model.fc(torch.relu(model.bn(model.conv(torch.ones(2, 3, 4, 4)))).flatten(1)).sum()
    loss.backward()
    opt.step()
    sd2 = model.state_dict()
    nested = {"epoch": 3, "model_state_dict": sd2, "optimizer_state_dict": opt.state_dict(),
              "best_acc": np.float64(0.8125), "history": [0.5, 0.25], "config": {"lr": 0.1, "name": "run"},
              "classes": ("cat", "dog"), "seen": {1, 2}}
    save_torch("nested_model_state_dict.pt", nested, sd2)
    save_torch("nested_state_dict.pth", {"state_dict": sd, "arch": "small", "acc": 0.5}, sd)

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8 - 1
    views = collections.OrderedDict([
        ("transposed", base.t()),            # stride (1, 6)
        ("column_slice", base[:, ::2]),      # stride (6, 2)
        ("offset_rows", base[1:3]),          # storage offset 6
        ("expanded", base[0].expand(3, 6)),  # stride (0, 1)
        ("scalar", base[2, 3]),              # 0-d view with offset 15
        ("base", base),
    ])
    save_torch("views.pt", views, views)

    torch.manual_seed(1)
    dtypes = collections.OrderedDict([
        ("f16", (torch.randn(2, 3) * 100).half()),
        ("bf16", torch.randn(5).bfloat16()),
        ("f64", torch.randn(2, 2, dtype=torch.float64)),
        ("i64", torch.tensor([2**53 - 1, -7, 0])),
        ("i32", torch.tensor([[-2147483648, 5]], dtype=torch.int32)),
        ("i16", torch.tensor([-300, 300], dtype=torch.int16)),
        ("i8", torch.tensor([-128, 127], dtype=torch.int8)),
        ("u8", torch.tensor([0, 200, 255], dtype=torch.uint8)),
        ("flags", torch.tensor([True, False, True])),
        ("empty", torch.zeros(0, 3)),
        ("special", torch.tensor([float("inf"), float("-inf"), -0.0, 1e-45])),
    ])
    save_torch("dtypes.pt", dtypes, dtypes)

    torch.manual_seed(2)
    tied = Tied().state_dict()
    save_torch("tied.pt", tied, tied)

    params = collections.OrderedDict([("w", torch.nn.Parameter(torch.tensor([[1.5, -2.0]]))),
                                      ("b", torch.nn.Parameter(torch.tensor([0.25])))])
    save_torch("parameters.pt", params, params)

    torch.save(model, os.path.join(CKPT, "whole_model.pt"))
    save_torch("legacy.pt", {"state_dict": views, "epoch": 2}, views, _use_new_zipfile_serialization=False)
    save_torch("legacy_protocol4.pt", dtypes, dtypes, _use_new_zipfile_serialization=False, pickle_protocol=4)
    with open(os.path.join(CKPT, "plain_pickle.pkl"), "wb") as f:
        pickle.dump({"w": [1.0, 2.0]}, f, protocol=2)
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 1)), os.path.join(CKPT, "scripted.pt"))
    torch.save({"epoch": 1, "losses": [1.0]}, os.path.join(CKPT, "no_tensors.pt"))

    safetensors("weights.safetensors", collections.OrderedDict([
        ("conv.weight", sd["conv.weight"]), ("conv.bias", sd["conv.bias"]),
        ("bn.num_batches_tracked", sd["bn.num_batches_tracked"]),
        ("half", dtypes["f16"]), ("bhalf", dtypes["bf16"]), ("double", dtypes["f64"]),
        ("int32", dtypes["i32"]), ("bytes", dtypes["u8"]), ("flags", dtypes["flags"]),
    ]), metadata={"format": "pt"})

    arrays = collections.OrderedDict([
        ("conv.weight", sd["conv.weight"].numpy()),
        ("half", dtypes["f16"].numpy()),
        ("bytes", dtypes["u8"].numpy()),
        ("fortran", np.asfortranarray(base.numpy())),
        ("bigendian", base.numpy().astype(">f8")),
        ("count", np.array(37, dtype=np.int64)),
    ])
    np.savez(os.path.join(CKPT, "weights.npz"), **arrays)
    np.savez_compressed(os.path.join(CKPT, "weights_compressed.npz"), **arrays)
    expected = {k: torch.from_numpy(v.astype(v.dtype.newbyteorder("<"), order="C")) for k, v in arrays.items()}
    expect("weights.npz", expected)
    expect("weights_compressed.npz", expected)


def safetensors(name, tensors, metadata=None):
    """The safetensors format by hand: u64 header length, JSON header, little-endian data."""
    codes = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
             torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for key, t in tensors.items():
        raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dim() > 0 else \
            t.reshape(1).contiguous().view(torch.uint8).numpy().tobytes()
        header[key] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    write_safetensors(os.path.join(CKPT, name), header, b"".join(blobs))
    expect(name, tensors)


def write_safetensors(path, header, data):
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the format pads the header to 8 bytes with spaces
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def torch_zip(path, pickle_bytes, storages=(), compress=zipfile.ZIP_STORED):
    """A zip laid out as torch.save writes it, with a pickle of our own making."""
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        for key, raw in storages:
            z.writestr("archive/data/" + key, raw)
        z.writestr("archive/version", "3\n")


class PosixSystem:
    """What an attacker writes: unpickling calls os.system (whose module is 'posix' on Linux)."""

    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


class NumpyPayload:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


def payload_runs(data, loader):
    """True when loading `data` with real Python creates the marker: proof the fixture is an attack."""
    if os.path.exists(MARKER):
        os.remove(MARKER)
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
    code = "import pickle, numpy, sys\n" + loader
    subprocess.run([sys.executable, "-c", code, f.name], check=False, capture_output=True)
    os.remove(f.name)
    for _ in range(50):  # a Popen payload may still be starting its child
        if os.path.exists(MARKER):
            break
        time.sleep(0.05)
    ran = os.path.exists(MARKER)
    if ran:
        os.remove(MARKER)
    return ran


def hostile():
    os.makedirs(HOSTILE, exist_ok=True)
    cmd = ("touch " + MARKER).encode()
    os_system = b"\x80\x02cos\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) + cmd + b"\x85R."
    assert payload_runs(os_system, "pickle.load(open(sys.argv[1], 'rb'))")
    torch_zip(os.path.join(HOSTILE, "os_system.pt"), os_system)

    posix = pickle.dumps({"conv.weight": PosixSystem()}, protocol=2)
    assert b"posix" in posix and payload_runs(posix, "pickle.load(open(sys.argv[1], 'rb'))")
    torch_zip(os.path.join(HOSTILE, "posix_system.pt"), posix)

    expr = b"__import__('os').system('touch " + MARKER.encode() + b"')"
    evil = b"\x80\x04\x8c\x08builtins\x8c\x04eval\x93X" + struct.pack("<I", len(expr)) + expr + b"\x85R."
    assert payload_runs(evil, "pickle.load(open(sys.argv[1], 'rb'))")
    torch_zip(os.path.join(HOSTILE, "builtins_eval.pt"), evil)

    popen = b"\x80\x02csubprocess\nPopen\n(X\x05\x00\x00\x00touchX" + struct.pack("<I", len(MARKER)) + \
        MARKER.encode() + b"l\x85R."
    assert payload_runs(popen, "pickle.load(open(sys.argv[1], 'rb'), encoding='bytes')")
    with open(os.path.join(HOSTILE, "cifar_popen_batch"), "wb") as f:
        f.write(popen)

    # A hundred and fifty thousand memo entries from one deflated kilobyte.
    torch_zip(os.path.join(HOSTILE, "memo_bomb.pt"), b"\x80\x04]" + b"\x94" * 150_000 + b".",
              compress=zipfile.ZIP_DEFLATED)

    # One stored float viewed as 40000 x 40000 through zero strides: 12.8 GB as doubles.
    bomb = (b"\x80\x02ccollections\nOrderedDict\n)R(X\x06\x00\x00\x00weightctorch._utils\n_rebuild_tensor_v2\n"
            b"((X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x01tQ"
            b"K\x00M@\x9cM@\x9c\x86K\x00K\x00\x86\x89ccollections\nOrderedDict\n)RtRu.")
    torch_zip(os.path.join(HOSTILE, "view_bomb.pt"), bomb, [("0", struct.pack("<f", 1.5))])
    assert torch.load(os.path.join(HOSTILE, "view_bomb.pt"))["weight"].shape == (40000, 40000)

    # 64 MiB of zeros deflated to ~64 KB, declared as a uint8 array.
    with zipfile.ZipFile(os.path.join(HOSTILE, "zip_bomb.npz"), "w", zipfile.ZIP_DEFLATED) as z:
        head = io.BytesIO()
        np.lib.format.write_array_header_1_0(head, {"descr": "|u1", "fortran_order": False, "shape": (64 << 20,)})
        z.writestr("zeros.npy", head.getvalue() + bytes(64 << 20))

    obj = np.empty(1, dtype=object)
    obj[0] = NumpyPayload()
    np.savez(os.path.join(HOSTILE, "object_array.npz"), weights=obj)

    with open(os.path.join(CKPT, "state_dict.pt"), "rb") as f:
        whole = f.read()
    with open(os.path.join(HOSTILE, "truncated.pt"), "wb") as f:
        f.write(whole[: len(whole) * 6 // 10])
    with open(os.path.join(CKPT, "legacy.pt"), "rb") as f:
        whole = f.read()
    with open(os.path.join(HOSTILE, "truncated_legacy.pt"), "wb") as f:
        f.write(whole[:-10])

    write_safetensors(os.path.join(HOSTILE, "offsets_past_end.safetensors"),
                      {"w": {"dtype": "F32", "shape": [1000], "data_offsets": [0, 4000]}}, b"\x00" * 16)
    with open(os.path.join(HOSTILE, "header_past_end.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", 1 << 20) + b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')


def image(i, c, y, x):
    """Pixel values that differ along every axis, so a transposed layout cannot pass."""
    return (i * 37 + c * 101 + y * 7 + x * 3) % 256


def images(n, channels, side, offset=0):
    a = np.zeros((n, channels, side, side), dtype=np.uint8)
    for i in range(n):
        for c in range(channels):
            for y in range(side):
                for x in range(side):
                    a[i, c, y, x] = image(i + offset, c, y, x)
    return a


class Py2Pickler(pickle._Pickler):
    """Writes bytes as Python 2's str (BINSTRING), as the real CIFAR-10 python batches were written."""
    dispatch = pickle._Pickler.dispatch.copy()

    def save_bytes(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_bytes


def cifar_batch(n, offset, label_base, name):
    data = images(n, 3, 32, offset).reshape(n, 3072)
    labels = [(label_base + i) % 10 for i in range(n)]
    return {b"batch_label": name.encode(), b"labels": labels, b"data": data,
            b"filenames": [("img_%d.png" % (offset + i)).encode() for i in range(n)]}


def datasets():
    binary = os.path.join(DATA, "cifar", "cifar-10-batches-bin")
    python = os.path.join(DATA, "cifar", "cifar-10-batches-py")
    os.makedirs(binary, exist_ok=True)
    os.makedirs(python, exist_ok=True)
    batches = [("test_batch", cifar_batch(5, 100, 3, "testing batch 1 of 1"))]
    for k in range(1, 6):
        batches.append(("data_batch_%d" % k, cifar_batch(2, 2 * (k - 1), k, "training batch %d of 5" % k)))
    for name, batch in batches:
        with open(os.path.join(binary, name + ".bin"), "wb") as f:
            for label, row in zip(batch[b"labels"], batch[b"data"]):
                f.write(bytes([label]) + row.tobytes())
        with open(os.path.join(python, name), "wb") as f:
            pickle.dump(batch, f, protocol=2)  # as cPickle.dump(..., protocol=2) in the real dataset's code
    test = batches[0][1]
    variants = os.path.join(DATA, "cifar-variants")
    os.makedirs(variants, exist_ok=True)
    for proto in (0, 1, 4, 5):
        with open(os.path.join(variants, "test_batch_protocol%d" % proto), "wb") as f:
            pickle.dump(test, f, protocol=proto)
    buf = io.BytesIO()
    Py2Pickler(buf, protocol=2).dump(test)
    with open(os.path.join(variants, "test_batch_py2"), "wb") as f:
        f.write(buf.getvalue())
    with open(os.path.join(variants, "test_batch_str_keys"), "wb") as f:
        pickle.dump({k.decode(): v for k, v in test.items()}, f, protocol=2)
    for name in sorted(os.listdir(variants)):
        with open(os.path.join(variants, name), "rb") as f:
            loaded = pickle.load(f, encoding="bytes")
        data = loaded.get(b"data", loaded.get("data"))
        assert (data == test[b"data"]).all(), name
    with open(os.path.join(variants, "wrong_size.bin"), "wb") as f:
        f.write(bytes(3000))

    mnist = os.path.join(DATA, "mnist")
    os.makedirs(mnist, exist_ok=True)
    pixels = images(4, 1, 28).reshape(4, 28, 28)
    labels = np.array([7, 2, 1, 0], dtype=np.uint8)
    idx3 = struct.pack(">IIII", 0x803, 4, 28, 28) + pixels.tobytes()
    idx1 = struct.pack(">II", 0x801, 4) + labels.tobytes()
    for name, raw in (("t10k-images-idx3-ubyte", idx3), ("t10k-labels-idx1-ubyte", idx1)):
        with open(os.path.join(mnist, name), "wb") as f:
            f.write(raw)
        with open(os.path.join(mnist, name + ".gz"), "wb") as f:
            f.write(gzip.compress(raw, mtime=0))
    with open(os.path.join(mnist, "truncated-images-idx3-ubyte"), "wb") as f:
        f.write(idx3[:1000])
    with open(os.path.join(mnist, "three-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 0x801, 3) + labels[:3].tobytes())


def value_pickles():
    """The same assorted values at every protocol, to cover every opcode the machine reads."""
    os.makedirs(PICKLES, exist_ok=True)
    shared = [1, 2]
    loop = []
    loop.append(loop)
    values = {"none": None, "true": True, "false": False, "small": 7, "neg": -300, "int32": 2**31 - 1,
              "int64": -2**63, "big": 2**70, "float": 0.1, "inf": float("inf"), "text": "h\u00e9llo \u2713 \\n",
              "empty": "", "bytes": b"\x00\xff'\\", "list": [1, [2, 3]], "tuple": (1, "a"), "nested": {"k": (1.5,)},
              "set": {3}, "frozen": frozenset({4}), "shared": shared, "shared_again": shared,
              "bytearray": bytearray(b"ab"), "loop": loop, ("tuple", "key"): 1, 5: "int key"}
    for proto in range(6):
        with open(os.path.join(PICKLES, "values_protocol%d.pkl" % proto), "wb") as f:
            pickle.dump(values, f, protocol=proto)


def main():
    for d in (CKPT, DATA, HOSTILE, PICKLES):
        shutil.rmtree(d, ignore_errors=True)
    checkpoints()
    hostile()
    datasets()
    value_pickles()
    with open(os.path.join(CKPT, "expected.tsv"), "w") as f:
        f.write("# file\tkey\tdtype\tshape\tvalues (written by torch %s)\n" % torch.__version__)
        f.write("\n".join(EXPECTED) + "\n")
    total = 0
    for d, _, files in os.walk(ROOT):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    print("fixtures under %s: %d bytes" % (ROOT, total))


if __name__ == "__main__":
    main()
