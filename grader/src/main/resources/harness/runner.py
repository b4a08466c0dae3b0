"""The runner: supervises a worker process that runs student code, and writes every result.

Usage: python3 -I runner.py JOB_DIR OUT_DIR SCRATCH_DIR [--worker-uid UID]
It never imports student code (nor numpy). Started as root with --worker-uid, it runs the worker
under that uid, so student code can neither signal the runner nor touch OUT_DIR. For each step of job.json it asks the worker to run
it, waits at most the step's timeout, and writes OUT_DIR/results/<id>.json (and .npy files) as
soon as the step ends. A worker that hangs, crashes, floods its output or exits is killed and a
fresh one started for the next step; objects kept for later steps are rebuilt by replaying the
steps that made them. Started again on the same OUT_DIR it resumes after the last written result
and records the step that was running when it died as crashed.
"""
import json
import os
import select
import selectors
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tg_common  # noqa: E402
import wire  # noqa: E402

DEFAULTS = {'call_timeout_s': 10.0, 'startup_timeout_s': 60.0, 'log_bytes': 64 << 10,
            'output_bytes': 16 << 20, 'result_bytes': 64 << 20}


def harden():
    """No ptrace or /proc/<pid>/fd access by student processes; orphans are re-parented to us."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(4, 0, 0, 0, 0)    # PR_SET_DUMPABLE = 0
        libc.prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER = 1
    except (OSError, AttributeError, ImportError):
        pass


class Log:
    """Keeps the first `cap` bytes of a stream and counts the rest."""

    def __init__(self, cap):
        self.cap, self.data, self.total = cap, bytearray(), 0

    def add(self, chunk):
        self.total += len(chunk)
        room = self.cap - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def text(self):
        dropped = self.total - len(self.data)
        tail = b'\n[tensorgrade: %d more bytes were dropped]\n' % dropped if dropped else b''
        return bytes(self.data) + tail


class WorkerDied(Exception):
    pass


class Worker:
    """One worker process and its channels."""

    def __init__(self, runner):
        self.runner = runner
        req_r, self.req_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        env = {'PATH': '/usr/local/bin:/usr/bin:/bin', 'HOME': runner.scratch, 'TMPDIR': runner.scratch,
               'LANG': 'C.UTF-8', 'PYTHONHASHSEED': '0', 'MPLBACKEND': 'Agg', 'OMP_NUM_THREADS': '1',
               'OPENBLAS_NUM_THREADS': '1', 'MKL_NUM_THREADS': '1', 'PYTHONDONTWRITEBYTECODE': '1'}
        self.proc = subprocess.Popen(
            [sys.executable, '-I', '-B', os.path.join(HERE, 'worker.py'), runner.job_dir, str(req_r), str(reply_w),
             runner.scratch],
            # No cwd=: the child would chdir before dropping to the worker uid, and root without
            # CAP_DAC_OVERRIDE may not enter the student's 0700 scratch; the worker enters it itself.
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, pass_fds=(req_r, reply_w), start_new_session=True, preexec_fn=no_core_dumps,
            **runner.identity)
        os.close(req_r)
        os.close(reply_w)
        self.parser = wire.FrameParser(runner.limits['result_bytes'])
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.reply_r, selectors.EVENT_READ, 'reply')
        self.sel.register(self.proc.stdout, selectors.EVENT_READ, 'stdout')
        self.sel.register(self.proc.stderr, selectors.EVENT_READ, 'stderr')
        self.live = set()
        self.events = []

    def request(self, header):
        try:
            wire.send(self.req_w, header)
        except OSError:
            raise WorkerDied(self.exit_reason())

    def wait_message(self, deadline, what):
        """The next message other than a forbidden-API event; raises TimeoutError or WorkerDied."""
        while True:
            msg = self.parser.next_message()
            if msg is not None:
                if msg[0].get('type') == 'forbidden':
                    self.events.append(str(msg[0].get('api')))
                    continue
                return msg
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(what)
            for key, _ in self.sel.select(min(left, 1.0)):
                fd = key.fileobj if isinstance(key.fileobj, int) else key.fileobj.fileno()
                chunk = os.read(fd, 1 << 16)
                if key.data == 'reply':
                    if not chunk:
                        raise WorkerDied(self.exit_reason())
                    self.parser.feed(chunk)
                else:
                    if not chunk:
                        self.sel.unregister(key.fileobj)
                        continue
                    self.runner.output(key.data, chunk)

    def tainted(self):
        """Whether anything but the reply came on the channel (checked after a call)."""
        if self.parser.buf or self.parser.header is not None:
            return True
        ready = select.select([self.reply_r], [], [], 0)[0]
        return bool(ready)

    def exit_reason(self):
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return 'stopped answering'
        if code < 0:
            sig = -code
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            why = {'SIGKILL': ' (the usual cause is the memory limit or the CPU-time limit)',
                   'SIGXCPU': ' (the CPU-time limit)', 'SIGXFSZ': ' (the file-size limit)',
                   'SIGSEGV': ' (a segmentation fault)'}.get(name, '')
            return 'was killed by %s%s' % (name, why)
        return 'exited with code %d (does the code call os._exit or kill its own process?)' % code

    def drain(self, seconds):
        """Asks the worker to stop and collects what it still prints."""
        try:
            wire.send(self.req_w, {'type': 'stop'})
        except OSError:
            pass
        deadline = time.monotonic() + seconds
        while len(self.sel.get_map()) > 1 and time.monotonic() < deadline:
            for key, _ in self.sel.select(max(0.0, deadline - time.monotonic())):
                if key.data == 'reply':
                    self.sel.unregister(key.fileobj)
                    continue
                chunk = os.read(key.fileobj.fileno(), 1 << 16)
                if not chunk:
                    self.sel.unregister(key.fileobj)
                else:
                    self.runner.logs[key.data].add(chunk)

    def kill(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        kill_strays()
        for f in (self.req_w, self.reply_r):
            try:
                os.close(f)
            except OSError:
                pass
        self.sel.close()


def memory_limit_hits():
    """How often the container's memory limit was hit (cgroup v1 failcnt, v2 max events); None
    outside a memory cgroup of our own (the process sandbox, where MemoryError says it instead)."""
    try:
        with open('/sys/fs/cgroup/memory/memory.failcnt') as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        pass
    try:
        with open('/sys/fs/cgroup/memory.events') as f:
            return sum(int(line.split()[1]) for line in f if line.split()[0] in ('max', 'oom_kill'))
    except (OSError, ValueError, IndexError):
        return None


def no_core_dumps():
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def kill_strays(keep=None, group=None):
    """Kills every process this runner started except `keep` (the worker): its descendants,
    processes re-parented to this subreaper runner, and members of process group `group`."""
    me = os.getpid()
    for _ in range(5):
        parent, pgrp = {}, {}
        for pid in os.listdir('/proc'):
            if not pid.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % pid, 'rb') as f:
                    stat = f.read().decode('latin1')
            except OSError:
                continue
            fields = stat[stat.rfind(')') + 2:].split()
            if fields[0] != 'Z':
                parent[int(pid)], pgrp[int(pid)] = int(fields[1]), int(fields[2])
        doomed = [p for p in parent if p not in (me, keep) and (descends(p, me, parent) or pgrp[p] == group)]
        for p in doomed:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        if not doomed:
            break
        time.sleep(0.02)
    reap(keep)


def descends(pid, ancestor, parent):
    seen = 0
    while pid in parent and seen < 4096:
        pid = parent[pid]
        if pid == ancestor:
            return True
        seen += 1
    return False


def reap(keep):
    """Collects dead children other than the worker (whose exit status the runner still wants)."""
    for pid in os.listdir('/proc'):
        if pid.isdigit() and int(pid) != keep:
            try:
                os.waitpid(int(pid), os.WNOHANG)
            except (ChildProcessError, OSError):
                pass


class Runner:
    def __init__(self, job_dir, out_dir, scratch, worker_uid=None):
        self.job_dir, self.out_dir, self.scratch = job_dir, out_dir, scratch
        self.identity = {}
        if worker_uid is not None and os.geteuid() == 0:
            self.identity = {'user': worker_uid, 'group': worker_uid, 'extra_groups': []}
        self.job = tg_common.load_job(job_dir)
        self.limits = dict(DEFAULTS, **self.job.get('limits', {}))
        self.results_dir = os.path.join(out_dir, 'results')
        os.makedirs(self.results_dir, exist_ok=True)
        self.logs = {'stdout': Log(self.limits['log_bytes']), 'stderr': Log(self.limits['log_bytes'])}
        self.load_logs()
        self.status = {}
        self.worker = None
        self.starts = 0
        self.notes = []

    # ---- bookkeeping ---------------------------------------------------------------------
    def output(self, stream, chunk):
        self.logs[stream].add(chunk)
        if sum(log.total for log in self.logs.values()) > self.limits['output_bytes']:
            raise WorkerDied('printed more than %d MB; its output is capped'
                             % (self.limits['output_bytes'] >> 20))

    def load_logs(self):
        for name, log in self.logs.items():
            path = os.path.join(self.out_dir, name + '.txt')
            if os.path.exists(path):
                with open(path, 'rb') as f:
                    log.add(f.read(log.cap))

    def save_logs(self):
        for name, log in self.logs.items():
            tg_common.write_atomic(os.path.join(self.out_dir, name + '.txt'), log.text())

    def progress(self, running):
        tg_common.write_json_atomic(os.path.join(self.out_dir, 'progress.json'), {'running': running})

    def write_result(self, step, header, blobs):
        sid = step['id']
        values = []
        for i, v in enumerate(header.get('values', [])):
            v = dict(v)
            if 'blob' in v:
                data = blobs[v.pop('blob')]
                shape = v['shape']
                if v['dtype'] not in ('<f8', '<i8') or len(data) != 8 * product(shape):
                    v = {'kind': 'invalid', 'message': 'the worker sent a malformed tensor'}
                else:
                    v['file'] = '%s.%d.npy' % (sid, i)
                    tg_common.write_atomic(os.path.join(self.results_dir, v['file']),
                                           tg_common.npy_bytes(v['dtype'], shape, data))
            values.append(v)
        result = {'id': sid, 'status': header.get('status', 'error'), 'message': header.get('message', ''),
                  'wall_s': header.get('wall_s', 0.0), 'values': values}
        if header.get('forbidden'):
            result['forbidden'] = header['forbidden']
        notes = header.get('notes')
        if isinstance(notes, list):
            result['notes'] = [str(n)[:600] for n in notes[:16]]
        tg_common.write_atomic(os.path.join(self.results_dir, sid + '.json'),
                               json.dumps(result, allow_nan=True).encode('utf-8'))
        self.status[sid] = result['status']

    def fail(self, step, status, message, wall_s=0.0):
        self.write_result(step, {'status': status, 'message': message, 'wall_s': wall_s}, [])

    # ---- the main loop -------------------------------------------------------------------
    def run(self):
        steps = self.job.get('steps', [])
        self.resume(steps)
        for step in steps:
            if step['id'] in self.status:
                continue
            self.progress(step['id'])
            try:
                self.run_step(step)
            except Exception as e:  # the runner must go on with the next step whatever happens
                self.fail(step, 'crashed', 'the harness failed on this step: %s' % e)
                self.stop_worker()
            self.save_logs()
        self.progress(None)
        if self.worker is not None:
            self.worker.drain(1.0)
        self.stop_worker()
        self.save_logs()
        tg_common.write_json_atomic(os.path.join(self.out_dir, 'runner.json'),
                                    {'complete': True, 'worker_starts': self.starts, 'notes': self.notes})

    def resume(self, steps):
        ids = {s['id'] for s in steps}
        for name in os.listdir(self.results_dir):
            if name.endswith('.json') and name[:-5] in ids:
                try:
                    with open(os.path.join(self.results_dir, name), 'rb') as f:
                        self.status[name[:-5]] = json.loads(f.read(1 << 20)).get('status', 'error')
                except (OSError, ValueError):
                    pass
        path = os.path.join(self.out_dir, 'progress.json')
        if os.path.exists(path):
            with open(path, 'rb') as f:
                running = json.loads(f.read(4096)).get('running')
            step = next((s for s in steps if s['id'] == running), None)
            if step is not None and running not in self.status:
                self.fail(step, 'crashed', 'the sandbox was killed during this call (by the call itself '
                          'or by a limit), so it was not run again')
                self.notes.append('resumed after %s killed the harness' % running)

    def run_step(self, step):
        for dep in dependencies(step):
            if dep not in self.status:
                return self.fail(step, 'error', 'it uses the result of %s, which is not an earlier step' % dep)
            if self.status[dep] != 'ok':
                return self.fail(step, 'skipped', 'it needs the object returned by %s, which ended with '
                                 'status %s' % (dep, self.status[dep]))
        started = None
        try:
            self.ensure_worker()
            for dep in self.replay_order(step):
                self.call(dep, replay=True)
            started = time.monotonic()
            header, blobs = self.call(step, replay=False)
        except TimeoutError as e:
            self.stop_worker()
            # How long the call ran before it was stopped, for the feedback (its limit is in the message).
            return self.fail(step, 'timeout', str(e), 0.0 if started is None else time.monotonic() - started)
        except ReplayFailed as e:
            return self.fail(step, 'skipped', str(e))
        except WorkerDied as e:
            self.stop_worker()
            return self.fail(step, 'crashed', 'the process running the code %s' % e)
        except ValueError as e:
            self.stop_worker()
            return self.fail(step, 'crashed', 'the reply from the code was malformed (%s); '
                             'student code may have written to the harness channel' % e)
        self.write_result(step, header, blobs)

    def call(self, step, replay):
        w = self.worker
        w.events = []
        w.request({'type': 'run', 'id': step['id'], 'replay': replay})
        timeout = float(step.get('timeout_s', self.limits['call_timeout_s']))
        hits = memory_limit_hits()
        try:
            header, blobs = w.wait_message(time.monotonic() + timeout,
                                           'the call did not finish within %.3g s' % timeout)
        except (TimeoutError, WorkerDied) as e:
            now = memory_limit_hits()
            if hits is not None and now is not None and now > hits:
                e = type(e)('%s; it had reached the memory limit' % e)
            if replay:
                self.stop_worker()
                raise ReplayFailed('rebuilding the object returned by %s in a fresh process failed: %s'
                                   % (step['id'], e))
            raise e
        # Nothing the call started may outlive it but the worker itself.
        kill_strays(keep=w.proc.pid, group=w.proc.pid)
        if header.get('type') != 'result' or header.get('id') != step['id']:
            raise ValueError('expected the result of %s' % step['id'])
        if w.tainted():
            # Bytes beyond the reply: something else wrote to the channel. The reply is kept, the
            # worker is not: the next step gets a fresh one.
            self.notes.append('%s: extra bytes on the result channel; the worker was replaced' % step['id'])
            self.stop_worker()
        if w.events and header.get('status') != 'forbidden':
            header = dict(header, status='forbidden', forbidden=sorted(set(w.events)),
                          message='%s is forbidden in this assignment' % w.events[0])
        if replay and header.get('status') != 'ok':
            raise ReplayFailed('rebuilding the object returned by %s in a fresh process failed: %s'
                               % (step['id'], header.get('message', '')))
        if header.get('status') == 'ok':
            w.live.add(step['id'])
        return header, blobs

    def replay_order(self, step):
        """Earlier steps to run again because the objects they returned died with a worker."""
        order, seen = [], set()
        by_id = {s['id']: s for s in self.job.get('steps', [])}

        def visit(sid):
            if sid in seen or sid in self.worker.live:
                return
            seen.add(sid)
            for d in dependencies(by_id[sid]):
                visit(d)
            order.append(by_id[sid])
        for dep in dependencies(step):
            visit(dep)
        return order

    def ensure_worker(self):
        if self.worker is not None and self.worker.proc.poll() is None:
            return
        self.stop_worker()
        self.starts += 1
        self.worker = Worker(self)
        header, _ = self.worker.wait_message(time.monotonic() + float(self.limits['startup_timeout_s']),
                                             'the Python worker did not start within %ss'
                                             % self.limits['startup_timeout_s'])
        if header.get('type') != 'ready':
            raise ValueError('the worker did not report ready')

    def stop_worker(self):
        if self.worker is not None:
            self.worker.kill()
            self.worker = None


class ReplayFailed(Exception):
    pass


def dependencies(step):
    specs = list(step.get('args', [])) + list(step.get('kwargs', {}).values())
    return [s['handle'] for s in specs if isinstance(s, dict) and 'handle' in s]


def product(shape):
    n = 1
    for d in shape:
        n *= int(d)
    return n


def main():
    harden()
    job_dir, out_dir, scratch = sys.argv[1:4]
    uid = None
    if len(sys.argv) == 6 and sys.argv[4] == '--worker-uid':
        uid = int(sys.argv[5])
    Runner(job_dir, out_dir, scratch, uid).run()


if __name__ == '__main__':
    main()
