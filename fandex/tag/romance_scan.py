"""Finding romance cues in a chapter: one scan of the text behind a space, lower-cased
when that keeps offsets, that yields the cues of ``fandex/vocab/romance_cues.toml`` and,
on the way, the kin words the kinship reading wants (one trie: about a fifth of a second
pass's time). The reading of what a cue says about whom is :mod:`fandex.tag.romance`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from fandex.tag.cue_terms import FIRST_LETTER_RANK
from fandex.tag.leadscan import LeadScan
from fandex.tag.lowered import lowered, padded_lower
from fandex.tag.romance_cues import PARTNER_NOT_AFTER, PARTNER_WORD, STRONG_CUES, WEAK_CUES
from fandex.tag.termscan import TermScan
from fandex.vocab.ao3 import load_toml

_STRONG = frozenset(STRONG_CUES)


def trie_pattern(phrases: Iterable[str]) -> str:
    """An alternation shaped as a trie, so the regex engine tries one branch per
    letter instead of every phrase at every position (about 1.5x faster here)."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any], top: bool = False) -> str:
        order = sorted(k for k in node if k)
        if top:
            # Common first letters first: only the speed changes (see FIRST_LETTER_RANK).
            order.sort(key=lambda ch: FIRST_LETTER_RANK.get(ch, len(FIRST_LETTER_RANK)))
        alts = [re.escape(ch) + build(node[ch]) for ch in order]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie, top=True)


# Kin words ("sister", "stepbrothers"; fandex/vocab/kin.toml) are found by the same scan
# (one trie: about a fifth of a second pass's time) for the kinship reading
# (fandex/tag/kinship.py); they are no cues.
KIN_FORMS = frozenset(
    p + k + s for k in load_toml("kin.toml")["relatives"] for p in ("", "step") for s in ("", "s")
)
_SCANNED = (*STRONG_CUES, *WEAK_CUES, *sorted(KIN_FORMS))
# What the scan runs, on the text behind one space (group 1 is the cue): the character
# before the cue is matched (and checked to be no word character) instead of asserting a
# word boundary. A pattern that opens with a plain character class lets the regex engine
# skip ahead in C between candidates (about 1.5x faster). It finds the same cues when
# every cue starts and ends with a word character; otherwise the boundary stays.
_BOUNDED = all(re.match(r"\w", c) and re.search(r"\w$", c) for c in _SCANNED)
_CUE_SCAN = re.compile(
    (r"[^a-z0-9_](?<=\W)(" if _BOUNDED else r"\b(") + trie_pattern(_SCANNED) + r")\b"
)
_CUE_SCAN_ANY_CASE = re.compile(_CUE_SCAN.pattern, re.I)
# The same scans without their look-behind at every candidate (fandex.tag.leadscan).
# The lower-cased scan of a long chapter is tried only where Vectorscan finds a cue's
# opening in the coarse copy of the text (fandex.tag.termscan): about half the time of the
# pre-scan of the loosened pattern (fandex.tag.vectorscan), which must report where each
# match starts. (The scan of a text not lower-cased keeps that one: the strings are.)
_CUE_LEAD = LeadScan(_CUE_SCAN, TermScan((cue, False) for cue in _SCANNED))
_CUE_LEAD_ANY_CASE = LeadScan(_CUE_SCAN_ANY_CASE)


def padded(text: str) -> tuple[str, bool]:
    """``text`` behind one space, lower-cased (``True``) unless that would move offsets (a
    few characters change length when lower-cased): what the scans run on."""
    # (Shared with the other scans of the chapter: fandex.tag.lowered.)
    return (padded_lower(text), True) if len(lowered(text)) == len(text) else (" " + text, False)


def normal_cue(cue: str) -> str:
    """A cue as its phrase is listed: lower case, one space between words."""
    cue = cue.lower()
    if " " in cue or "\n" in cue or "\t" in cue or "\xa0" in cue:
        return " ".join(cue.split())
    return cue


def cues(
    text: str,
    scan: tuple[str, bool] | None = None,
    kin: list[tuple[int, int, bool]] | None = None,
) -> Iterator[tuple[int, int, bool]]:
    """Romance cues in ``text`` as (start, end, strong), offsets into ``text``; ``scan``:
    its :func:`padded` form, when the caller has it; ``kin``: where to put the kin words
    the scan meets, as (start, end, plural)."""
    body, lowered = scan or padded(text)
    it = (_CUE_LEAD if lowered else _CUE_LEAD_ANY_CASE).finditer(body)
    # Offsets in the padded text are one more than in ``text``.
    for m in it:
        # (The scan's phrases hold single spaces: lower case is all a match may lack.)
        word = m.group(1) if lowered else m.group(1).lower()
        if word in KIN_FORMS:
            if kin is not None:
                kin.append((m.start(1) - 1, m.end() - 1, word[:-1] in KIN_FORMS))
            continue
        if word == PARTNER_WORD and not_a_partner(text, m.start(1) - 1, m.end() - 1):
            continue
        yield m.start(1) - 1, m.end() - 1, word in _STRONG


_WORD_BEFORE = re.compile(r"(\w+)[ \t-]+$")
_CALLED_BEFORE = re.compile(r"(?:,[ \t]*|^[ \t]*[\"“‘]?|[\"“‘][ \t]*)$", re.M)
_CALLED_AFTER = re.compile(r"[ \t]*(?:[,.!?…—–\"”’]|$)", re.M)


def not_a_partner(text: str, start: int, end: int) -> bool:
    """Whether "partner" at ``[start, end)`` of ``text`` is a colleague's or a game's: after
    a word of work or a game ("business partner", ``romance_cues.toml``), or said to
    someone ("Good work, partner.", "Partner, wait").

    >>> t = 'Her business partner left. "Good work, partner," he said. His partner, Sam, came.'
    >>> [not_a_partner(t, i, i + 7) for i in (13, 39, 63)]
    [True, True, False]
    """
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if before is not None and before.group(1).lower() in PARTNER_NOT_AFTER:
        return True
    return bool(
        _CALLED_BEFORE.search(text, max(0, start - 4), start) and _CALLED_AFTER.match(text, end)
    )
