"""One work as an OPDS acquisition entry.

The summary's first line carries the warnings (and the rating) so an e-reader shows
them before the book is opened; then the fandoms and relationships, series and
place, length, completion and the reader's own state; then the author's summary.
Tags go out as categories, one scheme per AO3 tag type, labelled with where they
came from when fandex inferred them. Stated wins: where the author stated warnings,
inferred ones are not listed (a contradiction is a flag, shown as "possibly
missing").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fandex.export.epub import book_identifier
from fandex.export.tags import exportable_tags
from fandex.model import Tag, Work
from fandex.review import open_flags
from fandex.web.opds import atom
from fandex.web.opds.acquire import EPUB_TYPE, media_type, original_available, original_name
from fandex.web.opds.series import series_place

TAG_SCHEME = "urn:fandex:tag:"
_LABELS = {
    "rating": "Rating",
    "warning": "Archive Warning",
    "category": "Category",
    "fandom": "Fandom",
    "relationship": "Relationship",
    "character": "Character",
    "freeform": "Additional Tag",
}


def shown_tags(work: Work) -> list[Tag]:
    """The tags an e-reader sees: those that count (as in exports), stated warnings
    replacing inferred ones."""
    tags = exportable_tags(work)
    warnings = [t for t in tags if t.type == "warning"]
    if any(t.source in ("stated", "user") for t in warnings):
        tags = [t for t in tags if t.type != "warning" or t.source in ("stated", "user")]
    return tags


def _names(tags: list[Tag], type_: str) -> list[str]:
    return [
        t.name + ("" if t.source in ("stated", "user") else " (inferred)")
        for t in tags
        if t.type == type_
    ]


def warning_line(work: Work, tags: list[Tag]) -> str:
    """The summary's first line: archive warnings, possibly missing ones, the rating.

    >>> warning_line(Work(), [])
    'Archive Warnings: none given. Rating: not rated.'
    """
    warnings = _names(tags, "warning")
    line = "Archive Warnings: " + ("; ".join(warnings) if warnings else "none given") + "."
    missing = [t.name for t, _flag in open_flags(work)]
    if missing:
        line += " Possibly missing: " + "; ".join(missing) + "."
    ratings = _names(tags, "rating")
    line += " Rating: " + (ratings[0] if ratings else "not rated") + "."
    return line


def summary_text(work: Work, tags: list[Tag]) -> str:
    """The whole summary an e-reader shows for ``work``."""
    lines = [warning_line(work, tags)]
    for type_, label in (("fandom", "Fandoms"), ("relationship", "Relationships")):
        names = _names(tags, type_)
        if names:
            lines.append(f"{label}: " + "; ".join(names))
    name, place = series_place(work.series, work.header)
    facts = []
    if name:
        facts.append(f"Series: {name}" + (f", part {place}" if place else ""))
    facts.append(f"{work.words:,} words")
    chapters = len(work.chapters)
    done = {"complete": "complete", "wip": "in progress"}.get(work.status or "", "")
    facts.append(
        f"{chapters} chapter{'s' if chapters != 1 else ''}" + (f", {done}" if done else "")
    )
    if work.published:
        facts.append(f"published {work.published[:10]}")
    lines.append(" · ".join(facts))
    if work.reading is not None and not work.reading.empty:
        lines.append(
            "You: "
            + work.reading.summary()
            + (", Marked for Later" if (work.reading.toread and work.reading.started) else "")
        )
    if work.summary:
        lines += ["", work.summary.strip()]
    return "\n".join(lines)


def work_entry(parent: Any, work: Work, updated: str) -> Any:
    """Append ``work``'s acquisition entry to ``parent`` (a feed)."""
    entry = atom.add_entry(parent, book_identifier(work), work.title, updated)
    for name in work.authors:
        atom.add_author(entry, name)
    if work.language:
        atom.text(entry, atom.DC, "language", work.language)
    if work.published:
        atom.text(entry, atom.DC, "issued", work.published[:10])
    atom.text(entry, atom.DC, "extent", f"{work.words:,} words")
    tags = shown_tags(work)
    for tag in tags:
        label = f"{_LABELS[tag.type]}: {tag.name}"
        if tag.source not in ("stated", "user"):
            label += f" ({tag.source}, {round(tag.confidence * 100)}%)"
        atom.add_category(entry, TAG_SCHEME + tag.type, tag.name, label)
    atom.text(entry, atom.ATOM, "summary", summary_text(work, tags))
    base = f"/opds/works/{work.id}"
    atom.add_link(entry, atom.ACQUIRE, f"{base}.epub", EPUB_TYPE, title="EPUB")
    if work.source is not None and original_available(work.source):
        name = original_name(work.source)
        kind = work.source.format.upper()
        atom.add_link(
            entry,
            atom.ACQUIRE,
            f"{base}/original",
            media_type(name),
            title=f"Original file ({kind})",
        )
    atom.add_link(entry, "alternate", f"/works/{work.id}", "text/html", title="Read in the browser")
    name, _place = series_place(work.series, work.header)
    if name:
        atom.add_link(
            entry,
            "related",
            "/opds/series/feed?name=" + quote(name),
            atom.ACQUISITION,
            title=f"Series: {name}",
        )
    return entry


__all__ = ["TAG_SCHEME", "shown_tags", "summary_text", "warning_line", "work_entry"]
