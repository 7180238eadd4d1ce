"""Deciding which copies are one work: candidates, verification, groups.

The order of evidence (stated wins, here too):

1. a person's decision (``apart`` after a split, ``together`` after a merge);
2. stated source ids: the same AO3 work id, FanFiction.net story id or eFiction
   archive + story id is one story; two *different* ids of one kind are two stories,
   however alike their text (a repost is not a copy);
3. the text, verified on the chapters' shingles (:func:`fandex.library.signature.compare`):
   - most of the smaller text inside the larger (``containment`` >= 0.8) and most of
     both shared (``jaccard`` >= 0.5): the same text in another format or lightly edited;
   - most of the smaller inside the larger but the larger much longer: a snapshot,
     grouped when the titles agree or an author is shared (an anthology that holds a
     story, or a story quoting another's chapter, is not the story);
   - 0.3 <= containment < 0.8, or a snapshot whose title and authors disagree: a
     *near-duplicate*, listed by ``fandex dupes`` for a person to decide.

Candidates come from an index of signature keys (LSH bands and anchors, see
:mod:`fandex.library.signature`) and of stated ids; :class:`MemoryIndex` holds them in
memory (benchmarks, a full rescan), the library's ``signature_keys`` table does the
same lookups in SQL (:mod:`fandex.library.versions`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from fandex.library.groupstate import Decisions
from fandex.library.signature import (
    KIND_ANCHOR,
    KIND_BAND,
    Comparison,
    Signature,
)

SAME_CONTAINMENT = 0.8
SAME_JACCARD = 0.5
NEAR_CONTAINMENT = 0.3
MIN_SHINGLES = 30
TITLE_AGREES = 70.0  # rapidfuzz token_set_ratio, 0..100
# Ids that name one story on one archive (a URL may differ between mirrors).
STORY_ID_KINDS = ("ao3", "ffnet", "fictionpress", "efiction", "archive")
MAX_CANDIDATES = 40
# An anchor more than this many works hold is a stock phrase (a disclaimer, a common
# turn of words), not evidence of a shared text: candidates skip it. Without the cap,
# looking a work up costs in proportion to the library's size.
MAX_POSTING = 100


@dataclass
class Item:
    """What grouping knows of one work."""

    id: str
    title: str
    authors: tuple[str, ...]
    source_ids: dict[str, str]
    signature: Signature | None


@dataclass(frozen=True)
class Verdict:
    """``same``: group them; ``near``: list them for review; ``reason`` in words."""

    same: bool
    near: bool
    score: float
    reason: str


def _norm_title(title: str) -> str:
    t = re.sub(r"[\[(].*?[\])]", " ", title.casefold())  # "(WIP)", "[snapshot]"
    return " ".join(re.findall(r"\w+", t))


def titles_agree(a: str, b: str) -> bool:
    """Whether two titles name the same story ("Dawn (WIP)" and "Dawn" do).

    >>> titles_agree("The Long Night (WIP)", "the long night"), titles_agree("Dawn", "Dusk")
    (True, False)
    """
    ta, tb = _norm_title(a), _norm_title(b)
    if not ta or not tb or "untitled" in (ta, tb):
        return False
    return fuzz.token_set_ratio(ta, tb) >= TITLE_AGREES


def authors_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    fa = {x.casefold().strip() for x in a if x.strip()}
    fb = {x.casefold().strip() for x in b if x.strip()}
    return bool(fa & fb)


def stated_verdict(a: Item, b: Item) -> Verdict | None:
    """What the stated ids say about the pair, if anything."""
    for kind in STORY_ID_KINDS:
        va, vb = a.source_ids.get(kind), b.source_ids.get(kind)
        if va and vb:
            if va == vb:
                return Verdict(True, False, 1.0, f"same {kind} id {va}")
            return Verdict(False, False, 0.0, f"different {kind} ids ({va}, {vb})")
    return None


def verdict(a: Item, b: Item, cmp: Comparison | None, decisions: Decisions) -> Verdict:
    """Whether ``a`` and ``b`` are copies of one work (``cmp``: their text compared,
    None when not compared)."""
    pair = frozenset((a.id, b.id))
    if pair in decisions.apart:
        return Verdict(False, False, 0.0, "kept apart by a person")
    if pair in decisions.together:
        return Verdict(True, False, 1.0, "grouped by a person")
    stated = stated_verdict(a, b)
    if stated is not None and stated.same:
        return stated
    if cmp is None or cmp.smaller < MIN_SHINGLES:
        return Verdict(False, False, 0.0, "texts too short to compare")
    score = cmp.containment
    if stated is not None:  # different stated ids: at most a near-duplicate
        near = score >= NEAR_CONTAINMENT
        return Verdict(False, near, score, stated.reason)
    if score >= SAME_CONTAINMENT and cmp.jaccard >= SAME_JACCARD:
        return Verdict(True, False, score, f"same text ({cmp.jaccard:.0%} shared)")
    if score >= SAME_CONTAINMENT:
        if titles_agree(a.title, b.title) or authors_agree(a.authors, b.authors):
            return Verdict(True, False, score, f"snapshot ({score:.0%} of it in the other)")
        return Verdict(False, True, score, "contained, but title and authors differ")
    if score >= NEAR_CONTAINMENT:
        return Verdict(False, True, score, f"{score:.0%} of the text shared")
    return Verdict(False, False, score, "different texts")


class MemoryIndex:
    """Candidate lookup over signature keys and stated ids, in memory."""

    def __init__(self) -> None:
        self.keys: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.ids: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.anchor_count: dict[str, int] = {}

    def add(self, item: Item) -> None:
        for kind, value in item.source_ids.items():
            if kind in STORY_ID_KINDS:
                self.ids[(kind, value)].append(item.id)
        if item.signature is not None:
            for key in item.signature.lookup_keys():
                self.keys[key].append(item.id)
            self.anchor_count[item.id] = len(item.signature.anchors)

    def candidates(self, item: Item) -> list[str]:
        """Works that may be copies of ``item`` (stated ids first, then text keys)."""
        found: list[str] = []
        for id_kind, value in item.source_ids.items():
            if id_kind in STORY_ID_KINDS:
                found += [w for w in self.ids.get((id_kind, value), []) if w != item.id]
        sig = item.signature
        if sig is None:
            return list(dict.fromkeys(found))
        bands: set[str] = set()
        anchors: Counter[str] = Counter()
        for kind, key in sig.lookup_keys():
            posting = self.keys.get((kind, key), ())
            if kind == KIND_ANCHOR and len(posting) > MAX_POSTING:
                continue
            for other in posting:
                if other == item.id:
                    continue
                if kind == KIND_BAND:
                    bands.add(other)
                elif kind == KIND_ANCHOR:
                    anchors[other] += 1
        mine = len(sig.anchors)
        for other, n in anchors.most_common():
            if enough_anchors(n, mine, self.anchor_count.get(other, 0)):
                found.append(other)
        found += sorted(bands)
        return list(dict.fromkeys(found))[:MAX_CANDIDATES]


def enough_anchors(shared: int, mine: int, theirs: int) -> bool:
    """Whether ``shared`` anchors make two works worth comparing: a third of the
    smaller one's anchors (a snapshot shares nearly all of its own)."""
    smaller = min(mine, theirs) if theirs else mine
    return shared >= 2 and shared >= NEAR_CONTAINMENT * max(1, smaller)


class UnionFind:
    """Groups as a disjoint-set forest."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return [sorted(g) for g in out.values() if len(g) > 1]
