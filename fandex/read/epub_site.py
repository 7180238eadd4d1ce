"""A web page that calibre made a book of, read as the page itself.

Converting a saved page (an FFN chapter, an AO3 work page, a journal entry), calibre
keeps the page's markup in one story page, or cuts it into parts at its headings and by
size, each part with the page's ``<head>``; it renames the page's classes and keeps its
ids. The page (its parts joined) is read by that site's reader, and an AO3 work page,
whose reader goes by the classes calibre renamed, by AO3's ids and shapes
(:mod:`fandex.read.ao3_loose`). Used by :mod:`fandex.read.epub` for EPUB and Kindle books.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import lxml.html

from fandex.errors import ReadError
from fandex.read import ao3, ao3_loose
from fandex.read import titlepage as front
from fandex.read.document import RawDocument
from fandex.read.htmltext import has_shown_text

# A spine page: its name, its info (properties, guide type) and its parsed root.
Page = tuple[str, dict[str, str], Any]
# Guide types of pages that hold no story.
SKIP_TYPES = frozenset({"cover", "toc", "title-page", "titlepage", "copyright-page"})


def page_body(root: Any) -> Any:
    """The page's ``<body>``, else the page."""
    return next(root.iter("body"), root)


_OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
# The longest page an EPUB 3 type marks as its cover or title page that is skipped so.
_MAX_TYPED_FRONT_WORDS = 200


def typed_front_page(root: Any) -> bool:
    """A short page EPUB 3 marks as the book's title page or cover (Pandoc's
    ``<section epub:type="titlepage">``): the OPF's title and authors again, no story."""
    marked = any(
        {"titlepage", "cover"} & set((el.get(_OPS_TYPE) or el.get("epub:type") or "").split())
        for el in root.iter()
        if isinstance(el.tag, str)
    )
    return marked and len(page_body(root).text_content().split()) <= _MAX_TYPED_FRONT_WORDS


# Readers of a whole page as a browser saved it: the generic ones read any page.
_NOT_SITE_READERS = frozenset({"html", "txt", "epub", "markdown", "lined-header"})


def story_page(info: dict[str, Any], page: Any) -> bool:
    """Whether a spine page may hold story: not a cover, contents or title page, and
    not without text (a cover picture's page)."""
    return (
        info.get("guide") not in SKIP_TYPES
        and not front.is_nav_page(page)
        and not typed_front_page(page)
        and has_shown_text(page_body(page))
    )


def story_pages(pages: list[Page], enough: int = 2) -> list[str]:
    """The names of the pages that may hold story, the first ``enough`` of them at
    most (the callers ask whether there is exactly one)."""
    found: list[str] = []
    for name, info, page in pages:
        if story_page(info, page):
            found.append(name)
            if len(found) >= enough:
                break
    return found


def site_page(
    raw: Callable[[str], bytes], pages: list[Page], any_page: bool = False
) -> RawDocument | None:
    """A saved web page that calibre made a book of: its one story page (or the parts
    calibre cut it into, joined) is the site's whole page (an FFN chapter, an AO3 work
    page, a journal entry), read by that site's reader, as the saved page itself is.
    None for any other book.

    Read as a book's page, the site's menus, footer and comments are story (the
    converted FFN page had "no readable text"; an AO3 work page's author was "Organization
    for Transformative Works"), and calibre's title is the page's ``<title>``."""
    from fandex.read import choose_reader, read_bytes

    story = story_pages(pages)
    if len(story) == 1:
        data = raw(story[0])
        root = next(p for n, _i, p in pages if n == story[0])
    elif (root := _joined_page(pages)) is not None:
        data = bytes(lxml.html.tostring(root, encoding="utf-8"))
    else:
        return None
    doc: RawDocument | None = None
    try:
        if any_page or choose_reader(data, "page.html").name not in _NOT_SITE_READERS:
            doc = read_bytes(data, "page.html")
    except ReadError:
        doc = None
    if doc is None and ao3_loose.is_work_page(root):
        # calibre renamed the AO3 page's classes, which its reader goes by: read by shape.
        try:
            doc = ao3_loose.read_work_page(root, "epub")
        except ReadError:
            return None
    if doc is not None:
        doc.notices.append("a web page calibre made a book of: read as the page itself")
    return doc


# The parts' names: calibre's "page_split_003.html" in an EPUB; the Kindle reader's
# "page3" (a KF8 book keeps no file names).
_PART_NAME = re.compile(r"^(?:(.*)_split_\d+\.x?html?|(page)\d+)$", re.I)


def _joined_page(pages: list[Page]) -> Any | None:
    """The one web page calibre cut into parts by size, joined again (a copy); None
    unless every story page is such a part. calibre copies the page's ``<head>`` into
    each part: all parts have the page's own ``<title>``. An AO3 download's pages (AO3
    gives every chapter the work's title) are read as AO3's, not joined."""
    named = [(n, i, p) for n, i, p in pages if story_page(i, p)]
    story = [(i, p) for _n, i, p in named]
    if len(story) < 2 or any(ao3.is_ao3(p) for _i, p in story):
        return None
    stems = {
        (m.group(1) or m.group(2)) if (m := _PART_NAME.match(n)) else None for n, _i, _p in named
    }
    if len(stems) != 1 or None in stems:
        return None  # not the parts of one file (an EPUB's chapters may share a title)
    titles = {front.page_title(p) for _i, p in story}
    if len(titles) != 1 or not next(iter(titles)):
        return None
    root = lxml.html.fromstring("<html><head></head><body></body></html>")
    head = next(story[0][1].iter("head"), None)
    if head is not None:
        root.replace(root[0], copy.deepcopy(head))
    body = root[-1]
    for _i, page in story:
        for child in page_body(page):
            body.append(copy.deepcopy(child))
    return root


__all__ = [
    "SKIP_TYPES",
    "Page",
    "page_body",
    "site_page",
    "story_page",
    "story_pages",
    "typed_front_page",
]
