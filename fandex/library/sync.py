"""Reading progress pushed by e-readers (KOReader's progress sync), kept per user and
document as koreader-sync-server keeps it, and carried over to the work's reading
state when fandex knows the document (:mod:`fandex.library.documents`).

KOReader's ``progress`` is an XPointer into the book (``/body/DocFragment[3]/body/...``
for the third file of the EPUB's spine) and ``percentage`` a fraction of its pages.
For an EPUB fandex made, the spine is the preface and then one file per chapter, so
the DocFragment names the chapter; elsewhere the chapter is worked out from the
percentage and the chapters' word counts.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from fandex.library import documents, reading, schema
from fandex.library.store import Library
from fandex.model import Work

_FRAGMENT = re.compile(r"^/body/DocFragment\[(\d+)\]")
# Spine files before the first chapter in an EPUB fandex serves: the preface.
SPINE_BEFORE_CHAPTERS = 1


@dataclass(frozen=True)
class Progress:
    """One device's last position in one document."""

    document: str
    percentage: float
    progress: str
    device: str
    device_id: str | None
    timestamp: int

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "document": self.document,
            "percentage": self.percentage,
            "progress": self.progress,
            "device": self.device,
            "timestamp": self.timestamp,
        }
        if self.device_id is not None:
            out["device_id"] = self.device_id
        return out


def get(lib: Library, user: str, document: str) -> Progress | None:
    """The last progress ``user`` pushed for ``document``."""
    sp = schema.sync_progress
    with lib.engine.connect() as conn:
        row = conn.execute(
            select(sp).where(sp.c.user_name == user, sp.c.document == document)
        ).first()
    if row is None:
        return None
    return Progress(
        row.document, row.percentage, row.progress, row.device, row.device_id, row.timestamp
    )


def put(
    lib: Library,
    user: str,
    document: str,
    *,
    percentage: float,
    progress: str,
    device: str,
    device_id: str | None = None,
) -> Progress:
    """Store a device's position (the latest write wins, as on koreader-sync-server)
    and, for a document fandex served, move the work's reading state along."""
    record = Progress(document, float(percentage), progress, device, device_id, int(time.time()))
    _store(lib, user, record)
    found = documents.work_for(lib, document)
    if found is not None:
        _carry_over(lib, user, found[0], found[1], record)
    return record


def web_document(work_id: str) -> str:
    """The pseudo-document under which fandex's web reader keeps its place in a work."""
    return f"web:{work_id}"


def put_web(
    lib: Library, user: str, work_id: str, *, chapter: int, position: float, percent: float
) -> Progress:
    """Keep the web reader's place (``chapter:position``) beside the devices' ones, so
    an e-reader asking later is offered it when it is the newest."""
    record = Progress(
        web_document(work_id),
        percent / 100.0,
        f"{chapter}:{position:.4f}",
        "fandex web reader",
        "fandex-web",
        int(time.time()),
    )
    _store(lib, user, record)
    return record


def _store(lib: Library, user: str, record: Progress) -> None:
    sp = schema.sync_progress
    values = {"user_name": user, **record.to_dict(), "device_id": record.device_id}
    with lib.engine.begin() as conn:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(insert(sp).values(**values).on_conflict_do_nothing())
        conn.execute(
            update(sp)
            .where(sp.c.user_name == user, sp.c.document == record.document)
            .values(**{k: v for k, v in values.items() if k not in ("user_name", "document")})
        )


def _carry_over(lib: Library, user: str, work_id: str, kind: str, record: Progress) -> None:
    work = lib.find(work_id)
    if work is None:
        return
    percent = 100.0 * max(0.0, min(1.0, record.percentage))
    place = chapter_at(work, record.progress, percent) if kind == "epub" else None
    place = place or reading.place_of(work, percent)
    chapter, position = place if place else (None, None)
    reading.record_progress(lib, work_id, percent, chapter=chapter, position=position, reader=user)


def chapter_at(work: Work, xpointer: str, percent: float) -> tuple[int, float] | None:
    """The chapter an XPointer into fandex's EPUB of ``work`` points into, and how far
    into it ``percent`` (of the whole work) falls; None when it names no chapter.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, text="a b"), Chapter(2, text="c d e f g h i j")])
    >>> chapter_at(w, "/body/DocFragment[3]/body/div/p[4]", 60.0)
    (2, 0.5)
    >>> chapter_at(w, "/body/DocFragment[1]/body", 0.0) is None
    True
    """
    m = _FRAGMENT.match(xpointer or "")
    if not m:
        return None
    k = int(m.group(1)) - SPINE_BEFORE_CHAPTERS
    if not 1 <= k <= len(work.chapters):
        return None
    counts = [max(1, c.words) for c in work.chapters]
    total = sum(counts)
    before = sum(counts[: k - 1])
    inside = (total * percent / 100.0 - before) / counts[k - 1]
    return work.chapters[k - 1].index, round(max(0.0, min(1.0, inside)), 4)


__all__ = [
    "SPINE_BEFORE_CHAPTERS",
    "Progress",
    "chapter_at",
    "get",
    "put",
    "put_web",
    "web_document",
]
