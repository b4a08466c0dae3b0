"""Writes the classes bench/regrade.sh grades (no third-party modules; run with any python3).

theory RUBRIC OUT N: OUT/rubric.yaml (RUBRIC without its code parts) and OUT/class/sNNN, each answers.yaml
  mixing, part by part, the answers of the rubric's samples (correct, as written, every mistake).
code RUBRIC SAMPLES OUT N PREFIX: OUT/rubric.yaml (only the parts whose id starts with PREFIX) and OUT/class/sNNN,
  copies of the sample folders, cycling.
"""
import os
import random
import re
import shutil
import sys


def parts(text):
    head, *blocks = re.split(r"(?m)^(?=  - id:)", text)
    return head, blocks


def write_rubric(src, dst, keep):
    head, blocks = parts(open(src).read())
    kept = [b for b in blocks if keep(b)]
    head = re.sub(r"(?m)^total_points:.*\n", "", head)
    open(dst, "w").write(head + "".join(kept))
    base = os.path.dirname(os.path.abspath(src))
    for name in os.listdir(base):  # the course files the parts name, next to the rubric as in rubrics/
        if not name.endswith(".yaml") and not os.path.exists(os.path.join(os.path.dirname(dst), name)):
            os.symlink(os.path.join(base, name), os.path.join(os.path.dirname(dst), name))


def samples(root):
    """correct, as-written and every mistake (notations/ hold other encodings and layouts)."""
    out = []
    for d, _, files in sorted(os.walk(root)):
        if "answers.yaml" in files and "notations" not in os.path.relpath(d, root).split(os.sep):
            out.append(d)
    return out


def theory(rubric, out, n):
    os.makedirs(out, exist_ok=True)
    write_rubric(rubric, os.path.join(out, "rubric.yaml"),
                 lambda b: not re.search(r"check:\s*(function|json_function|accuracy|training)\b", b))
    name = os.path.splitext(os.path.basename(rubric))[0]
    root = os.path.join(os.path.dirname(os.path.abspath(rubric)), "..", "submissions-sample", name)
    answers = []
    for d in samples(root):
        lines = {}
        for line in open(os.path.join(d, "answers.yaml")):
            m = re.match(r"^([A-Za-z0-9_.-]+):\s*(.*)$", line.rstrip("\n"))
            if m and m.group(2):
                lines[m.group(1)] = line
        answers.append(lines)
    ids = sorted({k for a in answers for k in a})
    rng = random.Random(42)
    for i in range(n):
        d = os.path.join(out, "class", "s%03d" % i)
        os.makedirs(d)
        with open(os.path.join(d, "answers.yaml"), "w") as f:
            for k in ids:
                options = [a[k] for a in answers if k in a]
                f.write(rng.choice(options))


def code(rubric, sample_root, out, n, prefix):
    os.makedirs(out, exist_ok=True)
    write_rubric(rubric, os.path.join(out, "rubric.yaml"), lambda b: re.match(r"  - id:\s*" + prefix, b))
    sources = [os.path.join(sample_root, s) for s in ("correct", "as-written")]
    sources += sorted(os.path.join(sample_root, "mistakes", m) for m in os.listdir(os.path.join(sample_root, "mistakes"))
                      if m not in ("sleeps", "training-over-budget", "training-reads-test-data"))
    for i in range(n):
        shutil.copytree(sources[i % len(sources)], os.path.join(out, "class", "s%03d" % i))


if __name__ == "__main__":
    if sys.argv[1] == "theory":
        theory(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        code(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
