"""An unlabelled line of a story's facts parted by bars (or commas), as journal and blog
posts set them under the title: ``Harbour Tales | PG | Ila/Corran | 1,200 words``.

Each part is named by what it is: a rating code, a pairing, a word count, a status, a
fandom a pack knows. The line counts only when two parts or more are so named; a part
left over is the fandom when it comes first and no other part is unnamed.
"""

from __future__ import annotations

import re

from fandex.parse import values
from fandex.parse.ffnline import split_genres

__all__ = ["bar_facts"]

_BARS = re.compile(r"\s+[|•·]\s+|\s+::\s+")
_PAIRING = re.compile(
    r"[A-Z][\w.'’ -]{0,30}?\s*[/&]\s*[A-Z][\w.'’ -]{0,30}?(?:\s*[/&]\s*[A-Z][\w.'’ -]{0,30}?)*"
    r"(?:,\s*[A-Z][\w.'’ -]{0,30}?\s*[/&]\s*[A-Z][\w.'’ -]{0,30}?)*"
)
_WORDS = re.compile(r"~?\s*[\d,.]+\s*k?\s*words?", re.IGNORECASE)
_STATUS = re.compile(r"complete|completed|wip|in progress|one-?shot|ongoing", re.IGNORECASE)
# A rating code ("PG-13", "R") or a rating's words ("Teen And Up Audiences").
_RATING = re.compile(r"(?:rated\s+)?(?:[A-Za-z][\w+-]{0,5}|[a-z]+(?:\s+[a-z]+){0,3})", re.I)
_MAX_PARTS = 6
_COMMA_PART_WORDS = 5


def _named(part: str) -> tuple[str, str] | None:
    """``(field, value)`` of one part of the line, or None when it is not recognised."""
    if _WORDS.fullmatch(part):
        return "words", re.sub(r"\s*words?$", "", part, flags=re.IGNORECASE).strip(" ~")
    if _STATUS.fullmatch(part):
        return "status", part
    if split_genres(part):
        return "genre", part  # "Hurt/Comfort", "Romance/Drama": genres, not a pairing
    if _PAIRING.fullmatch(part):
        return "relationship", part
    if _RATING.fullmatch(part) and (rated := values.map_rating(part)) and rated.announced is None:
        return "rating", part
    if values.is_known_fandom(part):
        return "fandom", part
    return None


def bar_facts(line: str) -> list[tuple[str, str]] | None:
    """``[(field, value)]`` of a bar-parted facts line, else None.

    >>> bar_facts("Harbour Tales | PG | Ila/Corran | 1,200 words")[1:]
    [('rating', 'PG'), ('relationship', 'Ila/Corran'), ('words', '1,200')]
    >>> bar_facts("Home | Archive | Contact") is None, bar_facts("Rain | Sun") is None
    (True, True)
    >>> bar_facts("Harbour Tales, Ila/Corran, PG")[0], bar_facts("Yes, no, maybe") is None
    (('fandom', 'Harbour Tales'), True)
    """
    s = line.strip()
    if "\n" in s or ":" in s or len(s) > 200:
        return None  # "Category: Multi, F/M": a labelled line is read by its label
    parts = [p.strip() for p in _BARS.split(s) if p.strip()]
    if len(parts) == 1:
        # "Harbour Tales, Ila/Corran, PG": commas part the facts when no bar does.
        parts = [p.strip() for p in s.rstrip(".").split(",") if p.strip()]
        if any(len(p.split()) > _COMMA_PART_WORDS for p in parts):
            return None
    if not 2 <= len(parts) <= _MAX_PARTS:
        return None
    named = [_named(p) for p in parts]
    known = sum(1 for n in named if n is not None)
    unknown = [k for k, n in enumerate(named) if n is None]
    if known < 2 or len(unknown) > 1 or (unknown and unknown[0] != 0):
        return None
    if unknown and any(n is not None and n[0] == "fandom" for n in named):
        return None  # the fandom is named: the first part is something else
    out = [n if n is not None else ("fandom", parts[k]) for k, n in enumerate(named)]
    return [pair for pair in out if pair is not None]
