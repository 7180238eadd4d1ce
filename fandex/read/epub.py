"""EPUB: AO3's, FanFicFare's and anyone else's, read with zipfile + lxml.

The OPF gives title, authors, language and the spine (reading order). AO3's EPUB
flattens every tag into an untyped ``dc:subject``, but its preface page carries the
same ``dl.tags`` as the HTML download, so the spine pages are joined and read with the
AO3 reader. FanFicFare's title page lists labelled fields. Any other EPUB becomes one
chapter per spine document (cover, navigation and empty pages skipped).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import lxml.etree as etree
import lxml.html

from fandex.errors import ReadError
from fandex.parse.lines import chapter_heading
from fandex.read import ao3, ao3_loose, ao3_text, fff, ffn, forum, sniff
from fandex.read import titlepage as front
from fandex.read.bookshape import as_text, flatten
from fandex.read.document import Block, RawChapter, RawDocument, paragraphs
from fandex.read.epub_opf import opf_metadata
from fandex.read.epub_site import (
    SKIP_TYPES,
    Page,
    page_body,
    site_page,
    story_page,
    story_pages,
    typed_front_page,
)
from fandex.read.htmlnotes import take_notes
from fandex.read.htmltext import blocks_of, inner_html, parse_html, tag_of, text_of
from fandex.read.safezip import ZipLimits, check_archive, open_zip, read_member, safe_name

# XML inside an EPUB is never allowed to fetch, expand entities or grow without bound.
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_FFF_SKIP = ("title_page", "log_page", "toc_page", "cover")
_LIMITS = ZipLimits()
# Headings a downloader puts over the story itself ("Work Text:"), not chapter titles.
_LANDMARKS = frozenset({"work text:", "work text", "chapter text", "chapter text:"})
# The longest page read as a notes page, and as a title page ("card").
_MAX_NOTES_WORDS = 3000
_MAX_CARD_WORDS = 2000
# Contents labels a converter makes up when the book has no chapters of its own.
_TOC_PLACEHOLDERS = frozenset({"start", "beginning", "begin"})
# A page named by its file ("ch001.xhtml": Pandoc's <title> for a chapter without a
# heading) has no title a reader sees.
_FILE_NAME = re.compile(r"[\w.\-]+\.(?:x?html?|xml)", re.I)
# A paragraph that opens a chapter by its word ("Chapter Two", "Kapitel 3"): calibre's
# conversions from MOBI or DOCX write chapter headings as bold paragraphs.
_CHAPTER_LINE = re.compile(
    r"^\W*(?:chapter|chapitre|kapitel|cap[ií]tulo|capitolo|part|partie|teil)\b", re.I
)


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
        info = self.names.get(name) or self._loose_match(name)
        if info is None or safe_name(info.filename) is None:
            raise ReadError(f"the EPUB lacks {name}")
        return read_member(self.zf, info, _LIMITS)

    def _loose_match(self, name: str) -> Any | None:
        """The member a broken manifest means: the same path in other letter case, else
        the one member with that file name (an OPF whose hrefs miss a folder)."""
        folded = name.casefold()
        same = [i for n, i in self.names.items() if n.casefold() == folded]
        if len(same) == 1:
            return same[0]
        base = posixpath.basename(folded)
        named = [i for n, i in self.names.items() if posixpath.basename(n).casefold() == base]
        return named[0] if len(named) == 1 else None

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
        """Chapter titles from the NCX (else EPUB 3's navigation page), by page name."""
        ncx = next((n for n in self.names if n.lower().endswith(".ncx")), None)
        if ncx is None:
            return self._nav_titles()
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

    def _nav_titles(self) -> dict[str, str]:
        """Titles from the ``<nav epub:type="toc">`` page an EPUB 3 names in its manifest."""
        if self.opf is None:
            return {}
        nav = next(
            (
                el.get("href")
                for el in self.opf.iter(_OPF + "item", "item")
                if "nav" in (el.get("properties") or "").split() and el.get("href")
            ),
            None,
        )
        if nav is None:
            return {}
        path = posixpath.normpath(posixpath.join(self.base, unquote(nav)))
        root = self.page(path)
        if root is None:
            return {}
        navs = [el for el in root.iter() if tag_of(el) == "nav"]
        toc = next((n for n in navs if "toc" in " ".join(n.attrib.values()).split()), None)
        out: dict[str, str] = {}
        base = posixpath.dirname(path)
        for a in (toc if toc is not None else root).iter("a"):
            href = unquote((a.get("href") or "").split("#")[0])
            label = " ".join(a.text_content().split())
            if href and label and "://" not in href:
                out.setdefault(posixpath.normpath(posixpath.join(base, href)), label)
        return out


# Another maker's stamp on its pages: Pandoc also names its title page "title_page.xhtml".
_OTHER_GENERATOR = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']pandoc", re.I)


def _is_fff(book: _Book) -> bool:
    if book.opf is not None and b"FanFicFare" in etree.tostring(book.opf):
        return True
    pages = [n for n in book.names if posixpath.basename(n).startswith("title_page")]
    return any(_OTHER_GENERATOR.search(book.read(n)[:2000]) is None for n in pages)


def _page_blocks(body: Any, skip: set[Any] | None = None) -> list[Block]:
    """The page's blocks; a scraper's page of plain text in one ``<p>`` is split at its
    blank lines, as the text itself is laid out."""
    blocks = blocks_of(body, skip=skip)
    if len(blocks) <= 2 and sum(len(b.text) for b in blocks) > 400:
        raw = body.text_content()
        if raw.count("\n\n") >= 5:
            return [Block("paragraph", " ".join(p.text.split())) for p in paragraphs(raw)]
    return blocks


def _chapter_title(root: Any, toc_title: str | None, book_title: str) -> str | None:
    """The NCX label, else the page's ``<title>`` unless that is the book's own.

    calibre gives a book it found no chapters in a one-entry contents, "Start": no
    chapter's title."""
    if (
        toc_title
        and toc_title.strip()
        and toc_title.strip().casefold() not in _TOC_PLACEHOLDERS
        and not _FILE_NAME.fullmatch(toc_title.strip())
    ):
        return toc_title.strip()
    own = front.page_title(root)
    if (
        own
        and own.casefold() != book_title.casefold()
        and not front.is_non_story_title(own)
        and not _FILE_NAME.fullmatch(own.strip())
    ):
        return own
    return None


def _chapter_from_page(
    root: Any, toc_title: str | None, book_title: str = "", skip: set[Any] | None = None
) -> RawChapter:
    body = page_body(root)
    landmarks = set(skip or ()) | {
        el
        for el in body.iter("h1", "h2", "h3", "h4")
        if "landmark" in (el.get("class") or "").split()
        or " ".join(el.text_content().split()).casefold() in _LANDMARKS
    }
    blocks = _page_blocks(body, landmarks)
    title = _chapter_title(root, toc_title, book_title)
    if (
        len(blocks) > 1
        and blocks[0].kind == blocks[1].kind == "heading"
        and book_title
        and " ".join(blocks[0].text.split()).casefold() == book_title.casefold()
    ):
        blocks = blocks[1:]  # the book's title over each chapter's own heading
    if blocks and blocks[0].kind == "heading":
        title = blocks[0].text  # the page's own heading beats a generated TOC label
        blocks = blocks[1:]
    if front.forum_chrome(blocks):
        blocks = forum.strip_post_chrome(blocks, title)
    return RawChapter(title=title or None, blocks=blocks, html=inner_html(body))


def _notes_div(div: Any) -> dict[str, str]:
    """FanFicFare's chapter notes: ``<b>Label:</b>`` then the note, label by label."""
    out: dict[str, str] = {}
    label = ""
    for child in div:
        tag = tag_of(child)
        text = " ".join(child.text_content().split())
        if tag in ("b", "strong") and text.endswith(":") and len(text) < 60:
            label = text.rstrip(":").strip()
        elif tag != "hr" and text:
            body = text_of(child)
            out[label] = f"{out[label]}\n\n{body}" if label in out else body
    return out


def _fff_chapter(root: Any, toc_title: str | None) -> RawChapter:
    """A FanFicFare chapter page: its heading, head and foot notes, and the story."""
    body = page_body(root)
    skip: set[Any] = set()
    head: dict[str, str] = {}
    foot: dict[str, str] = {}
    for div in body.iter("div"):
        cls = set((div.get("class") or "").split())
        if "fff_head_notes" in cls:
            head.update(_notes_div(div))
            skip.add(div)
        elif "fff_foot_notes" in cls:
            foot.update(_notes_div(div))
            skip.add(div)
    chapter = _chapter_from_page(root, toc_title, skip=skip)
    summary = [v for k, v in head.items() if "summary" in k.casefold()]
    notes = [v for k, v in head.items() if "summary" not in k.casefold()]
    chapter.summary = "\n\n".join(summary) or None
    chapter.notes_begin = "\n\n".join(notes) or None
    chapter.notes_end = "\n\n".join(foot.values()) or None
    return chapter


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
        if not pages and book.opf is not None:
            book.notices.append("none of the spine's pages is in the book; read pages by name")
            pages = [(n, i, p) for n, i in book._pages_by_name() if (p := book.page(n)) is not None]
        if _is_fff(book) and not any(ao3.is_ao3(p) for _n, _i, p in pages):
            doc = self._fff(pages, base_meta, book)
        else:
            doc = self.read_book(pages, base_meta, book, book.read)
        doc.notices = book.notices + doc.notices
        if not any(c.blocks for c in doc.chapters) and not doc.blocks:
            raise ReadError("the EPUB has no readable text")
        return doc

    def read_book(
        self,
        pages: list[Page],
        meta: dict[str, Any],
        book: Any,
        raw: Callable[[str], bytes],
        web: bool = True,
    ) -> RawDocument:
        """Pages of a book that is not FanFicFare's, read by what they are: a saved web
        page a converter made a book of (by the site's reader), AO3's work (its preface,
        chapters and afterword), or any book's pages (a one-page book that names no
        author read as the page or text it was made from). ``meta`` is what the book
        states; ``raw`` gives a page's bytes. The Kindle reader's books come here too."""
        if (site := site_page(raw, pages)) is not None:
            return site
        if any(ao3.is_ao3(p) for _n, _i, p in pages):
            try:
                return self._ao3(pages, meta)
            except ReadError:
                # AO3's marks without its chapter divs (calibre's Kindle books): its
                # pages' text, in which AO3's own lines are read (ao3_text.unflatten);
                # read as a book's pages, the preface would pass for a title page.
                text = [
                    b for _n, i, p in pages if story_page(i, p) for b in blocks_of(page_body(p))
                ]
                if ao3_text.marked(text):
                    return RawDocument(format="epub", blocks=text, metadata=dict(meta))
                doc = self._generic(pages, meta, book)
                flatten(doc)
                return doc
        if web and "authors" not in meta and (page := site_page(raw, pages, any_page=True)):
            # A web page (or its parts) and no author: read as the page it was made of,
            # its menus and footer dropped and its <head>'s fields read as a page's are.
            return page
        doc = self._generic(pages, meta, book)
        if doc.chapters and ao3_text.marked(doc.chapters[0].blocks):
            # An AO3 download without AO3's ids and classes (calibre's MOBI): its pages'
            # text, in which AO3's own lines are read (ao3_text.unflatten).
            flatten(doc)
            return doc
        if "authors" not in meta and len(story_pages(pages)) == 1:
            # One page and no author: a web page or a text that a converter made a
            # book of, as calibre does with a saved page; read it as that page.
            as_text(doc)
        return doc

    def _ao3(self, pages: list[Page], opf: dict[str, Any]) -> RawDocument:
        joined = lxml.html.Element("div")
        moved: list[tuple[Any, list[Any]]] = []
        for _name, _info, page in pages:
            children = list(page_body(page))
            moved.append((page_body(page), children))
            for child in children:
                joined.append(child)
        try:
            try:
                doc = ao3.read_ao3_root(joined, "epub")
            except ReadError:
                # calibre renamed AO3's classes and split the work over pages: by shape.
                doc = ao3_loose.read_split_ao3(joined, "epub")
        except ReadError:
            # Not AO3's structure after all: the pages go back as they were, to be read
            # as any book's (calibre's Kindle books keep AO3's marks, not its divs).
            for body, children in moved:
                body.extend(children)
            raise
        for key in ("title", "authors", "language"):
            # AO3's own Language field beats the book's (often default) dc:language.
            if key in opf and key not in doc.metadata:
                doc.metadata[key] = opf[key]
        return doc

    def _fff(self, pages: list[Page], opf: dict[str, Any], book: _Book) -> RawDocument:
        # An EpubMerge anthology holds one title page per work: their fields are joined.
        fields: dict[str, str] = {}
        links = ""
        chapters: list[RawChapter] = []
        toc = book.toc_titles()
        for name, _info, page in pages:
            base = posixpath.basename(name)
            if base.startswith("title_page"):
                fff.merge_fields(fields, fff.title_page_fields(blocks_of(page_body(page))))
                links += " " + " ".join(a.get("href") or "" for a in page.iter("a"))
                continue
            if base.startswith(_FFF_SKIP):
                continue
            chapter = _fff_chapter(page, toc.get(name))
            if chapter.blocks:
                chapters.append(chapter)
        url = " ".join((opf.get("url", ""), fields.get("Story URL", ""), links))
        meta = fff.metadata_from_fields(fields, from_ao3=fff.from_ao3(url))
        _merge_opf(meta, opf)
        return RawDocument(format="epub", chapters=chapters, metadata=meta)

    def _generic(self, pages: list[Page], opf: dict[str, Any], book: _Book) -> RawDocument:
        """Any other EPUB: front matter (title page, notes, contents) read as such, one
        chapter per remaining spine page, end notes pages after the last chapter."""
        toc = book.toc_titles()
        chapters: list[RawChapter] = []
        fields: dict[str, str] = {}
        card = front.FrontMatter()
        notes: dict[str, list[str]] = {"begin": [], "end": []}
        card_blocks: list[Block] = []
        links = ""
        skipped = 0
        title = str(opf.get("title", ""))
        site_card: dict[str, Any] = {}
        flow: list[list[Block]] = []  # each story page's blocks, as on the page
        footnotes: list[tuple[str, str]] = []  # notes the pages mark up as such
        for name, info, page in pages:
            if (
                "nav" in info.get("properties", "").split()
                or info.get("guide") in SKIP_TYPES
                or front.is_nav_page(page)
                or typed_front_page(page)
            ):
                skipped += 1
                continue
            footnotes += take_notes(page, start=len(footnotes) + 1)
            blocks = blocks_of(page_body(page))
            heading = blocks[0].text if blocks and blocks[0].kind == "heading" else None
            words = sum(len(b.text.split()) for b in blocks)
            kind = front.notes_kind(page, heading) if words <= _MAX_NOTES_WORDS else None
            if kind is not None:
                text = front.notes_text(blocks)
                if text:
                    notes["end" if chapters else "begin"].append(text)
                skipped += 1
                continue
            if not chapters and not site_card and ffn.find_profile(page) is not None:
                # A downloader's information page holding FanFiction.net's story card
                # (WebToEpub copies it whole): read as that site's card.
                site_card = ffn.read_profile(page)
                skipped += 1
                continue
            if chapters and card_blocks and words <= _MAX_CARD_WORDS:
                # An anthology (EpubMerge, then converted: no file names to go by)
                # holds a title page per work: the next work's card, not a chapter.
                later_card = front.read_title_page(blocks)
                if later_card is not None and len(later_card.fields) >= _MIN_LATER_CARD_FIELDS:
                    fff.merge_fields(fields, later_card.fields)
                    skipped += 1
                    continue
            if not chapters:
                page_card = front.read_title_page(blocks)
                if page_card is not None and words <= _MAX_CARD_WORDS:
                    card_blocks += blocks
                    fff.merge_fields(fields, page_card.fields)
                    card.title = card.title or page_card.title
                    card.authors = card.authors or page_card.authors
                    card.summary = card.summary or page_card.summary
                    links += " " + " ".join(a.get("href") or "" for a in page.iter("a"))
                    skipped += 1
                    continue
                if words <= _MAX_CARD_WORDS // 4 and (
                    front.is_non_story_title(front.page_title(page))
                    or front.is_non_story_title(heading or "")
                ):
                    skipped += 1
                    continue
            chapter = _chapter_from_page(page, toc.get(name), title)
            if chapter.blocks:
                chapters.append(chapter)
                flow.append(blocks)
            else:
                skipped += 1
        if not chapters and card_blocks:
            # The "title page" was all there is: a short story under its own header.
            # The parse stage reads it as any text with a header.
            return RawDocument(format="epub", blocks=card_blocks, metadata=dict(opf))
        notices = [f"skipped {skipped} cover, contents, title or notes pages"] if skipped else []
        meta: dict[str, Any] = {}
        if fields:
            url = " ".join((opf.get("url", ""), links))
            meta = fff.metadata_from_fields(fields, from_ao3=fff.from_ao3(url))
            meta["producer"] = "titlepage"
        for key, value in (("title", card.title), ("authors", card.authors)):
            if value and not meta.get(key):
                meta[key] = value
        if card.summary and not meta.get("summary"):
            meta["summary"] = card.summary
        for key in ("begin", "end"):
            if notes[key]:
                meta[f"notes_{key}"] = "\n\n".join(notes[key])
        for key, value in site_card.items():
            if key not in ("single_chapter", "chapter_title") and value:
                meta[key] = value
        _merge_opf(meta, opf)
        if footnotes:
            meta["footnotes"] = footnotes
        if _pages_hold_chapters(flow, title):
            # calibre's conversions split a book by size, not by chapter: the chapter
            # headings are inside the pages, and the parse stage splits the text at them.
            joined = [b for blocks in flow for b in blocks]
            return RawDocument(format="epub", blocks=joined, metadata=meta, notices=notices)
        return RawDocument(format="epub", chapters=chapters, metadata=meta, notices=notices)


# A title page met after the first chapter is another work's card only with this many
# labelled fields (a chapter opening with a line or two of labels is still a chapter).
_MIN_LATER_CARD_FIELDS = 3


class _NoContents:
    """A book without an NCX: its pages' own headings and titles name its chapters."""

    def toc_titles(self) -> dict[str, str]:
        return {}


def read_pages(pages: list[tuple[str, Any]], meta: dict[str, Any], web: bool = True) -> RawDocument:
    """Pages in reading order (``(name, root)``), read as a generic EPUB's spine: a
    title page, notes and contents pages read as such, one chapter per story page.
    ``meta`` is what the book states (title, authors...), which wins as an OPF's does.
    A Kindle book's pages come here; ``web`` is False for pages fandex wrote itself
    (a FictionBook's sections), which keep nothing of a web page a book was made of."""
    spine: list[Page] = [(name, {}, root) for name, root in pages]
    roots = dict(pages)

    def raw(name: str) -> bytes:
        return bytes(lxml.html.tostring(roots[name], encoding="utf-8"))

    doc = EpubReader().read_book(spine, meta, _NoContents(), raw, web=web)
    if not any(c.blocks for c in doc.chapters) and not doc.blocks:
        raise ReadError("the book has no readable text")
    return doc


def _opens_chapter(block: Block, level: int) -> bool:
    """Whether a block inside a page opens a chapter: a heading no deeper than the page's
    own (any heading on a page without one), or, on a page without a heading, a short
    paragraph that names a chapter (under a page's heading, the author's own "Chapter 1"
    line repeats it)."""
    if block.kind == "heading":
        # A heading of stars is a scene break, not a chapter.
        return any(ch.isalnum() for ch in block.text) and (level == 0 or 0 < block.level <= level)
    return (
        level == 0
        and block.kind == "paragraph"
        and len(block.text.split()) <= 8
        and _CHAPTER_LINE.match(block.text) is not None
        and chapter_heading(block.text) is not None
    )


def _pages_hold_chapters(flow: list[list[Block]], book_title: str) -> bool:
    """Whether the story's chapter headings stand inside its pages rather than at their
    tops: at least one of them past a page's first block (the book's title over a page's
    own heading is not the page's first block). One heading so is enough: what stands
    above it is the author's preface (a disclaimer, notes, the title and byline), which
    the parse stage reads as a text's header."""
    inner = 0
    total = 0
    for blocks in flow:
        if (
            len(blocks) > 1
            and blocks[0].kind == "heading"
            and book_title
            and " ".join(blocks[0].text.split()).casefold() == book_title.casefold()
        ):
            blocks = blocks[1:]
        if not blocks:
            continue
        first = blocks[0]
        level = first.level if first.kind == "heading" else 0
        if first.kind == "heading" or _opens_chapter(first, 0):
            total += 1
        found = sum(1 for b in blocks[1:] if _opens_chapter(b, level))
        inner += found
        total += found
    return inner >= 1


def _merge_opf(meta: dict[str, Any], opf: dict[str, Any]) -> None:
    """The OPF's title, authors and language win; the rest fills what the pages left."""
    for key, value in opf.items():
        if key == "fields":
            meta["fields"] = {**value, **meta.get("fields", {})}
        elif key in ("title", "authors") or not meta.get(key):
            meta[key] = value


__all__ = ["EpubReader", "read_pages"]
