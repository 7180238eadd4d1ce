"""Who a romance cue said in a line of a script or a chat, or written in a letter, is
between: the line's speaker and the nearest other speaker around it; a letter's writer
and the one it is written to (:mod:`fandex.tag.romance_people` reads the other forms).
Spans are sorted ``(start, end, name)`` of the characters named in a chapter.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from fandex.tag.name_lines import letter_salutation, letter_signature

_SCRIPT_LINE = re.compile(r"[ \t*_>]*[A-Z][^\n:]{0,40}?[*_]*:[*_]*\s")
SCRIPT_REACH = 600


def _line_speaker(
    text: str, pos: list[tuple[int, int, str]], starts: list[int], line: int
) -> tuple[str, tuple[int, int]] | None:
    # A script line's colon comes before the line's end (no character the pattern takes
    # before it is a line break): looked for in C first, as most cues' lines are prose
    # with no colon, where the pattern's lazy reach was tried at every length.
    nl = text.find("\n", line)
    if text.find(":", line, len(text) if nl < 0 else nl) < 0:
        return None
    m = _SCRIPT_LINE.match(text, line)
    if m is None:
        return None
    named = pos[bisect_left(starts, line) : bisect_left(starts, m.end())]
    return (named[0][2], named[0][:2]) if len({n for _s, _e, n in named}) == 1 else None


def script_speakers(
    text: str,
    pos: list[tuple[int, int, str]],
    starts: list[int],
    c_start: int,
    skip: dict[str, int],
    line: int | None = None,
) -> dict[str, tuple[int, int]]:
    """The people of a cue said in a line of a script or a chat: its speaker, named
    before the colon opening the line, and the one spoken to, the nearest other speaker
    of the lines around it (within ``SCRIPT_REACH`` characters); empty when the cue's
    line is no such line. ``line``: where the cue's line starts, when the caller knows."""
    if line is None:
        line = text.rfind("\n", 0, c_start) + 1
    own = _line_speaker(text, pos, starts, line)
    if own is None:
        return {}
    out = {own[0]: own[1]}
    # The lines around it, nearest first.
    around: list[tuple[int, int]] = []
    at = line
    while at > 0 and line - at < SCRIPT_REACH:
        at = text.rfind("\n", 0, at - 1) + 1
        around.append((line - at, at))
    at = text.find("\n", c_start)
    while 0 <= at < c_start + SCRIPT_REACH:
        around.append((at - c_start, at + 1))
        at = text.find("\n", at + 1)
    for _d, start in sorted(around):
        other = _line_speaker(text, pos, starts, start)
        if other is not None and other[0] != own[0]:
            out[other[0]] = other[1]
            break
    return {n: span for n, span in out.items() if n not in skip}


# How far before a cue a letter's salutation, and after it its signature, may be.
LETTER_REACH = 3000
_DEAR = re.compile(r"^[ \t*_]*Dear\b", re.M)


def letter_people(
    text: str,
    pos: list[tuple[int, int, str]],
    starts: list[int],
    c_start: int,
    skip: dict[str, int],
) -> dict[str, tuple[int, int]]:
    """The people of a cue in a letter ("Dear Kit, ... I love you. ... Elspeth"): the
    one it is written to, named by the last salutation before the cue, and its writer,
    who signs the first signature after it before the next letter opens (each within
    ``LETTER_REACH`` characters); empty unless both are found and differ."""
    if text.rfind("Dear", max(0, c_start - LETTER_REACH), c_start) < 0:
        return {}  # (found in C: most text holds no letter)
    opened = None
    for m in _DEAR.finditer(text, max(0, c_start - LETTER_REACH), c_start):
        opened = m
    if opened is None:
        return {}
    line_end = text.find("\n", opened.end())
    to = [
        p
        for p in pos[bisect_left(starts, opened.start()) : bisect_left(starts, line_end)]
        if letter_salutation(text, p[0])
    ]
    nxt = _DEAR.search(text, c_start, c_start + LETTER_REACH)
    end = nxt.start() if nxt else min(len(text), c_start + LETTER_REACH)
    signed = next(
        (
            p
            for p in pos[bisect_left(starts, c_start) : bisect_left(starts, end)]
            if letter_signature(text, p[0], p[1])
        ),
        None,
    )
    if not to or signed is None or to[0][2] == signed[2]:
        return {}
    found = {to[0][2]: to[0][:2], signed[2]: signed[:2]}
    return {n: span for n, span in found.items() if n not in skip}
