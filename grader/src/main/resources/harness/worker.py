"""The worker: imports the student's files and runs the calls the runner asks for.

Usage (by runner.py only): python3 -I worker.py JOB_DIR REQUEST_FD REPLY_FD SCRATCH_DIR
Student code runs in this process. Everything this module needs from numpy, torch and os is
captured before any student code is imported, so monkeypatching those modules cannot change how
results are converted or reported. Returned objects stay in `objects` so later calls can receive
them (a forward pass's cache); only tensors and JSON values are ever sent back.
"""
import __future__
import ast
import difflib
import json
import linecache
import os
import sys
import time
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tg_common  # noqa: E402
import wire  # noqa: E402
import guard  # noqa: E402
from guard import ForbiddenApiError, GuardOnImport  # noqa: E402
import convert  # noqa: E402
from convert import type_name  # noqa: E402

import numpy as np  # noqa: E402

_write = os.write
_perf = time.perf_counter
_np_array = np.array
_astype = np.ndarray.astype
_np_load = np.load
_isinstance = isinstance
_dumps = json.dumps
_loads = json.loads


class MissingModule:
    """Stands for a module a notebook imports that the sandbox lacks; any use raises ImportError."""

    def __init__(self, name, reason):
        object.__setattr__(self, '_tg_missing', (name, reason))

    def _fail(self):
        name, reason = object.__getattribute__(self, '_tg_missing')
        raise ImportError('%s is not available in the grader: %s' % (name, reason))

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        self._fail()

    def __call__(self, *args, **kwargs):
        self._fail()

    def __mro_entries__(self, bases):
        self._fail()


class StudentError(Exception):
    """A failure to report as the call's result (import error, missing function, bad return)."""


class Worker:
    def __init__(self, job_dir, request_fd, reply_fd):
        self.job_dir = job_dir
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.job = tg_common.load_job(job_dir)
        self.steps = {s['id']: s for s in self.job.get('steps', [])}
        self.limits = self.job.get('limits', {})
        self.max_bytes = int(self.limits.get('result_bytes', 64 << 20))
        self.objects = {}
        self.modules = {}
        self.import_notes = {}
        self.student_files = set()
        self.violations = []
        self.torch = None
        self.convert = convert.Converter(self.max_bytes)

    # ---- set-up, before any student code -------------------------------------------------
    def prepare(self):
        steps = self.job.get('steps', [])
        forbid = self.job.get('forbid', [])
        # torch takes seconds to import: now only when a step wants torch tensors or the student's
        # files name it; otherwise the moment anything imports it (a computed name, say).
        if any(s.get('tensors') == 'torch' for s in steps) or self.sources_mention(b'torch'):
            self.load_torch()
        else:
            sys.meta_path.insert(0, GuardOnImport('torch', self.load_torch))
        self.install_guards([f for f in forbid if not f.startswith('torch')])
        student = tg_common.student_dir(self.job_dir)
        sys.path.insert(0, student)
        sys.argv = ['student']
        sys.dont_write_bytecode = True

    def sources_mention(self, word):
        for name in self.job.get('files', []):
            try:
                with open(os.path.join(tg_common.student_dir(self.job_dir), name), 'rb') as f:
                    if word in f.read(tg_common.MAX_NOTEBOOK_BYTES):
                        return True
            except OSError:
                pass
        return False

    def load_torch(self):
        """Imports torch (if need be), keeps its conversions and guards its forbidden callables."""
        import torch
        if self.torch is not None:
            return
        self.torch = torch
        T = torch.Tensor
        self.convert.tensor_ops = (T, T.detach, T.cpu, T.numpy, T.is_complex, torch.from_numpy)
        self.install_guards([f for f in self.job.get('forbid', []) if f.startswith('torch')])

    def install_guards(self, forbid):
        guard.install(forbid, self.report_violation)

    def report_violation(self, api):
        self.violations.append(api)
        wire.send(self.reply_fd, {'type': 'forbidden', 'api': api}, write=_write)

    # ---- the request loop ----------------------------------------------------------------
    def serve(self):
        wire.send(self.reply_fd, {'type': 'ready', 'torch': self.torch is not None}, write=_write)
        me = os.getpid()
        while True:
            if os.getpid() != me:
                # A fork made by student code has come back into the harness: it must not answer.
                os._exit(0)
            try:
                request = wire.recv_header(self.request_fd)
            except EOFError:
                return
            step = self.steps.get(request.get('id'))
            if request.get('type') == 'stop' or step is None:
                return
            header, blobs = self.run_step(step, bool(request.get('replay')))
            flush_std()
            if os.getpid() != me:
                os._exit(0)
            wire.send(self.reply_fd, header, blobs, write=_write)

    def run_step(self, step, replay):
        self.violations = []
        # A job of several parts gives each step its own list; the guards refuse only what it forbids.
        guard.activate(step['forbid'] if 'forbid' in step else None)
        result = {'type': 'result', 'id': step['id'], 'status': 'ok', 'message': '', 'wall_s': 0.0,
                  'values': []}
        blobs = []
        try:
            if step.get('type') == 'numgrad':
                value, wall = self.numgrad(step)
                kinds = 'tensor'
            else:
                value, wall = self.call(step)
                self.objects[step['id']] = value
                kinds = step.get('returns', 'any')
            result['wall_s'] = wall
            if not replay:
                result['values'], blobs = self.convert.export(value, kinds)
        except ForbiddenApiError as e:
            result.update(status='forbidden', message=str(e))
        except convert.BadOutput as e:
            result.update(status='bad_output', message=str(e))
        except StudentError as e:
            result.update(status=e.args[1] if len(e.args) > 1 else 'error', message=e.args[0])
        except BaseException as e:  # noqa: B902 - SystemExit and KeyboardInterrupt are the student's too
            result.update(status='error', message=self.describe(e))
        notes = self.import_notes.get(step.get('file'))
        if notes:
            result['notes'] = notes
        if self.violations:
            result['status'] = 'forbidden'
            result['forbidden'] = sorted(set(self.violations))
            if not result['message']:
                result['message'] = '%s is forbidden in this assignment' % result['forbidden'][0]
        return result, blobs

    # ---- calling student code ------------------------------------------------------------
    def call(self, step):
        fn = self.function(step['file'], step['function'])
        flavour = step.get('tensors', 'numpy')
        args = [self.materialize(a, flavour) for a in step.get('args', [])]
        kwargs = {k: self.materialize(v, flavour) for k, v in step.get('kwargs', {}).items()}
        start = _perf()
        value = fn(*args, **kwargs)
        return value, _perf() - start

    def numgrad(self, step):
        """Central-difference gradient of sum(f(...)[output] * grad_output) with respect to one arg."""
        fn = self.function(step['file'], step['function'])
        flavour = step.get('tensors', 'numpy')
        wrt, eps = step['wrt'], float(step.get('eps', 1e-6))
        args = list(step.get('args', []))
        kwargs = dict(step.get('kwargs', {}))
        spec = args[wrt] if _isinstance(wrt, int) else kwargs[wrt]
        x0 = _astype(self.load_input(spec['input']), np.float64)
        dout = None
        if step.get('grad_output') is not None:
            dout = _astype(self.load_input(step['grad_output']['input']), np.float64)
        if x0.size > int(step.get('max_elements', 4096)):
            raise StudentError('the input has %d elements; a numerical gradient is limited to %d'
                               % (x0.size, int(step.get('max_elements', 4096))), 'bad_output')
        output = step.get('output')

        def loss(x):
            a = [self.materialize(s, flavour, float64=True) for s in args]
            k = {n: self.materialize(s, flavour, float64=True) for n, s in kwargs.items()}
            xv = self.as_flavour(_np_array(x, copy=True), flavour)
            if _isinstance(wrt, int):
                a[wrt] = xv
            else:
                k[wrt] = xv
            out = fn(*a, **k)
            if output is not None:
                out = out[output]
            arr, problem = self.convert.to_array(out)
            if problem:
                raise StudentError('the function returned %s' % problem, 'bad_output')
            arr = _astype(arr, np.float64)
            if dout is not None:
                if arr.shape != dout.shape:
                    raise StudentError('the output has shape %s but grad_output has shape %s'
                                       % (arr.shape, dout.shape), 'bad_output')
                return float((arr * dout).sum())
            return float(arr.sum())

        start = _perf()
        grad = np.zeros_like(x0)
        flat_x, flat_g = x0.reshape(-1), grad.reshape(-1)
        for i in range(flat_x.size):
            saved = flat_x[i]
            flat_x[i] = saved + eps
            up = loss(x0)
            flat_x[i] = saved - eps
            down = loss(x0)
            flat_x[i] = saved
            flat_g[i] = (up - down) / (2 * eps)
        return grad, _perf() - start

    def function(self, file_name, function):
        module = self.module(file_name)
        obj = module
        for part in function.split('.'):
            if not hasattr(obj, part):
                names = [n for n, v in vars(module).items() if callable(v) and not n.startswith('_')]
                close = difflib.get_close_matches(part, names, n=1)
                hint = '; did you mean %s?' % close[0] if close else ''
                raise StudentError('%s has no function %s%s' % (file_name, function, hint))
            obj = getattr(obj, part)
        if not callable(obj):
            raise StudentError('%s.%s is a %s, not a function' % (file_name, function, type(obj).__name__))
        return obj

    def module(self, file_name):
        entry = self.modules.get(file_name)
        if entry is None:
            try:
                entry = (self.import_student(file_name), None)
            except ForbiddenApiError as e:
                self.modules[file_name] = (None, 'importing %s failed: %s' % (file_name, e))
                raise
            except BaseException as e:  # noqa: B902
                entry = (None, 'importing %s failed:\n%s' % (file_name, self.describe(e)))
            self.modules[file_name] = entry
        if entry[1]:
            raise StudentError(entry[1])
        return entry[0]

    def import_student(self, file_name):
        path = os.path.join(tg_common.student_dir(self.job_dir), file_name)
        name = tg_common.module_name(file_name)
        known = sys.modules.get(name)
        if known is not None and getattr(known, '__file__', None) == path:
            return known  # imported already by another student file (from nndl.layers import *)
        module = types.ModuleType(name)
        module.__file__ = path
        # Kept in its package (nndl.conv_layers), so that `from .layers import *` finds nndl/layers.py.
        module.__package__ = tg_common.package_of(file_name)
        sys.modules[name] = module
        self.student_files.add(path)
        notes = self.import_notes.setdefault(file_name, [])
        if file_name.endswith('.ipynb'):
            for label, tree, _, source in tg_common.code_units(path, file_name):
                if tree is None:
                    continue
                self.student_files.add(label)
                linecache.cache[label] = (len(source), None, source.splitlines(True), label)
                self.exec_cell(tree, label, module, notes)
        else:
            with open(path, 'rb') as f:
                source = f.read()
            self.exec_file(source, path, module, file_name, notes)
        return module

    @staticmethod
    def exec_file(source, path, module, label, notes):
        """Runs a .py file statement by statement, which is how Python runs a module, except that a
        top-level import the sandbox cannot satisfy (matplotlib, torchvision, a course module that was not
        submitted) binds a stub that says so when used instead of failing every function of the file, and
        is noted. Anything else fails as it would."""
        try:
            tree = ast.parse(source, path)
        except (SyntaxError, ValueError):
            tree = None
        if tree is None:
            exec(compile(source, path, 'exec'), module.__dict__)
            return
        # `from __future__ import ...` must open a module: its flags are passed to every statement instead.
        flags = 0
        for n in tree.body:
            if isinstance(n, ast.ImportFrom) and n.module == '__future__':
                for a in n.names:
                    feature = getattr(__future__, a.name, None)
                    flags |= getattr(feature, 'compiler_flag', 0)
        for node in tree.body:
            code = compile(ast.Module(body=[node], type_ignores=[]), path, 'exec', flags=flags, dont_inherit=True)
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                exec(code, module.__dict__)
                continue
            try:
                exec(code, module.__dict__)
            except ImportError as e:
                Worker.import_failed(node, module, label, e, notes)

    @staticmethod
    def import_failed(node, module, label, error, notes):
        """Binds the names of a top-level import that failed to stubs and notes it, naming the line."""
        line = getattr(node, 'lineno', 0)
        Worker.bind_missing(node, module, '%s (imported in %s, line %d)' % (error, os.path.basename(label), line))
        try:
            statement = ast.unparse(node)
        except Exception:  # noqa: B902 - an odd tree still gets its line named
            statement = 'an import'
        star = isinstance(node, ast.ImportFrom) and any(a.name == '*' for a in node.names)
        what = ('none of the names it would define exist' if star
                else 'using what it imports raises ImportError')
        notes.append('%s, line %d: `%s` failed in the grader (%s: %s), so %s'
                     % (label, line, statement[:120], type(error).__name__, tg_common._short(error), what))

    @staticmethod
    def exec_cell(tree, label, module, notes):
        """Runs a notebook cell's imports and defs one by one. An import that fails (torchvision or
        matplotlib for the training part, absent from the sandbox) binds its names to a stub that says
        so when used, and a def that needs such a module is left out: only functions that really use a
        missing module fail, and they fail with the reason."""
        for node in tree.body:
            code = compile(ast.Module(body=[node], type_ignores=[]), label, 'exec')
            try:
                exec(code, module.__dict__)
            except ImportError as e:
                Worker.import_failed(node, module, label, e, notes)

    @staticmethod
    def bind_missing(node, module, reason):
        """Binds the names an import that failed would have bound to stubs that raise with the reason."""
        if isinstance(node, ast.Import):
            for a in node.names:
                bound = a.asname or a.name.split('.')[0]
                module.__dict__[bound] = MissingModule(a.asname and a.name or bound, reason)
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.name != '*':
                    module.__dict__[a.asname or a.name] = MissingModule('%s.%s' % (node.module, a.name), reason)

    # ---- arguments -----------------------------------------------------------------------
    def load_input(self, name):
        if not tg_common.NAME_RE.match(name):
            raise StudentError('input name %r is malformed' % name, 'error')
        arr = _np_load(os.path.join(self.job_dir, 'inputs', name + '.npy'), allow_pickle=False)
        wanted = self.job.get('inputs', {}).get(name, 'float64')
        if wanted in ('float32', 'int64') and arr.dtype != np.dtype(wanted):
            arr = _astype(arr, wanted)
        return arr

    def materialize(self, spec, flavour, float64=False):
        if 'input' in spec:
            arr = self.load_input(spec['input'])
            if float64 and arr.dtype.kind == 'f':
                arr = _astype(arr, np.float64)
            return self.as_flavour(arr, flavour)
        if 'json' in spec:
            return _loads(_dumps(spec['json']))
        if 'data' in spec:
            return self.data_path(spec['data'])
        if 'handle' in spec:
            obj = self.objects[spec['handle']]
            index = spec.get('index')
            if index is None:
                return obj
            try:
                return obj[index]
            except Exception:
                raise StudentError('call %s returned a %s, which has no element %d'
                                   % (spec['handle'], type_name(obj), index), 'bad_output')
        raise StudentError('argument %r is malformed' % (spec,))

    def data_path(self, name):
        """The absolute path of a rubric data file copied into the job (read-only for student code)."""
        if not _isinstance(name, str) or not tg_common.FILE_RE.match(name) or name not in self.job.get('data', []):
            raise StudentError('data file %r is not part of this job' % (name,), 'error')
        return os.path.join(os.path.abspath(tg_common.data_dir(self.job_dir)), name)

    def as_flavour(self, arr, flavour):
        if flavour == 'torch':
            return self.convert.tensor_ops[5](arr)
        return arr

    # ---- results -------------------------------------------------------------------------
    def describe(self, e):
        """The exception as a traceback that shows only the student's own frames."""
        student = tg_common.student_dir(self.job_dir) + os.sep
        frames = [f for f in traceback.extract_tb(e.__traceback__)
                  if f.filename in self.student_files or f.filename.startswith(student)]
        lines = []
        if frames:
            lines.append('Traceback (your code, most recent call last):')
            for f in frames[-20:]:
                lines.append('  File "%s", line %s, in %s' % (f.filename.replace(student, ''), f.lineno, f.name))
                if f.line:
                    lines.append('    ' + f.line.strip())
        try:
            lines.append(''.join(traceback.format_exception_only(type(e), e)).strip())
        except BaseException:  # noqa: B902 - a hostile __str__ must not take the worker down
            lines.append(type_name(e))
        text = '\n'.join(lines)
        return text if len(text) <= 8000 else text[:4000] + '\n...\n' + text[-3900:]


def flush_std():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: B902
            pass


def main():
    job_dir, request_fd, reply_fd, scratch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    os.chdir(scratch)
    worker = Worker(job_dir, request_fd, reply_fd)
    worker.prepare()
    worker.serve()
    flush_std()
    os._exit(0)


if __name__ == '__main__':
    main()
