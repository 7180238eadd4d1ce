"""Royal Road chapter pages saved from a browser (``royalroad.com/fiction/N/.../chapter/M``).

The page heads the chapter with the fiction's card (``div.fic-header``): the fiction's
title in an ``h2`` linking ``/fiction/N``, "by", the author linking ``/profile/N``, and
the chapter's title in an ``h1``. The chapter is ``div.chapter-inner.chapter-content``;
the author's notes before and after it are ``div.author-note-portlet`` boxes ("A note
from <author>") kept as the chapter's notes. Adverts, donation buttons, the author's
profile card and the comments around it are not the story.

Royal Road hides an anti-copy sentence among the paragraphs in a class its page's
``<style>`` sets ``display: none``; a reader never sees it, so it is left out.

The fiction's own page (its card, description, tags and chapter table, no chapter text)
is reported as a story index page.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import (
    canonical,
    classes,
    drop_hidden,
    first_with_class,
    hidden_classes,
    meta_content,
    text,
    with_class,
)

_SITES = (b"royalroad.com", b"Royal Road", b"royalroadl.com")
_MARK = re.compile(rb"""class\s*=\s*["'][^"']*\b(?:chapter-content|fic-header)\b""")
# "<chapter> - <fiction> | Royal Road": the page title when the card is missing.
_PAGE_TITLE = re.compile(r"^(?P<chapter>.+?)\s+-\s+(?P<fiction>.+?)\s*\|\s*Royal\s*Road\s*$")
_FICTION_HREF = re.compile(r"^(?:https?://[^/]+)?/fiction/\d+")
_NOTE_FROM = re.compile(r"^\s*A note from\b", re.IGNORECASE)


def _card(root: Any) -> dict[str, Any]:
    """Fiction title, author and chapter title from the fiction's card above the text."""
    out: dict[str, Any] = {}
    card = first_with_class(root, "fic-header")
    if card is not None:
        links = card.iter("a")
        fiction = next((a for a in links if _FICTION_HREF.match(a.get("href") or "")), None)
        heading = next(fiction.iter("h1", "h2"), None) if fiction is not None else None
        if heading is None:
            # The fiction page's own card: "<h1 property=name>Title</h1>".
            heading = next((h for h in card.iter("h1", "h2") if h.get("property") == "name"), None)
        if heading is not None and text(heading):
            out["title"] = text(heading)
        author = next(
            (a for a in card.iter("a") if "/profile/" in (a.get("href") or "") and text(a)), None
        )
        if author is not None:
            out["authors"] = [text(author)]
        chapter = next(
            (h for h in card.iter("h1") if h is not heading and h.get("property") != "name"), None
        )
        if chapter is not None and text(chapter):
            out["chapter_title"] = text(chapter)
    if "title" not in out or "chapter_title" not in out:
        m = _PAGE_TITLE.match(text(next(root.iter("title"), None)))
        if m:
            out.setdefault("title", m.group("fiction"))
            out.setdefault("chapter_title", m.group("chapter"))
    if "authors" not in out:
        creator = meta_content(root, "twitter:creator", "books:author")
        if creator:
            out["authors"] = [creator]
    return out


def _note_text(box: Any) -> str | None:
    """An author's note box without its "A note from ..." caption."""
    body = first_with_class(box, "author-note")
    if body is None:
        body = box
    blocks = [
        b.text.strip()
        for b in blocks_of(body)
        if b.text.strip() and not (body is box and _NOTE_FROM.match(b.text))
    ]
    return "\n\n".join(blocks) or None


def _notes(root: Any, content: Any) -> tuple[str | None, str | None]:
    """The author's notes before and after the chapter text."""
    before: list[str] = []
    after: list[str] = []
    seen_content = False
    # The boxes are held in the set, so lxml hands back the same element objects.
    boxes = set(with_class(root, "author-note-portlet"))
    for el in root.iter():
        if el is content:
            seen_content = True
        elif el in boxes:
            note = _note_text(el)
            if note:
                (after if seen_content else before).append(note)
    return ("\n\n".join(before) or None, "\n\n".join(after) or None)


def _index_page(root: Any, meta: dict[str, Any]) -> RawDocument | None:
    """The fiction's page: its description kept as text, reported as an index page."""
    if first_with_class(root, "fic-header") is None:
        return None
    description = first_with_class(root, "description")
    meta["page_kind"] = "a story index page"
    blocks = blocks_of(description) if description is not None else []
    return RawDocument(format="html", blocks=blocks, metadata=meta)


def _site_page(root: Any) -> bool:
    """Whether the page is Royal Road's own (its fiction card, its site name or its
    address), not another site's page that names Royal Road and has a ``chapter-content``
    box of its own."""
    if first_with_class(root, "fic-header") is not None:
        return True
    if (meta_content(root, "og:site_name") or "").casefold() == "royal road":
        return True
    return bool(re.match(r"^https?://(?:www\.)?royalroadl?\.com/", canonical(root) or ""))


def read_royalroad(root: Any) -> RawDocument | None:
    """A Royal Road chapter (or fiction) page, or None when the page is neither."""
    if not _site_page(root):
        return None
    meta: dict[str, Any] = {"producer": "royalroad", "fields": {}}
    card = _card(root)
    for key in ("title", "authors"):
        if key in card:
            meta[key] = card[key]
    url = canonical(root)
    if url and "/fiction/" in url:
        meta["url"] = url
    content = first_with_class(root, "chapter-inner", "chapter-content")
    if content is None:
        content = first_with_class(root, "chapter-content")
    if content is None:
        return _index_page(root, meta)
    hidden = hidden_classes(root) - {"hidden", "hidden-xs", "hidden-sm", "hidden-md", "hidden-lg"}
    dropped = drop_hidden(content, hidden)
    blocks = blocks_of(content)
    if not any(b.text.strip() for b in blocks):
        return None
    begin, end = _notes(root, content)
    meta["single_chapter"] = True
    title = card.get("chapter_title")
    if title:
        meta["chapter_title"] = title
    chapter = RawChapter(title=title, blocks=blocks, notes_begin=begin, notes_end=end)
    notices = [f"left out {dropped} line(s) the page hides"] if dropped else []
    return RawDocument(format="html", chapters=[chapter], metadata=meta, notices=notices)


def is_chapter_box(el: Any) -> bool:
    """Whether ``el`` is a Royal Road chapter's text box."""
    return {"chapter-inner", "chapter-content"} <= classes(el)


class RoyalRoadPageReader(MarkedPageReader):
    """A Royal Road chapter page saved from a browser: above the generic HTML reader
    when it names the site and has the chapter's box or the fiction's card."""

    name = "royalroad"
    score = 0.95
    sites = _SITES
    mark = _MARK
    missing = "not a Royal Road chapter page (no chapter text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_royalroad(root)


__all__ = ["RoyalRoadPageReader", "is_chapter_box", "read_royalroad"]
