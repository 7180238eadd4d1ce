"""EPUB: AO3's, FanFicFare's and anyone else's, read with zipfile + lxml.

The OPF gives title, authors, language and the spine (reading order). AO3's EPUB
flattens every tag into an untyped ``dc:subject``, but its preface page carries the
same ``dl.tags`` as the HTML download, so the spine pages are joined and read with the
AO3 reader. FanFicFare's title page lists labelled fields. Any other EPUB becomes one
chapter per spine document (cover, navigation and empty pages skipped).
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

import lxml.etree as etree
import lxml.html

from fandex.errors import ReadError
from fandex.read import ao3, fff, sniff
from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, inner_html, parse_html, tag_of, text_of
from fandex.read.safezip import ZipLimits, check_archive, open_zip, read_member, safe_name

# XML inside an EPUB is never allowed to fetch, expand entities or grow without bound.
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_SKIP_TYPES = {"cover", "toc", "title-page", "titlepage", "copyright-page"}
_FFF_SKIP = ("title_page", "log_page", "toc_page", "cover")
_LIMITS = ZipLimits()
_Page = tuple[str, dict[str, str], Any]


def _xml(data: bytes, what: str) -> Any:
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"the EPUB's {what} is not valid XML ({exc})") from None
    if root is None:
        raise ReadError(f"the EPUB's {what} is empty or not XML")
    return root


def _local(el: Any) -> str:
    return tag_of(el)


class _Book:
    """The parts of an EPUB container the readers need."""

    def __init__(self, data: bytes) -> None:
        self.zf = open_zip(data, "EPUB")
        check_archive(self.zf, _LIMITS, "EPUB")
        self.notices: list[str] = []
        self.names = {i.filename: i for i in self.zf.infolist()}
        self.opf_path = self._find_opf()
        self.opf = _xml(self.read(self.opf_path), "package file") if self.opf_path else None
        self.base = posixpath.dirname(self.opf_path or "")

    def read(self, name: str) -> bytes:
        info = self.names.get(name)
        if info is None or safe_name(name) is None:
            raise ReadError(f"the EPUB lacks {name}")
        return read_member(self.zf, info, _LIMITS)

    def _find_opf(self) -> str | None:
        if "META-INF/container.xml" in self.names:
            try:
                container = _xml(self.read("META-INF/container.xml"), "container.xml")
                for el in container.iter():
                    if _local(el) == "rootfile" and el.get("full-path") in self.names:
                        return str(el.get("full-path"))
            except ReadError as exc:
                self.notices.append(str(exc))
        opfs = sorted(n for n in self.names if n.lower().endswith(".opf"))
        if opfs:
            return opfs[0]
        self.notices.append("no package file (OPF); read the pages in name order")
        return None

    def dc(self, name: str) -> list[Any]:
        if self.opf is None:
            return []
        return [el for el in self.opf.iter(_DC + name)]

    def dc_text(self, name: str) -> list[str]:
        return [
            " ".join((el.text or "").split()) for el in self.dc(name) if (el.text or "").strip()
        ]

    def _pages_by_name(self) -> list[tuple[str, dict[str, str]]]:
        pages = [n for n in self.names if n.lower().endswith((".xhtml", ".html", ".htm"))]
        return [(n, {}) for n in sorted(pages) if safe_name(n) is not None]

    def spine(self) -> list[tuple[str, dict[str, str]]]:
        """``(member name, info)`` in reading order; info has properties and guide type."""
        if self.opf is None:
            return self._pages_by_name()
        manifest: dict[str, tuple[str, str]] = {}
        for el in self.opf.iter(_OPF + "item", "item"):
            href = el.get("href")
            if href and el.get("id"):
                path = posixpath.normpath(posixpath.join(self.base, unquote(href)))
                manifest[el.get("id")] = (path, el.get("properties") or "")
        guide = {}
        for el in self.opf.iter(_OPF + "reference", "reference"):
            href = (el.get("href") or "").split("#")[0]
            guide[posixpath.normpath(posixpath.join(self.base, unquote(href)))] = (
                el.get("type") or ""
            ).lower()
        out = []
        for el in self.opf.iter(_OPF + "itemref", "itemref"):
            item = manifest.get(el.get("idref") or "")
            if item is None:
                self.notices.append(f"spine entry {el.get('idref')!r} is not in the manifest")
                continue
            if (el.get("linear") or "yes").lower() == "no":
                continue
            out.append((item[0], {"properties": item[1], "guide": guide.get(item[0], "")}))
        if not out:
            self.notices.append("the package file gives no reading order; read pages by name")
            return self._pages_by_name()
        return out

    def page(self, name: str) -> Any | None:
        try:
            data = self.read(name)
            return parse_html(data)
        except ReadError as exc:
            self.notices.append(f"skipped {name}: {exc}")
            return None

    def toc_titles(self) -> dict[str, str]:
        """Chapter titles from the NCX, by page name."""
        ncx = next((n for n in self.names if n.lower().endswith(".ncx")), None)
        if ncx is None:
            return {}
        try:
            root = _xml(self.read(ncx), "table of contents")
        except ReadError:
            return {}
        out: dict[str, str] = {}
        base = posixpath.dirname(ncx)
        for point in root.iter():
            if _local(point) != "navpoint":
                continue
            label = next((t for t in point.iter() if _local(t) == "text"), None)
            content = next((c for c in point.iter() if _local(c) == "content"), None)
            if label is not None and content is not None and content.get("src"):
                src = unquote(content.get("src").split("#")[0])
                out.setdefault(posixpath.normpath(posixpath.join(base, src)), label.text or "")
        return out


def opf_metadata(book: _Book) -> dict[str, Any]:
    """Title, authors, language, summary, dates and subjects from the OPF."""
    meta: dict[str, Any] = {}
    titles = book.dc_text("title")
    if titles:
        meta["title"] = titles[0]
    authors = [
        " ".join((el.text or "").split())
        for el in book.dc("creator")
        if (el.get(_OPF + "role") or el.get("role") or "aut") == "aut" and (el.text or "").strip()
    ]
    if authors:
        meta["authors"] = authors
    langs = book.dc_text("language")
    if langs:
        meta["language"] = langs[0]
    desc = book.dc("description")
    if desc and (desc[0].text or "").strip():
        raw = desc[0].text or ""
        meta["summary"] = text_of(parse_html(raw)) if "<" in raw else raw.strip()
    for el in book.dc("date"):
        event = (el.get(_OPF + "event") or el.get("event") or "").lower()
        value = (el.text or "").strip()[:10]
        if event == "modification":
            meta["updated"] = value
        elif value and "published" not in meta:
            meta["published"] = value
    subjects = book.dc_text("subject")
    if subjects:
        meta["fields"] = {"Subjects": ", ".join(subjects)}
    for src in book.dc_text("source") + book.dc_text("identifier"):
        if src.startswith("http"):
            meta["url"] = src
            break
    return meta


def _is_fff(book: _Book) -> bool:
    if book.opf is not None and b"FanFicFare" in etree.tostring(book.opf):
        return True
    return any(posixpath.basename(n).startswith("title_page") for n in book.names)


def _body(root: Any) -> Any:
    return next(root.iter("body"), root)


def _chapter_from_page(root: Any, toc_title: str | None) -> RawChapter:
    body = _body(root)
    blocks = blocks_of(body)
    title = toc_title.strip() if toc_title else None
    if blocks and blocks[0].kind == "heading":
        title = blocks[0].text  # the page's own heading beats a generated TOC label
        blocks = blocks[1:]
    return RawChapter(title=title or None, blocks=blocks, html=inner_html(body))


class EpubReader:
    """EPUB 2 and 3."""

    name = "epub"
    extensions = (".epub",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for a zip that declares the EPUB mimetype; 0.8 for an .epub-named zip."""
        if not sniff.is_zip(head):
            return 0.0
        if head[30:58] == b"mimetypeapplication/epub+zip" or b"META-INF/container.xml" in head:
            return 0.95
        return 0.8 if filename.lower().endswith(".epub") else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the book; ReadError when the archive is damaged or has no text."""
        book = _Book(data)
        base_meta = opf_metadata(book)
        pages = [(name, info, book.page(name)) for name, info in book.spine()]
        pages = [(n, i, p) for n, i, p in pages if p is not None]
        if any(ao3.is_ao3(p) for _n, _i, p in pages):
            doc = self._ao3(pages, base_meta)
        elif _is_fff(book):
            doc = self._fff(pages, base_meta, book)
        else:
            doc = self._generic(pages, base_meta, book)
        doc.notices = book.notices + doc.notices
        if not any(c.blocks for c in doc.chapters):
            raise ReadError("the EPUB has no readable text")
        return doc

    def _ao3(self, pages: list[_Page], opf: dict[str, Any]) -> RawDocument:
        joined = lxml.html.Element("div")
        for _name, _info, page in pages:
            for child in list(_body(page)):
                joined.append(child)
        doc = ao3.read_ao3_root(joined, "epub")
        for key in ("title", "authors", "language"):
            if key in opf and (key not in doc.metadata or key == "language"):
                doc.metadata[key] = opf[key]
        return doc

    def _fff(self, pages: list[_Page], opf: dict[str, Any], book: _Book) -> RawDocument:
        fields: dict[str, str] = {}
        links = ""
        chapters: list[RawChapter] = []
        toc = book.toc_titles()
        for name, _info, page in pages:
            base = posixpath.basename(name)
            if base.startswith("title_page"):
                fields = fff.title_page_fields(blocks_of(_body(page)))
                links = " ".join(a.get("href") or "" for a in page.iter("a"))
                continue
            if base.startswith(_FFF_SKIP):
                continue
            chapter = _chapter_from_page(page, toc.get(name))
            if chapter.blocks:
                chapters.append(chapter)
        url = " ".join((opf.get("url", ""), fields.get("Story URL", ""), links))
        meta = fff.metadata_from_fields(fields, from_ao3="archiveofourown.org" in url)
        for key, value in opf.items():
            if key == "fields":
                meta["fields"] = {**value, **meta["fields"]}
            else:
                meta.setdefault(key, value)
        return RawDocument(format="epub", chapters=chapters, metadata=meta)

    def _generic(self, pages: list[_Page], opf: dict[str, Any], book: _Book) -> RawDocument:
        toc = book.toc_titles()
        chapters: list[RawChapter] = []
        skipped = 0
        for name, info, page in pages:
            if "nav" in info.get("properties", "").split() or info.get("guide") in _SKIP_TYPES:
                skipped += 1
                continue
            chapter = _chapter_from_page(page, toc.get(name))
            if chapter.blocks:
                chapters.append(chapter)
            else:
                skipped += 1
        notices = [f"skipped {skipped} cover, contents or empty pages"] if skipped else []
        return RawDocument(format="epub", chapters=chapters, metadata=opf, notices=notices)


__all__ = ["EpubReader"]
