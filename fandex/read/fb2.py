"""FictionBook 2 (``.fb2``, ``.fb2.zip``): the e-book format of Russian-language fan
fiction sites (ficbook.net, stories.everypony.ru) and readers such as FBReader.

A FictionBook is XML: ``description/title-info`` states the book (title, authors,
annotation, keywords, language, date, series), the main ``body`` holds ``section``s
(chapters, each with its ``title``), and a ``body name="notes"`` the footnotes the
text links to. Each top-level section becomes one XHTML page read as an EPUB's spine
is (:func:`fandex.read.epub.read_pages`), so chapter titles, emphasis, epigraphs and
footnotes come out as from any e-book. The XML is parsed without entities, DTDs or
network access; pictures (``binary``) are never decoded.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from fandex.errors import ReadError
from fandex.read.bookshape import as_text
from fandex.read.document import RawDocument
from fandex.read.encoding import decode
from fandex.read.epub_opf import placeholders

_MAGIC = re.compile(rb"<(?:\w+:)?FictionBook[\s>]")
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    recover=True,
    remove_comments=True,
    remove_pis=True,
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Inline elements and what they become in the page.
_INLINE = {
    "emphasis": "em",
    "strong": "strong",
    "strikethrough": "s",
    "sub": "sub",
    "sup": "sup",
    "code": "code",
    "style": "span",
}
# Blocks that hold other blocks, set apart as a quotation.
_QUOTES = frozenset({"epigraph", "cite", "annotation"})
_PARAGRAPHS = frozenset({"p", "subtitle", "v", "text-author", "td", "th"})
# Nesting past this is flattened to text: no book needs it, a hostile one would.
_MAX_DEPTH = 40


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def _child(el: Any, name: str) -> Any | None:
    found = _children(el, name)
    return found[0] if found else None


def _text(el: Any | None) -> str:
    # An entity the parser did not expand (no DTDs are read) is no element: no text.
    if el is None or not isinstance(el.tag, str):
        return ""
    return " ".join("".join(el.itertext()).split())


def _link_target(el: Any) -> str:
    for key, value in el.attrib.items():
        if key.rsplit("}", 1)[-1] == "href":
            return str(value)
    return ""


def parse_book(data: bytes) -> Any:
    """The FictionBook's root element; ReadError when it is not one."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or _local(root) != "FictionBook":
        # No declaration and not UTF-8, or a declaration that lies: decode as any text.
        text = _XML_DECL.sub("", decode(data)[0], count=1)
        try:
            root = etree.fromstring(text.encode("utf-8"), _PARSER)
        except (etree.XMLSyntaxError, ValueError):
            root = None
    if root is None or _local(root) != "FictionBook":
        raise ReadError("not a readable FictionBook (FB2) file")
    return root


def _metadata(root: Any) -> dict[str, Any]:
    """What ``description/title-info`` states."""
    meta: dict[str, Any] = {}
    unset = placeholders()  # calibre's "Unknown" states nothing
    description = _child(root, "description")
    info = _child(description, "title-info") if description is not None else None
    if info is None:
        return meta
    title = _text(_child(info, "book-title"))
    if title and title.casefold() not in unset["titles"]:
        meta["title"] = title
    authors = []
    for author in _children(info, "author"):
        nick = _text(_child(author, "nickname"))
        parts = (_text(_child(author, k)) for k in ("first-name", "middle-name", "last-name"))
        full = " ".join(t for t in parts if t)
        name = nick or full
        if name and name.casefold() not in unset["authors"]:
            authors.append(name)
    if authors:
        meta["authors"] = authors
    annotation = _child(info, "annotation")
    if annotation is not None:
        paras = [_text(p) for p in annotation.iter() if _local(p) in _PARAGRAPHS]
        summary = "\n\n".join(p for p in paras if p) or _text(annotation)
        if summary:
            meta["summary"] = summary
    if language := _text(_child(info, "lang")):
        meta["language"] = language
    date = _child(info, "date")
    if date is not None:
        value = str(date.get("value") or _text(date))
        if _ISO_DATE.match(value):
            meta["published"] = value
    sequence = _child(info, "sequence")
    if sequence is not None and (series := " ".join(str(sequence.get("name") or "").split())):
        meta["series"] = series
    keywords = [k.strip() for k in re.split(r"[,;]", _text(_child(info, "keywords")))]
    if any(keywords):
        meta["tags"] = [("freeform", k) for k in keywords if k]
    return meta


class _Pages:
    """The main body's sections as XHTML pages, the notes they link to on each."""

    def __init__(self, notes: dict[str, Any]) -> None:
        self.notes = notes
        self.linked: list[str] = []  # the notes the page being made links to, in order

    def page(self, blocks: list[Any], level: int) -> Any:
        root = lxml.html.document_fromstring("<html><head></head><body></body></html>")
        body = root.find("body")
        self.linked = []
        for el in blocks:
            self._block(el, body, level, 0)
        for n, target in enumerate(self.linked, start=1):
            note = self.notes.get(target)
            if note is None:
                continue
            aside = etree.SubElement(body, "aside", role="doc-footnote", id=f"fb2note{n}")
            # The note's own title is its number, which the mark already gives.
            body = [c for c in note if _local(c) != "title"]
            paras = [p for c in body for p in c.iter() if _local(p) in _PARAGRAPHS]
            for p in paras or [note]:
                para = etree.SubElement(aside, "p")
                para.text = _text(p)
        return root

    def _block(self, el: Any, out: Any, level: int, depth: int) -> None:
        name = _local(el)
        if depth > _MAX_DEPTH:
            para = etree.SubElement(out, "p")
            para.text = _text(el)
        elif name == "title":
            heading = etree.SubElement(out, f"h{min(level, 6)}")
            heading.text = " ".join(_text(p) for p in el if _local(p) == "p") or _text(el)
        elif name == "section":
            for child in el:
                self._block(child, out, level + 1, depth + 1)
        elif name in _PARAGRAPHS:
            self._inline(el, etree.SubElement(out, "p"), depth)
        elif name in _QUOTES or name in ("poem", "stanza", "table", "tr"):
            box = etree.SubElement(out, "blockquote") if name in _QUOTES else out
            for child in el:
                self._block(child, box, level, depth + 1)
        # empty-line, image: nothing a reader reads

    def _inline(self, el: Any, out: Any, depth: int) -> None:
        out.text = el.text or ""
        for child in el:
            name = _local(child)
            target = _link_target(child).lstrip("#") if name == "a" else ""
            if name == "a" and (child.get("type") == "note" or target in self.notes):
                self.linked.append(target)
                made = etree.SubElement(out, "a", role="doc-noteref")
                made.set("href", f"#fb2note{len(self.linked)}")
                made.text = _text(child) or str(len(self.linked))
            elif name in _INLINE and depth < _MAX_DEPTH:
                made = etree.SubElement(out, _INLINE[name])
                self._inline(child, made, depth + 1)
            else:
                made = etree.SubElement(out, "span")
                made.text = _text(child)
            made.tail = child.tail


# The longest bold first line read as a section's title.
_MAX_TITLE_WORDS = 15


def _bold_title(children: list[Any]) -> bool:
    """A section with no ``title`` whose first paragraph is all bold and short."""
    if not children or any(_local(c) == "title" for c in children):
        return False
    first = children[0]
    return (
        _local(first) == "p"
        and not (first.text or "").strip()
        and len(first) == 1
        and _local(first[0]) == "strong"
        and not (first[0].tail or "").strip()
        and 0 < len(_text(first).split()) <= _MAX_TITLE_WORDS
    )


def read_fb2(data: bytes) -> RawDocument:
    """Read a FictionBook: its stated metadata and one page per top-level section."""
    from fandex.read.epub import read_pages

    root = parse_book(data)
    bodies = _children(root, "body")
    main = next((b for b in bodies if not b.get("name")), bodies[0] if bodies else None)
    if main is None:
        raise ReadError("a FictionBook with no body")
    notes: dict[str, Any] = {}
    for body in bodies:
        if body is not main:
            for section in body.iter():
                if _local(section) == "section" and section.get("id"):
                    notes[str(section.get("id"))] = section
    pages = _Pages(notes)
    sections = _children(main, "section")
    loose = [el for el in main if _local(el) not in ("section", "title", "image")]
    made: list[tuple[str, Any]] = []
    if loose or not sections:
        made.append(("page0", pages.page(loose, 2)))
    for n, section in enumerate(sections, start=1):
        # A section is a chapter: its own title an h2, its subsections' h3 and deeper.
        children = list(section)
        if len(sections) > 1 and _bold_title(children):
            # calibre writes a chapter's heading as the section's bold first line.
            title = etree.Element("title")
            etree.SubElement(title, "p").text = _text(children[0])
            children = [title, *children[1:]]
        made.append((f"page{n}", pages.page(children, 2)))
    doc = read_pages(made, _metadata(root), web=False)
    doc.format = "fb2"
    # One section is no chapter structure the book states: read as text, so a
    # converter's FB2 of an AO3 download reads AO3's preface in its one section.
    as_text(doc)
    return doc


class Fb2Reader:
    """Reader component: FictionBook 2 e-books."""

    name = "fb2"
    extensions = (".fb2",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.97 for XML whose root is a FictionBook (above the HTML reader, which would
        read it as a page of loose text); 0 otherwise."""
        return 0.97 if _MAGIC.search(head[:4096]) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the book; ReadError when it is not one or holds no text."""
        return read_fb2(data)


__all__ = ["Fb2Reader", "parse_book", "read_fb2"]
