"""Linux processes as /proc shows them: a process's descendants, and whether one still
runs. Shared by the tests that check no worker outlives its pool and the robustness
benches (bench/fuzz_procs.py)."""

from __future__ import annotations

import os
from pathlib import Path


def children_of() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(stat[1]), []).append(int(entry))
    return kids


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, their children, ...)."""
    kids = children_of()
    found: list[int] = []
    stack = list(kids.get(pid, []))
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(kids.get(p, []))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
