"""DOCX (the drafts authors share), through python-docx.

python-docx opens the package and gives the styles and core properties; the body is
walked directly on its XML (python-docx's per-paragraph objects resolve the style
every time and are a hundred times slower on a novel-length draft). Paragraph styles
give headings ("Title", "Heading N"); italic and bold runs become spans; the core
properties give a title and author only as a fallback, because Word fills them with
whatever the first line or the machine's owner was. Footnotes (``word/footnotes.xml``)
become ``[n]`` marks and legend lines, which the parse stage turns into footnotes.
"""

from __future__ import annotations

import io
import re
from typing import Any

from lxml import etree

from fandex.errors import ReadError, reason
from fandex.read import sniff
from fandex.read.document import Block, RawDocument, Span
from fandex.read.safezip import ZipLimits, check_archive, check_member, open_zip
from fandex.read.styled import AUTHOR_STYLE, take_styled_authors

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Footnotes are untrusted XML: no entities, no network, no DTD.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEADING = re.compile(r"^heading\s*(\d)$", re.I)
_LIMITS = ZipLimits()
# Authors python-docx and Word templates write for nobody in particular.
_NO_AUTHOR = {"python-docx", "user", "admin", "microsoft office user", "author", "unknown"}
_OFF = {"0", "false", "off", "none"}
# Titles Word and its templates give a new file ("Document1", "Microsoft Word - x.doc").
_PLACEHOLDER_TITLE = re.compile(
    r"(?:document|doc|untitled|new document|title)\s*\d*|microsoft word\s*-\s*.*", re.I
)


def _flag(rpr: Any, name: str, inherited: bool) -> bool:
    if rpr is None:
        return inherited
    el = rpr.find(W + name)
    if el is None:
        return inherited
    return (el.get(W + "val") or "true").lower() not in _OFF


class _Styles:
    """Style id -> (name, italic, bold), read once per document."""

    def __init__(self, document: Any) -> None:
        self.names: dict[str, str] = {}
        self.char: dict[str, tuple[bool, bool]] = {}
        self.ruled: set[str] = set()  # paragraph styles with a line over or under
        try:
            based: dict[str, str] = {}
            for style in document.styles:
                sid = style.style_id
                self.names[sid] = style.name or sid
                font = getattr(style, "font", None)
                if font is not None:
                    self.char[sid] = (bool(font.italic), bool(font.bold))
                if _ruled(style.element.find(W + "pPr")):
                    self.ruled.add(sid)
                parent = style.element.find(W + "basedOn")
                if parent is not None:
                    based[sid] = parent.get(W + "val") or ""
            for sid in based:
                seen, at = {sid}, based.get(sid, "")
                while at and at not in seen and sid not in self.ruled:
                    if at in self.ruled:
                        self.ruled.add(sid)
                    seen.add(at)
                    at = based.get(at, "")
        except Exception:  # a damaged styles part only costs us heading detection
            pass


def _ruled(ppr: Any) -> bool | None:
    """Whether a paragraph's border draws a line over or under it and none beside it
    (on an empty paragraph, a horizontal rule: calibre writes a page's ``<hr>`` so,
    Word's "---" too; a box drawn round a page's panel is none); None with no border."""
    bdr = ppr.find(W + "pBdr") if ppr is not None else None
    if bdr is None:
        return None
    drawn = {
        side
        for side in ("top", "bottom", "left", "right")
        if (el := bdr.find(W + side)) is not None
        and (el.get(W + "val") or "none").lower() not in ("none", "nil")
    }
    return bool(drawn & {"top", "bottom"}) and not drawn & {"left", "right"}


class _Notes:
    """Footnote texts by id (from ``word/footnotes.xml``) and the marks given so far."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.legends: list[str] = []

    def mark(self, note_id: str) -> str:
        """The ``[n]`` mark for a reference to footnote ``note_id`` ("" if it has no text)."""
        text = self.texts.get(note_id)
        if not text:
            return ""
        self.legends.append(f"[{len(self.legends) + 1}] {text}")
        return f"[{len(self.legends)}]"


def _footnotes(zf: Any) -> dict[str, str]:
    """Footnote id -> text; separators and a missing or damaged part give nothing."""
    if "word/footnotes.xml" not in zf.namelist():
        return {}
    try:
        root = etree.fromstring(zf.read("word/footnotes.xml"), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    out: dict[str, str] = {}
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in note.iter(W + "t")).split())
        if text:
            out[note.get(W + "id") or ""] = text
    return out


def _run_text(run: Any, notes: _Notes | None = None) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == W + "footnoteReference" and notes is not None:
            parts.append(notes.mark(child.get(W + "id") or ""))
        elif tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraph_block(
    p: Any, styles: _Styles, links: dict[str, str], notes: _Notes | None = None
) -> Block | None:
    ppr = p.find(W + "pPr")
    style_id = ""
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        if ps is not None:
            style_id = ps.get(W + "val") or ""
    base_i, base_b = styles.char.get(style_id, (False, False))
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    for run in p.iter(W + "r"):
        text = _run_text(run, notes)
        if not text:
            continue
        rpr = run.find(W + "rPr")
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        ri, rb = (
            styles.char.get(rstyle.get(W + "val") or "", (False, False))
            if rstyle is not None
            else (False, False)
        )
        if _flag(rpr, "i", base_i or ri):
            spans.append(Span(length, length + len(text), "em"))
        if _flag(rpr, "b", base_b or rb):
            spans.append(Span(length, length + len(text), "strong"))
        parent = run.getparent()
        if parent is not None and parent.tag == W + "hyperlink":
            href = links.get(parent.get(R_ID) or "")
            if href:
                spans.append(Span(length, length + len(text), "link", href))
        parts.append(text)
        length += len(text)
    raw = "".join(parts)
    text = raw.strip()
    if not text:
        own = _ruled(ppr)
        if own or (own is None and style_id in styles.ruled):
            return Block("rule", "")
        return None
    lead = len(raw) - len(raw.lstrip())
    spans = _merge(
        [
            Span(max(s.start - lead, 0), min(s.end - lead, len(text)), s.kind, s.href)
            for s in spans
            if s.end - lead > 0 and s.start - lead < len(text)
        ]
    )
    style = styles.names.get(style_id, style_id)
    m = _HEADING.match(style)
    if style.lower() == "title":
        return Block("heading", text, level=1, spans=spans, attrs={"style": style})
    if m:
        return Block("heading", text, level=int(m.group(1)), spans=spans, attrs={"style": style})
    if style.strip().casefold() == AUTHOR_STYLE:
        return Block("paragraph", text, spans=spans, attrs={"style": style})
    return Block("paragraph", text, spans=spans)


# Word's own contents-list styles ("TOC 1", "TOC Heading"), and a contents heading.
_TOC_STYLE = re.compile(r"^toc(?:\s*\d|\s*heading)?$", re.I)
_CONTENTS_LABEL = re.compile(r"^(?:table\s+of\s+)?contents\s*:?$", re.I)


def _field_toc(p: Any, depth: int, skip: bool) -> tuple[int, bool]:
    """Walk ``p``'s field marks: ``(open fields of a TOC after it, whether p is in
    one)``. A TOC field's entries may hold fields of their own (PAGEREF)."""
    begun = False
    for el in p.iter(W + "fldChar", W + "instrText"):
        if el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                begun = True
                depth += 1 if depth else 0
            elif kind == "end" and depth:
                depth -= 1
        elif begun and not depth and (el.text or "").strip().upper().startswith("TOC"):
            depth, skip = 1, True
    return depth, skip


def _toc_gallery(p: Any) -> bool:
    """Inside Word's "Table of Contents" content control (its heading included)."""
    for anc in p.iterancestors(W + "sdt"):
        gallery = anc.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
        if gallery is not None and "contents" in (gallery.get(W + "val") or "").lower():
            return True
    return False


def toc_paragraphs(paragraphs: list[Any], styles: _Styles) -> set[int]:
    """Indexes of the paragraphs of a generated table of contents (a TOC field, Word's
    TOC content control or its "TOC N" styles) and of a "Contents" heading right over
    one: they repeat the headings, and a converter (calibre) writes one first."""
    skip: set[int] = set()
    depth = 0
    for k, p in enumerate(paragraphs):
        ps = p.find(f"{W}pPr/{W}pStyle")
        style = styles.names.get(ps.get(W + "val") or "", "") if ps is not None else ""
        in_toc = bool(depth) or bool(_TOC_STYLE.match(style.strip())) or _toc_gallery(p)
        depth, in_toc = _field_toc(p, depth, in_toc)
        if in_toc:
            skip.add(k)
    for k in sorted(skip):
        if k - 1 >= 0 and k - 1 not in skip:
            label = "".join(t.text or "" for t in paragraphs[k - 1].iter(W + "t"))
            if _CONTENTS_LABEL.match(" ".join(label.split())):
                skip.add(k - 1)
    return skip


def _merge(spans: list[Span]) -> list[Span]:
    """Join touching spans of one kind (Word splits a phrase into many runs)."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.kind, s.href or "", s.start)):
        last = out[-1] if out else None
        if last and last.kind == s.kind and last.href == s.href and s.start <= last.end:
            last.end = max(last.end, s.end)
        else:
            out.append(Span(s.start, s.end, s.kind, s.href))
    return sorted(out, key=lambda s: (s.start, s.end))


class DocxReader:
    """Word 2007+ documents."""

    name = "docx"
    extensions = (".docx",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for a zip whose first members are Word parts; 0.7 for a .docx-named zip."""
        if not sniff.is_zip(head):
            return 0.0
        if b"word/" in head[:8192]:
            return 0.95
        return 0.7 if filename.lower().endswith(".docx") else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read paragraphs and headings; ReadError when damaged or empty."""
        import docx

        zf = open_zip(data, "DOCX file")
        check_archive(zf, _LIMITS, "DOCX file")
        for info in zf.infolist():
            check_member(info, _LIMITS)
        if "word/document.xml" not in zf.namelist():
            raise ReadError("not a Word document (no word/document.xml)")
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises anything from KeyError to XMLSyntaxError
            raise ReadError(f"the DOCX file could not be read ({reason(exc)})") from None
        styles = _Styles(document)
        links = {
            rid: rel.target_ref
            for rid, rel in document.part.rels.items()
            if rel.is_external and "hyperlink" in rel.reltype
        }
        notes = _Notes(_footnotes(zf))
        paragraphs = list(document.element.body.iter(W + "p"))
        skip = toc_paragraphs(paragraphs, styles)
        blocks = [
            b
            for k, p in enumerate(paragraphs)
            if k not in skip and (b := _paragraph_block(p, styles, links, notes)) is not None
        ]
        if not any(b.text for b in blocks):
            raise ReadError("the document has no text")
        # Legend lines at the end, as the ODT and RTF readers write them: the parse stage
        # turns "[1] text" into a footnote and keeps the "[1]" mark in the text.
        blocks.extend(Block("paragraph", legend) for legend in notes.legends)
        meta: dict[str, Any] = {}
        props = document.core_properties
        # Fallbacks only: the text's own title and byline win, and Word fills these from
        # the first line ("Chapter 1") or the machine's owner.
        if (props.title or "").strip() and not _PLACEHOLDER_TITLE.fullmatch(props.title.strip()):
            meta["fallback_title"] = props.title.strip()
        if (props.author or "").strip() and props.author.strip().lower() not in _NO_AUTHOR:
            meta["fallback_authors"] = [props.author.strip()]
        if (props.language or "").strip():
            meta["language"] = props.language.strip()
        blocks = take_styled_authors(blocks, meta)
        return RawDocument(format="docx", blocks=blocks, metadata=meta)
