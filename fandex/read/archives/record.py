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

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from fandex.errors import ReadError
from fandex.read.archives.originals import ARCHIVE_KEY, Original, stated_tags
from fandex.read.document import Block, RawChapter, RawDocument, paragraphs
from fandex.read.htmltext import blocks_of, inner_html, parse_html

__all__ = [
    "MAGIC",
    "ArchiveRecordReader",
    "StoryRecord",
    "html_text",
    "offsite_link",
    "text_blocks",
]

MAGIC = b'{"fandex-archive-record": 1'
# Markup an archive's editor wrote (eFiction's allowed tags and the usual others).
_HTML = re.compile(
    r"</?(?:p|br|div|i|em|b|strong|u|s|strike|del|ins|sup|sub|small|big|tt|code|pre|"
    r"blockquote|center|hr|span|font|a|img|ol|ul|li|dl|dt|dd|h[1-6]|table|tr|td|th)\b[^>]*>",
    re.I,
)
# Markup that breaks lines: without any, eFiction showed the text's own line breaks.
_BREAKS = re.compile(r"<(?:p|br|div|li|tr|h[1-6]|blockquote|pre)\b", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)
_URL = re.compile(r"https?://[^\s<>\"']+", re.I)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
# A chapter that only points elsewhere: one link and a sentence or so around it.
_LINK_WORDS = 25
_LINK_CHARS = 2000


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
    link: bool = False  # an off-site story: ``url`` is where it is (a bookmark)

    def to_bytes(self) -> bytes:
        """The record as deterministic JSON, marked so the reader recognises it."""
        # Shallow on purpose: dataclasses.asdict deep-copies every chapter's text.
        body = {name: getattr(self, name) for name in self.__dataclass_fields__}
        body["originals"] = [o.to_dict() for o in self.originals]
        if not self.link:
            del body["link"]  # records of stories with text keep their bytes (and hash)
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
    shown with line breaks kept. Text with inline markup but no line-breaking markup
    (a link, an ``<hr>``) was shown with its own line breaks, as eFiction's ``nl2br``
    did. Either way the blocks are what a reader saw.

    >>> [b.text for b in text_blocks("From: <a href='x'>Bo</a>\\nTo: Al\\n\\nHi.")[0]]
    ['From: Bo\\nTo: Al', 'Hi.']
    """
    if not _HTML.search(text[:20000]):
        return paragraphs(text), None
    if not _BREAKS.search(text):
        text = re.sub(r"\r?\n", "<br>\n", text.strip())
    root = parse_html(text)
    body = root.find("body")
    if body is None:
        return blocks_of(root), text
    # A whole page (an Automated Archive story file): its body is the chapter.
    return blocks_of(body), (inner_html(body) if root.find("head") is not None else text)


def html_text(value: str) -> str:
    """A summary or a note as text: an archive's markup and entities read as a reader
    saw them (paragraphs apart, no-break spaces as spaces).

    >>> html_text("&nbsp;<p> &nbsp;</p>Meat &amp; bread.")
    'Meat & bread.'
    """
    if _HTML.search(value):
        texts = [b.text for b in text_blocks(value)[0]]
    elif _ENTITY.search(value):
        texts = [html.unescape(b.text) for b in paragraphs(value)]
    else:
        return value.strip()
    return "\n\n".join(" ".join(t.split()) for t in texts if t.split())


def offsite_link(text: str) -> str | None:
    """The address a chapter points to when pointing there is all it does (an archive's
    listing of a story kept on another site), else None.

    >>> offsite_link('Read it at: <a href="http://example.org/s/1">Story</a>')
    'http://example.org/s/1'
    """
    if len(text) > _LINK_CHARS:
        return None
    links = set(_HREF.findall(text)) or set(_URL.findall(text))
    if len(links) != 1:
        return None
    words = _WORD.findall(_URL.sub(" ", _TAG.sub(" ", html.unescape(text))))
    return next(iter(links)) if len(words) <= _LINK_WORDS else None


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
    info: dict[str, Any] = {
        "kind": rec.kind,
        "archive": rec.archive,
        "story_id": rec.story_id,
        "originals": [o.to_dict() for o in rec.originals],
        "authors": rec.authors,
        "series": rec.series,
    }
    if rec.link:
        info["link"] = True  # an off-site story: Open Doors lists it in story_links
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
            blocks, markup = text_blocks(str(ch.get("text") or ""))
            chapters.append(
                RawChapter(
                    title=html_text(str(ch.get("title") or "")) or None,
                    blocks=blocks,
                    notes_begin=html_text(str(ch.get("notes") or "")) or None,
                    notes_end=html_text(str(ch.get("endnotes") or "")) or None,
                    html=markup,
                )
            )
        if not any(c.blocks for c in chapters):
            raise ReadError(f"story {rec.story_id}: no chapter text")
        meta: dict[str, Any] = {
            "title": html_text(rec.title) or None,
            "authors": [a["name"] for a in rec.authors if a.get("name")],
            "summary": html_text(rec.summary) or None,
            "notes_begin": html_text(rec.notes) or None,
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
        if rec.link:
            meta["offsite"] = True  # a bookmark: kept whatever its one line looks like
        return RawDocument(rec.kind, chapters=chapters, metadata=meta)
