"""Writes the small .npy fixtures used by NpyTest (reference-impl/src/test/resources/io/).

Run with /usr/bin/python3 (numpy) from the repository root:
    /usr/bin/python3 reference-impl/src/test/python/make_npy_fixtures.py
The files are committed; rerun only to change them.
"""
import io
import os

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io")


def save(name, arr, version=None):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        npformat.write_array(f, arr, version=version, allow_pickle=True)


def raw(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    base = np.arange(6, dtype=np.float64).reshape(2, 3) / 4 - 0.5  # exact in binary
    save("f8_2x3.npy", base)
    save("f4_2x3.npy", base.astype("<f4"))
    save("i4_4.npy", np.array([-3, 0, 7, 2147483647], dtype="<i4"))
    save("i8_3.npy", np.array([2**53 + 1, -1, 9], dtype="<i8"))
    save("b1_2x2.npy", np.array([[True, False], [False, True]]))
    save("f8_scalar.npy", np.array(2.5))
    save("f8_empty_0x3.npy", np.zeros((0, 3)))
    save("f8_v2.npy", base, version=(2, 0))
    save("f8_v3.npy", base, version=(3, 0))
    save("f8_fortran.npy", np.asfortranarray(base))
    save("f8_bigendian.npy", base.astype(">f8"))
    save("object.npy", np.array([1, "a"], dtype=object))
    save("u1.npy", np.array([1, 2], dtype=np.uint8))
    full = io.BytesIO()
    npformat.write_array(full, base)
    raw("f8_truncated.npy", full.getvalue()[:-5])
    raw("bad_magic.npy", b"PK\x03\x04 this is a zip, not an npy file")


if __name__ == "__main__":
    main()
