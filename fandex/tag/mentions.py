"""Pack names in a work: the scan of every chapter, and the context around a mention.

Each chapter is scanned once with the alias index of the packs in use
(:mod:`fandex.tag.aliases`). The scan of a work is cached too, so the fandom, character
and relationship taggers share it. A chapter written all in lower case is scanned
case-insensitively instead (:mod:`fandex.tag.lowercase`), with a guard against names
that are common words.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fandex.model import Evidence, Work
from fandex.tag.aliases import AliasIndex, Hit, alias_index, scan_text
from fandex.tag.lowercase import is_lowercased, scan_lower
from fandex.tag.textmemo import forget_with

_SENTENCE_END = ".!?:…"
_SKIP_BACK = " \t\r\"“”‘'(*_—–-"
WORDS: dict[str, list[str]] = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "vocab" / "mention_words.toml").read_text("utf-8")
)
DETERMINERS = frozenset(WORDS["determiners"])
SUBJECT_PRONOUNS = frozenset(WORDS["subject_pronouns"])
SPEECH_VERBS = frozenset(WORDS["speech_verbs"])
ACTION_VERBS = (
    frozenset(WORDS["action_verbs"]) | frozenset(WORDS["action_verbs_present"]) | SPEECH_VERBS
)


@dataclass
class Scan:
    """Every alias hit of a work, per chapter, plus how many capitalised words it has."""

    hits: list[Hit]
    cap_words: int
    texts: dict[int, str]
    # Results the taggers derive from the scan, shared between them (see characters).
    derived: dict[object, object] = field(default_factory=dict)
    # Chapters written all in lower case, scanned case-insensitively (see lowercase).
    lowercased: frozenset[int] = frozenset()


def hits_by_alias(scan: Scan) -> dict[int, list[Hit]]:
    """The scan's hits grouped by alias (``id`` of the alias), each group in scan order.

    Computed once per scan: the fandom and character taggers both work per alias.
    """
    got = scan.derived.get("by-alias")
    if isinstance(got, dict):
        return got
    by_alias: dict[int, list[Hit]] = {}
    for hit in scan.hits:
        group = by_alias.get(id(hit.alias))
        if group is None:
            by_alias[id(hit.alias)] = [hit]
        else:
            group.append(hit)
    scan.derived["by-alias"] = by_alias
    return by_alias


# Holding the work and its texts keeps their ids from being reused while cached.
_scan_cache: dict[int, tuple[Work, tuple[str, ...], AliasIndex, Scan]] = {}
_SCAN_CACHE_SIZE = 8
forget_with(_scan_cache.clear)  # emptied once no work is being tagged


def scan_work(work: Work, index: AliasIndex | None = None) -> Scan:
    """Scan every chapter of ``work`` (cached while its chapter texts stay the same)."""
    index = index or alias_index()
    texts = tuple(c.text for c in work.chapters)
    got = _scan_cache.get(id(work))
    if (
        got is not None
        and got[0] is work
        and got[2] is index
        and len(got[1]) == len(texts)
        and all(a is b for a, b in zip(got[1], texts, strict=True))
    ):
        return got[3]
    hits: list[Hit] = []
    cap_words = 0
    lowercased: set[int] = set()
    for c in work.chapters:
        h, n = scan_text(c.text, c.index, index)
        # A chapter with (almost) no capitals names nobody for the scan above.
        if is_lowercased(c.text, n):
            h, n = scan_lower(c.text, c.index, index)
            lowercased.add(c.index)
        hits += h
        cap_words += n
    scan = Scan(
        hits, cap_words, {c.index: c.text for c in work.chapters}, lowercased=frozenset(lowercased)
    )
    if len(_scan_cache) >= _SCAN_CACHE_SIZE:
        _scan_cache.pop(next(iter(_scan_cache)))
    _scan_cache[id(work)] = (work, texts, index, scan)
    return scan


# --- context around a mention -------------------------------------------------------


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph or a quotation."""
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        if text[i] == "\n":
            return True
        if text[i] in '"“' and i > 0 and text[i - 1] in " \n\t(":
            return True  # an opening quote: the first word of speech
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def previous_word(text: str, start: int) -> str:
    """The word just before ``start`` (lowercased), or "" at a sentence edge."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] in "'’"):
        j -= 1
    return text[j + 1 : i + 1].lower()


_NEXT_WORD = re.compile(r"(?:['’]s)?[\s,]*([\w'’]+)")


def next_word(text: str, end: int) -> str:
    """The word just after ``end`` (skipping a possessive and a comma)."""
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else ""


def in_dialogue(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside quoted speech within its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    # Counted in place: a paragraph can be long, and copying it for every mention is not.
    opened = text.count("“", para, pos)
    if opened and opened > text.count("”", para, pos):  # (no “: no need to count ”)
        return True
    return text.count('"', para, pos) % 2 == 1


def quote(text: str, start: int, end: int, width: int = 50) -> str:
    """A short quote around ``[start, end)`` for evidence (one line, at most ~150 chars)."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    q = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + q + ("…" if b < len(text) else "")


def evidence_for(scan: Scan, chapter: int, start: int, end: int) -> Evidence:
    """Evidence pointing at ``[start, end)`` of ``chapter``."""
    text = scan.texts.get(chapter, "")
    return Evidence(chapter=chapter, start=start, end=end, quote=quote(text, start, end))


def mentions_per_thousand(mentions: int, words: int) -> float:
    """A character's mentions per thousand words of the text (the calibration map's
    ``density``): comparable between an excerpt and a novel, where the share of the
    most-mentioned character is not.

    >>> mentions_per_thousand(3, 1500)
    2.0
    """
    return 1000.0 * mentions / max(words, 1)


def hits_between(hits: Sequence[Hit], starts: Sequence[int], lo: int, hi: int) -> Sequence[Hit]:
    """The hits (sorted by start, ``starts`` their starts) that begin within ``[lo, hi)``."""
    return hits[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
