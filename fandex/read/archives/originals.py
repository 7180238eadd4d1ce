"""An archive's own tags ("originals") and the AO3 tags they state.

An eFiction archive tags a story with rows of its own tables (a rating, categories,
classes of a class type such as Genres or Warnings, characters); an Automated Archive
with free-text fields. Each such tag is an :class:`Original`: what the archive called
it, its id and parent where the archive has them, and which header field it means.
:func:`stated_tags` reads each one exactly as fandex reads that field in a file's
header (``Rating: Adult`` -> Explicit, ``Warnings: Character Death`` -> Major Character
Death, a category the fandom packs know -> that fandom), so an archive and a text file
that say the same thing get the same tags.

The originals themselves are kept on the work (``header["fandex:archive"]``): the Open
Doors tag sheet lists them, and a filled sheet maps them back (``fandex tags apply``).

>>> stated_tags([Original("rating", "Adult", "5"), Original("class", "Angst", "3", "Genres")])
[('rating', 'Explicit'), ('freeform', 'Angst')]
>>> stated_tags([Original("category", "Wren / Ila", "6", "Femslash Pairings")])
[('relationship', 'Wren/Ila')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fandex.model import Work
from fandex.parse.apply import apply_fields
from fandex.parse.header_block import HeaderField
from fandex.parse.labels import field_for

__all__ = [
    "ARCHIVE_KEY",
    "Original",
    "archive_info",
    "author_emails",
    "field_of",
    "map_original",
    "stated_tags",
]

# The work's header key holding the archive, the story id and the originals (JSON).
ARCHIVE_KEY = "fandex:archive"

# eFiction's tag tables and the header field each one means.
_KIND_FIELDS = {
    "rating": "rating",
    "ratings": "rating",
    "category": "category",
    "categories": "category",
    "character": "character",
    "characters": "character",
    "warning": "warning",
    "warnings": "warning",
    "genre": "genre",
    "genres": "genre",
    "fandom": "fandom",
    "fandoms": "fandom",
    "relationship": "relationship",
    "pairing": "relationship",
}
_TAG_FIELDS = frozenset(
    {"rating", "category", "character", "warning", "genre", "fandom", "relationship"}
)
# A category filed under a parent like "Slash Pairings" or "Het" names a relationship.
_PAIRING_PARENT = re.compile(
    r"pairing|\bships?\b|slash|\bhet\b|threesome|moresome|relationship|couple", re.I
)
# The field of such a category: stated as the relationship the archive wrote, not read
# through the fandom packs (with no fandom to scope them, a first name would be taken
# for a character of any fandom; the Tag Wrangling sheet is where names are mapped).
CATEGORY_PAIRING = "category-pairing"
# The label each field is read under (as a file's header would write it).
_LABELS = {
    "rating": "Rating",
    "category": "Category",
    "character": "Characters",
    "warning": "Warnings",
    "genre": "Genre",
    "fandom": "Fandom",
    "relationship": "Pairing",
}


@dataclass(frozen=True)
class Original:
    """One tag as the archive had it. ``type`` is the archive's kind (``rating``,
    ``category``, ``class``, ``character``, or an Automated Archive field name);
    ``parent`` a parent category, a class's class type, a character's category."""

    type: str
    name: str
    id: str = ""
    parent: str = ""
    description: str = ""

    @property
    def field(self) -> str:
        """The header field this original means."""
        if self.type == "category" and "/" in self.name and _PAIRING_PARENT.search(self.parent):
            return CATEGORY_PAIRING
        return field_of(self.type, self.parent)

    def to_dict(self) -> dict[str, str]:
        out = {"type": self.type, "name": self.name, "id": self.id, "parent": self.parent}
        out["description"] = self.description
        return {k: v for k, v in out.items() if v}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Original:
        return cls(
            type=str(d.get("type", "")),
            name=str(d.get("name", "")),
            id=str(d.get("id", "")),
            parent=str(d.get("parent", "")),
            description=str(d.get("description", "")),
        )


def field_of(kind: str, parent: str = "") -> str:
    """The header field an archive tag of ``kind`` means; an eFiction class by its class
    type (Warnings -> warning, Genres -> genre, anything else -> genre: a free tag).

    >>> field_of("class", "Warnings"), field_of("class", "Themes"), field_of("Pairing")
    ('warning', 'genre', 'relationship')
    """
    key = kind.strip().casefold()
    if key in ("class", "classes"):
        found = field_for(parent) if parent else None
        return found if found in _TAG_FIELDS else "genre"
    if key in _KIND_FIELDS:
        return _KIND_FIELDS[key]
    found = field_for(kind)
    return found if found in _TAG_FIELDS else "genre"


@lru_cache(maxsize=65536)
def map_original(field: str, name: str) -> tuple[tuple[str, str], ...]:
    """The AO3 tags ``(type, name)`` one original states, read as its header field.

    >>> map_original("warning", "Non-Consensual Sex Acts")
    (('warning', 'Rape/Non-Con'), ('freeform', 'Non-Consensual Sex Acts'))
    """
    name = name.strip()
    if field == CATEGORY_PAIRING:
        return (("relationship", "/".join(p.strip() for p in name.split("/"))),) if name else ()
    if not name or field not in _LABELS:
        return ()
    tags = apply_fields(Work(), [HeaderField(_LABELS[field], field, name)])
    out: list[tuple[str, str]] = []
    for t in tags:
        if (t.type, t.name) not in out:
            out.append((t.type, t.name))
    return tuple(out)


def stated_tags(originals: list[Original]) -> list[tuple[str, str]]:
    """Every AO3 tag the originals state, in order, each once."""
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for o in originals:
        for type_, name in map_original(o.field, o.name):
            key = (type_, name.casefold())
            if key not in seen:
                seen.add(key)
                out.append((type_, name))
    return out


def archive_info(work: Work) -> dict[str, Any] | None:
    """The archive record a work was imported from (archive, story id, originals,
    authors, series), or None for a work from a file."""
    raw = work.header.get(ARCHIVE_KEY)
    if not raw:
        return None
    try:
        info = json.loads(raw)
    except ValueError:
        return None
    return info if isinstance(info, dict) else None


def author_emails(work: Work) -> dict[str, str]:
    """The e-mail address the archive held for each author, by case-folded name."""
    info = archive_info(work) or {}
    return {
        str(a.get("name", "")).casefold(): str(a.get("email", ""))
        for a in info.get("authors", [])
        if isinstance(a, dict) and a.get("email")
    }


def originals_of(work: Work) -> list[Original]:
    """The archive's own tags of ``work`` (empty for a work from a file)."""
    info = archive_info(work) or {}
    return [Original.from_dict(d) for d in info.get("originals", []) if isinstance(d, dict)]
