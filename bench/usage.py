"""``--help`` for the benches that read ``sys.argv`` themselves: print the script's
docstring (which says what it measures and how to run it) and stop, instead of starting
a run that may take minutes."""

from __future__ import annotations

import sys


def exit_on_help(doc: str | None) -> None:
    """Print ``doc`` and exit when ``-h`` or ``--help`` is among the arguments."""
    if "-h" in sys.argv[1:] or "--help" in sys.argv[1:]:
        print((doc or "").strip())
        raise SystemExit(0)
