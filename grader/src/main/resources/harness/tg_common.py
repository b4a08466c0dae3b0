"""Shared pieces of the tensorgrade harness: job loading, student sources, npy writing, JSON checks.

Runs inside the sandbox. Imported by the scanner, the runner and the worker before any student
code is loaded, so nothing here may import numpy or torch (the runner must stay small and fast).
"""
import ast
import json
import os
import re

PROTOCOL = 1
NAME_RE = re.compile(r'^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$')
FILE_RE = re.compile(r'^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$')
# A student file keeps its package layout (nndl/layers.py); no segment starts with a dot, so none is '..'.
PATH_RE = re.compile(r'^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}){0,7}$')
IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
MAX_JOB_BYTES = 4 << 20
MAX_NOTEBOOK_BYTES = 32 << 20
KEPT_NODES = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
MAGIC_RE = re.compile(r'^\s*[%!]')


class JobError(Exception):
    """The job directory is malformed (a bug on the Java side, never the student's fault)."""


def load_job(job_dir):
    path = os.path.join(job_dir, 'job.json')
    with open(path, 'rb') as f:
        raw = f.read(MAX_JOB_BYTES + 1)
    if len(raw) > MAX_JOB_BYTES:
        raise JobError('job.json is larger than %d bytes' % MAX_JOB_BYTES)
    job = json.loads(raw.decode('utf-8'))
    if job.get('protocol') != PROTOCOL:
        raise JobError('job.json protocol is %r, this harness speaks %d' % (job.get('protocol'), PROTOCOL))
    for name in job.get('files', []):
        if not isinstance(name, str) or not PATH_RE.match(name):
            raise JobError('student file name %r is not allowed' % (name,))
    for name in job.get('data', []):
        if not isinstance(name, str) or not FILE_RE.match(name):
            raise JobError('data file name %r is not allowed' % (name,))
    seen = set()
    for step in job.get('steps', []):
        sid = step.get('id')
        if not isinstance(sid, str) or not NAME_RE.match(sid) or sid in seen:
            raise JobError('step id %r is missing, malformed or repeated' % sid)
        seen.add(sid)
    return job


def student_dir(job_dir):
    return os.path.join(job_dir, 'student')


def data_dir(job_dir):
    return os.path.join(job_dir, 'data')


def module_name(file_name):
    """The name a student file is imported as: nndl/conv_layers.py is nndl.conv_layers, so that the package's
    own imports (from nndl.layers import *, from .layers import *) find their siblings."""
    parts = os.path.splitext(file_name)[0].split('/')
    if all(IDENT_RE.match(p) for p in parts):
        return '.'.join(parts)
    return re.sub(r'\W', '_', os.path.splitext(file_name)[0])


def package_of(file_name):
    """The package a student file belongs to ('' at the top of the student folder)."""
    name = module_name(file_name)
    return name.rpartition('.')[0] if '/' in file_name and '.' in name else ''


def strip_magics(src):
    # IPython magics and shell escapes are not Python; blank them so the cell still parses.
    return '\n'.join('' if MAGIC_RE.match(line) else line for line in src.split('\n'))


def notebook_cells(path):
    """Yields (cell_number, source) for each code cell of a notebook (nbformat 3 or 4)."""
    with open(path, 'rb') as f:
        raw = f.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise ValueError('the notebook is larger than %d MB' % (MAX_NOTEBOOK_BYTES >> 20))
    nb = json.loads(raw.decode('utf-8'))
    cells = nb.get('cells')
    if cells is None:
        sheets = nb.get('worksheets') or [{}]
        cells = sheets[0].get('cells', [])
    number = 0
    for cell in cells:
        if not isinstance(cell, dict) or cell.get('cell_type') != 'code':
            continue
        number += 1
        src = cell.get('source', cell.get('input', ''))
        if isinstance(src, list):
            src = ''.join(s for s in src if isinstance(s, str))
        if isinstance(src, str):
            yield number, src


def is_main_guard(node):
    """True for `if __name__ == '__main__':`, whose body never runs when the file is imported."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    t = node.test
    parts = [t.left] + list(t.comparators)
    names = [p for p in parts if isinstance(p, ast.Name) and p.id == '__name__']
    consts = [p for p in parts if isinstance(p, ast.Constant) and p.value == '__main__']
    return bool(names) and bool(consts) and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq)


def code_units(path, display):
    """The code that importing a student file runs, as (label, ast.Module or None, notes, source).

    A .py file is one unit. A notebook gives one unit per code cell holding only its imports and
    top-level function and class definitions: the rest (training loops, plots) is not graded code.
    """
    if path.endswith('.ipynb'):
        for number, src in notebook_cells(path):
            label = '%s [cell %d]' % (display, number)
            src = strip_magics(src)
            try:
                tree = ast.parse(src, filename=label)
            except (SyntaxError, ValueError) as e:
                yield label, None, ['skipped: it does not parse as Python (%s)' % _short(e)], src
                continue
            kept = [n for n in tree.body if isinstance(n, KEPT_NODES)]
            yield label, ast.Module(body=kept, type_ignores=[]), [], src
    else:
        with open(path, 'rb') as f:
            src = f.read()
        tree = ast.parse(src, filename=display)
        yield display, tree, [], src


def _short(e):
    return str(e).split('\n')[0][:200]


def write_atomic(path, data):
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def write_json_atomic(path, obj):
    write_atomic(path, json.dumps(obj, allow_nan=False).encode('utf-8'))


def npy_bytes(descr, shape, data):
    """A version 1.0 .npy file for a C-ordered array of little-endian data, no pickles."""
    if len(shape) == 1:
        shape_text = '(%d,)' % shape[0]
    else:
        shape_text = '(' + ', '.join(str(int(d)) for d in shape) + ')'
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    total = 10 + len(header) + 1
    header += ' ' * ((64 - total % 64) % 64) + '\n'
    return b'\x93NUMPY\x01\x00' + len(header).to_bytes(2, 'little') + header.encode('latin1') + data
