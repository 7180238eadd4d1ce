"""Pages saved from Firefox's Reader View (``about:reader?url=...``): a story page as
Mozilla's Readability kept it, under the viewer's own header.

Reader View shows a page as ``div.container`` holding ``div.reader-header`` and
``div.content``. In the header, ``a.reader-domain`` links the page's address,
``h1.reader-title`` is the page's title with the site's name cut off ("Storm Warning -
Chapter 2 - quillwright - Original Work" from AO3, "Stuck! Chapter 1: Wake, a Stargate:
Atlantis fanfic" from FanFiction.net), ``div.reader-credits`` the byline Readability
found, and ``div.reader-estimated-time`` the viewer's reading time. The content
(``div.moz-reader-content``) is the text Readability kept, with the site's classes gone:
AO3's landmark heading over the text ("Chapter Text") is left in it as a plain heading.

The toolbar, the domain line and the reading time are the viewer's; the title, the
byline, the address and the text are the page's. The title's pieces name the fandom the
way the sites write them: what follows the creators' name on AO3, ", a Fandom fanfic" on
FanFiction.net.
"""

from __future__ import annotations

import html
import re
from typing import Any

import lxml.html

from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, squashed_text
from fandex.read.marked import MarkedPageReader
from fandex.read.pagemeta import page_title, without_heading
from fandex.read.sitepage import first_with_class

_MARK = re.compile(rb"""class\s*=\s*["'][^"']*\breader-(?:header|title)\b""", re.IGNORECASE)
_SITES = (b"reader-title", b"moz-reader-content", b"mozReaderContent", b"aboutReader")
# FanFiction.net's titles end ", a Harry Potter fanfic" (FictionPress: "fiction").
_FFN_TAIL = re.compile(r",\s+an?\s+(?P<fandom>.+?)\s+(?:fanfic|fiction)\s*$", re.IGNORECASE)
# AO3's headings hidden by its style sheet, which Readability keeps without their class.
_LANDMARKS = frozenset({"chapter text", "work text", "work text:"})
_BYLINE = re.compile(r"^by\s+", re.IGNORECASE)


def _content(root: Any) -> Any | None:
    for names in (("moz-reader-content",), ("mozReaderContent",), ("content",)):
        found = first_with_class(root, *names)
        if found is not None:
            return found
    return None


def _credits(header: Any) -> list[str]:
    el = first_with_class(header, "reader-credits")
    text = _BYLINE.sub("", squashed_text(el)) if el is not None else ""
    return [n.strip() for n in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if n.strip()]


def _fandoms(title: str, authors: list[str]) -> list[str]:
    """The fandoms a site's title names: after the creators' name in AO3's
    "Title - Chapter N - creators - fandoms", or FanFiction.net's ", a Fandom fanfic"."""
    if m := _FFN_TAIL.search(title):
        return [m.group("fandom").strip()]
    pieces = [p.strip() for p in title.split(" - ")]
    names = {a.casefold() for a in authors}
    for k, piece in enumerate(pieces[1:], start=1):
        if {n.strip().casefold() for n in piece.split(",")} <= names and k + 1 < len(pieces):
            return [f.strip() for f in " - ".join(pieces[k + 1 :]).split(", ") if f.strip()]
    return []


def read_reader_view(root: Any) -> RawDocument | None:
    """A page saved from Reader View, or None when the page has not its header and text."""
    header = first_with_class(root, "reader-header")
    content = _content(root)
    if header is None or content is None or first_with_class(header, "reader-domain") is None:
        return None  # a site's own "reader-header" (the viewer's has its domain line)
    heading = first_with_class(header, "reader-title")
    shown = squashed_text(heading) if heading is not None else ""
    authors = _credits(header)
    bare = _FFN_TAIL.sub("", shown)
    story, chapter = page_title(lxml.html.fromstring(f"<title>{html.escape(bare)}</title>"))
    meta: dict[str, Any] = {"producer": "reader-view", "fields": {}, "single_chapter": True}
    if story:
        meta["fallback_title"] = story
    if authors:
        meta["fallback_authors"] = authors
    if fandoms := _fandoms(shown, authors):
        meta["fallback_tags"] = [("fandom", f) for f in fandoms]
    domain = first_with_class(header, "reader-domain")
    if domain is not None and (domain.get("href") or "").startswith("http"):
        meta["url"] = str(domain.get("href"))
    if chapter:
        meta["chapter_title"] = chapter
    blocks = [b for b in blocks_of(content) if b.text.strip()]
    while blocks and blocks[0].text.strip().casefold() in _LANDMARKS:
        blocks = blocks[1:]
    for said in (shown, story, chapter):
        if said:
            blocks = without_heading(blocks, said)
    if not blocks:
        return None
    return RawDocument(
        format="html",
        chapters=[RawChapter(title=chapter, blocks=blocks)],
        metadata=meta,
        notices=["read as a page saved from Firefox's Reader View"],
    )


class ReaderViewPageReader(MarkedPageReader):
    """A page saved from Firefox's Reader View: above the generic HTML reader and the
    site readers (Readability keeps a site's ids, FanFiction.net's ``storytext``) when
    it has the viewer's header."""

    name = "reader-view"
    score = 0.96
    sites = _SITES
    mark = _MARK
    missing = "not a Reader View page (no header or text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_reader_view(root)


__all__ = ["ReaderViewPageReader", "read_reader_view"]
