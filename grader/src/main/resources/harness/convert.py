"""Turns what student code returned into plain float64/int64 arrays or JSON, or says why not.

Everything used here is bound when the worker starts, before any student code is imported, so
monkeypatching numpy, json or torch cannot change a conversion. Nothing is ever pickled.
"""
import json

import numpy as np

_np_array = np.array
_np_ascontig = np.ascontiguousarray
_np_generic = np.generic
_np_ndarray = np.ndarray
_np_isfinite = np.isfinite
_tobytes = np.ndarray.tobytes
_astype = np.ndarray.astype
_isinstance = isinstance
_type = type
_dumps = json.dumps
_loads = json.loads

MAX_JSON_ITEMS = 100000
MAX_DIMS = 16


class BadOutput(Exception):
    """The return value does not have the declared shape (e.g. one value where a tuple was due)."""


class Converter:
    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.tensor_ops = None  # (Tensor, detach, cpu, numpy, is_complex, from_numpy) once torch is loaded

    def export(self, value, kinds):
        if _isinstance(kinds, list):
            if _type(value) not in (tuple, list) or len(value) != len(kinds):
                got = '%d values' % len(value) if _type(value) in (tuple, list) else 'a ' + type_name(value)
                raise BadOutput('expected %d return values, got %s' % (len(kinds), got))
            items = list(zip(value, kinds))
        else:
            items = [(value, kinds)]
        values, blobs = [], []
        for item, kind in items:
            entry, blob = self.convert(item, kind)
            if blob is not None:
                entry['blob'] = len(blobs)
                blobs.append(blob)
            values.append(entry)
        return values, blobs

    def convert(self, x, kind):
        if kind == 'keep':
            return {'kind': 'kept'}, None
        if kind == 'python':
            return self.python_entry(x), None
        if kind == 'tensor' or (kind == 'any' and self.tensor_like(x)):
            arr, problem = self.to_array(x)
            if arr is not None:
                return self.tensor_entry(arr)
            if kind == 'tensor' or not _isinstance(x, (list, tuple)):
                return {'kind': 'invalid', 'message': 'expected a tensor, got %s' % problem}, None
        try:
            text = _dumps(to_json(x), allow_nan=True)
        except (TypeError, ValueError, RecursionError) as e:
            return {'kind': 'invalid', 'message': 'expected a tensor or a JSON value: %s' % e}, None
        if len(text) > 1 << 20:
            return {'kind': 'invalid', 'message': 'the value is larger than 1 MB as JSON'}, None
        return {'kind': 'json', 'value': _loads(text)}, None

    def python_entry(self, x):
        """A builtin Python value as tagged JSON (see to_tagged), or why it cannot travel."""
        try:
            text = _dumps(to_tagged(x), allow_nan=True)
        except (TypeError, ValueError, RecursionError) as e:
            return {'kind': 'invalid', 'message': 'expected builtin Python values: %s' % e}
        if len(text) > 1 << 20:
            return {'kind': 'invalid', 'message': 'the value is larger than 1 MB as JSON'}
        return {'kind': 'json', 'value': _loads(text)}

    def tensor_like(self, x):
        """Arrays, tensors, numbers and non-empty lists count as tensors for 'any'; strings, dicts,
        None and empty lists as JSON."""
        if _isinstance(x, (_np_ndarray, _np_generic)) or _type(x) in (int, float):
            return True
        if self.tensor_ops is not None and _isinstance(x, self.tensor_ops[0]):
            return True
        return _type(x) in (list, tuple) and len(x) > 0 and not any(_type(v) in (str, dict) for v in x)

    def to_array(self, x):
        """(float64 or int64 ndarray, None) or (None, what came back instead)."""
        t = _type(x)
        if self.tensor_ops is not None and _isinstance(x, self.tensor_ops[0]):
            T, detach, cpu, numpy, is_complex, _ = self.tensor_ops
            if is_complex(x):
                return None, 'a complex torch tensor'
            x = numpy(cpu(detach(x)))
            t = _type(x)
        if _isinstance(x, _np_ndarray) and x.size * 8 > self.max_bytes:
            return None, too_large(x.size, self.max_bytes)
        if _isinstance(x, (_np_ndarray, _np_generic)):
            arr = _np_array(x, copy=True, subok=False)
        elif t in (list, tuple):
            try:
                arr = _np_array(x, subok=False)
            except Exception:
                return None, 'a %s that is not a rectangular list of numbers' % t.__name__
        elif t in (int, float, bool):
            arr = _np_array(x)
        else:
            return None, 'a %s' % type_name(x)
        if _type(arr) is not _np_ndarray or arr.ndim > MAX_DIMS:
            return None, 'an array that could not be converted'
        if arr.size * 8 > self.max_bytes:
            return None, too_large(arr.size, self.max_bytes)
        k = arr.dtype.kind
        if k == 'f':
            arr = _astype(arr, '<f8')
        elif k in 'iub':
            if k == 'u' and arr.size and int(arr.max()) > (1 << 63) - 1:
                return None, 'unsigned integers too large for int64'
            arr = _astype(arr, '<i8')
        else:
            return None, 'an array of dtype %s, which is not numeric' % arr.dtype
        return _np_ascontig(arr), None

    def tensor_entry(self, arr):
        finite = bool(_np_isfinite(arr).all()) if arr.dtype.kind == 'f' else True
        return {'kind': 'tensor', 'dtype': arr.dtype.str, 'shape': list(arr.shape),
                'finite': finite}, _tobytes(arr)


def to_json(x, depth=0, budget=None):
    """A copy of x built only from exact JSON types; anything else is a TypeError naming the type."""
    budget = budget if budget is not None else [MAX_JSON_ITEMS]
    budget[0] -= 1
    if budget[0] < 0 or depth > 32:
        raise ValueError('the value is too large or too deeply nested')
    t = _type(x)
    if x is None or t in (bool, str):
        return x
    if t is int:
        return int.__int__(x)
    if t is float:
        return float.__float__(x)
    if _isinstance(x, _np_generic) and x.dtype.kind in 'biuf':
        v = _np_generic.item(x)
        return v if _type(v) in (bool, int, float) else float(v)
    if t in (list, tuple):
        return [to_json(v, depth + 1, budget) for v in x]
    if t is dict:
        out = {}
        for k, v in dict.items(x):
            if _type(k) is not str:
                raise TypeError('a dict key is a %s, not a string' % type_name(k))
            out[k] = to_json(v, depth + 1, budget)
        return out
    raise TypeError('a %s is not a JSON value' % type_name(x))


def to_tagged(x, depth=0, budget=None):
    """x as JSON that keeps Python's types apart: None, bool, int, float and str as themselves, a list as
    a JSON array, a tuple as {"tuple": [...]}, a dict as {"dict": [[key, value], ...]} in its order (so
    int keys stay ints). numpy integers and floats count as int and float; anything else is a TypeError."""
    budget = budget if budget is not None else [MAX_JSON_ITEMS]
    budget[0] -= 1
    if budget[0] < 0 or depth > 30:
        raise ValueError('the value is too large or too deeply nested')
    t = _type(x)
    if x is None or t is bool:
        return x
    if _isinstance(x, str):
        return str.__str__(x)
    if _isinstance(x, bool):
        return bool(x)
    if _isinstance(x, int):
        return int.__int__(x)
    if _isinstance(x, float):
        return float.__float__(x)
    if _isinstance(x, _np_generic) and x.dtype.kind in 'biuf':
        v = _np_generic.item(x)
        return v if _type(v) in (bool, int, float) else float(v)
    if _isinstance(x, list):
        return [to_tagged(v, depth + 1, budget) for v in list.__iter__(x)]
    if _isinstance(x, tuple):
        return {'tuple': [to_tagged(v, depth + 1, budget) for v in tuple.__iter__(x)]}
    if _isinstance(x, dict):
        return {'dict': [[to_tagged(k, depth + 1, budget), to_tagged(v, depth + 1, budget)]
                         for k, v in dict.items(x)]}
    raise TypeError('a %s cannot be compared (only None, bool, int, float, str, list, tuple and dict)'
                    % type_name(x))


def too_large(size, max_bytes):
    return 'a tensor of %d elements, more than the %d accepted' % (size, max_bytes // 8)


def type_name(x):
    t = _type(x)
    module = getattr(t, '__module__', '')
    name = getattr(t, '__qualname__', '?')
    return name if module in ('builtins', None, '') else '%s.%s' % (module, name)
