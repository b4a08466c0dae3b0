"""Forbidden-API scan: reads the student's files as syntax trees and never runs them.

Usage: python3 -I scan.py JOB_DIR. Prints one JSON object on stdout:
{"findings": [{"file", "line", "col", "kind": "forbidden"|"evasion", "api", "message"}], "notes": [...]}
It runs as its own process before any student code, so student code cannot change its verdict.
"""
import ast
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tg_common  # noqa: E402

# Other public names of the same torch callables: forbidding one forbids all of them.
ALIASES = {}
for _n in ('1d', '2d', '3d'):
    ALIASES['torch.conv' + _n] = 'torch.nn.functional.conv' + _n
    ALIASES['torch.conv_transpose' + _n] = 'torch.nn.functional.conv_transpose' + _n
    ALIASES['torch.max_pool' + _n] = 'torch.nn.functional.max_pool' + _n
    ALIASES['torch.max_pool' + _n + '_with_indices'] = 'torch.nn.functional.max_pool' + _n
    ALIASES['torch.nn.functional.max_pool' + _n + '_with_indices'] = 'torch.nn.functional.max_pool' + _n
    ALIASES['torch.nn.functional.adaptive_max_pool' + _n + '_with_indices'] = \
        'torch.nn.functional.adaptive_max_pool' + _n
ALIASES.update({
    'torch.avg_pool1d': 'torch.nn.functional.avg_pool1d',
    'torch.relu': 'torch.nn.functional.relu', 'torch.relu_': 'torch.nn.functional.relu',
    'torch.nn.functional.relu_': 'torch.nn.functional.relu',
    'torch.batch_norm': 'torch.nn.functional.batch_norm',
    'torch.softmax': 'torch.nn.functional.softmax', 'torch.log_softmax': 'torch.nn.functional.log_softmax',
    'torch.dropout': 'torch.nn.functional.dropout', 'torch.sigmoid': 'torch.nn.functional.sigmoid',
    'torch.tanh': 'torch.nn.functional.tanh',
})
CONVOLUTIONS = {'torch.convolution', 'torch._convolution'}
MODULES_RE = re.compile(r'^torch\.nn\.modules(?:\.[a-z_]+)?\.(?=[A-Z])')
# Back doors: a name built at run time or a private entry point can reach anything.
EVASION_CALLS = {'eval', 'exec', 'compile', '__import__', 'globals', 'vars'}
EVASION_MODULES = ('importlib', 'ctypes', 'torch._C', 'torch.ops', 'sys.modules')
# Importing ordinary names from builtins is what course skeletons do (cs231n's `from builtins import range`);
# only the builtins that run code or reach a name chosen at run time are back doors.
BUILTIN_MODULES = ('builtins', '__builtin__')
BUILTIN_DOORS = {'eval', 'exec', 'compile', '__import__', 'globals', 'vars', 'locals', '__dict__',
                 '__loader__', '__spec__', 'breakpoint'}
# The harness's own modules: importing one (e.g. guard) could switch the runtime guard off.
HARNESS_MODULES = ('guard', 'worker', 'runner', 'scan', 'convert', 'wire', 'tg_common')
DUNDER_DOORS = {'__dict__', '__getattribute__', '__getattr__', '__builtins__', '__import__'}


def canonical(path):
    path = MODULES_RE.sub('torch.nn.', path)
    return ALIASES.get(path, path)


class Scanner:
    def __init__(self, forbid):
        self.forbid = sorted({canonical(p) for p in forbid})
        self.findings = []

    def forbidden(self, path):
        if path is None:
            return None
        if path in CONVOLUTIONS:
            hits = [f for f in self.forbid if f.startswith('torch.nn.functional.conv')]
            return hits[0] if hits else None
        c = canonical(path)
        for f in self.forbid:
            if c == f or c.startswith(f + '.'):
                return f
        return None

    def add(self, label, node, kind, api, message):
        line = getattr(node, 'lineno', 0)
        key = (label, line, kind, api)
        if any((x['file'], x['line'], x['kind'], x['api']) == key for x in self.findings):
            return
        self.findings.append({'file': label, 'line': line, 'col': getattr(node, 'col_offset', 0),
                              'kind': kind, 'api': api, 'message': 'line %d: %s' % (line, message)})

    def unscannable(self, label, error):
        self.add(label, error, 'evasion', 'unscannable', 'the file could not be read as Python (%s), so its API'
                 ' use cannot be checked' % tg_common._short(error))

    def scan_unit(self, label, tree):
        self.scan_file([(label, tree)], None)

    def scan_file(self, units, entry):
        """Scans a file's units (a notebook's cells share one namespace, so their imports bind for all).

        With `entry` (the names the job calls), the function bodies of a top-level def or class that no
        called function and no top-level statement can reach are skipped (they never run; what runs when
        they are defined, decorators, defaults, bases, class-level statements, is still scanned): a
        notebook's CNN for the training part may use torch.nn when only its from-scratch functions are
        graded.
        """
        units = [(label, ast.Module(body=[n for n in tree.body if not tg_common.is_main_guard(n)],
                                    type_ignores=[])) for label, tree in units]
        names = {}
        for _, tree in units:
            names.update(self.bindings(tree))
        keep = None if entry is None else reachable([tree for _, tree in units], entry)
        for label, tree in units:
            for top in tree.body:
                parts = [top] if keep is None or not isinstance(top, DEFS) or top.name in keep \
                    else definition_time(top)
                for part in parts:
                    for node in ast.walk(part):
                        self.visit(label, node, names)

    def bindings(self, tree):
        """Maps each name bound by an import (or a plain alias of one) to the dotted path it means."""
        names = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        names[a.asname] = a.name
                    else:
                        top = a.name.split('.')[0]
                        names[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    if a.name == '*':
                        for f in self.forbid:
                            if f.rsplit('.', 1)[0] == node.module:
                                names[f.rsplit('.', 1)[1]] = f
                    else:
                        names[a.asname or a.name] = node.module + '.' + a.name
        for _ in range(3):  # aliases of aliases: G = F; conv = G.conv2d
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name):
                    path = resolve(node.value, names)
                    if path is not None:
                        names[node.targets[0].id] = path
        return names

    def visit(self, label, node, names):
        if isinstance(node, ast.Import):
            for a in node.names:
                self.check_module(label, node, a.name)
                hit = self.forbidden(a.name)
                if hit:
                    self.add(label, node, 'forbidden', hit, 'imports %s, which this assignment forbids' % a.name)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            self.check_module(label, node, node.module)
            for a in node.names:
                full = node.module + ('' if a.name == '*' else '.' + a.name)
                hit = self.forbidden(full)
                if a.name == '*':
                    hit = next((f for f in self.forbid if f.startswith(node.module + '.')), None)
                if hit:
                    self.add(label, node, 'forbidden', hit,
                             'imports %s from %s, which this assignment forbids' % (a.name, node.module))
                self.check_module(label, node, full)
        elif isinstance(node, (ast.Attribute, ast.Name)) and isinstance(getattr(node, 'ctx', None), ast.Load):
            self.check_reference(label, node, names)
        elif isinstance(node, ast.Call):
            self.check_call(label, node, names)

    def check_module(self, label, node, module):
        root = module.split('.')[0]
        if root in HARNESS_MODULES:
            self.add(label, node, 'evasion', root, 'imports %s, a module of the grader itself' % root)
        for m in EVASION_MODULES:
            if module == m or module.startswith(m + '.'):
                self.add(label, node, 'evasion', m, 'uses %s, which can reach any function by a computed name' % m)
        parts = module.split('.')
        if len(parts) > 1 and parts[0] in BUILTIN_MODULES and parts[1] in BUILTIN_DOORS:
            self.add(label, node, 'evasion', parts[1], 'uses %s.%s, which can run code or reach any function by'
                     ' a name chosen at run time' % (parts[0], parts[1]))

    def check_reference(self, label, node, names):
        path = resolve(node, names)
        hit = self.forbidden(path)
        if hit:
            self.add(label, node, 'forbidden', hit,
                     '%s is %s, which this assignment forbids' % (source_of(node), hit))
        if path:
            self.check_module(label, node, path)
        if isinstance(node, ast.Name) and node.id in ('__builtins__', '__import__'):
            self.add(label, node, 'evasion', node.id, 'uses %s' % node.id)
        if isinstance(node, ast.Attribute) and node.attr in DUNDER_DOORS:
            if resolve(node.value, names) is not None or node.attr == '__getattribute__':
                self.add(label, node, 'evasion', node.attr,
                         '%s reaches module attributes by a computed name' % source_of(node))

    def check_call(self, label, node, names):
        fn = node.func
        fname = resolve(fn, names) or (fn.id if isinstance(fn, ast.Name) else None)
        if isinstance(fn, ast.Name) and fn.id not in names and fn.id in EVASION_CALLS:
            self.add(label, node, 'evasion', fn.id, '%s() can run or reach code chosen at run time' % fn.id)
        if fname in ('getattr', 'builtins.getattr', 'operator.attrgetter') and node.args:
            target = node.args[0] if fname != 'operator.attrgetter' else None
            name_arg = node.args[1] if fname != 'operator.attrgetter' and len(node.args) > 1 else node.args[0]
            literal = isinstance(name_arg, ast.Constant) and isinstance(name_arg.value, str)
            base = resolve(target, names) if target is not None else None
            if literal and base is not None:
                self.check_module(label, node, base + '.' + name_arg.value)
                hit = self.forbidden(base + '.' + name_arg.value)
                if hit:
                    self.add(label, node, 'forbidden', hit, '%s is %s, which this assignment forbids'
                             % (source_of(node), hit))
            elif not literal and (base is not None or fname == 'operator.attrgetter'):
                self.add(label, node, 'evasion', 'getattr',
                         '%s looks up an attribute of %s by a computed name' % (source_of(node), base or 'an object'))


DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def loaded_names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def reachable(trees, entry):
    """Names of the top-level defs that the entry functions or any top-level statement can reach."""
    defs = {}
    todo = set(entry)
    for tree in trees:
        for n in tree.body:
            if isinstance(n, DEFS):
                defs.setdefault(n.name, []).append(n)
            else:
                todo |= loaded_names(n)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in defs:
            continue
        seen.add(name)
        for n in defs[name]:
            todo |= loaded_names(n) - seen
    return seen


def definition_time(node):
    """The parts of a def or class that run when it is defined (not the bodies of its functions)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return list(node.decorator_list) + [node.args] + ([node.returns] if node.returns else [])
    out = list(node.decorator_list) + list(node.bases) + list(node.keywords)
    for n in node.body:
        out.extend(definition_time(n) if isinstance(n, DEFS) else [n])
    return out


def entry_points(job, name):
    """The top-level names the job calls in file `name`; None when some step does not say (scan all)."""
    out = set()
    for step in job.get('steps', []):
        if step.get('file') != name:
            continue
        fn = step.get('function')
        if not isinstance(fn, str) or not fn:
            return None
        out.add(fn.split('.')[0])
    return out


def resolve(node, names):
    """The dotted path an expression stands for (F.conv2d -> torch.nn.functional.conv2d), or None."""
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = resolve(node.value, names)
        return base + '.' + node.attr if base else None
    return None


def source_of(node):
    try:
        text = ast.unparse(node)
    except Exception:  # an odd tree is still worth reporting
        text = type(node).__name__
    return text if len(text) <= 80 else text[:77] + '...'


def groups(job):
    """(forbid list, step ids or None, steps) per distinct forbid list of the job's steps.

    One job may carry several rubric parts, each step with its own list ('forbid' on the step); a
    finding then concerns only the steps of its list. Without per-step lists the job's list holds for all.
    """
    steps = job.get('steps', [])
    if not any('forbid' in s for s in steps):
        return [(job.get('forbid', []), None, steps)]
    by_list = {}
    for s in steps:
        by_list.setdefault(tuple(sorted(set(s.get('forbid', [])))), []).append(s)
    return [(list(k), [s['id'] for s in v], v) for k, v in by_list.items() if k]


def module_files(module, files):
    """The job files a dotted module name can mean: nndl.layers is nndl/layers.py or nndl/layers/__init__.py."""
    base = module.replace('.', '/')
    return [f for f in (base + '.py', base + '/__init__.py') if f in files]


def imported_modules(tree, file_name):
    """Every module name the file's imports can load, its packages included (nndl.layers: nndl, nndl.layers)."""
    package = tg_common.package_of(file_name).split('.') if tg_common.package_of(file_name) else []
    out = set()

    def add(dotted):
        parts = dotted.split('.')
        out.update('.'.join(parts[:i]) for i in range(1, len(parts) + 1))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 > len(package):
                    continue
                base = package[:len(package) - (node.level - 1)] + ([node.module] if node.module else [])
                if not base:
                    continue
                base = '.'.join(base)
            else:
                base = node.module
            add(base)
            for a in node.names:
                if a.name != '*':
                    out.add(base + '.' + a.name)  # from nndl import layers
    return out


def closure(job_dir, graded, files, notes):
    """The graded file and the job's student files it imports, directly or through each other, in order.

    Course packages travel with the graded file (nndl/layers.py for `from nndl.layers import *`); what it
    imports runs with it, so it is scanned with it. Files it does not import are not its business.
    """
    order, todo, trees = [], [graded], {}
    while todo:
        name = todo.pop(0)
        if name in order:
            continue
        order.append(name)
        units = []
        try:
            for label, tree, unit_notes, _ in tg_common.code_units(os.path.join(tg_common.student_dir(job_dir), name),
                                                                  name):
                notes.extend('%s: %s' % (label, n) for n in unit_notes if '%s: %s' % (label, n) not in notes)
                if tree is not None:
                    units.append((label, tree))
        except (SyntaxError, ValueError, RecursionError, MemoryError, UnicodeDecodeError, OSError) as e:
            trees[name] = e
            continue
        trees[name] = units
        for _, tree in units:
            for module in sorted(imported_modules(tree, name)):
                todo.extend(f for f in module_files(module, files) if f not in order)
    return [(name, trees[name]) for name in order]


def scan_group(job_dir, forbid, ids, steps, files, notes):
    """Findings for one forbid list: each graded file of its steps scanned with the files it imports.

    Each finding says which graded file it was found for ('graded'), so a part of another file is not charged.
    """
    named = {s.get('file') for s in steps}
    graded_files = [f for f in files if f in named] if ids is not None else list(files)
    graded_files = [f for f in graded_files if f.endswith('.py') or f.endswith('.ipynb')]
    findings = []
    group_job = {'steps': steps}
    for graded in graded_files:
        scanner = Scanner(forbid)
        for name, units in closure(job_dir, graded, files, notes):
            if isinstance(units, BaseException):
                scanner.unscannable(name, units)
                continue
            try:
                # A notebook holds the whole homework (e.g. a CNN built from torch.nn for another part), so
                # only what the graded functions reach counts; a .py file is scanned whole.
                entry = entry_points(group_job, name) if name == graded and name.endswith('.ipynb') else None
                scanner.scan_file(units, entry)
            except (RecursionError, MemoryError, ValueError) as e:
                scanner.unscannable(name, e)
        for f in scanner.findings:
            f['graded'] = graded
            if ids is not None:
                f['steps'] = ids
        findings.extend(scanner.findings)
    return findings


def main():
    job_dir = sys.argv[1]
    job = tg_common.load_job(job_dir)
    notes = []
    findings = []
    for forbid, ids, steps in groups(job):
        if not forbid:
            continue
        group_notes = []
        findings.extend(scan_group(job_dir, forbid, ids, steps, job.get('files', []), group_notes))
        notes.extend(n for n in group_notes if n not in notes)
    findings = sorted(findings, key=lambda f: (f['file'], f['line'], f['col']))
    json.dump({'findings': findings, 'notes': notes}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
