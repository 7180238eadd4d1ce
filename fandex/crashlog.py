"""Where a bug in fandex leaves its traceback.

Bad input is the user's to fix and gets one line (exit status 1 or 2). A bug in fandex
is ours: the user still sees one line, which names the file holding the traceback
(``$XDG_STATE_HOME/fandex/crash-*.log``, ``~/.local/state`` when unset) to attach to
a report, and the command exits with :data:`BUG_STATUS`.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

__all__ = ["BUG_STATUS", "crash_dir", "save"]

BUG_STATUS = 3


def crash_dir() -> Path:
    """The folder crash logs go to."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "fandex"


def save(exc: BaseException, context: str = "") -> Path | None:
    """Write ``exc``'s traceback (and what fandex was doing) to a new log file and
    return its path; None when even that fails (a read-only home)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    body = "".join(traceback.format_exception(exc))
    header = (
        f"fandex crash at {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        f"command: {' '.join(sys.argv)}\n" + (f"while: {context}\n" if context else "") + "\n"
    )
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        path.write_text(header + body, encoding="utf-8")
    except OSError:
        return None
    return path
