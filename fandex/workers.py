"""Worker processes for the import: a time budget per file, a worker replaced when it
overruns or dies, and workers that die with their parent.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it cannot stop one task (a
file over its budget could only be waited for), one worker dying breaks the whole pool
and fails every file in flight, and its workers block on a queue that outlives a parent
killed with SIGKILL. Here each worker has its own pipe, so the parent knows which files
each worker holds and since when the one it runs started: a worker past the budget is
killed and replaced and only its file fails; a worker that crashes (a segfault in a C
parser, the kernel's out-of-memory killer) fails only its file too.

The budget is counted in the worker's CPU time where the system tells it (Linux's
``/proc``), so a machine busy with other work does not fail a big file that would finish
in its budget on a quiet one; a task that waits rather than works (a hang) is stopped
all the same once the wall clock passes :data:`WALL_SLACK` times its budget. Elsewhere
the budget is wall-clock time.

A worker holds up to ``depth`` tasks: the one it runs and the next ones, sent ahead (at
most :data:`AHEAD_BYTES` of them), so it goes from one file to the next without waiting
for the parent (which fetches files and stores works between reading the answers). A
thread of the worker takes tasks off the pipe as they come, so sending one to a busy
worker never holds the parent up, and another sends the answers back, so a parent busy
storing a batch never holds a worker up either. Tasks a stopped worker
had not begun are sent again to another. When a worker holding more than one task dies
before answering, which task killed it is not known: each is run again alone, and the
one that kills its worker alone fails.

Workers ask the kernel to kill them when their parent dies (``PR_SET_PDEATHSIG`` on
Linux; elsewhere a thread watches the parent), and ignore Ctrl-C, which the parent
handles by stopping them. They are forked when the parent runs no other thread (fast:
nothing to import again) and started from a fork server otherwise (the web server's
threads may hold locks a forked child would inherit locked).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from fandex import sendapart
from fandex.errors import reason

__all__ = ["AHEAD_BYTES", "WALL_SLACK", "Outcome", "WorkerPool", "start_method", "trim_memory"]

_PR_SET_PDEATHSIG = 1
# A task bigger than this (pickled) is not sent ahead to a busy worker, and the tasks a
# worker holds add up to no more than this unless it holds one alone: what the parent
# keeps of the tasks sent ahead (to send again should a worker die) stays bounded.
AHEAD_BYTES = 4 * 1024 * 1024
# A task counted in CPU time is still stopped when the wall clock passes this many times
# its budget: it waits on something rather than working. On two cores busy with a dozen
# other processes a working task gets a sixth of one or less (measured: a 2.5 MB EPUB
# took 8 CPU s in 58 s of wall clock beside six busy loops and five helpers' jobs): ten
# times leaves room for that, and still ends a hang (10 minutes at the default budget).
WALL_SLACK = 10.0
# What a worker sends back: (kind, payload, when it finished, its CPU seconds then);
# None ends its sender.
_Answer = tuple[str, Any, float, float]
# What the sender thread is given: an answer and whether to hand the heap back to the
# system once it is sent (after a big task: only then is the task's work freed).
_Answers = queue.SimpleQueue[tuple[_Answer, bool] | None]


@dataclass
class Outcome:
    """What became of one task: ``value`` when it ran, else ``error`` (one line)."""

    key: Any
    value: Any = None
    error: str | None = None
    overran: bool = False  # stopped for taking longer than its budget


@dataclass
class _Task:
    key: Any
    payload: memoryview  # the argument, pickled
    budget: float | None
    started: float | None = None  # when its worker began it (None: still queued there)
    cpu_started: float | None = None  # its worker's CPU seconds then (None: not known)
    suspect: bool = False  # in a worker that died holding it and others: run it alone
    big: bool = False  # over AHEAD_BYTES: sent only to a worker holding nothing

    @property
    def alone(self) -> bool:
        """Run with nothing queued behind it: then it is answered, or it is the task
        its worker failed on, and is never sent again (its bytes need not be kept)."""
        return self.suspect or self.big


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    tasks: deque[_Task] = field(default_factory=deque)  # the running one first


def start_method() -> str:
    """How new workers start: ``fork`` when this process runs one thread (fast, and they
    share what it has loaded), else ``forkserver`` (a thread may hold a lock that a
    forked child would inherit locked)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "forkserver"


class WorkerPool:
    """``size`` processes running ``func`` on one argument at a time.

    ``init(*initargs)`` runs once in each new worker (and must be picklable when the
    fork server starts workers). ``budget``: seconds a task may take before its worker
    is killed, unless :meth:`submit` gives the task its own (None: no limit).
    ``memory``: bytes a worker may allocate beyond what it holds once set up (None: no
    limit); past it, allocations fail with :class:`MemoryError` inside the task, which
    the task reports like any other error. ``depth``: tasks a worker holds at once.
    Use as a context manager; leaving it stops every worker.
    """

    def __init__(
        self,
        size: int,
        func: Callable[[Any], Any],
        init: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
        *,
        budget: float | None = None,
        memory: int | None = None,
        method: str | None = None,
        preload: tuple[str, ...] = (),
        depth: int = 2,
    ) -> None:
        self.size = max(1, size)
        self.func = func
        self.init = init
        self.initargs = initargs
        self.budget = budget
        self.memory = memory
        self.depth = max(1, depth)
        self.method = method or start_method()
        self._ctx: Any = multiprocessing.get_context(self.method)
        if self.method == "forkserver" and preload:
            self._ctx.set_forkserver_preload(list(preload))
        self._workers: list[_Worker] = []
        self._backlog: deque[_Task] = deque()  # taken back from stopped workers
        self._done: list[Outcome] = []
        self.replaced = 0  # workers started again after an overrun or a crash

    def __enter__(self) -> WorkerPool:
        for _ in range(self.size):
            self._spawn()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the parent's side ---------------------------------------------------------------

    def _spawn(self) -> None:
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_serve,
            args=(child_end, self.func, self.init, self.initargs, os.getpid(), self.memory),
            daemon=True,
            name="fandex-worker",
        )
        process.start()
        child_end.close()
        self._workers.append(_Worker(process, parent_end))

    def _retire(self, worker: _Worker, *, replace: bool) -> None:
        """Stop ``worker`` for good (kill it: whatever it held is abandoned)."""
        with contextlib.suppress(Exception):
            worker.process.kill()
        worker.process.join(timeout=5)
        with contextlib.suppress(Exception):
            worker.conn.close()
        self._workers.remove(worker)
        if replace:
            self.replaced += 1
            self._spawn()

    def _take_back(self, tasks: list[_Task], *, suspect: bool) -> None:
        """Tasks of a stopped worker, to be sent again (before any new one)."""
        for task in reversed(tasks):
            task.started = None
            task.suspect = task.suspect or suspect
            self._backlog.appendleft(task)

    @property
    def busy(self) -> int:
        """How many tasks are given and not yet answered."""
        return sum(len(w.tasks) for w in self._workers) + len(self._backlog)

    def _room(self, task: _Task | None = None, size: int = 0) -> _Worker | None:
        """The ready worker with the fewest tasks that can take one more. A task that
        runs alone (:attr:`_Task.alone`: a suspect, or a big one, over
        :data:`AHEAD_BYTES`, whose bytes this process would hold all the while and which
        takes long enough that the worker's wait for it does not matter) goes only to a
        worker holding nothing, and nothing is queued behind it."""
        alone = task.alone if task is not None else size > AHEAD_BYTES
        if task is not None:
            size = len(task.payload)
        limit = 1 if alone else self.depth
        free = [
            w
            for w in self._workers
            if w.ready
            and len(w.tasks) < limit
            and not any(t.alone for t in w.tasks)
            and (not w.tasks or sum(len(t.payload) for t in w.tasks) + size <= AHEAD_BYTES)
        ]
        return min(free, key=lambda w: len(w.tasks)) if free else None

    def idle(self, size: int = 0) -> bool:
        """Whether a task of about ``size`` bytes can be given now without waiting."""
        return not self._backlog and self._room(size=size) is not None

    def submit(self, key: Any, arg: Any, budget: float | None = None) -> None:
        """Give ``arg`` to a worker with room (:meth:`idle` says whether one has; if
        none has, it waits for :meth:`collect` to send it), with ``budget`` seconds to
        run once begun (None: the pool's)."""
        try:
            payload = ForkingPickler.dumps(arg)
        except Exception as exc:  # the task's own problem: no worker is involved
            self._done.append(Outcome(key, error=f"internal error: {reason(exc)}"))
            return
        task = _Task(key, payload, self.budget if budget is None else budget)
        task.big = len(payload) > AHEAD_BYTES
        worker = self._room(task)
        if worker is None:  # sent by collect() as soon as a worker has room
            self._backlog.append(task)
            return
        self._send(worker, task)

    def _send(self, worker: _Worker, task: _Task) -> None:
        if not worker.tasks:  # an idle worker: its CPU clock stands still until it reads
            task.started = time.monotonic()
            task.cpu_started = cpu_seconds(worker.process.pid)
        worker.tasks.append(task)
        try:
            worker.conn.send_bytes(task.payload)
        except Exception:  # the worker died: what it held goes to another
            worker.tasks.pop()
            self._died(worker)
            self._take_back([task], suspect=False)
            return
        if task.alone:  # never sent again: a big file's bytes are not held here meanwhile
            task.payload = memoryview(b"")

    def _dispatch(self) -> None:
        """Send tasks taken back to workers with room, in order."""
        while self._backlog:
            worker = self._room(self._backlog[0])
            if worker is None:
                return
            self._send(worker, self._backlog.popleft())

    def collect(self, timeout: float | None = None) -> list[Outcome]:
        """Wait until something happens -- a task finishes or overruns its budget, a
        worker dies or becomes ready -- or ``timeout`` seconds pass; the outcomes of the
        tasks that ended (possibly none). Returns at once when nothing is running."""
        if not self._backlog and not any(w.tasks or not w.ready for w in self._workers):
            done, self._done = self._done, []
            return done
        now = time.monotonic()
        waits = [] if timeout is None else [now + timeout]
        for w in self._workers:
            head = w.tasks[0] if w.tasks else None
            if head is not None and head.started is not None and head.budget is not None:
                waits.append(self._next_check(w, head, now))
        left = None if not waits else max(0.0, min(waits) - time.monotonic())
        handles: list[Any] = [w.conn for w in self._workers]
        handles += [w.process.sentinel for w in self._workers]
        ready = wait(handles, timeout=left)
        for worker in list(self._workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                self._answer(worker)
        self._overruns()
        self._dispatch()
        done, self._done = self._done, []
        return done

    def _answer(self, worker: _Worker) -> None:
        while True:  # every answer already in the pipe, not only the first
            try:
                kind, payload, finished, cpu = sendapart.receive(worker.conn)
            except Exception:  # EOF: the worker died
                self._died(worker)
                return
            if kind == "ready":
                worker.ready = True
            elif kind == "init-failed":
                self._retire(worker, replace=False)
                raise RuntimeError(f"a worker process could not start: {payload}")
            else:
                task = worker.tasks.popleft()
                if _late(task, finished, cpu):  # done, but past its budget: as if stopped
                    self._done.append(Outcome(task.key, error=_over(task), overran=True))
                elif kind == "ok":
                    self._done.append(Outcome(task.key, value=payload))
                else:
                    self._done.append(Outcome(task.key, error=str(payload)))
                if worker.tasks:  # it went straight on to the next one
                    worker.tasks[0].started = min(finished, time.monotonic())
                    worker.tasks[0].cpu_started = cpu if task.cpu_started is not None else None
            with contextlib.suppress(OSError, ValueError):
                if worker.conn.poll():
                    continue
            return

    def _died(self, worker: _Worker) -> None:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        tasks = list(worker.tasks)
        worker.tasks.clear()
        if len(tasks) == 1 or (tasks and tasks[0].suspect):
            self._done.append(Outcome(tasks[0].key, error=_death(code)))
            self._take_back(tasks[1:], suspect=False)
        elif tasks:  # which one killed it is not known: each runs again, alone
            self._take_back(tasks, suspect=True)
        elif not worker.ready:
            self._retire(worker, replace=False)
            raise RuntimeError(f"a worker process exited as it started ({_death(code)})")
        self._retire(worker, replace=True)

    def _next_check(self, worker: _Worker, head: _Task, now: float) -> float:
        """When to look at ``worker``'s running task again: when its budget could be
        spent. A task counted in CPU time spends at most about one CPU second per
        second, so the CPU it has left is the soonest it can overrun (the wall-clock
        limit comes later or sooner, whichever first)."""
        assert head.started is not None and head.budget is not None
        wall = head.started + head.budget * (WALL_SLACK if head.cpu_started is not None else 1)
        used = _cpu_used(worker, head)
        if used is None:
            return wall
        return min(wall, now + max(0.05, head.budget - used))

    def _overruns(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            head = worker.tasks[0] if worker.tasks else None
            if head is None or head.started is None or head.budget is None:
                continue
            if _spent(head, now - head.started, _cpu_used(worker, head)):
                self._done.append(Outcome(head.key, error=_over(head), overran=True))
                worker.tasks.popleft()
                self._take_back(list(worker.tasks), suspect=False)
                worker.tasks.clear()
                self._retire(worker, replace=True)

    def close(self) -> None:
        """Stop every worker: idle ones are asked to leave, busy ones are killed."""
        self._backlog.clear()
        for worker in list(self._workers):
            if not worker.tasks:
                with contextlib.suppress(Exception):
                    worker.conn.send(None)
        stop = time.monotonic() + 2
        for worker in list(self._workers):
            if not worker.tasks:
                worker.process.join(timeout=max(0.0, stop - time.monotonic()))
            self._retire(worker, replace=False)


def _over(task: _Task) -> str:
    return f"took longer than its {task.budget:.3g}-second time budget; stopped"


def _late(task: _Task, finished: float, cpu: float) -> bool:
    """Whether ``task`` finished past its budget (by the worker's clocks: the system's
    monotonic one and its own CPU time): an answer this process was too busy to wait
    for in time is judged as it would have been had it looked."""
    if task.budget is None or task.started is None:
        return False
    used = None if task.cpu_started is None else cpu - task.cpu_started
    return _spent(task, finished - task.started, used)


def _spent(task: _Task, wall: float, cpu: float | None) -> bool:
    """Whether a task that has run ``wall`` seconds, ``cpu`` of them working (None: not
    known), has spent its budget: the CPU time when known (with the wall clock capped at
    :data:`WALL_SLACK` times the budget, for a task that waits rather than works), else
    the wall clock."""
    assert task.budget is not None
    if cpu is None:
        return wall >= task.budget
    return cpu >= task.budget or wall >= task.budget * WALL_SLACK


def _cpu_used(worker: _Worker, task: _Task) -> float | None:
    """CPU seconds ``worker`` has spent on its running ``task`` (None: not known)."""
    if task.cpu_started is None:
        return None
    now = cpu_seconds(worker.process.pid)
    return None if now is None else max(0.0, now - task.cpu_started)


def cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds (user and system, every thread) process ``pid`` has used so far, from
    Linux's ``/proc/PID/stat``; None where that cannot be read (another system, a
    process gone)."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            raw = stat.read()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: count fields
    # after its closing one. utime and stime are fields 14 and 15, in clock ticks.
    fields = raw[raw.rfind(b")") + 2 :].split()
    try:
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (IndexError, ValueError):
        return None


_TICKS = float(os.sysconf("SC_CLK_TCK")) if hasattr(os, "sysconf") else 100.0


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the worker reading it crashed ({name}){hint}"
    return f"the worker reading it exited unexpectedly (status {code})"


# -- the worker's side -------------------------------------------------------------------


def _serve(
    conn: Connection,
    func: Callable[[Any], Any],
    init: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    parent: int,
    memory: int | None = None,
) -> None:
    """A worker's life: tie it to the parent, set up, then run tasks until told to stop.
    Tasks are taken off the pipe by one thread as they come (the parent never waits
    for a busy worker to read them) and answers are sent by another, so the next task
    begins while the last answer goes."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        if init is not None:
            init(*initargs)
    except BaseException as exc:
        conn.send(("init-failed", reason(exc), time.monotonic(), time.process_time()))
        return
    answers: _Answers = queue.SimpleQueue()
    sender = threading.Thread(target=_send_answers, args=(conn, answers), daemon=True)
    sender.start()
    tasks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    threading.Thread(target=_receive_tasks, args=(conn, tasks), daemon=True).start()
    if memory is not None:  # after the threads start: their stacks are not the tasks'
        _cap_memory(memory)
    answers.put((("ready", None, time.monotonic(), time.process_time()), False))
    while True:
        raw = tasks.get()
        if raw is None:
            break
        big = len(raw) > AHEAD_BYTES
        task = ForkingPickler.loads(raw)
        del raw
        if task is None:
            break
        try:
            answer: tuple[str, Any] = ("ok", func(task))
        except BaseException as exc:  # func contains per-task errors; this is the last net
            answer = ("error", f"internal error: {reason(exc)}")
        del task
        # A big task's memory is trimmed by the sender once its answer has gone: trimmed
        # here, the answer (the work read, held until it is pickled and sent) kept most
        # of it, and a worker went on holding some 500 MB after a 45 MB text while the
        # parent took the work in and the other worker read the next.
        answers.put(((answer[0], answer[1], time.monotonic(), time.process_time()), big))
        del answer
    answers.put(None)
    sender.join()


def _receive_tasks(conn: Connection, tasks: queue.SimpleQueue[bytes | None]) -> None:
    """Take tasks off the pipe as they come; None when the parent has gone."""
    while True:
        try:
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            tasks.put(None)
            return
        tasks.put(raw)
        del raw


def _send_answers(conn: Connection, answers: _Answers) -> None:
    while (item := answers.get()) is not None:
        answer, trim = item
        del item
        try:
            # A long text's answer goes with its strings apart (fandex.sendapart): not
            # pickled whole beside the work, twice the text more at the worker's peak.
            sendapart.send(conn, answer)
        except (BrokenPipeError, EOFError):
            return  # the parent is gone
        except Exception as exc:  # an answer that cannot be sent back
            error = f"internal error: the result could not be returned ({reason(exc)})"
            with contextlib.suppress(Exception):
                conn.send(("error", error, answer[2], answer[3]))
        del answer
        if trim:
            trim_memory()


def trim_memory() -> None:
    """Hand the memory a big task freed back to the system (glibc keeps freed heap for
    reuse, so a worker that read one big file would otherwise go on holding its peak);
    does nothing where there is no ``malloc_trim``."""
    with contextlib.suppress(Exception):
        _libc().malloc_trim(0)


@functools.cache
def _libc() -> Any:
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _cap_memory(extra: int) -> None:
    """Let this process allocate at most ``extra`` more bytes of data (Linux's
    ``RLIMIT_DATA``: heap and anonymous mappings, not shared libraries or mapped
    files), so one hostile file cannot take the machine's memory: it gets
    :class:`MemoryError` instead. Where that limit does not exist, nothing is capped."""
    try:
        import resource  # POSIX only

        with open("/proc/self/status", encoding="ascii") as fh:
            used = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmData:"))
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = used + extra if hard == resource.RLIM_INFINITY else min(hard, used + extra)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, OSError, ValueError, StopIteration, AttributeError):
        return


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), or watch for it.

    The kernel's tie is to the process that forked this one. A worker from a fork
    server was forked by the server, which lives on while any worker holds its pipe
    (its design: clients keep it alive), so there the pool's owner is watched too."""
    tied = False
    if hasattr(os, "sched_getaffinity"):  # Linux
        try:
            tied = _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except Exception:
            tied = False
    if not _alive(parent):  # the parent died before the tie was made
        os._exit(1)
    if not tied or os.getppid() != parent:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(parent: int) -> None:
    start = os.getppid()
    while True:
        time.sleep(1)
        if os.getppid() != start or not _alive(parent):
            os._exit(1)
