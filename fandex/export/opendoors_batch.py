"""The archivist's exports: Open Doors tables (``opendoors``) and AO3 import requests
(``ao3``), each with the Tag Wrangling sheet, the limits audit and the e-mail report.

``opendoors`` writes::

    opendoors.sql            authors, stories, chapters, story_links (a MySQL dump)
    tag-sheet.csv            Open Doors' Tag Wrangling sheet, pre-filled
    limits-report.csv        every AO3 limit a work breaks, and every cut made to fit
    suggested-tags.csv       fandex's inferred tags, kept out of the tables for review
    emails-to-redact.csv     e-mail addresses found in texts and notes
    story-ids.csv            fandex work id -> archive and story id -> ODAP story id

``ao3`` writes request files for AO3's import API (``POST /api/v2/works``): AO3 fetches
each chapter from a URL, so the chapter pages are written too, to be served at
``--chapter-base-url``::

    requests/ao3-import-001.json ...   {"archivist": ..., "works": [...]} (fewer than 25 each)
    chapters/WORK_ID/N.html            the chapter pages the requests point at
    limits-report.csv, tag-sheet.csv, emails-to-redact.csv

A work that breaks an AO3 limit stays out of the requests (AO3 would refuse or alter
it) and is listed in the report with the reason.
"""

from __future__ import annotations

import csv
import html
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from fandex.errors import FandexError
from fandex.export.ao3records import (
    Breach,
    Limits,
    ao3_record,
    api_item,
    check_limits,
    write_breach_report,
)
from fandex.export.emails import EmailFinding, find_emails, write_email_report
from fandex.export.opendoors import OdapWriter
from fandex.export.sheets import SheetWriter
from fandex.export.tags import Threshold
from fandex.export.tagsheet import TagSheet, write_tag_sheet
from fandex.model import Tag, Work
from fandex.read.archives.originals import archive_info

__all__ = [
    "AO3_FILES",
    "ODAP_FILES",
    "Ao3Options",
    "export_ao3",
    "export_opendoors",
    "with_default_fandoms",
]

ODAP_FILES = {
    "sql": "opendoors.sql",
    "sheet": "tag-sheet.csv",
    "report": "limits-report.csv",
    "suggestions": "suggested-tags.csv",
    "emails": "emails-to-redact.csv",
    "ids": "story-ids.csv",
}
AO3_FILES = {
    "report": "limits-report.csv",
    "sheet": "tag-sheet.csv",
    "emails": "emails-to-redact.csv",
}


class _Sink(Protocol):
    def reserve(self, name: str) -> str: ...
    def write(self, name: str, data: bytes) -> None: ...
    def add_file(self, name: str, path: Path) -> None: ...


class _Result(Protocol):
    written: list[str]
    failed: list[tuple[str, str]]
    breaches: list[Breach]
    works: int


Progress = Callable[[Work, bool], None]


@dataclass(frozen=True)
class Ao3Options:
    """Where AO3 will fetch the chapter pages from, and who imports."""

    chapter_base_url: str
    archivist: str


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _finish(sink: _Sink, result: _Result, staged: dict[str, Path], names: dict[str, str]) -> None:
    for key, path in staged.items():
        name = sink.reserve(names[key])
        sink.add_file(name, path)
        result.written.append(name)


def export_opendoors(
    works: Iterable[Work],
    sink: _Sink,
    result: _Result,
    *,
    min_confidence: Threshold,
    limits: Limits,
    progress: Progress | None,
) -> None:
    """Write the Open Doors files for ``works`` into ``sink`` (see the module doc)."""
    sheet = TagSheet()
    emails: list[EmailFinding] = []
    with tempfile.TemporaryDirectory(prefix="fandex-odap-") as tmp:
        staged = {key: Path(tmp) / name for key, name in ODAP_FILES.items()}
        with staged["sql"].open("w", encoding="utf-8") as out:
            writer = OdapWriter(out, min_confidence=min_confidence)
            for work in works:
                result.works += 1
                try:
                    result.breaches += check_limits(ao3_record(work, min_confidence=1.01), limits)
                    result.breaches += writer.add(work)
                    sheet.add(work)
                    emails += find_emails(work)
                    ok = True
                except Exception as exc:  # one bad work must not stop the batch
                    result.failed.append((work.id or work.title, _one_line(exc)))
                    ok = False
                if progress is not None:
                    progress(work, ok)
            writer.close()
        _write_reports(staged, result.breaches, sheet, emails)

        def suggestions(out: TextIO) -> None:
            w = SheetWriter(out)
            w.writerow(("story_id", "work_id", "title", "type", "tag", "confidence", "evidence"))
            for s in writer.suggestions:
                w.writerow(
                    (
                        s.story_id,
                        s.work_id,
                        s.title,
                        s.type,
                        s.name,
                        f"{s.confidence:.2f}",
                        s.evidence,
                    )
                )

        def ids(out: TextIO) -> None:
            w = csv.writer(out)
            w.writerow(("work_id", "archive", "archive_story_id", "odap_story_id"))
            w.writerows(writer.id_map)

        _write_csv(staged["suggestions"], suggestions)
        _write_csv(staged["ids"], ids)
        _finish(sink, result, staged, ODAP_FILES)


def _write_reports(
    staged: dict[str, Path], breaches: list[Breach], sheet: TagSheet, emails: list[EmailFinding]
) -> None:
    """The limits report, the tag sheet and the e-mail report, both formats write them."""
    _write_csv(staged["report"], lambda out: write_breach_report(breaches, out))
    _write_csv(staged["sheet"], lambda out: write_tag_sheet(sheet.sorted_rows(), out))
    _write_csv(staged["emails"], lambda out: write_email_report(emails, out))


def _write_csv(path: Path, fill: Callable[[TextIO], object]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        fill(out)


def with_default_fandoms(works: Iterable[Work], fandoms: Sequence[str]) -> Iterator[Work]:
    """``works``, each carrying ``fandoms`` as an archivist's tags, for this export only
    (Open Doors' ``default_fandom``: a single-fandom archive never names its fandom, and
    AO3 requires one). The library is not changed."""
    for work in works:
        for name in fandoms:
            if name.strip():
                tag = Tag("fandom", name.strip(), source="user", attrs={"default_fandom": True})
                work.add_tag(tag)
        yield work


def _offsite(work: Work) -> list[Breach]:
    """An off-site story is a bookmark, not a work AO3 can fetch text for."""
    if not (archive_info(work) or {}).get("link"):
        return []
    detail = f"off-site story ({work.header.get('URL', '')}): a bookmark, not a work; "
    detail += "--format opendoors lists it in story_links"
    return [Breach(work.id, work.title, "offsite", detail)]


def chapter_page(work: Work, position: int, body: str) -> bytes:
    """One chapter as the page AO3's importer fetches: a plain HTML document."""
    title = html.escape(work.title)
    chapter = work.chapters[position - 1].title
    heading = f"<h2>{html.escape(chapter)}</h2>\n" if chapter else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body>\n{heading}{body}\n</body></html>\n"
    ).encode()


def export_ao3(
    works: Iterable[Work],
    sink: _Sink,
    result: _Result,
    *,
    options: Ao3Options | None,
    min_confidence: Threshold,
    limits: Limits,
    progress: Progress | None,
) -> None:
    """Write AO3 import requests and their chapter pages for ``works`` into ``sink``."""
    if options is None or not options.chapter_base_url or not options.archivist:
        raise FandexError(
            "--format ao3 needs --chapter-base-url (where the chapter pages will be served, "
            "AO3 fetches them) and --archivist (your AO3 archivist login); "
            "or use --format opendoors, the Open Doors tables"
        )
    base = options.chapter_base_url.rstrip("/")
    sheet = TagSheet()
    emails: list[EmailFinding] = []
    batch: list[dict[str, object]] = []
    requests = 0

    def flush() -> None:
        nonlocal requests, batch
        if not batch:
            return
        requests += 1
        body = {
            "archivist": options.archivist,
            "send_claim_emails": False,
            "post_without_preview": True,
            "works": batch,
        }
        name = sink.reserve(f"requests/ao3-import-{requests:03d}.json")
        sink.write(name, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        result.written.append(name)
        batch = []

    with tempfile.TemporaryDirectory(prefix="fandex-ao3-") as tmp:
        staged = {key: Path(tmp) / name for key, name in AO3_FILES.items()}
        for work in works:
            result.works += 1
            try:
                urls = [f"{base}/{work.id}/{n}.html" for n in range(1, len(work.chapters) + 1)]
                record = ao3_record(work, chapter_urls=urls, min_confidence=min_confidence)
                breaches = check_limits(record, limits) + _offsite(work)
                result.breaches += breaches
                sheet.add(work)
                emails += find_emails(work)
                if not breaches:
                    for pos, ch in enumerate(record["chapters"], start=1):
                        sink.write(
                            f"chapters/{work.id}/{pos}.html", chapter_page(work, pos, ch["text"])
                        )
                    batch.append(api_item(record))
                    if len(batch) >= limits.works_per_request:
                        flush()
                ok = True
            except Exception as exc:  # one bad work must not stop the batch
                result.failed.append((work.id or work.title, _one_line(exc)))
                ok = False
            if progress is not None:
                progress(work, ok)
        flush()
        _write_reports(staged, result.breaches, sheet, emails)
        _finish(sink, result, staged, AO3_FILES)
