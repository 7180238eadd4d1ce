"""Open Doors' Tag Wrangling sheet: every original tag of an archive, pre-filled with
the AO3 tag fandex recommends, in the columns Open Doors' own tools write and read.

Export columns (step 03 of ``otwcode/open-doors-code``): :data:`SHEET_COLUMNS`.
Volunteers fill in *Recommended AO3 Tag*, *Type*, *Category* and *Related Fandom*;
``fandex tags apply SHEET.csv`` (:mod:`fandex.export.tagsheet_apply`) reads it back.

An original tag is what the archive said: an eFiction rating, category, class or
character with its id and parent (kept on the work by the archive reader), or, for a
work imported from a file, the value of a header field a stated tag came from
(``NC-17`` for the rating it became) or one no tag came from (left for a person).
The recommendation is what fandex reads the original as (the fandom packs and AO3's
vocabulary), or what a person already decided for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from fandex.export.opendoors import COLUMN_OF_TYPE
from fandex.export.sheets import SheetWriter
from fandex.export.tags import is_rejected
from fandex.model import Work
from fandex.read.archives.originals import map_original, originals_of

__all__ = ["SHEET_COLUMNS", "SheetRow", "TagSheet", "tag_sheet", "write_tag_sheet"]

SHEET_COLUMNS = (
    "Original Tag ID",
    "Original Tag Name",
    "Original Tag Type",
    "Original Parent Tag",
    "Related Fandom",
    "Recommended AO3 Tag",
    "Recommended AO3 Type",
    "Recommended AO3 Category",
    "Original Tag Description",
    "TW Notes",
    "Used in Archive?",
)
# Header field names (case-folded) that hold tags in files, and the field they mean.
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
    "category": "category",
    "categories": "category",
    "genre": "genre",
    "genres": "genre",
    "tags": "genre",
    "keywords": "genre",
}
_SPLIT = re.compile(r"\s*[,;]\s*")
# A row's identity: original type, id, name, parent.
Key = tuple[str, str, str, str]


@dataclass
class SheetRow:
    """One line of the sheet."""

    id: str
    name: str
    type: str
    parent: str = ""
    description: str = ""
    works: int = 0
    recommended: list[tuple[str, str]] = field(default_factory=list)  # (tag type, name)
    fandoms: Counter[str] = field(default_factory=Counter)

    def cells(self) -> tuple[str, ...]:
        """The row's cells in :data:`SHEET_COLUMNS` order."""
        tags = [(t, n) for t, n in self.recommended if t != "category"]
        categories = [n for t, n in self.recommended if t == "category"]
        types = [COLUMN_OF_TYPE[t] for t, _ in tags] or (["categories"] if categories else [])
        related = ""
        if self.fandoms and not any(t == "fandom" for t, _ in self.recommended):
            related = self.fandoms.most_common(1)[0][0]
        return (
            self.id,
            self.name,
            self.type,
            self.parent,
            related,
            ", ".join(n for _, n in tags),
            ", ".join(types),
            ", ".join(categories),
            self.description,
            "",
            f"Yes ({self.works} work{'s' if self.works != 1 else ''})",
        )


def _file_originals(work: Work) -> list[tuple[Key, list[tuple[str, str]]]]:
    """Originals of a work read from a file: header values and the tags they became."""
    out: dict[Key, list[tuple[str, str]]] = {}
    for tag in work.tags:
        if is_rejected(tag) or tag.source != "stated":
            continue
        for ev in tag.evidence:
            if ev.field and ev.field != "metadata" and ev.quote:
                key = (ev.field, "", ev.quote.strip(), "")
                out.setdefault(key, [])
                if (tag.type, tag.name) not in out[key]:
                    out[key].append((tag.type, tag.name))
    covered = {(k[0].casefold(), k[2].casefold()) for k in out}
    for label, value in work.header.items():
        if label.casefold() not in HEADER_TAG_FIELDS:
            continue
        parts = [value.strip()] if label.casefold() == "rating" else _SPLIT.split(value)
        for part in (p.strip() for p in parts):
            if part and (label.casefold(), part.casefold()) not in covered:
                out.setdefault((label, "", part, ""), [])
    return list(out.items())


class TagSheet:
    """Collects the sheet work by work (a batch export streams)."""

    def __init__(self) -> None:
        self.rows: dict[Key, SheetRow] = {}

    def add(self, work: Work) -> None:
        """Count ``work``'s original tags."""
        fandoms = [
            t.name
            for t in work.tags
            if t.type == "fandom" and t.source in ("stated", "user") and not is_rejected(t)
        ]
        found: list[tuple[Key, list[tuple[str, str]], str]] = []
        for o in originals_of(work):
            mapped = list(map_original(o.field, o.name))
            found.append(((o.type, o.id, o.name, o.parent), mapped, o.description))
        if not found:
            found = [(k, m, "") for k, m in _file_originals(work)]
        for key, mapped, description in found:
            row = self.rows.get(key)
            if row is None:
                row = self.rows[key] = SheetRow(key[1], key[2], key[0], key[3], description)
                row.recommended = _user_mapping(work, key) or mapped
            row.works += 1
            row.fandoms.update(fandoms)

    def sorted_rows(self) -> list[SheetRow]:
        """Rows by original type, then parent, then name."""
        return sorted(
            self.rows.values(),
            key=lambda r: (r.type.casefold(), r.parent.casefold(), r.name.casefold(), r.id),
        )


def _user_mapping(work: Work, key: Key) -> list[tuple[str, str]]:
    """The AO3 tags a filled sheet already gave this original (user tags remember it)."""
    out = []
    for tag in work.tags:
        orig = tag.attrs.get("original")
        if (
            tag.source == "user"
            and not is_rejected(tag)
            and isinstance(orig, dict)
            and (orig.get("type"), orig.get("id", ""), orig.get("name")) == key[:3]
        ):
            out.append((tag.type, tag.name))
    return out


def tag_sheet(works: Iterable[Work]) -> list[SheetRow]:
    """The sheet for ``works``."""
    sheet = TagSheet()
    for work in works:
        sheet.add(work)
    return sheet.sorted_rows()


def write_tag_sheet(rows: Iterable[SheetRow], out: TextIO) -> int:
    """The sheet as CSV in Open Doors' columns; returns the number of rows."""
    writer = SheetWriter(out)
    writer.writerow(SHEET_COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(row.cells())
        n += 1
    return n
