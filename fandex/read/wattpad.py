"""Wattpad story parts saved from a browser (``wattpad.com/NNN-story-part``).

A part page shows the part's title in the reading panel's header (``header.panel-reading
h1``), the author linking ``/user/<name>``, and the part's text in one or more
``div.panel-reading`` pages (``data-page-number``), each a ``<pre>`` of ``<p
data-p-id>`` paragraphs with comment counters (``div.component-wrapper``) inside them.
The story's title sits in its info box (``.story-info .title``) or the contents menu's
header, else in the page's ``<title>`` ("Story - Part - Wattpad"). Wattpad's ``<pre>`` is
a paragraph container, not preformatted text: its paragraphs stay paragraphs.

The story's own page (cover, description, tags and parts list, no part text) is
reported as a story index page.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import canonical, classes, first_with_class, meta_content, text

_SITES = (b"wattpad.com", b"Wattpad")
_MARK = re.compile(rb"""panel-reading|data-p-id|story-parts|story-info""")
_SUFFIX = re.compile(r"\s*[-|]\s*Wattpad\s*$", re.IGNORECASE)
# The id Wattpad gives every empty paragraph (the MD5 of nothing): not a repeat.
_EMPTY_ID = "d41d8cd98f00b204e9800998ecf8427e"
_FURNITURE = {"component-wrapper", "num-comment", "comment-marker", "inline-comments"}


def _pages(root: Any) -> list[Any]:
    """The part's text pages, in order."""
    pages = [
        d
        for d in root.iter("div")
        if "panel-reading" in classes(d)
        and (d.get("data-page-number") or any(True for _ in d.iter("pre")))
    ]
    if not pages:
        pages = [d for d in root.iter("div") if "part-content" in classes(d)]
    # Keep the outermost: a page inside a page already counted would be read twice.
    held = set(pages)
    return [p for p in pages if not any(a in held for a in p.iterancestors())]


def _story_title(root: Any, part: str | None) -> str | None:
    for names in (("story-info", "title"), ("toc-header", "title"), ("story-info__title",)):
        box = first_with_class(root, names[0])
        if box is None:
            continue
        el = first_with_class(box, names[1]) if len(names) > 1 else box
        if el is not None and text(el):
            return text(el)
    shown = _SUFFIX.sub(
        "", text(next(root.iter("title"), None)) or meta_content(root, "og:title") or ""
    )
    if not shown:
        return None
    pieces = [p.strip() for p in shown.split(" - ") if p.strip()]
    if part and len(pieces) > 1:
        rest = [p for p in pieces if p.casefold() != part.casefold()]
        return rest[0] if rest else pieces[0]
    return pieces[0]


def _part_from_page_title(root: Any, story: str | None) -> str | None:
    """The part's title from the page's ``<title>``, "Story - Part - Wattpad", when the
    reading panel shows no heading (a part saved with its header not loaded)."""
    shown = _SUFFIX.sub("", text(next(root.iter("title"), None)))
    pieces = [p.strip() for p in shown.split(" - ") if p.strip()]
    if len(pieces) < 2 or not story or pieces[0].casefold() != story.casefold():
        return None
    return " - ".join(pieces[1:])


def _author(root: Any) -> str | None:
    for a in root.iter("a"):
        href = a.get("href") or ""
        if re.match(r"^(?:https?://(?:www\.)?wattpad\.com)?/user/[^/?#]+/?$", href) and text(a):
            name = text(a)
            return name[3:] if name.casefold().startswith("by ") else name
    return None


def _page_blocks(page: Any, seen: set[str]) -> list[Any]:
    for el in [e for e in page.iter() if isinstance(e.tag, str) and classes(e) & _FURNITURE]:
        if el.getparent() is not None:
            el.drop_tree()
    # A saved part can hold its paragraphs twice (the page loaded more text over what it
    # showed; WebToEpub's WattpadParser drops the repeats the same way): a paragraph id
    # already read is not read again.
    for para in list(page.iter("p")):
        pid = para.get("data-p-id")
        if pid and pid != _EMPTY_ID and pid in seen and para.getparent() is not None:
            para.drop_tree()
        elif pid:
            seen.add(pid)
    for pre in page.iter("pre"):
        pre.tag = "div"  # a container of paragraphs, not preformatted text
    return blocks_of(page)


def read_wattpad(root: Any) -> RawDocument | None:
    """A Wattpad part (or story) page, or None when the page is neither."""
    if (meta_content(root, "og:site_name") or "").casefold() != "wattpad" and not re.match(
        r"^https?://(?:www\.|m\.)?wattpad\.com/", canonical(root) or ""
    ):
        return None  # another site's page that names Wattpad
    meta: dict[str, Any] = {"producer": "wattpad", "fields": {}}
    header = next((h for h in root.iter("header") if "panel-reading" in classes(h)), None)
    heading = next(header.iter("h1", "h2"), None) if header is not None else None
    part = text(heading) if heading is not None else None
    title = _story_title(root, part)
    if title:
        meta["title"] = title
    author = _author(root)
    if author:
        meta["authors"] = [author]
    url = canonical(root)
    if url:
        meta["url"] = url
    pages = _pages(root)
    seen: set[str] = set()
    blocks = [b for page in pages for b in _page_blocks(page, seen)]
    if not any(b.text.strip() for b in blocks):
        if (
            first_with_class(root, "story-parts") is None
            and first_with_class(root, "table-of-contents") is None
        ):
            return None
        description = first_with_class(root, "description")
        meta["page_kind"] = "a story index page"
        shown = blocks_of(description) if description is not None else []
        return RawDocument(format="html", blocks=shown, metadata=meta)
    meta["single_chapter"] = True
    if not part:
        part = _part_from_page_title(root, title)
    if part:
        meta["chapter_title"] = part
    return RawDocument(
        format="html", chapters=[RawChapter(title=part, blocks=blocks)], metadata=meta
    )


class WattpadPageReader(MarkedPageReader):
    """A Wattpad story part saved from a browser."""

    name = "wattpad"
    score = 0.95
    sites = _SITES
    mark = _MARK
    missing = "not a Wattpad part page (no part text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_wattpad(root)


__all__ = ["WattpadPageReader", "read_wattpad"]
