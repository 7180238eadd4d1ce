"""OpenDocument text (LibreOffice ``.odt``, and the single-file ``.fodt``), on its XML.

``content.xml`` holds the body and the automatic styles (``P1``, ``T2``...) that
LibreOffice writes for every local change of formatting; ``styles.xml`` holds the
named styles they inherit from ("Heading 1", "Emphasis"). A style's italic and bold
are resolved along that parent chain, so emphasis survives whichever way the author
applied it. ``text:h`` and paragraphs styled "Title"/"Heading N" become heading
blocks, as in the DOCX reader; footnotes become ``[n]`` marks in the text plus
``[n] note`` legend lines at the end, which the parse stage turns into footnotes.
``meta.xml`` gives a title and author only as a fallback, like DOCX core properties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree

from fandex.errors import ReadError
from fandex.read import sniff
from fandex.read.document import Block, RawDocument, Span
from fandex.read.safezip import ZipLimits, check_archive, open_zip, read_member
from fandex.read.styled import AUTHOR_STYLE, take_styled_authors

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XLINK = "{http://www.w3.org/1999/xlink}"
ODT_MIME = b"application/vnd.oasis.opendocument.text"

_LIMITS = ZipLimits()
_HEADING = re.compile(r"^heading[ _]*(?:20[ _]*)?(\d)$", re.I)
_WS = re.compile(r"[ \t\r\n]+")
_NO_AUTHOR = {"user", "admin", "author", "unknown", "owner"}
# Never story text: drawings and text boxes, comments, tracked deletions, and the
# generated tables of contents/indexes that repeat the headings.
_SKIP = {
    "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
    "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}custom-shape",
    OFFICE + "annotation",
    OFFICE + "annotation-end",
    TEXT + "tracked-changes",
    TEXT + "table-of-content",
    TEXT + "alphabetical-index",
    TEXT + "illustration-index",
    TEXT + "table-index",
    TEXT + "object-index",
    TEXT + "user-index",
    TEXT + "bibliography",
    TEXT + "sequence-decls",
    TEXT + "variable-decls",
    TEXT + "user-field-decls",
    TEXT + "note-citation",
}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


@dataclass
class _Style:
    parent: str | None
    display: str
    italic: bool | None
    bold: bool | None


class _Styles:
    """Style name -> italic/bold/heading level, resolved through parent styles."""

    def __init__(self, roots: list[Any]) -> None:
        self.styles: dict[str, _Style] = {}
        for root in roots:
            for el in root.iter(STYLE + "style"):
                name = el.get(STYLE + "name")
                if not name:
                    continue
                props = el.find(STYLE + "text-properties")
                italic = bold = None
                if props is not None:
                    fs = props.get(FO + "font-style")
                    italic = fs in ("italic", "oblique") if fs else None
                    fw = props.get(FO + "font-weight")
                    bold = _is_bold(fw) if fw else None
                self.styles[name] = _Style(
                    el.get(STYLE + "parent-style-name"),
                    el.get(STYLE + "display-name") or name,
                    italic,
                    bold,
                )

    def _chain(self, name: str | None) -> list[_Style]:
        out: list[_Style] = []
        while name and name in self.styles and len(out) < 16:  # 16: a loop guard
            style = self.styles[name]
            out.append(style)
            name = style.parent
        return out

    def emphasis(self, name: str | None) -> tuple[bool, bool]:
        chain = self._chain(name)
        italic = next((s.italic for s in chain if s.italic is not None), False)
        bold = next((s.bold for s in chain if s.bold is not None), False)
        return italic, bold

    def heading_level(self, name: str | None) -> int:
        """1 for a "Title" paragraph, N for "Heading N", else 0."""
        # A named style that styles.xml does not define (the part is optional) still
        # says what it is by its name.
        chain = self._chain(name) or ([_Style(None, name, None, None)] if name else [])
        for style in chain:
            display = style.display.replace("_20_", " ").strip()
            if display.lower() == "title":
                return 1
            m = _HEADING.match(display)
            if m:
                return int(m.group(1))
        return 0

    def is_author(self, name: str | None) -> bool:
        """A paragraph style named "Author" (pandoc's byline under the title)."""
        chain = self._chain(name) or ([_Style(None, name, None, None)] if name else [])
        return any(s.display.replace("_20_", " ").strip().casefold() == AUTHOR_STYLE for s in chain)


def _is_bold(weight: str) -> bool:
    if weight.isdigit():
        return int(weight) >= 600
    return weight in ("bold", "bolder")


class _Paragraph:
    def __init__(self, kind: str, level: int, italic: bool, bold: bool) -> None:
        self.kind, self.level = kind, level
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.base = (italic, bold)
        self.attrs: dict[str, str] = {}

    def add(self, text: str | None, collapse: bool = True) -> None:
        if not text:
            return
        if collapse:
            text = _WS.sub(" ", text)
        self.parts.append(text)
        self.length += len(text)

    def block(self) -> Block | None:
        raw = "".join(self.parts)
        text = raw.strip()
        if not text:
            return None
        lead = len(raw) - len(raw.lstrip())
        spans = list(self.spans)
        if self.base[0]:
            spans.append(Span(0, len(raw), "em"))
        if self.base[1]:
            spans.append(Span(0, len(raw), "strong"))
        spans = [
            Span(max(s.start - lead, 0), min(s.end - lead, len(text)), s.kind, s.href)
            for s in spans
            if s.end - lead > 0 and s.start - lead < len(text) and s.end > s.start
        ]
        spans.sort(key=lambda s: (s.start, s.end))
        return Block(self.kind, text, level=self.level, spans=spans, attrs=dict(self.attrs))


def body_blocks(body: Any, styles: _Styles) -> list[Block]:
    """Blocks of ``office:text`` in reading order, footnote legends last."""
    blocks: list[Block] = []
    legends: list[str] = []
    stack: list[_Paragraph] = []  # a note's paragraphs nest inside the cited one
    spans: list[tuple[int, str, str | None] | None] = []
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        para = stack[-1] if stack else None
        if event == "start":
            if not tag or tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag == TEXT + "note":
                mark = _note(el, legends)
                if para is not None:
                    para.add(f"[{mark}]")
                walker.skip_subtree()
                continue
            if tag in (TEXT + "p", TEXT + "h"):
                style = el.get(TEXT + "style-name")
                italic, bold = styles.emphasis(style)
                if tag == TEXT + "h":
                    level = _int(el.get(TEXT + "outline-level"), 1)
                else:
                    level = styles.heading_level(style)
                stack.append(_Paragraph("heading" if level else "paragraph", level, italic, bold))
                if not level and styles.is_author(style):
                    stack[-1].attrs["style"] = "Author"
                stack[-1].add(el.text)
                continue
            if para is None:
                continue  # text between paragraphs is whitespace in ODF
            if tag == TEXT + "span":
                italic, bold = styles.emphasis(el.get(TEXT + "style-name"))
                spans.append((para.length, "em" if italic else "", None))
                spans.append((para.length, "strong" if bold else "", None))
            elif tag == TEXT + "a":
                spans.append((para.length, "link", el.get(XLINK + "href")))
            elif tag == TEXT + "s":
                para.add(" " * min(_int(el.get(TEXT + "c"), 1), 100), collapse=False)
            elif tag == TEXT + "tab":
                para.add(" ", collapse=False)
            elif tag == TEXT + "line-break":
                para.add("\n", collapse=False)
            para.add(el.text)
            continue
        # event == "end"
        if tag in (TEXT + "p", TEXT + "h") and stack:
            block = stack.pop().block()
            if block is not None:
                blocks.append(block)
        elif para is not None and tag in (TEXT + "span", TEXT + "a"):
            for _ in range(2 if tag == TEXT + "span" else 1):
                opened = spans.pop() if spans else None
                if opened and opened[1] and para.length > opened[0]:
                    para.spans.append(Span(opened[0], para.length, opened[1], opened[2]))
        if el is not body and stack:
            stack[-1].add(el.tail)
    blocks.extend(Block("paragraph", legend) for legend in legends)
    return blocks


def _note(note: Any, legends: list[str]) -> str:
    """Record a footnote's legend line; returns its mark."""
    citation = note.find(TEXT + "note-citation")
    mark = (citation.text or "").strip() if citation is not None else ""
    mark = mark or str(len(legends) + 1)
    body = note.find(TEXT + "note-body")
    text = _WS.sub(" ", "".join(body.itertext())).strip() if body is not None else ""
    if text:
        legends.append(f"[{mark}] {text}")
    return mark


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value or default), 1)
    except ValueError:
        return default


def _xml(data: bytes, what: str) -> Any:
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"the ODT file's {what} is damaged ({detail})") from None


def document_metadata(meta_root: Any | None) -> dict[str, Any]:
    """Title, author and language from ``office:meta`` (author: the initial creator)."""
    out: dict[str, Any] = {}
    if meta_root is None:
        return out
    block = meta_root.find(OFFICE + "meta") if meta_root.tag != OFFICE + "meta" else meta_root
    if block is None:
        return out
    title = (block.findtext(DC + "title") or "").strip()
    # Fallbacks only, as DOCX core properties: the text's own title and byline win.
    if title:
        out["fallback_title"] = title
    author = (
        block.findtext(META + "initial-creator") or block.findtext(DC + "creator") or ""
    ).strip()
    if author and author.lower() not in _NO_AUTHOR:
        out["fallback_authors"] = [author]
    language = (block.findtext(DC + "language") or "").strip()
    if language:
        out["language"] = language
    return out


def read_trees(content: Any, style_roots: list[Any], meta_root: Any | None) -> RawDocument:
    """A document from parsed ``content.xml``, style roots and ``meta.xml`` (or the one
    root of a flat ``.fodt`` passed as all three)."""
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise ReadError("not an OpenDocument text (no office:text body)")
    blocks = body_blocks(body, _Styles([*style_roots, content]))
    if not blocks:
        raise ReadError("the document has no text")
    meta = document_metadata(meta_root)
    blocks = take_styled_authors(blocks, meta)
    return RawDocument(format="odt", blocks=blocks, metadata=meta)


def read_odt(data: bytes) -> RawDocument:
    """Read a zipped ``.odt``; ReadError when damaged, encrypted or empty."""
    zf = open_zip(data, "ODT file")
    with zf:
        check_archive(zf, _LIMITS, "ODT file")
        names = set(zf.namelist())
        if "content.xml" not in names:
            raise ReadError("not an OpenDocument text (no content.xml)")

        def part(name: str) -> bytes | None:
            return read_member(zf, zf.getinfo(name), _LIMITS) if name in names else None

        manifest = part("META-INF/manifest.xml") or b""
        if b"encryption-data" in manifest:
            raise ReadError("the ODT file is password-protected")
        content = _xml(part("content.xml") or b"", "content.xml")
        styles_data = part("styles.xml")
        meta_data = part("meta.xml")
    style_roots = [_xml(styles_data, "styles.xml")] if styles_data else []
    meta_root = None
    if meta_data:
        try:
            meta_root = _xml(meta_data, "meta.xml")
        except ReadError:
            meta_root = None  # metadata is a fallback; damaged metadata costs nothing
    return read_trees(content, style_roots, meta_root)


def read_fodt(data: bytes) -> RawDocument:
    """Read a flat, single-XML ``.fodt``."""
    root = _xml(data, "XML")
    return read_trees(root, [root], root)


def _is_flat(head: bytes) -> bool:
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False  # a zip whose stored content.xml shows through is not flat
    return b"<office:document" in head[:4096] and ODT_MIME in head[:4096]


class OdtReader:
    """OpenDocument text from LibreOffice, OpenOffice and Google Docs' ODT export."""

    name = "odt"
    extensions = (".odt", ".fodt", ".ott")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for a zip that declares the ODF text mimetype (or a flat ODF text);
        0.7 for an .odt-named zip; 0 otherwise."""
        if _is_flat(head):
            return 0.95
        if not sniff.is_zip(head):
            return 0.0
        if head[30:38] == b"mimetype" and head[38:].startswith(ODT_MIME):
            return 0.95
        return 0.7 if filename.lower().endswith((".odt", ".ott")) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read paragraphs, headings, emphasis and footnotes; ReadError if not possible."""
        if _is_flat(data[:4096]):
            return read_fodt(data)
        return read_odt(data)


__all__ = ["OdtReader", "body_blocks", "document_metadata", "read_fodt", "read_odt", "read_trees"]
