"""Worker processes for the import: one file per worker at a time, a time budget per
file, a worker replaced when it overruns or dies, and workers that die with their parent.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it cannot stop one task (a
file over its budget could only be waited for), one worker dying breaks the whole pool
and fails every file in flight, and its workers block on a queue that outlives a parent
killed with SIGKILL. Here each worker has its own pipe, so the parent knows which file
each worker holds and since when: a worker past the budget is killed and replaced and
only its file fails; a worker that crashes (a segfault in a C parser, the kernel's
out-of-memory killer) fails only its file too.

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
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from fandex.errors import reason

__all__ = ["Outcome", "WorkerPool", "start_method"]

_PR_SET_PDEATHSIG = 1


@dataclass
class Outcome:
    """What became of one task: ``value`` when it ran, else ``error`` (one line)."""

    key: Any
    value: Any = None
    error: str | None = None
    overran: bool = False  # stopped for taking longer than its budget


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    key: Any = None
    started: float = 0.0
    busy: bool = False
    budget: float | None = None


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
    the task reports like any other error.
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
    ) -> None:
        self.size = max(1, size)
        self.func = func
        self.init = init
        self.initargs = initargs
        self.budget = budget
        self.memory = memory
        self.method = method or start_method()
        self._ctx: Any = multiprocessing.get_context(self.method)
        if self.method == "forkserver" and preload:
            self._ctx.set_forkserver_preload(list(preload))
        self._workers: list[_Worker] = []
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

    @property
    def busy(self) -> int:
        """How many tasks are running."""
        return sum(1 for w in self._workers if w.busy)

    def idle(self) -> bool:
        """Whether a task can be given now without waiting."""
        return any(w.ready and not w.busy for w in self._workers)

    def submit(self, key: Any, arg: Any, budget: float | None = None) -> None:
        """Give ``arg`` to an idle worker (wait with :meth:`collect` until one is), with
        ``budget`` seconds to run (None: the pool's)."""
        worker = next(w for w in self._workers if w.ready and not w.busy)
        worker.key, worker.busy, worker.started = key, True, time.monotonic()
        worker.budget = self.budget if budget is None else budget
        try:
            worker.conn.send(arg)
        except Exception as exc:  # the worker died before it could take the task
            self._done.append(Outcome(key, error=f"the worker was lost ({reason(exc)})"))
            self._retire(worker, replace=True)

    def collect(self, timeout: float | None = None) -> list[Outcome]:
        """Wait until something happens -- a task finishes or overruns its budget, a
        worker dies or becomes ready -- or ``timeout`` seconds pass; the outcomes of the
        tasks that ended (possibly none). Returns at once when nothing is running."""
        if not any(w.busy or not w.ready for w in self._workers):
            done, self._done = self._done, []
            return done
        waits = [] if timeout is None else [time.monotonic() + timeout]
        waits += [w.started + w.budget for w in self._workers if w.busy and w.budget is not None]
        left = None if not waits else max(0.0, min(waits) - time.monotonic())
        handles: list[Any] = [w.conn for w in self._workers]
        handles += [w.process.sentinel for w in self._workers]
        ready = wait(handles, timeout=left)
        for worker in list(self._workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                self._answer(worker)
        self._overruns()
        done, self._done = self._done, []
        return done

    def _answer(self, worker: _Worker) -> None:
        try:
            kind, payload = worker.conn.recv()
        except Exception:  # EOF: the worker died
            self._died(worker)
            return
        if kind == "ready":
            worker.ready = True
            return
        if kind == "init-failed":
            self._retire(worker, replace=False)
            raise RuntimeError(f"a worker process could not start: {payload}")
        if kind == "ok":
            self._done.append(Outcome(worker.key, value=payload))
        else:
            self._done.append(Outcome(worker.key, error=str(payload)))
        worker.busy, worker.key = False, None

    def _died(self, worker: _Worker) -> None:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if worker.busy:
            self._done.append(Outcome(worker.key, error=_death(code)))
        elif not worker.ready:
            self._retire(worker, replace=False)
            raise RuntimeError(f"a worker process exited as it started ({_death(code)})")
        self._retire(worker, replace=True)

    def _overruns(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            budget = worker.budget
            if worker.busy and budget is not None and now - worker.started >= budget:
                error = f"took longer than its {budget:.3g}-second time budget; stopped"
                self._done.append(Outcome(worker.key, error=error, overran=True))
                self._retire(worker, replace=True)

    def close(self) -> None:
        """Stop every worker: idle ones are asked to leave, busy ones are killed."""
        for worker in list(self._workers):
            if not worker.busy:
                with contextlib.suppress(Exception):
                    worker.conn.send(None)
        stop = time.monotonic() + 2
        for worker in list(self._workers):
            if not worker.busy:
                worker.process.join(timeout=max(0.0, stop - time.monotonic()))
            self._retire(worker, replace=False)


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
    """A worker's life: tie it to the parent, set up, then run tasks until told to stop."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        if init is not None:
            init(*initargs)
    except BaseException as exc:
        conn.send(("init-failed", reason(exc)))
        return
    if memory is not None:
        _cap_memory(memory)
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer: tuple[str, Any] = ("ok", func(task))
        except BaseException as exc:  # func contains per-task errors; this is the last net
            answer = ("error", f"internal error: {reason(exc)}")
        try:
            conn.send(answer)
        except Exception as exc:  # an answer that cannot be sent back
            conn.send(
                ("error", f"internal error: the result could not be returned ({reason(exc)})")
            )


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
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            tied = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
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
