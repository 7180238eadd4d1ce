"""A bond declared to someone's face: "You're my best mate", "You're my brother", "you
are my family", "Love you, man", said in a line of dialogue.

Said to someone, these words name what the two are to each other: friends, or family
(by blood or chosen). Either way a platonic bond, AO3's "A & B" (the relationship tagger
decides whether it is tagged: never for two with a couple's cue between them). The pair
is the line's speaker, the character the narration names nearest it in its paragraph,
and the one spoken to: the nearest other character named in its paragraph outside the
quotation, else in the scene before it (``SCENE`` characters). A name inside what is
said ("You and Armin") is someone spoken of, not the listener. A line whose paragraph
names no one is read only in a story of two, as said between its two leads.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from fandex.model import Evidence, Work
from fandex.tag.mentions import in_dialogue, quote
from fandex.tag.romance import PairScore
from fandex.tag.romance_dialogue import narrated_near, paragraph_of
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_scan import padded
from fandex.vocab.ao3 import load_toml

_WORDS = load_toml("kin.toml")["declared"]
# "you're my best mate", "You are my brother", "you'll always be my sister", "you're
# still my best friend"; "Love you, man", "love you too, mate": what a friend is called,
# to a friend. Each opens with its literal word, the boundary checked behind it, so the
# engine finds candidates by a fast literal search (on the lower-cased text the romance
# scan made; in any case otherwise).
_BONDS = (
    r"you(?<!\wyou)(?:['’]re|\s+are|['’]ll\s+(?:always\s+)?be"
    r"|\s+will\s+(?:always\s+|still\s+)?be)"
    r"\s+(?:still\s+|always\s+)?my\s+(?:(?:" + "|".join(_WORDS["modifiers"]) + r")\s+)?"
    r"(?:" + "|".join(_WORDS["bonds"]) + r")\b",
    r"love(?<!\wlove)\s+you,?\s+(?:too,?\s+)?(?:" + "|".join(_WORDS["address"]) + r")"
    r"(?=[ \t]*[,.!?\"”…—])",
)
_LOWER = tuple(re.compile(p) for p in _BONDS)
_ANY_CASE = tuple(re.compile(p, re.I) for p in _BONDS)
# How far before a line the one spoken to may be named (the scene it is said in).
SCENE = 600


def declared_bonds(
    work: Work,
    leads: tuple[str, str] | None = None,
    scans: dict[int, tuple[str, bool]] | None = None,
) -> dict[tuple[str, str], PairScore]:
    """The pairs a line of dialogue declares friends or family ("You're my best mate"),
    each line one sentence naming both; ``leads``: the story's two leads, when it is a
    story of two (a line whose paragraph names no one is theirs); ``scans``: each
    chapter's :func:`fandex.tag.romance.padded` text, when the caller has it.

    >>> from fandex.model import Chapter, Tag
    >>> t = 'Ada Roe mended the net. Ben Hale watched.\\n"You\\'re my best mate," Ben said.'
    >>> w = Work(chapters=[Chapter(1, text=t)])
    >>> w.tags += [Tag("character", "Ada Roe"), Tag("character", "Ben Hale")]
    >>> list(declared_bonds(w))
    [('Ada Roe', 'Ben Hale')]
    """
    out: dict[tuple[str, str], PairScore] = {}
    positions: dict[int, list[tuple[int, int, str]]] | None = None
    size = max(1, sum(len(ch.text) for ch in work.chapters))
    offset = 0
    for ch in work.chapters:
        base, offset = offset, offset + len(ch.text)
        text = ch.text
        body, lowered = (scans or {}).get(ch.index) or padded(text)
        # (Offsets in the padded text are one more than in ``text``.)
        hits = sorted(
            (m.start() - 1, m.end() - 1)
            for p in (_LOWER if lowered else _ANY_CASE)
            for m in p.finditer(body)
        )
        for at, end in hits:
            if not in_dialogue(text, at):
                continue
            if positions is None:
                positions = character_positions(work)  # read once a line declares one
            pos = positions.get(ch.index, [])
            starts = [p[0] for p in pos]
            lo, hi = paragraph_of(text, at, end)
            told = narrated_near(text, at, pos, starts, lo, hi)
            pair = _pair(
                sorted(told), pos[bisect_left(starts, lo - SCENE) : bisect_left(starts, lo)]
            )
            if pair is None and not told and leads is not None:
                pair = leads
            if pair is None:
                continue
            a, b = sorted(pair)
            ev = Evidence(chapter=ch.index, start=lo, end=hi, quote=quote(text, lo, hi, 0)[:300])
            part = min(9, 10 * (base + at) // size)
            out.setdefault((a, b), PairScore()).add(1.0, [a, b], True, False, part, _made(ev))
    return out


def _made(ev: Evidence) -> Callable[[], Evidence]:
    """What :meth:`PairScore.add` calls for the evidence: ``ev``, made already."""
    return lambda: ev


def _pair(
    told: list[tuple[int, str]], before: list[tuple[int, int, str]]
) -> tuple[str, str] | None:
    """The speaker (the nearest name the narration gives in the paragraph) and the one
    spoken to (the nearest other name of the paragraph, else the last one named before)."""
    if not told:
        return None
    speaker = told[0][1]
    for _d, n in told[1:]:
        if n != speaker:
            return speaker, n
    for _s, _e, n in reversed(before):
        if n != speaker:
            return speaker, n
    return None
