"""Archive import records in the shape of AO3's mass-import API, with a limits report.

For an archivist moving a rescued archive to a new home: one record per work with the
fields AO3's import takes (``title``, ``fandoms``, ``warnings``, ``characters``,
``rating``, ``relationships``, ``categories``, ``additional_tags``, ``language_code``,
``summary``, ``notes``, ``external_author_name``, ``chapters`` with their HTML text),
and a :class:`Breach` for every AO3 limit a work breaks, so nothing is cut silently.
Records are written as JSON (one array, exact) and CSV (one row per chapter; a cell
a spreadsheet would run as a formula gets a leading apostrophe, see
:mod:`fandex.export.sheets`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from fandex.export.markup import sanitise_html, text_to_paragraphs
from fandex.export.sheets import SheetWriter
from fandex.export.tags import Threshold, exportable_tags
from fandex.export.view import language_code
from fandex.model import Work


@dataclass(frozen=True)
class Limits:
    """AO3's limits on an imported work (strict: a value must stay below the maximum
    unless marked "at most")."""

    max_user_tags: int = 75  # at most; fandoms + relationships + characters + additional
    max_title_chars: int = 255  # at most
    summary_chars: int = 1250  # under
    notes_chars: int = 5000  # under
    chapter_chars: int = 500_000  # under
    chapters: int = 200  # under


AO3_LIMITS = Limits()
USER_TAG_TYPES = ("fandom", "relationship", "character", "freeform")


@dataclass(frozen=True)
class Breach:
    """One AO3 limit one work breaks, and why."""

    work_id: str
    title: str
    limit: str  # a short key: "user_tags", "summary", "chapter_length", ...
    detail: str

    def line(self) -> str:
        """One line for a person: ``id  title: detail``."""
        return f"{self.work_id or '-'}  {self.title}: {self.detail}"


def chapter_html(text: str, html: str | None) -> str:
    """A chapter's content as AO3 takes it: its sanitised HTML, else its paragraphs."""
    if html and html.strip():
        return sanitise_html(html)
    return str(text_to_paragraphs(text))


def ao3_record(work: Work, *, min_confidence: Threshold = None) -> dict[str, Any]:
    """The import record for ``work`` (exportable tags only; see :mod:`fandex.export.tags`)."""
    tags = exportable_tags(work, min_confidence)

    def names(type_: str) -> list[str]:
        return [t.name for t in tags if t.type == type_]

    ratings = names("rating")
    return {
        "id": work.id,
        "title": work.title,
        "external_author_name": ", ".join(work.authors),
        "fandoms": names("fandom"),
        "warnings": names("warning"),
        "characters": names("character"),
        # AO3 takes one rating; the first exportable one is the strongest claim we hold.
        "rating": ratings[0] if ratings else "Not Rated",
        "relationships": names("relationship"),
        "categories": names("category"),
        "additional_tags": names("freeform"),
        "language_code": language_code(work.language) or "",
        "summary": work.summary or "",
        "notes": work.notes_begin or "",
        "endnotes": work.notes_end or "",
        "series": work.series or "",
        "published": work.published or "",
        "chapters": [
            {
                "position": pos,
                "title": ch.title or "",
                "summary": ch.summary or "",
                "notes": ch.notes_begin or "",
                "endnotes": ch.notes_end or "",
                "text": chapter_html(ch.text, ch.html),
            }
            for pos, ch in enumerate(work.chapters, start=1)
        ],
    }


def check_limits(record: dict[str, Any], limits: Limits = AO3_LIMITS) -> list[Breach]:
    """Every AO3 limit ``record`` (from :func:`ao3_record`) breaks; empty when it fits."""
    out: list[Breach] = []
    work_id, title = record["id"], record["title"]

    def breach(limit: str, detail: str) -> None:
        out.append(Breach(work_id, title, limit, detail))

    user_tags = sum(
        len(record[k]) for k in ("fandoms", "relationships", "characters", "additional_tags")
    )
    if user_tags > limits.max_user_tags:
        breach("user_tags", f"{user_tags} tags (at most {limits.max_user_tags})")
    if not record["fandoms"]:
        breach("fandom", "no fandom (AO3 requires one)")
    for key in ("fandoms", "warnings", "characters", "relationships", "categories",
                "additional_tags"):  # fmt: skip
        for name in record[key]:
            if "," in name:
                breach("tag_comma", f"tag {name!r} contains a comma (AO3 splits tags at commas)")
    if len(title) > limits.max_title_chars:
        breach("title", f"title is {len(title):,} characters (at most {limits.max_title_chars})")
    if len(record["summary"]) >= limits.summary_chars:
        breach(
            "summary",
            f"summary is {len(record['summary']):,} characters "
            f"(must be under {limits.summary_chars:,})",
        )
    for key in ("notes", "endnotes"):
        if len(record[key]) >= limits.notes_chars:
            breach(
                key,
                f"{key} are {len(record[key]):,} characters (must be under {limits.notes_chars:,})",
            )
    chapters = record["chapters"]
    if len(chapters) >= limits.chapters:
        breach("chapters", f"{len(chapters)} chapters (must be fewer than {limits.chapters})")
    for ch in chapters:
        if len(ch["text"]) >= limits.chapter_chars:
            breach(
                "chapter_length",
                f"chapter {ch['position']} is {len(ch['text']):,} characters "
                f"(must be under {limits.chapter_chars:,})",
            )
    return out


def records_with_breaches(
    works: Iterable[Work],
    *,
    min_confidence: Threshold = None,
    limits: Limits = AO3_LIMITS,
) -> Iterator[tuple[dict[str, Any], list[Breach]]]:
    """Each work's record and the limits it breaks, one work at a time."""
    for work in works:
        record = ao3_record(work, min_confidence=min_confidence)
        yield record, check_limits(record, limits)


class JsonRecordWriter:
    """Writes records to a stream as one JSON array, one record at a time."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.count = 0
        out.write("[")

    def write(self, record: dict[str, Any]) -> None:
        """Append ``record``."""
        self._out.write("\n" if self.count == 0 else ",\n")
        self._out.write(json.dumps(record, ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        """End the array (the stream itself stays open)."""
        self._out.write("\n]\n" if self.count else "]\n")


def write_json_records(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write ``records`` to ``out`` as one JSON array; returns how many were written."""
    writer = JsonRecordWriter(out)
    for record in records:
        writer.write(record)
    writer.close()
    return writer.count


CSV_WORK_FIELDS = (
    "id", "title", "external_author_name", "fandoms", "warnings", "characters", "rating",
    "relationships", "categories", "additional_tags", "language_code", "summary", "notes",
    "endnotes", "series", "published",
)  # fmt: skip
CSV_CHAPTER_FIELDS = ("position", "title", "summary", "notes", "endnotes", "text")
CSV_HEADER = (*CSV_WORK_FIELDS, *(f"chapter_{f}" for f in CSV_CHAPTER_FIELDS))


def csv_rows(record: dict[str, Any]) -> Iterator[list[str]]:
    """One CSV row per chapter: the work's fields (tags joined by ", ") then the chapter's."""
    work = [
        ", ".join(record[f]) if isinstance(record[f], list) else str(record[f])
        for f in CSV_WORK_FIELDS
    ]
    for ch in record["chapters"] or [dict.fromkeys(CSV_CHAPTER_FIELDS, "")]:
        yield [*work, *(str(ch[f]) for f in CSV_CHAPTER_FIELDS)]


class CsvRecordWriter:
    """Writes records to a CSV stream as they come."""

    def __init__(self, out: TextIO) -> None:
        self._writer = SheetWriter(out)
        self._writer.writerow(CSV_HEADER)

    def write(self, record: dict[str, Any]) -> None:
        """Append ``record``'s rows."""
        self._writer.writerows(csv_rows(record))


def write_breach_report(breaches: Iterable[Breach], out: TextIO) -> int:
    """The limits report as CSV (work id, title, limit, detail); returns the row count."""
    writer = SheetWriter(out)
    writer.writerow(("work_id", "title", "limit", "detail"))
    n = 0
    for b in breaches:
        writer.writerow((b.work_id, b.title, b.limit, b.detail))
        n += 1
    return n
