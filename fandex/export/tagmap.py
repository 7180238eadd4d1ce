"""The tag-mapping sheet: each original tag of an archive, its type, how many works use
it, and the AO3 tag fandex suggests, the sheet Open Doors volunteers fill in by hand.

An original tag is what the file said: the quote a stated tag's evidence carries
(``R (will be NC-17 shortly)`` for the rating it became), or a value of a tag-like
header field that no tag came from (left with an empty suggestion for a person).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from fandex.export.sheets import SheetWriter
from fandex.export.tags import is_rejected
from fandex.model import TAG_TYPES, Evidence, Work

# Header field names (case-folded) that hold tags in legacy archives, and their type.
# Legacy "Category" is usually a genre (Angst, Romance), so it maps to freeform.
HEADER_TAG_FIELDS: dict[str, str] = {
    "rating": "rating",
    "warning": "warning",
    "warnings": "warning",
    "fandom": "fandom",
    "fandoms": "fandom",
    "pairing": "relationship",
    "pairings": "relationship",
    "relationship": "relationship",
    "relationships": "relationship",
    "ship": "relationship",
    "characters": "character",
    "character": "character",
    "category": "freeform",
    "categories": "freeform",
    "genre": "freeform",
    "genres": "freeform",
    "tags": "freeform",
    "keywords": "freeform",
}
_SPLIT = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class TagMapRow:
    """One line of the sheet."""

    original: str
    type: str
    count: int
    suggested: str


def _header_values(field: str, value: str) -> list[str]:
    # A rating is one value even when it has commas in a parenthesis; lists split.
    if HEADER_TAG_FIELDS.get(field.casefold()) == "rating":
        return [value.strip()] if value.strip() else []
    return [v for v in _SPLIT.split(value.strip()) if v]


def work_mappings(work: Work) -> set[tuple[str, str, str]]:
    """``(type, original, suggested)`` for one work, each counted once per work."""
    out: set[tuple[str, str, str]] = set()
    covered: set[tuple[str, str]] = set()  # (field, quote) that some tag came from
    for tag in work.tags:
        if is_rejected(tag):
            continue
        from_file = [e for e in tag.evidence if e.field]
        if not from_file and tag.source != "stated":
            continue  # inferred from the text: the archive never had it as a tag
        sources: list[Evidence | None] = [*from_file] or [None]
        for ev in sources:
            original = (ev.quote if ev is not None and ev.quote else tag.name).strip()
            out.add((tag.type, original, tag.name))
            if ev is not None and ev.field:
                covered.add((ev.field.casefold(), original.casefold()))
    for field, value in work.header.items():
        type_ = HEADER_TAG_FIELDS.get(field.casefold())
        if type_ is None:
            continue
        for original in _header_values(field, value):
            if (field.casefold(), original.casefold()) not in covered:
                out.add((type_, original, ""))
    return out


def tag_map(works: Iterable[Work]) -> list[TagMapRow]:
    """The sheet for ``works``: rows by type (AO3's order), then most used first."""
    counter = TagMapCounter()
    for work in works:
        counter.add(work)
    return counter.rows()


def write_tag_map_csv(rows: Iterable[TagMapRow], out: TextIO) -> None:
    """The sheet as CSV: original tag, type, count, suggested AO3 tag."""
    writer = SheetWriter(out)
    writer.writerow(("original_tag", "type", "count", "suggested_ao3_tag"))
    for r in rows:
        writer.writerow((r.original, r.type, r.count, r.suggested))


class TagMapCounter:
    """Counts mappings work by work, for a streaming batch export."""

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str, str]] = Counter()

    def add(self, work: Work) -> None:
        """Count ``work``'s original tags."""
        self._counts.update(work_mappings(work))

    def rows(self) -> list[TagMapRow]:
        """The sheet so far (same order as :func:`tag_map`)."""
        order = {t: i for i, t in enumerate(TAG_TYPES)}
        rows = [TagMapRow(o, t, n, s) for (t, o, s), n in self._counts.items()]
        rows.sort(key=lambda r: (order[r.type], -r.count, r.original.casefold(), r.suggested))
        return rows
