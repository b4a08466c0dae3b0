"""The runtime guard: replaces forbidden callables with ones that report and refuse.

Imported by the worker before any student code. Every module attribute under torch (or numpy)
that holds a forbidden callable is replaced, found by identity so that aliases go too; torch,
slow to import, is guarded by an import hook the moment anything imports it.
"""
import sys

import scan

_isinstance = isinstance
_type = type
# The canonical names forbidden in the step now running; None: every guarded name (one forbid list per job).
# One job may carry several rubric parts with different lists: the guards are installed for all of them
# and each refuses only while a step that forbids it runs.
_active = None


def activate(forbid):
    """Makes only `forbid` (a step's own list) refuse from now on; None makes every guarded name refuse."""
    global _active
    _active = None if forbid is None else frozenset(scan.canonical(f) for f in forbid)


def active(api):
    if _active is None or api in _active:
        return True
    return api in scan.CONVOLUTIONS and any(f.startswith('torch.nn.functional.conv') for f in _active)


class ForbiddenApiError(BaseException):
    """Raised by a replaced forbidden callable. A BaseException, so `except Exception` misses it."""


def install(forbid, report):
    """Replaces each forbidden name (and its aliases) with a callable that calls report(api) and raises."""
    if not forbid:
        return
    wanted = set(scan.canonical(f) for f in forbid)
    names = set(wanted)
    names.update(a for a, c in scan.ALIASES.items() if c in wanted)
    if any(w.startswith('torch.nn.functional.conv') for w in wanted):
        names.update(scan.CONVOLUTIONS)
    for path in sorted(names):
        target = resolve_runtime(path)
        if target is None:
            continue
        replacement = refusing(scan.canonical(path), target, report)
        for owner, attr in places_of(target, path):
            try:
                setattr(owner, attr, replacement)
            except (AttributeError, TypeError):
                pass


def refusing(api, target, report):
    def refuse(*args, **kwargs):
        if not active(api):
            return target(*args, **kwargs)
        report(api)
        raise ForbiddenApiError('%s is forbidden in this assignment' % api)

    if _isinstance(target, _type):
        def new(cls, *args, **kwargs):
            if active(api):
                report(api)
                raise ForbiddenApiError('%s is forbidden in this assignment' % api)
            if cls is replacement:
                return target(*args, **kwargs)
            if target.__new__ is object.__new__:
                return object.__new__(cls)
            return target.__new__(cls, *args, **kwargs)

        def init(self, *args, **kwargs):
            if active(api):
                report(api)
                raise ForbiddenApiError('%s is forbidden in this assignment' % api)
            target.__init__(self, *args, **kwargs)

        replacement = _type(target.__name__, (target,), {'__new__': new, '__init__': init,
                                                         '__module__': target.__module__})
        return replacement
    return refuse


class GuardOnImport:
    """A meta path finder that runs `then` right after module `name` is first imported."""

    def __init__(self, name, then):
        self.name, self.then, self.busy = name, then, False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name or self.busy:
            return None
        import importlib.util
        self.busy = True
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self.busy = False
        if spec is None or spec.loader is None:
            return spec
        loader, then, finder = spec.loader, self.then, self

        class Guarded(type(loader)):
            def exec_module(self, module):
                loader.exec_module(module)
                if finder in sys.meta_path:
                    sys.meta_path.remove(finder)
                then()

        try:
            spec.loader = Guarded.__new__(Guarded)
            spec.loader.__dict__.update(getattr(loader, '__dict__', {}))
        except TypeError:
            return None
        return spec


def resolve_runtime(path):
    """The object a dotted path names, importing its module prefix; None when it does not exist."""
    import importlib
    parts = path.split('.')
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module('.'.join(parts[:i]))
        except ImportError:
            continue
        for p in parts[i:]:
            obj = getattr(obj, p, None)
            if obj is None:
                return None
        return obj
    return None


def places_of(target, path):
    """Every (module, attribute) under torch and numpy that holds `target`, so all aliases go."""
    top = path.split('.')[0]
    found = set()
    for name, mod in list(sys.modules.items()):
        if mod is None or not (name == top or name.startswith(top + '.')):
            continue
        try:
            items = list(vars(mod).items())
        except TypeError:
            continue
        for attr, value in items:
            if value is target:
                found.add((mod, attr))
    return found
