"""Friendship on the page: the evidence for a platonic relationship, AO3's "A & B".

AO3 tags a notable non-romantic relationship with "&": close friends, siblings in arms,
a found family. fandex infers one only where the text says so in words: a sentence with
a friendship cue ("best friends", "like a brother to me", "brothers in arms", "found
family", "not by blood") that names the two of them, or names one and speaks of the
other just named ("Pim leaned on the door. 'You're like a brother to me,' said Dana").
A sentence naming one counts half, as in :mod:`fandex.tag.romance`; one that speaks of
the past ("used to be best friends") does not count. In a story of two, a friend a
pronoun owns ("his old friend", :func:`owned_friends`) is the other lead. The relationship
tagger decides what is tagged (never a pair with romance between them, never a pair the
author joined).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from fandex.model import Evidence, Work
from fandex.tag.mentions import in_dialogue, quote
from fandex.tag.propernames import merge_spans
from fandex.tag.romance import ANTECEDENT_REACH, PairScore
from fandex.tag.romance_clauses import PAST
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_scan import padded, trie_pattern
from fandex.tag.romance_sentence import window

FRIEND_CUES: tuple[str, ...] = (
    *("best friend", "best friends", "best mate", "best mates", "closest friend"),
    *("closest friends", "oldest friend", "oldest friends", "lifelong friend"),
    *("lifelong friends", "friends since", "been friends", "friends for years"),
    *("like a brother", "like a sister", "like brothers", "like sisters"),
    *("brothers in arms", "sisters in arms", "brother in arms", "sister in arms"),
    *("found family", "chosen family", "not by blood", "became family", "become family"),
    *("partners in crime",),
)
_SCAN = re.compile(r"[^a-z0-9_](?<=\W)(" + trie_pattern(FRIEND_CUES) + r")(?![a-z0-9_])")
_SCAN_ANY_CASE = re.compile(_SCAN.pattern, re.I)
# Someone the sentence speaks of without naming them (the partner is then the one named
# just before).
# (First letters in every case as re.I reads them, then each word under re.I with its
# first letter checked behind: r"\b(?:he|him|...|us)\b", re.I without a try at every
# position of the sentence.)
_PERSON_WORD = re.compile(
    r"[hHsSſtTyYwWuU](?<!\w.)(?i:(?<=h)e|(?<=h)im|(?<=h)is|(?<=s)he|(?<=h)er|(?<=t)hey|"
    r"(?<=t)hem|(?<=t)heir|(?<=y)ou|(?<=y)our|(?<=w)e|(?<=u)s)\b"
)


# Every cue holds one of these words: the text is searched for them (str.find, fast) and
# the cues are matched only around them.
_KEYS = ("friend", "brother", "sister", "family", "blood", "crime")
_AROUND = 24  # characters either side of a key word a cue may take


def cue_spans(text: str, scan: tuple[str, bool] | None = None) -> list[tuple[int, int]]:
    """The friendship cues of ``text``, as sorted (start, end) offsets.

    >>> t = "Ada and Ben had been best friends for years; Ada's friendship mattered."
    >>> [t[a:b] for a, b in cue_spans(t)]
    ['best friends']
    """
    body, lowered = scan or padded(text)
    # Offsets in the padded text are one more than in ``text``.
    if not lowered:
        return [(m.start(1) - 1, m.end(1) - 1) for m in _SCAN_ANY_CASE.finditer(body)]
    out: set[tuple[int, int]] = set()
    for key in _KEYS:
        i = body.find(key)
        while i >= 0:
            hi = min(len(body), i + len(key) + _AROUND)
            for m in _SCAN.finditer(body, max(0, i - _AROUND), hi):
                if m.start(1) <= i < m.end(1) and (m.end(1) < hi or hi == len(body)):
                    out.add((m.start(1) - 1, m.end(1) - 1))
            i = body.find(key, i + len(key))
    return sorted(out)


def _evidence(chapter: int, text: str, a: int, b: int) -> Callable[[], Evidence]:
    """What makes the evidence of ``text[a:b]`` (its quote, at most 300 characters),
    when a pair keeps one more."""

    def make() -> Evidence:
        return Evidence(chapter=chapter, start=a, end=b, quote=quote(text, a, b, 0)[:300])

    return make


def friendship_pairs(
    work: Work, scans: dict[int, tuple[str, bool]] | None = None
) -> dict[tuple[str, str], PairScore]:
    """Friendship evidence for each pair of the work's tagged characters; ``scans``:
    each chapter's :func:`padded` text, when the caller has it."""
    found: dict[int, list[tuple[int, int]]] = {}
    for ch in work.chapters:
        hits = cue_spans(ch.text, (scans or {}).get(ch.index))
        if hits:
            found[ch.index] = hits
    if not found:
        return {}
    regions = {
        i: merge_spans([(max(0, s - 600), e + 300) for s, e in hits]) for i, hits in found.items()
    }
    positions = character_positions(work, regions)
    size = max(1, sum(len(ch.text) for ch in work.chapters))
    out: dict[tuple[str, str], PairScore] = {}
    offset = 0
    for ch in work.chapters:
        base, offset = offset, offset + len(ch.text)
        pos = positions.get(ch.index, [])
        starts = [p[0] for p in pos]
        seen: set[tuple[int, int]] = set()
        for c_start, c_end in found.get(ch.index, []):
            lo, hi = window(ch.text, c_start, c_end)
            if (lo, hi) in seen or PAST.search(ch.text, lo, hi):
                continue
            seen.add((lo, hi))
            inside: dict[str, int] = {}
            for s, _e, n in pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]:
                inside.setdefault(n, s)
            names = sorted(inside, key=lambda n: abs(inside[n] - c_start))
            start, w = lo, 1.0
            if len(names) < 2 and _PERSON_WORD.search(ch.text, lo, hi):
                # The other of them named just before the sentence.
                before = pos[bisect_left(starts, lo - ANTECEDENT_REACH) : bisect_left(starts, lo)]
                for s, _e, n in reversed(before):
                    if n not in names:
                        names.append(n)
                        start = s
                        break
                w = 0.5
            if len(names) < 2:
                continue
            a, b = sorted(names[:2])
            part = min(9, 10 * (base + c_start) // size)
            ev = _evidence(ch.index, ch.text, start, hi)
            out.setdefault((a, b), PairScore()).add(w, [a, b], w == 1.0, False, part, ev)
    return out


# A friend a pronoun owns: "his old friend", "my friend", "her best mate" (a bare "his
# mate" is a werewolf's partner as often, so a mate needs a word before it). Not one a
# name follows: "his friend Tom" is Tom. Not "your friend" (whoever is spoken to may be
# a third person's friend: "asked after your friend in France"), and "my" or "our" only
# in a line of dialogue (a narrator's "my friend's cases" is the friend of a narrator the
# story may not name).
_OWNED_FRIEND = re.compile(
    r"[hHmMoO](?<!\w.)(?i:(?<=h)is|(?<=h)er|(?<=m)y|(?<=o)ur)\s+"
    r"(?i:(?:(?:old|oldest|best|dear|dearest|closest|good|only|true)\s+)?(?:friend|pal|buddy)"
    r"|(?:old|oldest|best|dear|dearest|closest|good|only|true)\s+mate)"
    r"(?![\w-])(?!\s+[A-Z])"
)


# A letter's salutation or a line that opens on a name set off by a comma ("My dear
# Margaret,", "Margaret, I believe him."): the one a letter is written to.
_ADDRESS_BEFORE = re.compile(r"[ \t*_]*(?i:(?:my[ \t]+)?(?:dear|dearest)[ \t]+)?")
_ADDRESS_AFTER = re.compile(r"[ \t]*,")
_CLOSE_AFTER = re.compile(r"[ \t]*[,.!?]")


def addressed_only(work: Work, name: str) -> bool:
    """Whether every mention of the character ``name`` opens a line of the narration,
    set off by a comma ("My dear Margaret,", "Margaret, I believe him."), or closes a
    sentence after one ("I will not send these, Margaret."): the one the story's letters
    are written to, never on its page.

    >>> from fandex.model import Chapter, Tag
    >>> t = "My dear Margaret,\\nMargaret, I believe him. Victor sleeps, Margaret."
    >>> w = Work(chapters=[Chapter(1, text=t)])
    >>> w.tags += [Tag("character", "Margaret"), Tag("character", "Victor")]
    >>> addressed_only(w, "Margaret"), addressed_only(w, "Victor")
    (True, False)
    """
    seen = False
    positions = character_positions(work)
    for ch in work.chapters:
        for s, e, n in positions.get(ch.index, []):
            if n != name:
                continue
            line = ch.text.rfind("\n", 0, s) + 1
            opens = _ADDRESS_BEFORE.fullmatch(ch.text, line, s) and _ADDRESS_AFTER.match(ch.text, e)
            # ... or set off by commas late in a sentence ("I will not send these, Margaret.")
            late = ch.text[max(line, s - 2) : s].rstrip(" \t").endswith(",") and (
                _CLOSE_AFTER.match(ch.text, e) is not None
            )
            if not (opens or late) or in_dialogue(ch.text, s):
                return False  # (one spoken to in a line of dialogue is on the page)
            seen = True
    return seen


def owned_friends(work: Work, pair: tuple[str, str]) -> PairScore:
    """Friendship evidence between a story's two leads ``pair`` (a story of two: no one
    else is named half as often as the lesser of them): sentences where a pronoun owns a
    friend ("Bashir sat with his friend's hand in his", "Baraka held the hand of his old
    friend", "my friend is sad") that name no one but the two and do not speak of the
    past. In a story of two the friend is the other lead; each such sentence counts one.

    >>> from fandex.model import Chapter, Tag
    >>> t = "Ada sat down. Ben took his old friend's arm. Ada said nothing."
    >>> w = Work(chapters=[Chapter(1, text=t)])
    >>> w.tags += [Tag("character", "Ada"), Tag("character", "Ben")]
    >>> owned_friends(w, ("Ada", "Ben")).sentences
    1
    """
    out = PairScore()
    positions: dict[int, list[tuple[int, int, str]]] | None = None
    size = max(1, sum(len(ch.text) for ch in work.chapters))
    offset = 0
    for ch in work.chapters:
        base, offset = offset, offset + len(ch.text)
        seen: set[tuple[int, int]] = set()
        for m in _OWNED_FRIEND.finditer(ch.text):
            lo, hi = window(ch.text, m.start(), m.end())
            if (lo, hi) in seen or PAST.search(ch.text, lo, hi):
                continue
            if m.group(0)[0] in "mMoO" and not in_dialogue(ch.text, m.start()):
                continue  # a narrator's friend
            seen.add((lo, hi))
            if positions is None:
                positions = character_positions(work)
            pos = positions.get(ch.index, [])
            starts = [p[0] for p in pos]
            here = {n for _s, _e, n in pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]}
            if not here <= set(pair):
                continue  # someone else is named: the friend may be theirs
            part = min(9, 10 * (base + m.start()) // size)
            ev = _evidence(ch.index, ch.text, lo, hi)
            out.add(1.0, sorted(here), len(here) == 2, False, part, ev, romantic=False)
    return out


def platonic(
    work: Work,
    skip: set[frozenset[str]],
    shares: dict[str, float],
    config: dict[str, Any],
    told: dict[tuple[str, str], PairScore] | None = None,
) -> list[tuple[tuple[str, ...], PairScore, str]]:
    """Friendships the text states (:mod:`fandex.tag.friendship`; ``told``: its
    evidence, when the caller has read it) between two of the story's leads (each at
    least ``min_friend_share`` of the lead's mentions), with at least
    ``min_friend_score`` of evidence; never a pair in ``skip`` (joined by the author, or
    with romance between them), never more than ``max_friendships``."""
    if told is None:
        told = friendship_pairs(work)
    found = [
        (pair, ps)
        for pair, ps in told.items()
        if ps.score >= float(config["min_friend_score"])
        and frozenset(pair) not in skip
        and all(shares.get(p, 0.0) >= float(config["min_friend_share"]) for p in pair)
    ]
    found.sort(key=lambda kv: -kv[1].score)
    return [(pair, ps, " & ") for pair, ps in found[: int(config["max_friendships"])]]
