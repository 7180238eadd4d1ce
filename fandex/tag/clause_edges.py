"""Where a clause begins and ends, as the death and victim readers cut them.

:mod:`fandex.tag.victims`, :mod:`fandex.tag.death_events` and
:mod:`fandex.tag.death_aftermath` read the few words round a cue for who it befalls;
all three bound that clause at a sentence end, a semicolon or colon, a line break or a
quotation mark (a line of speech is a clause of its own).

>>> text = 'He ran. "Stop," she said; Wyn died.'
>>> text[clause_start(text, text.index("died"), 0):text.index("died")]
' Wyn '
"""

from __future__ import annotations

import re

CLAUSE_END = re.compile(r"[.!?;:\n\"“”]")


def clause_start(text: str, pos: int, lo: int) -> int:
    """The start of the clause holding ``pos``, read back no further than ``lo`` (which
    is returned when no clause end lies between them)."""
    return max((m.end() for m in CLAUSE_END.finditer(text, lo, pos)), default=lo)


__all__ = ["CLAUSE_END", "clause_start"]
