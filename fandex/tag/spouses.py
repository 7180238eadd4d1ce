"""Spouses who share a family name: a married couple, not two relatives.

Two people no pack knows who share a family name ("Ada Hart", "Ben Hart") are taken for
relatives (:func:`fandex.tag.relationships.relatives`), but a husband and a wife share
one as often. The text says which: a spouse word that ties the two ("Ravi Jayasuriya
had never once let his wife take the wheel" where Nimali Jayasuriya is the story's other
Jayasuriya; "Nimali's husband"; "she had been married to him for twenty-two years").
Each such sentence is a sentence of the couple's romance (a strong cue: marriage).

A spouse word ties them when its sentence, or the one before it, names one of the two
and the word's owner or partner fits the other: "his wife" is the wife of the man named
(the other must be a woman), "her husband" of the woman named (the other a man);
"married" and "wedding" need both of them there, by name or by a pronoun of their gender.
A spouse word with a kin word beside it ("his wife's sister", "his brother's wife") ties
no one. Relatives the text states ("her brother Ben", :mod:`fandex.tag.kinship`) stay
relatives whatever else it says.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from fandex.model import Evidence, Work
from fandex.tag.mentions import quote
from fandex.tag.romance import PairScore
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_sentence import part_of, window

_SPOUSE = re.compile(
    r"\b(?:(?P<role>husband|wife)(?![\w'’-])|married|marriage|wedding|wed|spouse)\b", re.I
)
_OWNER = re.compile(r"(?:\b(?P<pron>his|her)|(?P<name>['’]s))\s+(?:[a-z-]+\s+)?$", re.I)
# A kin word right beside the spouse word: "his brother's wife", "her husband's sister".
_KIN_NEAR = re.compile(
    r"(?:brother|sister|son|daughter|mother|father|cousin|uncle|aunt|nephew|niece)"
    r"(?:-in-law)?['’]s\s+$",
    re.I,
)
_POSSESSED = re.compile(r"['’]s\b")
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
# How far before a spouse word's sentence its people may be named (the sentence before).
REACH = 300


def spouse_evidence(work: Work, pair: tuple[str, str], gender: dict[str, str]) -> PairScore | None:
    """The sentences that say ``pair`` (two people sharing a family name) are married,
    as romance evidence (each a strong cue sentence), or None when none does."""
    out = PairScore()
    positions = character_positions(work)
    size = max(1, sum(len(ch.text) for ch in work.chapters))
    offset = 0
    for ch in work.chapters:
        base, offset = offset, offset + len(ch.text)
        text = ch.text
        pos = positions.get(ch.index, [])
        starts = [p[0] for p in pos]
        last = (-1, -1)
        for m in _SPOUSE.finditer(text):
            lo, hi = window(text, m.start(), m.end())
            if (lo, hi) == last or _POSSESSED.match(text, m.end()):
                continue  # one count a sentence; "his wife's sister" is the sister
            if _KIN_NEAR.search(text, max(lo, m.start() - 30), m.start()):
                continue
            near = pos[bisect_left(starts, max(0, lo - REACH)) : bisect_right(starts, hi - 1)]
            named = {n for _s, _e, n in near if n in pair}
            if not named:
                continue
            if not _ties(text, (lo, hi), m, pair, named, gender):
                continue
            last = (lo, hi)
            start = min([s for s, _e, n in near if n in pair] + [lo])

            def ev(i: int = ch.index, t: str = text, a: int = start, b: int = hi) -> Evidence:
                return Evidence(chapter=i, start=a, end=b, quote=quote(t, a, b, 0)[:300])

            # (A husband or a wife word owned by the one named is the other: both are its
            # people, as "Uhura kissed him" beside "Spock kissed her back" makes both a
            # cue's. "Married" or "wedding" with one named may be anyone's: "It ate my
            # wedding dress," said Gran.)
            people = sorted(pair) if m.group("role") else sorted(named)
            out.add(1.0, people, len(named) == 2, False, part_of(base + lo, size), ev, True)
    return out if out.sentences else None


def _ties(
    text: str,
    window_: tuple[int, int],
    m: re.Match[str],
    pair: tuple[str, str],
    named: set[str],
    gender: dict[str, str],
) -> bool:
    """Whether the spouse word ``m`` in its sentence ``window_`` ties the two of ``pair``
    (``named``: which of them are named in or just before the sentence)."""
    lo, hi = window_
    role = m.group("role")
    if role is not None:
        owner = _OWNER.search(text, max(lo, m.start() - 30), m.start())
        if owner is None:
            return False
        want = "F" if role.lower() == "wife" else "M"
        mine = None
        if owner.group("pron"):
            mine = "M" if owner.group("pron").lower() == "his" else "F"
        # The owner is one of the two, named; the spouse is the other, of the word's gender.
        for a in named:
            b = pair[1] if a == pair[0] else pair[0]
            if mine is not None and gender.get(a, "U") not in (mine, "U"):
                continue
            if gender.get(b, "U") in (want, "U") and gender.get(a, "U") != "U":
                return True
        return False
    # "married", "wedding": both of them, by name or by a pronoun of their gender.
    if len(named) == 2:
        return True
    (a,) = named
    b = pair[1] if a == pair[0] else pair[0]
    g = gender.get(b, "U")
    if g == "U" or g == gender.get(a, "U"):
        return False  # a pronoun of the other's gender may be the named one's
    return (_HE if g == "M" else _SHE).search(text, lo, hi) is not None
