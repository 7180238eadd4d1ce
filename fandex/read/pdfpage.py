"""A web page printed to PDF, read as the page it was.

Collectors keep a story page as a PDF: calibre's ``ebook-convert page.html page.pdf``,
a browser's "Save as PDF". What the PDF keeps of the page is its text in the page's
order and its links (link annotations over the linked words, which the PDF reader
turns into ``link`` spans); the site's menus, its header and footer and the story's
labelled header block are all there as lines. Read as an e-book, the menu passes for
the title and the header for story text.

A printed page is told from an e-book by what only a page has:

- the PDF's Title is a browser tab's title ("Tide Tables | Harbour Archive", "Tide
  Tables, Chapter 2: Ebb", "Tide Tables - wren - Harbour [Archive of Our Own]"): not a
  line of the text, while the piece of it that names the story (or the chapter) is;
  a browser names itself as the PDF's Creator;
- the text opens with a run of lines that are nothing but links: the site's menu.

An AO3 download (calibre-made, as AO3's own PDFs are) is none: its mark says what it
is. Then a printed page's blocks go through what the HTML reader does with a page's:
the link lines and mastheads at the text's edges are dropped
(:func:`fandex.read.html.trim_edges`), so are the site's header over the story's
title heading and the short linked lines under the story, and the tab's title is read
as the HTML reader reads a ``<title>``
(:func:`fandex.read.pagemeta.page_title`: the story's title, and the chapter's, without
the site's name), kept as the title a person would fall back on. The site's own header
and metadata block (FanFiction.net's "Rated: ..." line, AO3's tag list, a journal's
entry header, an archive's "Fandom: ... by ..." lines) are left in the text, where the
readers of pages that lost their markup read them, as they read a text file's.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from fandex.read import ao3_text
from fandex.read.document import Block
from fandex.read.html import trim_edges
from fandex.read.pagemeta import page_title

__all__ = ["is_printed_page", "opens_with_menu", "read_printed_page", "tab_title"]

# The menu over a page's text: this many blocks of nothing but links among its first.
_MENU_BLOCKS = 3
_MENU_LOOK = 12
# A block of the menu is a few words.
_MENU_WORDS = 8


def _all_links(block: Block) -> bool:
    words = block.text.split()
    if not words or len(words) > _MENU_WORDS:
        return False
    covered = [False] * len(block.text)
    for s in block.spans:
        if s.kind == "link":
            covered[s.start : s.end] = [True] * (s.end - s.start)
    return all(covered[i] or ch.isspace() for i, ch in enumerate(block.text))


def opens_with_menu(blocks: list[Block]) -> bool:
    """The text opens with a site's menu: among its first blocks, before its first
    sentence of prose, a few that are nothing but links."""
    found = 0
    for b in blocks[:_MENU_LOOK]:
        if _all_links(b):
            found += 1
        elif len(b.text.split()) > 2 * _MENU_WORDS:
            break
    return found >= _MENU_BLOCKS


# The site's header over the story's title: a few short lines.
_MASTHEAD_BLOCKS = 8
_LABEL = re.compile(r"^[^:]{1,30}:")


def _masthead_off(blocks: list[Block]) -> list[Block]:
    """``blocks`` from the story's title on, when the title is the first heading
    and only the site's header stands over it: its menu (lines of nothing but links)
    and short unlinked lines (the site's name, its motto), no label and no sentence.
    A browser shows the page's header apart from the story; printed, it runs into the
    text over the title."""
    top = next((k for k, b in enumerate(blocks[: _MASTHEAD_BLOCKS + 1]) if b.kind == "heading"), 0)
    over = blocks[:top]
    if not over or not any(_all_links(b) for b in over):
        return blocks
    for b in over:
        text = " ".join(b.text.split())
        if _all_links(b):
            continue
        if len(text.split()) > _MENU_WORDS or _LABEL.match(text) or text.endswith((".", "!", "?")):
            return blocks
    return blocks[top:]


# The site's lines under the story: each a few words.
_FOOTER_WORDS = 15
# The lines over the story a line under it may repeat (a chapter menu over and under).
_TOP_LOOK = 30


def _footer_off(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the site's lines under the story: short lines with a link in
    them ("Read reviews at ...", "Next »", "Privacy & Terms") and a line that repeats
    one over the story (the chapter menu's chosen chapter, printed as a line, over and
    under the text). A browser sets them apart from the story, in a footer or a bar;
    printed, they run on under its last line."""
    top = {" ".join(b.text.split()) for b in blocks[:_TOP_LOOK]}
    end = len(blocks)
    while end > 1:
        b = blocks[end - 1]
        text = " ".join(b.text.split())
        short = len(text.split()) <= _FOOTER_WORDS
        linked = any(s.kind == "link" for s in b.spans)
        if not (short and (linked or (text in top and end - 1 >= _TOP_LOOK))):
            break
        end -= 1
    return blocks[:end]


def _lines_of(blocks: list[Block]) -> set[str]:
    return {" ".join(b.text.split()).casefold() for b in blocks if len(b.text) <= 300}


def tab_title(
    title: str, blocks: list[Block], *, browser: bool = False
) -> tuple[str, str | None] | None:
    """``(story title, chapter title or None)`` when the PDF's ``title`` is a browser
    tab's (a web page's ``<title>``): it stands as no line of the text, and read as a
    page's title it names less than itself, the story or the chapter it names standing
    as a line of the text (a book's "Harbour Log - Winter Edition" over its "Harbour
    Log: Winter" is the book's title). None for a book's title. A browser's print
    (``browser``) needs no line to show it."""
    shown = _lines_of(blocks)
    if " ".join(title.split()).casefold() in shown:
        return None
    root = lxml.html.Element("html")
    head = lxml.html.Element("title")
    head.text = title
    root.append(head)
    # The text's headings and short lines stand for the page's headings: the piece of
    # "Tide Tables | Harbour Archive" the page shows is the story's title.
    for b in blocks:
        if b.kind == "heading" or len(b.text.split()) <= 12:
            el = lxml.html.Element("h1")
            el.text = " ".join(b.text.split())
            root.append(el)
    story, chapter = page_title(root)
    if story is None:
        return ("", None) if browser else None
    if story == " ".join(title.split()) and chapter is None:
        return None
    named = chapter.casefold() if chapter else None
    if (
        not browser
        and story.casefold() not in shown
        and not (named and any(line.endswith(named) for line in shown))
    ):
        return None
    return story, chapter


def is_printed_page(blocks: list[Block], info: dict[str, Any]) -> bool:
    """Whether a PDF's ``blocks`` (and its Info ``info``: ``title``, ``browser``) are a
    printed web page's and not an e-book's or an AO3 download's."""
    if not blocks or ao3_text.marked(blocks):
        return False
    if info.get("browser"):
        return True
    title = str(info.get("title") or "")
    if title and tab_title(title, blocks, browser=bool(info.get("browser"))) is not None:
        return True
    return opens_with_menu(blocks)


_SPACES = re.compile(r"\s+")


def read_printed_page(
    blocks: list[Block], meta: dict[str, Any], title: str, *, browser: bool = False
) -> tuple[list[Block], dict[str, Any], list[str]]:
    """A printed page's blocks without the link lines at its edges, its metadata with
    the tab's ``title`` read as a page's title, and what was done (``browser``: a
    browser printed it)."""
    kept = _footer_off(_masthead_off(trim_edges(blocks)))
    notices = ["a web page printed to PDF: read as the page"]
    if len(kept) < len(blocks):
        notices.append(f"dropped {len(blocks) - len(kept)} link lines at the page's edges")
    out = dict(meta)
    read = tab_title(title, kept, browser=browser) if title else None
    if read is not None:
        out.pop("title", None)
        out.pop("fallback_title", None)
        story, chapter = read
        if story:
            out["fallback_title"] = _SPACES.sub(" ", story)
        if chapter:
            out["chapter_title"] = chapter
    return kept or blocks, out, notices
