"""FanFicFare output: the title page's labelled fields -> document metadata.

FanFicFare writes ``<b>Label:</b> value<br/>`` lines (Category, Genre, Characters,
Relationships, Warnings, Status, Published, Updated, Words, Chapters, Rating, Summary,
...). What a label means depends a little on the site the story came from: for AO3
stories FanFicFare's Rating, Warnings and Genre are AO3's own rating, archive
warnings and additional tags, so they become typed tags; for other sites they are
kept as header fields for the parser to map.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import Block
from fandex.read.titlepage import read_title_page

# FanFicFare label (lower case) -> canonical field name.
LABELS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "category": "category",
    "fandom": "category",
    "fandoms": "category",
    "genre": "genre",
    "characters": "characters",
    "relationships": "relationships",
    "pairings": "relationships",
    "ships": "relationships",
    "warnings": "warnings",
    "status": "status",
    "published": "published",
    "updated": "updated",
    "packaged": "packaged",
    "words": "words",
    "chapters": "chapters",
    "rating": "rating",
    "summary": "summary",
    "description": "summary",
    "series": "series",
    "language": "language",
    "publisher": "site",
    "site": "site",
    "source": "url",
    "extra tags": "extratags",
    "additional tags": "extratags",
    # FanFicFare's own labels for AO3's fields (and its old misspelling of one).
    "freeform tags": "extratags",
    "freefrom tags": "extratags",
    "ao3 categories": "extratags",
    "story url": "url",
    "freeform": "extratags",
    "categories": "category",
    "rated": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "primary ship": "relationships",
    "secondary ship": "relationships",
    "original source": "url",
}
_KNOWN = frozenset(LABELS)
_STATUS = {"completed": "complete", "complete": "complete", "in-progress": "wip", "wip": "wip"}
# AO3's categories: FanFicFare files them under Genre, other downloaders under Categories.
_AO3_CATEGORIES = {"gen": "Gen", "f/m": "F/M", "m/m": "M/M", "f/f": "F/F", "multi": "Multi"}


def title_page_fields(blocks: list[Block]) -> dict[str, str]:
    """Labelled fields from a title page's blocks, as written (``{"Status": "Completed"}``).

    Every ``Label:`` line starts a field, known label or not ("Primary ship"); a line
    without one continues the previous field (a summary of several paragraphs).
    """
    front = read_title_page(blocks, require=0, known=_KNOWN)
    return front.fields if front is not None else {}


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


_AO3_WORK = re.compile(r"archiveofourown\.org/(?:works|series|chapters)/")


def from_ao3(links: str) -> bool:
    """Whether a title page's story link (or the book's source) is an AO3 work."""
    return _AO3_WORK.search(links) is not None


def _ao3_category(item: str) -> str | None:
    return _AO3_CATEGORIES.get(item.strip().casefold())


def _canon(label: str) -> str | None:
    key = " ".join(label.casefold().split())
    return LABELS.get(key) or LABELS.get(key.rstrip("s"))


def merge_fields(into: dict[str, str], more: dict[str, str]) -> None:
    """Add ``more`` to ``into``: list fields are joined without repeats (an anthology's
    title pages), Updated keeps the latest, an unfinished Status wins, other fields keep
    their first value."""
    for label, value in more.items():
        if label not in into or not into[label].strip():
            into[label] = value
            continue
        if _canon(label) == "updated":
            into[label] = max(into[label], value)  # ISO dates: the latest part's update
        elif _canon(label) == "status" and _STATUS.get(value.strip().casefold()) == "wip":
            into[label] = value  # one unfinished part leaves the whole unfinished
        elif _canon(label) in _LIST_FIELDS:
            have = split_list(into[label])
            folded = {h.casefold() for h in have}
            have += [v for v in split_list(value) if v.casefold() not in folded]
            into[label] = ", ".join(have)


_LIST_FIELDS = {"category", "genre", "characters", "relationships", "warnings", "extratags"}


def metadata_from_fields(fields: dict[str, str], *, from_ao3: bool = False) -> dict[str, Any]:
    """Map a title page's labelled fields onto the metadata keys of :mod:`document`.

    For a story from AO3 the fields are AO3's own typed tags (FanFicFare's Category is
    the fandom, its Genre the additional tags and categories). For any other site the
    fields are handed on as ``stated_fields`` for the parse stage to read as a header.
    """
    meta: dict[str, Any] = {"fields": dict(fields), "tags": [], "producer": "fanficfare"}
    canon: dict[str, str] = {}
    for k, v in fields.items():
        c = _canon(k)
        if c:
            canon[c] = f"{canon[c]}, {v}" if c in canon and c in _LIST_FIELDS else v
    tags: list[tuple[str, str]] = meta["tags"]
    if from_ao3:
        for name in split_list(canon.get("category", "")):
            tags.append(("category", c) if (c := _ao3_category(name)) else ("fandom", name))
        for name in split_list(canon.get("characters", "")):
            tags.append(("character", name))
        for name in split_list(canon.get("relationships", "")):
            tags.append(("relationship", name))
        for name in split_list(canon.get("rating", "")):
            tags.append(("rating", name))
        for name in split_list(canon.get("warnings", "")):
            tags.append(("warning", name))
        for name in split_list(canon.get("genre", "")) + split_list(canon.get("extratags", "")):
            tags.append(("category", c) if (c := _ao3_category(name)) else ("freeform", name))
    else:
        meta["stated_fields"] = [(k, v) for k, v in fields.items() if v.strip()]
    if canon.get("title"):
        meta["title"] = canon["title"]
    if canon.get("author"):
        meta["authors"] = split_list(canon["author"])
    if canon.get("summary"):
        meta["summary"] = canon["summary"]
    status = _STATUS.get(canon.get("status", "").strip().lower())
    if status:
        meta["status"] = status
    for key in ("published", "updated", "series", "language", "url"):
        if canon.get(key):
            meta[key] = canon[key]
    return meta
