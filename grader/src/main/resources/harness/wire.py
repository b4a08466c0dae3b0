"""Framing between the runner and its worker: an 8-byte big-endian length, then the bytes.

A message is one JSON frame followed by `len(blobs)` raw frames (tensor data). Nothing is pickled:
the worker runs student code, so the runner must never deserialize anything but JSON and raw bytes.
"""
import json
import os

MAX_HEADER = 1 << 20
# Bound now: student code in the worker may replace json.dumps or os.read later.
_dumps = json.dumps
_loads = json.loads
_read = os.read


def write_frame(fd, data, write=os.write):
    buf = memoryview(len(data).to_bytes(8, 'big') + bytes(data))
    while buf:
        n = write(fd, buf)
        buf = buf[n:]


def send(fd, header, blobs=(), write=os.write):
    header = dict(header, blobs=len(blobs))
    write_frame(fd, _dumps(header, allow_nan=True).encode('utf-8'), write)
    for b in blobs:
        write_frame(fd, b, write)


def read_exact(fd, n):
    chunks = []
    while n > 0:
        chunk = _read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError('the channel closed')
        chunks.append(chunk)
        n -= len(chunk)
    return b''.join(chunks)


def recv_header(fd):
    """Blocking read of one JSON frame (used by the worker for requests)."""
    n = int.from_bytes(read_exact(fd, 8), 'big')
    if n > MAX_HEADER:
        raise ValueError('a request frame of %d bytes is too large' % n)
    return _loads(read_exact(fd, n).decode('utf-8'))


class FrameParser:
    """Incremental parser for the runner: feed bytes, take complete messages."""

    def __init__(self, max_blob):
        self.buf = bytearray()
        self.max_blob = max_blob
        self.header = None
        self.blobs = []

    def feed(self, data):
        self.buf += data

    def _frame(self, limit):
        if len(self.buf) < 8:
            return None
        n = int.from_bytes(self.buf[:8], 'big')
        if n > limit:
            raise ValueError('a frame of %d bytes exceeds the limit of %d' % (n, limit))
        if len(self.buf) < 8 + n:
            return None
        data = bytes(self.buf[8:8 + n])
        del self.buf[:8 + n]
        return data

    def next_message(self):
        """Returns (header, blobs) once a whole message has arrived, else None."""
        if self.header is None:
            data = self._frame(MAX_HEADER)
            if data is None:
                return None
            header = _loads(data.decode('utf-8'))
            if not isinstance(header, dict) or not isinstance(header.get('blobs'), int) \
                    or not 0 <= header['blobs'] <= 64:
                raise ValueError('a message header is malformed')
            self.header, self.blobs = header, []
        while len(self.blobs) < self.header['blobs']:
            data = self._frame(self.max_blob)
            if data is None:
                return None
            self.blobs.append(data)
        message = (self.header, self.blobs)
        self.header, self.blobs = None, []
        return message
