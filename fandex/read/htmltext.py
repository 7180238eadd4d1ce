"""HTML -> text blocks with light structure. Shared by every HTML-based reader.

The walk is iterative (``lxml.etree.iterwalk``), so a page nested thousands of
levels deep cannot exhaust the stack. Inline text is gathered into the current block;
block-level tags, ``<hr>`` and a double ``<br>`` end it. ``<b>``/``<i>``/``<a>`` become
spans, so ``<b>Title:</b> Foo`` stays the line "Title: Foo" for the header parser.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree as etree
import lxml.html

from fandex.errors import ReadError
from fandex.read.document import Block, Span
from fandex.read.encoding import decode
from fandex.read.limits import MAX_BLOCK_CHARS, check_markup, split_block
from fandex.read.unwrap import paragraphs

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "center",
        "blockquote",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "address",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "caption",
        "form",
        "fieldset",
        "body",
        "html",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "hr",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "head",
        "title",
        "noscript",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "template",
        "map",
        "area",
        "audio",
        "video",
        "canvas",
    ]
)
INLINE_KIND = {
    "i": "em",
    "em": "em",
    "cite": "em",
    "u": "em",
    "b": "strong",
    "strong": "strong",
    "a": "link",
}
# Whitespace to collapse to one space: runs, or any newline/tab (a lone space, by far
# the most common, is left alone and costs nothing).
_WS = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\n\f]")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_DIVIDER_IMG = re.compile(r"line|divider|bar|rule|break|separ|hr\b|sep\b", re.I)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""",
    re.I,
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")

_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True
)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: its declared charset if the bytes honour it, else a guess."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _DECLARED.search(data[:4096])
        if m:
            declared = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
            if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
                declared = "cp1252"  # what browsers do, and what old pages meant
            if declared in ("cp1252", "windows-1252") and not data.isascii():
                # Pages re-saved as UTF-8 keep their old declaration; valid UTF-8 with
                # non-ASCII bytes in it is almost never really cp1252.
                try:
                    return data.decode("utf-8"), "utf-8"
                except UnicodeDecodeError:
                    pass
            try:
                return data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lies (common); fall back to detection
    return decode(data)


# The Wayback Machine's replay of a saved page: its toolbar between two comments at the
# top of the body (a browser's "save page" keeps it, shown), and every link rewritten to
# "/web/<timestamp>[modifier_]/<original address>".
_WAYBACK_TOOLBAR = re.compile(
    r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
    re.IGNORECASE | re.DOTALL,
)
_WAYBACK_LINK = re.compile(
    r"(?:https?:)?(?://web\.archive\.org)?/web/\d{8,14}(?:[a-z]{2}_)?/(?=(?:https?:)?//)",
    re.IGNORECASE,
)


def unwrap_archive(text: str) -> str:
    """The page as its site served it: the Wayback Machine's toolbar left out and its
    rewritten links pointing where they pointed (``/u/12``, ``viewstory.php?sid=3``).

    >>> unwrap_archive('<a href="/web/20120304051122/http://example.org/u/1">A</a>')
    '<a href="http://example.org/u/1">A</a>'
    """
    if "/web/" not in text:
        return text
    if "WAYBACK TOOLBAR" in text:
        text = _WAYBACK_TOOLBAR.sub("", text)
    return _WAYBACK_LINK.sub("", text)


def parse_html(data: bytes | str) -> Any:
    """Parse bytes or text into an lxml HTML root; ReadError if nothing parses. A page
    saved from the Wayback Machine is read without the archive's wrapping."""
    text = unwrap_archive(decode_html(data)[0] if isinstance(data, bytes) else data)
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        raise ReadError("the page is empty")
    check_markup(text)  # before libxml2: a limit it would take minutes to hit
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"the page could not be parsed as HTML ({exc})") from None


def tag_of(el: Any) -> str:
    """Lower-case local tag name ('' for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.length = 0
        self.last = ""
        self.spans: list[Span] = []
        self.generation = 0  # bumps at every flush, so an open span knows it was split
        self.divider: str | None = None

    def text(self, s: str | None) -> None:
        if not s:
            return
        # Substring checks are far cheaper than the regex on text that needs nothing.
        if "  " in s or "\n" in s or "\t" in s or "\r" in s or "\f" in s:
            s = _WS.sub(" ", s)
        if s.startswith(" ") and (self.length == 0 or self.last in " \n"):
            s = s[1:]
        if s:
            self.parts.append(s)
            self.length += len(s)
            self.last = s[-1]

    def cell_gap(self) -> None:
        if self.length and self.last not in " \n":
            self.text(" ")

    def term_end(self) -> None:
        """Close a definition list's term as a label: "Rating" -> "Rating: "."""
        if self.length == 0 or self.last == "\n":
            return
        if self.last == " ":
            self._pop_last()
        if self.last != ":":
            self.text(":")
        self.text(" ")

    def br(self) -> None:
        if self.length == 0:
            return
        if self.last == "\n":
            self._pop_last()
            self.flush()
            return
        if self.last == " ":
            self._pop_last()
        self.parts.append("\n")
        self.length += 1
        self.last = "\n"

    def _pop_last(self) -> None:
        tail = self.parts[-1][:-1]
        if tail:
            self.parts[-1] = tail
        else:
            self.parts.pop()
        self.length -= 1
        self.last = self.parts[-1][-1] if self.parts else ""

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        text = "".join(self.parts).rstrip()
        spans = [
            Span(s.start, min(s.end, len(text)), s.kind, s.href)
            for s in self.spans
            if s.start < len(text)
        ]
        if len(text) > MAX_BLOCK_CHARS:  # a page of one enormous paragraph: cut it now
            self.blocks += split_block(Block(kind, text, level=level, spans=spans))
        elif text:
            self.blocks.append(Block(kind, text, level=level, spans=spans))
        elif self.divider is not None:
            self.blocks.append(Block("rule", attrs={"image": self.divider}))
        self.parts, self.length, self.last, self.spans = [], 0, "", []
        self.divider = None
        self.generation += 1

    def rule(self) -> None:
        self.flush()
        self.blocks.append(Block("rule"))

    def raw(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


_LABEL_CELL_CHARS = 30
_LABEL_CELL_WORDS = 4


def _label_cells(table: Any) -> list[Any]:
    """A key-value table ("Rating" | "PG" on every row, two rows or more): its first
    cells, to be read as labels ("Rating: PG"). Any other table: none."""
    rows = [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]
    firsts = []
    for row in rows:
        cells = [c for c in row if tag_of(c) in ("td", "th")]
        if len(cells) != 2:
            return []
        text = " ".join(cells[0].text_content().split())
        if not text or len(text) > _LABEL_CELL_CHARS or len(text.split()) > _LABEL_CELL_WORDS:
            return []
        firsts.append(cells[0])
    return firsts if len(firsts) >= 2 else []


# A class naming a label or a key: "label", "field-label", BEM's "entry__key".
_LABEL_CLASS = re.compile(r"^(?:.+(?:__|-|_))?(?:label|key)$")


def _marked_label(el: Any) -> bool:
    """An element the page marks as a label (``class="label"``, ``"entry__key"``):
    "Rating" -> "Rating: "."""
    cls = el.get("class")
    if not cls or not any(_LABEL_CLASS.match(c) for c in cls.split()):
        return False
    text = el.text_content()
    return 0 < len(text.strip()) <= _LABEL_CELL_CHARS


def _after_label(el: Any) -> bool:
    """A value box right after its label box (``<div class="entry__key">Rating</div>
    <div class="entry__value">Teen</div>``): the two read as one line."""
    prev = el.getprevious()
    return prev is not None and not (prev.tail or "").strip() and _marked_label(prev)


def blocks_of(root: Any, *, skip: set[Any] | None = None) -> list[Block]:
    """The text blocks under ``root`` in reading order; elements in ``skip`` are left out."""
    b = _Builder()
    label_cells: set[Any] = set()
    open_spans: list[tuple[int, int, str, str | None]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = tag_of(el)
        if event == "start":
            if not tag or tag in SKIP_TAGS or (skip and el in skip):
                walker.skip_subtree()
                continue
            if tag == "pre":
                b.flush()
                for block in _pre_blocks(el.text_content()):
                    b.raw(block)
                walker.skip_subtree()
                continue
            if tag == "table":
                label_cells.update(_label_cells(el))
            if tag == "dt":
                if b.last != "\n":
                    b.br()  # a definition list reads "Term: definition", a line each
            elif tag == "dd":
                pass
            elif tag in BLOCK_TAGS and not _after_label(el):
                b.flush()
            elif tag in BLOCK_TAGS:
                pass
            elif tag in ("td", "th"):
                b.cell_gap()
            elif tag == "br":
                b.br()
            elif (
                tag == "span"
                and b.length
                and b.last != "\n"
                and "label" in (el.get("class") or "").split()
            ):
                b.br()  # eFiction runs "Categories: x Characters: y" on one line; split it
            elif tag == "img":
                src = f"{el.get('src', '')} {el.get('alt', '')}"
                if _DIVIDER_IMG.search(src):
                    b.divider = el.get("src", "")
            kind = INLINE_KIND.get(tag)
            if kind:
                href = el.get("href") if tag == "a" else None
                if tag == "a" and not href:
                    kind = ""
                open_spans.append((b.length, b.generation, kind, href))
            b.text(el.text)
            continue
        # event == "end"
        if not tag or tag in SKIP_TAGS or (skip and el in skip) or tag == "pre":
            if el is not root:
                b.text(el.tail)
            continue
        if tag in INLINE_KIND:
            start, gen, kind, href = open_spans.pop()
            if gen != b.generation:
                start = 0
            if kind and b.length > start:
                b.spans.append(Span(start, b.length, kind, href))
        if tag == "hr":
            b.rule()
        elif tag == "dt" or (tag in ("td", "th") and el in label_cells) or _marked_label(el):
            b.term_end()
        elif tag == "dd":
            b.br()
        elif tag in _HEADINGS:
            b.flush("heading", _HEADINGS[tag])
        elif tag in BLOCK_TAGS:
            b.flush()
        elif tag in ("td", "th"):
            b.cell_gap()
        if el is not root:
            b.text(el.tail)
    b.flush()
    return b.blocks


def _pre_blocks(text: str) -> list[Block]:
    """A ``<pre>`` of a few lines is preformatted; a long one is a story pasted as text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\n") < 5:
        return [Block("pre", text.strip("\n"))] if text.strip() else []
    return [Block("paragraph", p) for p in paragraphs(text)[0]]


def text_of(root: Any) -> str:
    """Plain text of ``root``: its blocks' text separated by blank lines."""
    return "\n\n".join(b.text for b in blocks_of(root) if b.text)


# Elements whose text no reader shows.
_UNSHOWN = frozenset({"script", "style", "noscript", "template", "title"})


def has_shown_text(body: Any) -> bool:
    """Whether ``body`` shows any text, stopping at the first: cheaper than
    :func:`text_of` where only that is asked (an e-book's every page is)."""
    for el in body.iter():
        if tag_of(el) in _UNSHOWN:
            continue
        if (el.text or "").strip() or (el is not body and (el.tail or "").strip()):
            return True
    return False


def by_id(root: Any, ident: str) -> Any | None:
    """The first element under ``root`` whose ``id`` is ``ident``."""
    return next((el for el in root.iter() if el.get("id") == ident), None)


def squashed_text(el: Any) -> str:
    """An element's text on one line, runs of whitespace as one space."""
    return " ".join(el.text_content().split())


def inner_html(el: Any) -> str:
    """The markup inside ``el`` (for RawChapter.html; sanitised later, on display)."""
    parts = [el.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in el)
    return "".join(parts)
