"""How prominent a found character is in its work, and the one place its confidence is
calibrated.

The character tagger's confidence goes through a calibration map
(:mod:`fandex.tag.calibration`) that reads how much of the text is about a character.
An author tags the people the story is about, and says who they are in the summary:
in long works, where many people are on stage, being named there tells a lead from a
side character that a count does not. These are attributes the tagger records on its
tags (``rank``, ``summary``); which ones the map reads is the map's business.

:func:`calibrate` is the stage that does it, for a pack's characters and for names
found by proper-name extraction alike: the finders record a raw confidence and the
prominence attributes, and the map is applied here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fandex.model import Tag, Work
from fandex.tag.calibration import calibrated
from fandex.tag.propernames import STOP

_PAREN = re.compile(r"\([^)]*\)")
# A summary is a sentence or more: a bare "WIP" or "one-shot" says nothing of the cast.
_MIN_SUMMARY_WORDS = 4


def name_forms(name: str, aliases: Iterable[str] = ()) -> set[str]:
    """The words and aliases a character may be named by in a summary: the words of its
    canonical name (its disambiguation in brackets left out) that look like names, and
    the aliases it was found by in the text.

    >>> sorted(name_forms("Jiraiya (Naruto)", ["Ero-sennin"]))
    ['Ero-sennin', 'Jiraiya']
    """
    words = {w.strip(".,") for w in _PAREN.sub(" ", name).split()}
    forms = {w for w in words if len(w) > 2 and w[0].isupper() and w not in STOP}
    forms |= {a for a in aliases if len(a) > 2 and a[0].isupper() and a not in STOP}
    return forms


def summary_mark(work: Work, forms: Iterable[str]) -> float:
    """1 when the work's summary names the character (by one of ``forms``, a whole
    word, as written), -1 when the work has a summary that does not, 0 without one.

    >>> summary_mark(Work(summary="Kakashi trains his team."), {"Kakashi"})
    1.0
    >>> summary_mark(Work(summary="Kakashi trains his team."), {"Iruka"})
    -1.0
    >>> summary_mark(Work(), {"Iruka"})
    0.0
    """
    text = work.summary or ""
    if len(text.split()) < _MIN_SUMMARY_WORDS:
        return 0.0
    return 1.0 if any(_whole_word_in(form, text) for form in forms) else -1.0


def _is_word_char(c: str) -> bool:
    """Whether ``c`` is a character re's ``\\w`` matches (a letter, digit or "_")."""
    return c.isalnum() or c == "_"


def _whole_word_in(form: str, text: str) -> bool:
    """Whether ``text`` holds ``form`` as written, no word character either side: what
    re.search(r"(?<!\\w)" + re.escape(form) + r"(?!\\w)", text) tells, without compiling
    a pattern per name (a work's names overflow re's cache of patterns).

    >>> _whole_word_in("Ann", "Anne met Ann."), _whole_word_in("Ann", "Anne and Joann")
    (True, False)
    """
    i = text.find(form)
    while i >= 0:
        j = i + len(form)
        if (i == 0 or not _is_word_char(text[i - 1])) and (
            j >= len(text) or not _is_word_char(text[j])
        ):
            return True
        i = text.find(form, i + 1)
    return False


def ranks(counts: dict[str, int]) -> dict[str, int]:
    """Each character's rank by mentions among the work's found characters (1: the most
    mentioned; characters mentioned as often share the better rank).

    >>> ranks({"a": 9, "b": 4, "c": 4, "d": 1})
    {'a': 1, 'b': 2, 'c': 2, 'd': 4}
    """
    return {k: 1 + sum(1 for n in counts.values() if n > m) for k, m in counts.items()}


def calibrate(work: Work, tags: list[Tag], aliases: dict[str, Iterable[str]]) -> None:
    """Record each character guess's ``rank`` among ``tags`` and its ``summary`` mark,
    and set its confidence: its ``raw_confidence`` through the character map, which
    reads the attributes the finder recorded (``share``, ``density``, whether it is a
    name no pack knows: ``unknown_fandom``) and these two. ``aliases``: per tag name,
    the forms it was found by in the text (for the summary). The map reads ``share`` and
    ``density`` as the finder measured them; they are rounded for the record after."""
    rank = ranks({t.name: int(t.attrs["mentions"]) for t in tags})
    for t in tags:
        a = t.attrs
        a["rank"] = rank[t.name]
        a["summary"] = summary_mark(work, name_forms(t.name, aliases.get(t.name, ())))
        p = calibrated(
            "character",
            float(a["raw_confidence"]),
            share=float(a["share"]),
            density=float(a["density"]),
            unknown=1.0 if a.get("unknown_fandom") else 0.0,
            rank=float(a["rank"]),
            summary=float(a["summary"]),
        )
        t.confidence = round(p, 4)
        a["share"], a["density"] = round(float(a["share"]), 4), round(float(a["density"]), 4)
