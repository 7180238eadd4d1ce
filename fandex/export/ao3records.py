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
from fandex.read.archives.originals import archive_info, author_emails


@dataclass(frozen=True)
class Limits:
    """AO3's limits on an imported work (strict: a value must stay below the maximum
    unless marked "at most")."""

    max_user_tags: int = 75  # at most; fandoms + relationships + characters + additional
    max_title_chars: int = 255  # at most
    summary_chars: int = 1250  # under
    notes_chars: int = 5000  # under
    chapter_chars: int = 510_000  # under
    chapters: int = 200  # under
    tag_chars: int = 150  # at most, per tag
    # AO3's import API refuses a request of IMPORT_MAX_WORKS_BY_ARCHIVIST (25) works or
    # more (``size >= max``), so a request file holds fewer.
    works_per_request: int = 24


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


def ao3_record(
    work: Work,
    *,
    chapter_urls: list[str] | None = None,
    min_confidence: Threshold = None,
) -> dict[str, Any]:
    """The work in the shape of AO3's import API (``POST /api/v2/works``, one item of
    ``works``): metadata, tags as comma-separated strings and the ``chapter_urls`` AO3
    fetches the text from (it never takes text inline). The author's e-mail (required
    by AO3 to invite them to claim the work) comes from the archive the work was
    imported from; ``chapters`` (text, for the limits check) is not sent.
    """
    tags = exportable_tags(work, min_confidence)

    def names(type_: str) -> list[str]:
        return [t.name for t in tags if t.type == type_]

    info = archive_info(work) or {}
    emails = author_emails(work)
    authors = work.authors or ["Anonymous"]
    ratings = names("rating")
    record: dict[str, Any] = {
        "id": str(info.get("story_id") or work.id),
        "work_id": work.id,
        "title": work.title,
        "summary": work.summary or "",
        "notes": work.notes_begin or "",
        "endnotes": work.notes_end or "",
        "fandoms": names("fandom"),
        "warnings": names("warning"),
        "characters": names("character"),
        # AO3 takes one rating; the first exportable one is the strongest claim we hold.
        "rating": ratings[0] if ratings else "Not Rated",
        "relationships": names("relationship"),
        "categories": names("category"),
        "additional_tags": names("freeform"),
        "language_code": language_code(work.language) or "",
        "external_author_name": authors[0],
        "external_author_email": emails.get(authors[0].casefold(), ""),
        "chapter_urls": list(chapter_urls or []),
        "chapters": [
            {"position": pos, "title": ch.title or "", "text": chapter_html(ch.text, ch.html)}
            for pos, ch in enumerate(work.chapters, start=1)
        ],
    }
    if len(authors) > 1:
        record["external_coauthor_name"] = authors[1]
        record["external_coauthor_email"] = emails.get(authors[1].casefold(), "")
    return record


API_LIST_FIELDS = (
    "fandoms", "warnings", "characters", "relationships", "categories", "additional_tags",
)  # fmt: skip


def api_item(record: dict[str, Any]) -> dict[str, Any]:
    """One ``works`` item as AO3's API takes it: tag lists joined by ", ", no text."""
    item = {k: v for k, v in record.items() if k not in ("chapters", "work_id")}
    for key in API_LIST_FIELDS:
        item[key] = ", ".join(record[key])
    if not item.get("endnotes"):
        item.pop("endnotes", None)
    return item


def check_limits(record: dict[str, Any], limits: Limits = AO3_LIMITS) -> list[Breach]:
    """Every AO3 limit ``record`` (from :func:`ao3_record`) breaks; empty when it fits."""
    out: list[Breach] = []
    work_id, title = record.get("work_id", record["id"]), record["title"]

    def breach(limit: str, detail: str) -> None:
        out.append(Breach(work_id, title, limit, detail))

    user_tags = sum(
        len(record[k]) for k in ("fandoms", "relationships", "characters", "additional_tags")
    )
    if user_tags > limits.max_user_tags:
        breach("user_tags", f"{user_tags} tags (at most {limits.max_user_tags})")
    if not record["fandoms"]:
        breach("fandom", "no fandom (AO3 requires one)")
    if "external_author_email" in record and not record["external_author_email"]:
        breach("author_email", "no author e-mail (AO3 needs one to invite the author)")
    for key in ("fandoms", "warnings", "characters", "relationships", "categories",
                "additional_tags"):  # fmt: skip
        for name in record[key]:
            if "," in name:
                breach("tag_comma", f"tag {name!r} contains a comma (AO3 splits tags at commas)")
            if len(name) > limits.tag_chars:
                breach(
                    "tag_length",
                    f"tag {name[:40]!r}... is {len(name)} characters (at most {limits.tag_chars})",
                )
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


def write_breach_report(breaches: Iterable[Breach], out: TextIO) -> int:
    """The limits report as CSV (work id, title, limit, detail); returns the row count."""
    writer = SheetWriter(out)
    writer.writerow(("work_id", "title", "limit", "detail"))
    n = 0
    for b in breaches:
        writer.writerow((b.work_id, b.title, b.limit, b.detail))
        n += 1
    return n
