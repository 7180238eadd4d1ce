"""Shared by the robustness benches (fuzz_import, fuzz_kill, load_web): a process
tree's memory, its surviving descendants, and a library's integrity.

Not a bench itself; ``make bench`` runs it as a script, which only says so.
"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from fandex.test.procs import alive, descendants


def private_memory(pid: int) -> int:
    """Bytes of memory ``pid`` alone is charged for: its proportional share (PSS) of
    anonymous and shared-memory pages. Forked workers share their parent's pages
    until they write to them, so summing plain RSS would count those pages once per
    worker; mapped files (the library's mmap, code) are page cache and left out."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            return sum(
                int(line.split()[1]) * 1024
                for line in fh
                if line.startswith(("Pss_Anon:", "Pss_Shmem:"))
            )
    except (OSError, ValueError):
        return 0


@dataclass
class MemorySampler:
    """Samples the memory of a process tree every ``every`` seconds in a thread; ``peak``
    is the largest total seen, ``peak_one`` the largest single process."""

    root: int
    every: float = 0.1
    peak: int = 0
    peak_one: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> None:
        sizes = [private_memory(p) for p in [self.root, *descendants(self.root)]]
        self.peak = max(self.peak, sum(sizes))
        self.peak_one = max([self.peak_one, *sizes])

    def __enter__(self) -> MemorySampler:
        def loop() -> None:
            while not self._stop.is_set():
                self.sample()
                self._stop.wait(self.every)

        self._thread = threading.Thread(target=loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def run_sampled(cmd: list[str], timeout: float, **kwargs: object) -> tuple[int, str, str, int]:
    """Run ``cmd``; its exit status, stdout, stderr and the peak memory of its tree."""
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )
    with MemorySampler(proc.pid) as mem:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            err += f"\n[bench] killed after {timeout:.0f} s"
    return proc.returncode, out, err, mem.peak


def integrity(db: Path) -> list[str]:
    """What is wrong with the library at ``db`` (empty when nothing is): SQLite's own
    check, foreign keys, and the rows fandex keeps in step -- every work has a source and
    its chapters and is in the full-text index, nothing refers to a missing work. (A
    work may have no chapter: a file with a header and no story text.)"""
    problems: list[str] = []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems.append("integrity_check: " + "; ".join(result[:3]))
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"{len(fk)} rows point at missing rows ({fk[0]})")
        checks = {
            "works without a source": (
                "SELECT count(*) FROM works w WHERE NOT EXISTS "
                "(SELECT 1 FROM sources s WHERE s.work_id = w.id)"
            ),
            "works missing from the text index": (
                "SELECT count(*) FROM works w WHERE w.rowid NOT IN (SELECT rowid FROM works_fts)"
            ),
            "text index rows without a work": (
                "SELECT count(*) FROM works_fts f WHERE f.rowid NOT IN (SELECT rowid FROM works)"
            ),
            "chapter counts that disagree": (
                "SELECT count(*) FROM works w WHERE w.chapter_count != "
                "(SELECT count(*) FROM chapters c WHERE c.work_id = w.id)"
            ),
            "orphan tags, chapters, authors or sources": (
                "SELECT (SELECT count(*) FROM tags WHERE work_id NOT IN (SELECT id FROM works))"
                " + (SELECT count(*) FROM chapters WHERE work_id NOT IN (SELECT id FROM works))"
                " + (SELECT count(*) FROM authors WHERE work_id NOT IN (SELECT id FROM works))"
                " + (SELECT count(*) FROM sources WHERE work_id NOT IN (SELECT id FROM works))"
            ),
        }
        for what, sql in checks.items():
            n = con.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{n} {what}")
    finally:
        con.close()
    return problems


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    """The ``pids`` still running after waiting up to ``seconds`` for them to go."""
    deadline = time.monotonic() + seconds
    left = [p for p in pids if alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in left if alive(p)]
    return left


def mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


def met(ok: bool) -> str:
    """How a bench reports a target."""
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    print("fuzz_procs: helpers for bench/fuzz_import.py, fuzz_kill.py and load_web.py")
