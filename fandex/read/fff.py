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
    "story url": "url",
    "source": "url",
    "extra tags": "extratags",
}
_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{1,20}):\s*(.*)$")
_STATUS = {"completed": "complete", "complete": "complete", "in-progress": "wip", "wip": "wip"}


def title_page_fields(blocks: list[Block]) -> dict[str, str]:
    """Labelled fields from a title page's blocks, as written (``{"Status": "Completed"}``).

    A line without a known label continues the previous field (a summary of several
    paragraphs).
    """
    fields: dict[str, str] = {}
    current: str | None = None
    for block in blocks:
        for i, line in enumerate(block.text.split("\n")):
            m = _LINE.match(line.strip())
            if m and m.group(1).strip().lower() in LABELS:
                current = m.group(1).strip()
                fields[current] = m.group(2).strip()
            elif current and line.strip():
                sep = "\n\n" if i == 0 else "\n"
                fields[current] = (fields[current] + sep + line.strip()).strip()
    return fields


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def metadata_from_fields(fields: dict[str, str], *, from_ao3: bool = False) -> dict[str, Any]:
    """Map FanFicFare's labelled fields onto the metadata keys of :mod:`document`."""
    meta: dict[str, Any] = {"fields": dict(fields), "tags": [], "producer": "fanficfare"}
    canon = {LABELS[k.lower()]: v for k, v in fields.items() if k.lower() in LABELS}
    tags: list[tuple[str, str]] = meta["tags"]
    for name in split_list(canon.get("category", "")):
        tags.append(("fandom", name))
    for name in split_list(canon.get("characters", "")):
        tags.append(("character", name))
    for name in split_list(canon.get("relationships", "")):
        tags.append(("relationship", name))
    if from_ao3:
        for name in split_list(canon.get("rating", "")):
            tags.append(("rating", name))
        for name in split_list(canon.get("warnings", "")):
            tags.append(("warning", name))
        for name in split_list(canon.get("genre", "")) + split_list(canon.get("extratags", "")):
            tags.append(("freeform", name))
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
