"""Text files whose first lines are a story's facts by position, after a marker line.

Some tools keep a story as plain lines with no labels: a marker naming the layout, then
the story's address, title, author and summary, one a line, then the story itself as
text or HTML paragraphs. Without the layout those lines read as the story's opening.
The layouts are data (``fandex/vocab/lined_headers.toml``): a marker, what each
following line holds, and the line the tool writes between chapters, if it writes one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from fandex.errors import ReadError
from fandex.read import sniff
from fandex.read.document import RawChapter, RawDocument
from fandex.read.encoding import decode
from fandex.vocab.ao3 import load_toml

__all__ = ["LinedHeaderReader", "layout_of"]

LAYOUTS_FILE = "lined_headers.toml"
_FIELDS = frozenset({"url", "title", "author", "summary", "skip"})
_TAGGED = re.compile(r"<(?:p|br|div|em|i|b|strong)\b[^>]*>", re.IGNORECASE)


@cache
def _layouts() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    out = []
    for layout in load_toml(LAYOUTS_FILE).get("layout", []):
        lines = tuple(str(x) for x in layout.get("lines", []))
        if layout.get("marker") and lines and set(lines) <= _FIELDS:
            brk = str(layout.get("chapter_break") or "").strip()
            out.append((str(layout["marker"]).strip(), lines, brk))
    return tuple(out)


def layout_of(first_line: str) -> tuple[str, ...] | None:
    """What the lines after ``first_line`` hold, when it is a known layout's marker.

    >>> layout_of("LOCAL TEXT STORY")
    ('url', 'title', 'author', 'summary')
    >>> layout_of("Local text story, a tale of three cities") is None
    True
    """
    line = first_line.strip()
    return next((lines for marker, lines, _ in _layouts() if marker == line), None)


def _chapter_break(first_line: str) -> str:
    """The line a layout writes between chapters ("" when it writes none)."""
    line = first_line.strip()
    return next((brk for marker, _, brk in _layouts() if marker == line), "")


def _first_line(head: bytes) -> str:
    line = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return line.decode("utf-8", "replace")


class LinedHeaderReader:
    """A text file in a known lined layout (its first line is the layout's marker)."""

    name = "lined-header"
    extensions = (".txt", ".text", ".html", ".htm")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.97 when the first line is a layout's marker, else 0."""
        if sniff.looks_binary(head):
            return 0.0
        return 0.97 if layout_of(_first_line(head)) is not None else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """The story after the lined facts, those facts as the work's metadata."""
        text, encoding = decode(data)
        lines = text.lstrip("\ufeff \t\r\n").replace("\r\n", "\n").split("\n")
        layout = layout_of(lines[0]) if lines else None
        if layout is None:
            raise ReadError("not a lined-header text (no layout marker)")
        facts = [ln.strip() for ln in lines[1 : 1 + len(layout)]]
        body = "\n".join(lines[1 + len(layout) :]).strip()
        if not body:
            raise ReadError("the file holds the story's facts but no story text")
        doc = _read_parts(body, encoding, _chapter_break(lines[0]))
        meta: dict[str, Any] = doc.metadata
        for what, value in zip(layout, facts, strict=False):
            if not value or what == "skip":
                continue
            if what == "author":
                meta["authors"] = [value]
            else:
                meta[what] = value
        return doc


def _read_parts(body: str, encoding: str, brk: str) -> RawDocument:
    """The body as one text, or as chapters when the layout's break line parts it."""
    parts = [body]
    if brk:
        parts = [p.strip() for p in re.split(rf"(?m)^[ \t]*{re.escape(brk)}[ \t]*$", body)]
        parts = [p for p in parts if p]
    if len(parts) < 2:
        return _read_body(body, encoding)
    docs = [_read_body(p, encoding) for p in parts]
    first = docs[0]
    chapters = [RawChapter(title=None, blocks=d.all_blocks()) for d in docs]
    return RawDocument(first.format, chapters=chapters, metadata=first.metadata)


def _read_body(body: str, encoding: str) -> RawDocument:
    # Imported here: the HTML reader imports most readers, this one among them not.
    from fandex.read.html import HtmlReader
    from fandex.read.txt import read_text

    if _TAGGED.search(body[:65536]):
        return HtmlReader().read(body.encode("utf-8"), "story.html")
    return read_text(body, encoding)
