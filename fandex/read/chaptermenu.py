"""A chapter page's chapter menu, left in a converter's text: the story read between.

A story site's chapter page (hpmor.com's, an author's own site's) shows a menu of every
chapter over the text and often again under it: a ``<select>`` or a list of links that
calibre's text, Word, RTF and FictionBook write as one line ("Home Chapter 1: A Day of
Very Low Probability Chapter 2: Everything I Believe Is False ... Chapter 122: ..."),
with "Next »" beside it. Read as text, its hundreds of words are story, and the site's
menu over it passes for the title. The menu is known by its items: "Chapter 1",
"Chapter 2", "Chapter 3"... numbered on from one in a single line. What stands over the
first copy is the site's menu when it is menu-like (short link lines, no byline); what
follows the last copy, the page's footer. The page's ``<title>``, which calibre makes
the book's title ("Story, Chapter 1: A Day..."), names the chapter the page holds: the
story's title is the part before it.
"""

from __future__ import annotations

import re

from fandex.read.document import Block, RawDocument

# One item of the menu: "Chapter 12:" (the number and the title's colon or dot), glued
# to the title before it where the page's options had no space between them.
_ITEM = re.compile(r"Chapter\s+(\d{1,4})\s*[:.]\s*", re.I)
_MIN_ITEMS = 3
# The page's links beside the menu: "Next »", "« Previous", "Next Chapter >"; glued to
# the last item's title ("Low TideNext »") only with its capital.
_NAV_WORD = r"(?:\b(?:[Pp]rev(?:ious)?|[Nn]ext|[Bb]ack)|Prev(?:ious)?|Next|Back)\b"
_NAV = re.compile(rf"(?:[«‹<]\s*)?{_NAV_WORD}(?:\s+[Cc]hapter)?(?:\s*[»›>])?")
_NAVS = re.compile(rf"(?:\s*{_NAV.pattern})+")
_NAV_LINE = re.compile(rf"^\s*(?:{_NAV.pattern}\s*)+$")
_MAX_NAV_WORDS = 4
# The menu is over the story's first lines and under its last.
_TOP = 40
# The page's title naming the chapter the page holds: "Story, Chapter 1: A Day".
_TITLE_CHAPTER = re.compile(r"^(?P<title>.+?)[,:]?\s+(?P<chapter>Chapter\s+\d{1,4}\b.*)$", re.I)


def _menu(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the chapter menu in one block's text: three or more items
    numbered on from one, up to the link beside it ("Next »") or the text's end."""
    items = list(_ITEM.finditer(text))
    for k, first in enumerate(items):
        if first.group(1) != "1":
            continue
        run = [first]
        for item in items[k + 1 :]:
            if int(item.group(1)) != int(run[-1].group(1)) + 1:
                break
            run.append(item)
        if len(run) < _MIN_ITEMS:
            continue
        last = run[-1]
        nav = _NAVS.search(text, last.end())  # "Next »", "« Prev Next »"
        return first.start(), nav.end() if nav is not None else len(text)
    return None


def _menu_like(block: Block) -> bool:
    """A short link-like line: a site's menu over the story (no byline, no sentence)."""
    text = " ".join(block.text.split())
    return (
        block.kind != "heading"
        and 0 < len(text.split()) <= 6
        and not text.endswith((".", "!", "?", ",", ";"))
        and not text.casefold().startswith("by ")
        and ":" not in text
    )


def _nav_line(block: Block) -> bool:
    text = " ".join(block.text.split())
    return len(text.split()) <= _MAX_NAV_WORDS and bool(_NAV_LINE.match(text))


def _pieces(block: Block, span: tuple[int, int]) -> tuple[list[Block], list[Block]]:
    """The text before the menu and after it, each as a block of its own."""
    before, after = block.text[: span[0]].strip(), block.text[span[1] :].strip()
    head = [Block(block.kind, before)] if before else []
    # calibre's RTF runs the next block in after a tab ("Next »<tab>Chapter 1: ...").
    tail = [Block("paragraph", ln.strip()) for ln in re.split(r"[\n\t]", after) if ln.strip()]
    return head, tail


def drop_chapter_menu(doc: RawDocument) -> RawDocument:
    """``doc`` without a chapter page's chapter menu, the site's menu over it and the
    footer under its last copy (see the module's docstring); ``doc`` itself when no
    early block holds such a menu."""
    if doc.chapters or not doc.blocks:
        return doc
    blocks = doc.blocks
    menus = [(i, span) for i, b in enumerate(blocks) if (span := _menu(b.text)) is not None]
    if not menus or menus[0][0] >= _TOP:
        return doc
    top, top_span = menus[0]
    before, after = _pieces(blocks[top], top_span)
    over = [*blocks[:top], *before]
    if not all(_menu_like(b) for b in over):
        return doc  # a title and byline over a contents line: the story's own header
    story = [*after, *blocks[top + 1 :]]
    footer = 0
    if len(menus) > 1:
        bottom, bottom_span = menus[-1]
        last, _below = _pieces(blocks[bottom], bottom_span)
        if last and _menu_like(last[-1]):
            last = []  # "Home" before the menu's items
        story = [*after, *blocks[top + 1 : bottom], *last]
        footer = len(blocks) - bottom
    while story and _nav_line(story[0]):
        story.pop(0)
    while story and _nav_line(story[-1]):
        story.pop()
    if not any(b.text.strip() for b in story):
        return doc
    doc.blocks = story
    _name_chapter(doc, blocks[top].text)
    doc.notices.append(
        f"dropped a chapter menu, {len(over)} menu lines over it and {footer} lines under it"
    )
    return doc


def _name_chapter(doc: RawDocument, menu: str) -> None:
    """The text opening with one of the menu's items ("Chapter 1: A Day"): the chapter
    the page holds. The book's title "Story, Chapter 1: A Day" (the page's ``<title>``)
    names the story as "Story"."""
    first = " ".join(doc.blocks[0].text.split())
    item = _ITEM.match(first)
    if item is None or first.casefold() not in " ".join(menu.split()).casefold():
        return
    meta = doc.metadata
    if chapter := first[item.end() :].strip():
        meta.setdefault("chapter_title", chapter)
    key = next((k for k in ("title", "fallback_title") if meta.get(k)), None)
    m = _TITLE_CHAPTER.match(" ".join(str(meta[key]).split())) if key else None
    if key and m and m.group("chapter").casefold() == first.casefold():
        meta[key] = m.group("title").strip(" ,:")


__all__ = ["drop_chapter_menu"]
