"""Worker processes: a task over its time budget is stopped and only it fails, a worker
that dies fails only its task and is replaced, a memory cap turns a runaway task into
its own error, and workers do not outlive their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fandex.test.procs import alive, descendants
from fandex.workers import WALL_SLACK, Outcome, WorkerPool, cpu_seconds


def _task(arg: tuple[str, float]) -> str:
    kind, value = arg
    if kind == "sleep":
        time.sleep(value)
    elif kind == "spin":  # work, not wait: CPU time passes as the wall clock does
        end = time.process_time() + value
        while time.process_time() < end:
            pass
    elif kind == "die":
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
    elif kind == "hog":
        return str(len(bytearray(int(value))))
    elif kind == "raise":
        raise ValueError("a task's own error")
    return f"{kind} done"


def _run_all(pool: WorkerPool, tasks: dict[str, tuple[str, float]]) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    pending = list(tasks.items())
    while pending or pool.busy:
        while pending and pool.idle():
            key, arg = pending.pop(0)
            pool.submit(key, arg)
        for outcome in pool.collect(timeout=1):
            outcomes[outcome.key] = outcome
    return outcomes


def test_a_task_over_the_budget_fails_alone_and_its_worker_is_replaced() -> None:
    with WorkerPool(1, _task, budget=1.0) as pool:
        started = time.monotonic()
        outcomes = _run_all(pool, {"slow": ("spin", 60), "after": ("quick", 0)})
        assert time.monotonic() - started < 30
        assert pool.replaced == 1
        pool.submit("own budget", ("sleep", 60), budget=0.5)  # a task's own budget wins
        while pool.busy:
            for outcome in pool.collect(timeout=1):
                outcomes[outcome.key] = outcome
    assert outcomes["own budget"].overran and "0.5-second" in str(outcomes["own budget"].error)
    assert (
        outcomes["slow"].error is not None and "its 1-second time budget" in outcomes["slow"].error
    )
    assert outcomes["after"].value == "quick done"


def test_a_crashing_worker_fails_only_its_task() -> None:
    with WorkerPool(2, _task) as pool:
        outcomes = _run_all(
            pool, {"crash": ("die", 0), "a": ("quick", 0), "b": ("raise", 0), "c": ("quick", 0)}
        )
    assert outcomes["crash"].error is not None and "SIGKILL" in outcomes["crash"].error
    assert (
        outcomes["b"].error is not None and "ValueError: a task's own error" in outcomes["b"].error
    )
    assert outcomes["a"].value == "quick done" and outcomes["c"].value == "quick done"


def test_the_memory_cap_fails_a_runaway_task_and_spares_the_next() -> None:
    with WorkerPool(1, _task, memory=200 * 1024 * 1024) as pool:
        outcomes = _run_all(pool, {"hog": ("hog", 2e9), "small": ("hog", 1e6)})
    assert outcomes["hog"].error is not None and "out of memory" in outcomes["hog"].error
    assert outcomes["small"].value == "1000000"


def test_a_task_sent_ahead_gets_its_budget_from_when_it_begins() -> None:
    # Both go to the one worker at once; the second waits there for the first.
    with WorkerPool(1, _task, budget=1.0, depth=2) as pool:
        outcomes = _run_all(pool, {"first": ("spin", 0.6), "second": ("spin", 0.6)})
    assert outcomes["first"].value == "spin done"
    assert outcomes["second"].value == "spin done"  # 1.2 s after it was sent, 0.6 s of work


def test_a_worker_dying_with_a_task_sent_ahead_fails_only_the_task_that_killed_it() -> None:
    with WorkerPool(1, _task, depth=2) as pool:
        outcomes = _run_all(pool, {"crash": ("die", 0), "next": ("quick", 0)})
        assert pool.replaced >= 1
    assert outcomes["crash"].error is not None and "SIGKILL" in outcomes["crash"].error
    assert outcomes["next"].value == "quick done"


def test_a_big_task_is_not_sent_ahead_to_a_busy_worker() -> None:
    from fandex.workers import AHEAD_BYTES

    big = ("echo", "x" * (AHEAD_BYTES + 1))
    with WorkerPool(1, _task, depth=2) as pool:
        while not pool.idle():
            pool.collect(timeout=1)
        pool.submit("busy", ("sleep", 0.5))
        assert pool.idle(100) and not pool.idle(AHEAD_BYTES + 1)
        pool.submit("big", big)  # waits here until the worker is free, then goes
        outcomes: dict[str, Outcome] = {}
        while pool.busy:
            for outcome in pool.collect(timeout=1):
                outcomes[outcome.key] = outcome
    assert outcomes["busy"].value == "sleep done" and outcomes["big"].value == "echo done"


def test_tasks_go_ahead_to_a_busy_worker_without_waiting_and_up_to_a_byte_bound() -> None:
    from fandex.workers import AHEAD_BYTES

    part = ("echo", "x" * (AHEAD_BYTES // 3))  # far more than a pipe's buffer holds
    with WorkerPool(1, _task, depth=8) as pool:
        while not pool.idle():
            pool.collect(timeout=1)
        pool.submit("busy", ("sleep", 2.0))
        pool.submit("ahead 1", part)
        pool.submit("ahead 2", part)
        # Both were taken while the worker sleeps: the parent did not wait for it.
        assert pool.collect(timeout=0) == []
        # A third would take what the worker holds past the bound; a small task would not.
        assert not pool.idle(AHEAD_BYTES // 3) and pool.idle(100)
        outcomes: dict[str, Outcome] = {}
        while pool.busy:
            for outcome in pool.collect(timeout=1):
                outcomes[outcome.key] = outcome
    assert outcomes["busy"].value == "sleep done"
    assert outcomes["ahead 1"].value == outcomes["ahead 2"].value == "echo done"


def test_a_task_finished_past_its_budget_fails_though_the_parent_looked_late() -> None:
    with WorkerPool(1, _task, budget=0.3) as pool:
        while not pool.idle():
            pool.collect(timeout=1)
        pool.submit("slow", ("spin", 0.6))
        time.sleep(2.5)  # busy elsewhere: the answer is in before the budget is checked
        outcomes = _run_all(pool, {})
    assert outcomes["slow"].overran and "0.3-second time budget" in str(outcomes["slow"].error)


_LINUX_CPU = cpu_seconds(os.getpid()) is not None


@pytest.mark.skipif(not _LINUX_CPU, reason="no per-process CPU time here: the wall clock counts")
def test_the_budget_counts_work_not_waiting() -> None:
    """A task that waits (as on a machine busy with other work) past its budget but
    works less than it finishes; one that works past it is stopped, near the budget."""
    with WorkerPool(1, _task, budget=0.5) as pool:
        started = time.monotonic()
        outcomes = _run_all(pool, {"waits": ("sleep", 1.0), "works": ("spin", 30)})
        took = time.monotonic() - started
    assert outcomes["waits"].value == "sleep done"
    assert outcomes["works"].overran and "0.5-second time budget" in str(outcomes["works"].error)
    assert took < 1.0 + 0.5 * WALL_SLACK + 5  # stopped by its CPU time, not left to run 30 s


@pytest.mark.skipif(not _LINUX_CPU, reason="no per-process CPU time here: the wall clock counts")
def test_a_task_that_only_waits_is_stopped_at_the_wall_clock_limit() -> None:
    with WorkerPool(1, _task, budget=0.4) as pool:
        started = time.monotonic()
        outcomes = _run_all(pool, {"hangs": ("sleep", 120)})
        took = time.monotonic() - started
    assert outcomes["hangs"].overran
    assert 0.4 * WALL_SLACK <= took < 0.4 * WALL_SLACK + 10


def test_cpu_seconds_reads_this_process_and_not_a_missing_one() -> None:
    if not _LINUX_CPU:
        pytest.skip("no /proc here")
    before = cpu_seconds(os.getpid())
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    after = cpu_seconds(os.getpid())
    assert before is not None and after is not None and after - before >= 0.2
    assert cpu_seconds(2**22 + 12345) is None


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path, method: str) -> None:
    parent = textwrap.dedent(
        f"""
        import time
        from fandex.workers import WorkerPool

        def nap(arg):
            time.sleep(arg)

        if __name__ == "__main__":
            with WorkerPool(2, nap, method="{method}") as pool:
                pool.collect(timeout=30)  # until both workers are ready
                pool.collect(timeout=30)
                while pool.idle():
                    pool.submit(len(str(pool.busy)), 600)
                print("busy", flush=True)
                time.sleep(600)
        """
    )
    script = tmp_path / "parent.py"
    script.write_text(parent)
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "busy"
        workers = descendants(proc.pid)  # forkserver: its server and the workers it forked
        assert len(workers) >= 2
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
