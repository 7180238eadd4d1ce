"""Numbered chapter headings: "1. The Ford", "II - The Bank".

A line that only numbers a title reads as a chapter heading to a person once the next
number follows with story between them; alone, it may be a title ("1984") or a list
item. :func:`promote_numbered` turns such a run of short paragraphs into heading blocks
before the header is read, so the first of them is chapter one's heading and not the
work's title; :func:`opens_numbered_run` says the same of a heading block at the top.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fandex.read.document import Block

# Longest line read as a numbered heading, and the words of its title.
_SHORT = 80
_TITLE_WORDS = 10
# Story between two headings of a run: numbered list items stand next to each other.
_MIN_WORDS_BETWEEN = 20
# How far the run is looked for: a chapter is rarely longer than this many blocks.
_MAX_GAP_BLOCKS = 3000

_NUMBERED = re.compile(
    r"[~*=#\[(\s]*(?P<num>\d{1,3}|[IVXLC]{1,7})(?P<sep>[.):\]]|\s+[-–—:|])\s*(?P<title>\S.*)"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A number spelled out alone ("One", "~ Two ~") or an old-style part ("Part the First"):
# a heading only in a run of them, each the next number.
_CARDINALS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_SPELLED = re.compile(
    r"[~*=#\[(\-\s]*(?P<part>part\s+the\s+)?(?P<word>[A-Z][a-z]+)[~*=#\])\-\s]*\.?", re.IGNORECASE
)


def _roman(num: str) -> int | None:
    total = 0
    for a, b in zip(num, num[1:] + " ", strict=True):
        value = _ROMAN[a]
        total += -value if b in _ROMAN and _ROMAN[b] > value else value
    return total if total > 0 else None


def numbered_title(line: str) -> tuple[int, str] | None:
    """``(number, form)`` of a heading that numbers a short title, else None; ``form``
    tells digits from Roman numerals and the mark after them.

    >>> numbered_title("1. The Ford"), numbered_title("IV - The Bank")
    ((1, 'd.'), (4, 'r-'))
    >>> numbered_title("1. She went down to the ford and waited."), numbered_title("Ford")
    (None, None)
    >>> numbered_title("~ One ~"), numbered_title("Part the Second")
    ((1, 'w'), (2, 'p'))
    """
    s = line.strip()
    if not s or len(s) > _SHORT or "\n" in s:
        return None
    m = _NUMBERED.fullmatch(s)
    if m is None:
        return _spelled(s)
    title = m.group("title").strip(" ~*=#])")
    if not title or len(title.split()) > _TITLE_WORDS or title.endswith((".", ",", ";", "?")):
        return None
    if not title[0].isupper() and not title[0].isdigit() and title[0] not in "\"'“‘":
        return None  # "1. the eggs": a list's item, not a heading
    num = m.group("num")
    sep = m.group("sep").strip()[:1]
    if num.isdigit():
        return int(num), "d" + sep
    value = _roman(num)
    return (value, "r" + sep) if value is not None else None


def _spelled(line: str) -> tuple[int, str] | None:
    """``(number, form)`` of "One", "~ Two ~" (form ``"w"``) or "Part the First"
    (``"p"``), else None.

    >>> _spelled("Two"), _spelled("Part the Third"), _spelled("two"), _spelled("Part the One")
    ((2, 'w'), (3, 'p'), None, None)
    """
    m = _SPELLED.fullmatch(line)
    if m is None or not m.group("word")[0].isupper():
        return None
    word = m.group("word").casefold()
    if m.group("part"):
        return (_ORDINALS.index(word) + 1, "p") if word in _ORDINALS else None
    return (_CARDINALS.index(word) + 1, "w") if word in _CARDINALS else None


def _words(blocks: Sequence[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def opens_numbered_run(blocks: Sequence[Block], i: int) -> bool:
    """Whether the heading block ``blocks[i]`` is numbered and a later heading block
    carries the next number in the same form: chapter one's heading, not a title."""
    first = numbered_title(blocks[i].text)
    if first is None:
        return False
    end = min(len(blocks), i + 1 + _MAX_GAP_BLOCKS)
    for j in range(i + 1, end):
        b = blocks[j]
        if b.kind == "heading" and numbered_title(b.text) == (first[0] + 1, first[1]):
            return _words(blocks[i + 1 : j]) >= _MIN_WORDS_BETWEEN
    return False


def promote_numbered(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with a run of numbered one-line paragraphs ("1. The Ford", then
    "2. The Bank" after some story) made heading blocks; unchanged without such a run.

    >>> from fandex.read.document import paragraphs
    >>> story = " ".join(["She rowed on."] * 12)
    >>> text = f"1. The Ford\\n\\n{story}\\n\\n2. The Bank\\n\\n{story}"
    >>> out = promote_numbered(paragraphs(text))
    >>> [b.kind for b in out]
    ['heading', 'paragraph', 'heading', 'paragraph']
    """
    found: list[tuple[int, int, str]] = []  # (block index, number, form)
    for idx, b in enumerate(blocks):
        if b.kind == "paragraph" and len(b.text) <= _SHORT + 8:
            n = numbered_title(b.text)
            if n is not None:
                found.append((idx, n[0], n[1]))
    if len(found) < 2:
        return list(blocks)
    run: list[int] = []
    best: list[int] = []
    for k, (idx, num, form) in enumerate(found):
        if run:
            p_idx, p_num, p_form = found[k - 1]
            follows = (
                num == p_num + 1
                and form == p_form
                and _words(blocks[p_idx + 1 : idx]) >= _MIN_WORDS_BETWEEN
            )
            if not follows:
                best = max(best, run, key=len)
                run = []
        if not run and num not in (0, 1):
            continue  # a run counts from the start
        run.append(idx)
    best = max(best, run, key=len)
    if len(best) < 2:
        return list(blocks)
    out = list(blocks)
    for idx in best:
        out[idx] = replace(blocks[idx], kind="heading", level=2, text=blocks[idx].text.strip())
    return out


__all__ = ["numbered_title", "opens_numbered_run", "promote_numbered"]
