"""Which of a work's tags leave the library, and under which AO3 label.

Exports carry what a person could stand behind: tags the file states, tags a user set
or confirmed, and inferred or learned tags at or above their type's confidence
threshold (by default the library's own, ``[min_confidence]`` in
``fandex/vocab/query.toml``, the thresholds search and the blocklist use). A tag a user
rejected (a ``user`` tag with ``attrs["rejected"]``) never leaves, nor does the inferred
tag it overrides; nor does a guessed rating or warning beside the author's own (stated
wins, :mod:`fandex.tag.reconcile`). Exports show the author's tags and fandex's guesses
apart, each guess with its source and confidence, so provenance survives a re-import.

>>> from fandex.model import Tag, Work
>>> w = Work(tags=[Tag("rating", "Mature", source="inferred", confidence=0.4)])
>>> exportable_tags(w, min_confidence=0.5)
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from fandex.model import SOURCE_RANK, TAG_TYPES, Tag, Work
from fandex.query import default_thresholds
from fandex.tag.reconcile import AUTHORITY, contradicted, decided_types

# For a tag type the library's thresholds do not name: below this an inferred tag is a
# suggestion for review, not a fact to publish.
DEFAULT_MIN_CONFIDENCE = 0.5

# AO3's download labels for each tag type: (one tag, several tags).
AO3_LABELS: dict[str, tuple[str, str]] = {
    "rating": ("Rating", "Ratings"),
    "warning": ("Archive Warning", "Archive Warnings"),
    "category": ("Category", "Categories"),
    "fandom": ("Fandom", "Fandoms"),
    "relationship": ("Relationship", "Relationships"),
    "character": ("Character", "Characters"),
    "freeform": ("Additional Tags", "Additional Tags"),
}

# None: the library's per-type thresholds; a float: one threshold for every type.
Threshold = float | Mapping[str, float] | None


@cache
def library_thresholds() -> dict[str, float]:
    """The per-type thresholds search uses (``fandex.query.default_thresholds``)."""
    return default_thresholds()


def is_rejected(tag: Tag) -> bool:
    """True when a person said this tag does not belong to the work."""
    return bool(tag.attrs.get("rejected"))


def threshold_for(tag_type: str, min_confidence: Threshold) -> float:
    """The confidence an inferred tag of ``tag_type`` needs; a mapping may set it per type."""
    if min_confidence is None:
        min_confidence = library_thresholds()
    if isinstance(min_confidence, Mapping):
        return float(min_confidence.get(tag_type, DEFAULT_MIN_CONFIDENCE))
    return float(min_confidence)


def is_exportable(tag: Tag, min_confidence: Threshold = None) -> bool:
    """Whether ``tag`` may appear in an export."""
    if is_rejected(tag):
        return False
    if tag.source in ("stated", "user"):
        return True
    return tag.confidence >= threshold_for(tag.type, min_confidence)


def _authority(tag: Tag) -> tuple[int, float]:
    return (SOURCE_RANK[tag.source], tag.confidence)


def exportable_tags(work: Work, min_confidence: Threshold = None) -> list[Tag]:
    """The work's exportable tags in AO3's type order, first occurrence of each name kept.

    A work has one rating on AO3, so only the most authoritative exportable rating
    leaves (user over stated over learned over inferred, then the most confident).
    """
    rejected = {t.key for t in work.tags if is_rejected(t)}
    decided = decided_types(work)
    seen: set[tuple[str, str]] = set()
    out: list[Tag] = []
    for type_ in TAG_TYPES:
        chosen: list[Tag] = []
        for tag in work.tags:
            if tag.type != type_ or tag.key in seen or tag.key in rejected:
                continue
            if contradicted(tag, decided):
                continue
            if is_exportable(tag, min_confidence):
                seen.add(tag.key)
                chosen.append(tag)
        if type_ == "rating" and len(chosen) > 1:
            chosen = [max(chosen, key=_authority)]
        out.extend(chosen)
    return out


def by_author(tag: Tag) -> bool:
    """The author's word (or a person's): what an AO3-style tag list may carry."""
    return tag.source in AUTHORITY


def tag_groups(tags: list[Tag]) -> list[tuple[str, str, list[Tag]]]:
    """``(type, AO3 label, tags)`` for each type that has tags, in AO3's order.

    >>> from fandex.model import Tag
    >>> [(t, label, [x.name for x in g]) for t, label, g in
    ...  tag_groups([Tag("character", "A"), Tag("character", "B")])]
    [('character', 'Characters', ['A', 'B'])]
    """
    out: list[tuple[str, str, list[Tag]]] = []
    for type_ in TAG_TYPES:
        chosen = [t for t in tags if t.type == type_]
        if chosen:
            one, many = AO3_LABELS[type_]
            out.append((type_, one if len(chosen) == 1 else many, chosen))
    return out
