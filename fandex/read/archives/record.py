"""One story of an archive dump as a small serialised record, and the reader for it.

Discovery expands a dump into one candidate per story (``archive.sql!story/123``) whose
bytes are a record made here: deterministic JSON (the same story gives the same bytes,
so a re-import is ``unchanged``), text included. The ``archive-record`` reader turns a
record into a :class:`RawDocument` like any other reader, so the importer's per-file
results, idempotence and parallel workers apply to archive stories unchanged.

>>> rec = StoryRecord(kind="efiction", archive="Test", story_id="7", title="Dawn",
...     authors=[{"name": "Wren"}], chapters=[{"title": "One", "text": "She woke."}])
>>> doc = ArchiveRecordReader().read(rec.to_bytes(), "7")
>>> doc.metadata["title"], doc.chapters[0].blocks[0].text
('Dawn', 'She woke.')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from fandex.errors import ReadError
from fandex.read.archives.originals import ARCHIVE_KEY, Original, stated_tags
from fandex.read.document import Block, RawChapter, RawDocument, paragraphs
from fandex.read.htmltext import blocks_of, parse_html

__all__ = ["MAGIC", "ArchiveRecordReader", "StoryRecord", "text_blocks"]

MAGIC = b'{"fandex-archive-record": 1'
_HTML = re.compile(r"<(?:p|br|div|i|em|b|strong|blockquote|center|hr|span|font)\b[^>]*>", re.I)


@dataclass
class StoryRecord:
    """A story as an archive holds it. ``authors``: dicts with ``name`` (and ``id``,
    ``email``), the first the story's owner; ``chapters``: dicts with ``title``,
    ``text`` and optionally ``notes``, ``endnotes``, ``id``, ``words``; ``series``:
    dicts with ``title``, ``position`` (and ``id``)."""

    kind: str
    archive: str
    story_id: str
    title: str = ""
    summary: str = ""
    notes: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    complete: bool | None = None
    words: int | None = None
    language: str | None = None
    url: str | None = None
    originals: list[Original] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    chapters: list[dict[str, Any]] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        """The record as deterministic JSON, marked so the reader recognises it."""
        # Shallow on purpose: dataclasses.asdict deep-copies every chapter's text.
        body = {name: getattr(self, name) for name in self.__dataclass_fields__}
        body["originals"] = [o.to_dict() for o in self.originals]
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return MAGIC + b"," + text[1:].encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryRecord:
        if not data.startswith(MAGIC):
            raise ReadError("not an archive record")
        try:
            body = json.loads(b"{" + data[len(MAGIC) + 1 :])
        except ValueError as exc:
            raise ReadError(f"damaged archive record ({exc})") from None
        body["originals"] = [Original.from_dict(o) for o in body.get("originals", [])]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in body.items() if k in known})


def text_blocks(text: str) -> tuple[list[Block], str | None]:
    """Blocks of a chapter's text, and its HTML when the archive stored HTML.

    eFiction stores what the author submitted: HTML from its editor, or plain text
    shown with line breaks kept. Either way the blocks are what a reader sees.
    """
    if _HTML.search(text[:20000]):
        root = parse_html(text)
        body = root.find("body")
        return blocks_of(body if body is not None else root), text
    return paragraphs(text), None


def _header(rec: StoryRecord) -> dict[str, str]:
    """The record's fields as a file's header would have them, plus the machine key."""
    out: dict[str, str] = {"Archive": rec.archive, "Story ID": rec.story_id}
    by_field: dict[str, list[str]] = {}
    for o in rec.originals:
        label = o.parent if o.type == "class" and o.parent else o.type.capitalize()
        by_field.setdefault(label, []).append(o.name)
    for label, names in by_field.items():
        out.setdefault(label, ", ".join(names))
    for s in rec.series:
        place = f" (part {s['position']})" if s.get("position") else ""
        out.setdefault("Series", f"{s.get('title', '')}{place}")
    if rec.words is not None:
        out["Words"] = str(rec.words)
    if rec.url:
        out["URL"] = rec.url
    info = {
        "kind": rec.kind,
        "archive": rec.archive,
        "story_id": rec.story_id,
        "originals": [o.to_dict() for o in rec.originals],
        "authors": rec.authors,
        "series": rec.series,
    }
    out[ARCHIVE_KEY] = json.dumps(info, ensure_ascii=False, sort_keys=True)
    return out


class ArchiveRecordReader:
    """Reader for the story records archive dumps expand into."""

    name = "archive-record"
    extensions: tuple[str, ...] = ()

    def sniff(self, head: bytes, filename: str) -> float:
        return 1.0 if head.startswith(MAGIC) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        rec = StoryRecord.from_bytes(data)
        chapters: list[RawChapter] = []
        for ch in rec.chapters:
            blocks, html = text_blocks(str(ch.get("text") or ""))
            chapters.append(
                RawChapter(
                    title=(str(ch.get("title") or "").strip() or None),
                    blocks=blocks,
                    notes_begin=str(ch.get("notes") or "").strip() or None,
                    notes_end=str(ch.get("endnotes") or "").strip() or None,
                    html=html,
                )
            )
        if not any(c.blocks for c in chapters):
            raise ReadError(f"story {rec.story_id}: no chapter text")
        meta: dict[str, Any] = {
            "title": rec.title.strip() or None,
            "authors": [a["name"] for a in rec.authors if a.get("name")],
            "summary": rec.summary.strip() or None,
            "notes_begin": rec.notes.strip() or None,
            "published": rec.published,
            "updated": rec.updated,
            "language": rec.language,
            "tags": stated_tags(rec.originals),
            "fields": _header(rec),
            "producer": rec.kind,
        }
        if rec.complete is not None:
            meta["status"] = "complete" if rec.complete else "wip"
        if rec.series:
            meta["series"] = str(rec.series[0].get("title") or "") or None
        if rec.url:
            meta["url"] = rec.url
        return RawDocument(rec.kind, chapters=chapters, metadata=meta)
