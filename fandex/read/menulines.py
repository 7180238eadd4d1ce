"""A web page's menu over its story, left in a converter's text: the lines dropped.

calibre turning a saved story page into text, Word, RTF or FictionBook keeps the site's
menu links as lines of their own over the title ("Home", "Quicksearch", "Random Story";
"Main fanfic page"), where the HTML reader drops them as link lines at the page's edge.
Read as text, the first of them passes for the title and the real title, byline and
labelled fields under it are story. Short menu lines are dropped when a title follows
them with the story's own header right under it (a byline or a labelled field).
"""

from __future__ import annotations

import re

from fandex.parse.labels import match_label
from fandex.parse.titleline import byline, is_title_line
from fandex.read.chaptermenu import drop_chapter_menu
from fandex.read.document import Block, RawDocument

# The menu over a story is a few lines of a few words each.
_MAX_MENU_BLOCKS = 12
_MAX_MENU_LINES = 12
_MAX_MENU_WORDS = 4
# Over a labelled header (no byline), a menu has at least this many lines.
_MIN_MENU_OVER_LABELS = 3


# The separators of a bar of links on one line.
_BAR = re.compile(r"\s+[|·•»]\s+")


def _menu_like(block: Block) -> bool:
    """A block of short link-like lines: few words, no sentence ending, no label."""
    lines = _lines(block)
    return (
        block.kind != "heading"
        and 0 < len(lines) <= _MAX_MENU_LINES
        and all(
            all(len(item.split()) <= _MAX_MENU_WORDS for item in _BAR.split(ln))
            and not ln.endswith((".", "!", "?", ",", ";", ":"))
            and match_label(ln) is None
            for ln in lines
        )
    )


def _lines(block: Block) -> list[str]:
    return [" ".join(ln.split()) for ln in block.text.split("\n") if ln.strip()]


def _header_kind(block: Block) -> str | None:
    """``"byline"`` or ``"label"`` for the header's first lines under a title, else None."""
    lines = _lines(block)[:4]
    if any(byline(ln) is not None for ln in lines):
        return "byline"
    if any(match_label(ln) is not None for ln in lines):
        return "label"
    return None


def _is_menu(menu: list[str], title: str, header: Block) -> bool:
    """Whether ``menu`` (the lines over ``title``) is a site's menu and not a title
    page: the title is no byline, the header follows it, and the lines name neither the
    title nor the byline's author. Over a labelled header (no byline) a menu is a few
    lines: one or two are a title page's title and author, a fandom's name."""
    kind = _header_kind(header)
    if kind is None or byline(title) is not None or not is_title_line(title):
        return False
    folded = {ln.casefold() for ln in menu}
    author = next((a for ln in _lines(header) if (a := byline(ln)) is not None), "")
    if title.casefold() in folded or (author and author.casefold() in folded):
        return False
    items = [i for ln in menu for i in _BAR.split(ln) if i.strip()]
    bar = any(len(_BAR.split(ln)) > 1 for ln in menu)  # "Back to Stories | Home"
    return kind == "byline" or bar or len(items) >= _MIN_MENU_OVER_LABELS


def _header_apart(block: Block) -> list[Block]:
    """The block under the title, its lines set apart when it opens with the header's
    lines (calibre's RTF runs the header's lines and the story's paragraphs into one)."""
    lines = _lines(block)
    if len(lines) < 2:
        return [block]
    return [Block(block.kind, ln) for ln in lines]


def drop_menu(doc: RawDocument) -> RawDocument:
    """``doc`` without the menu lines over its title (see the module's docstring);
    ``doc`` itself when its first line may be the title or no header follows it. A
    chapter page's chapter menu goes first, with the site's lines around it
    (:mod:`fandex.read.chaptermenu`)."""
    doc = drop_chapter_menu(doc)
    if doc.chapters or len(doc.blocks) < 2:
        return doc
    blocks = doc.blocks
    first = _lines(blocks[0])
    menu = Block("paragraph", "\n".join(first[:-1]))
    if len(first) > 1 and _menu_like(menu) and _is_menu(first[:-1], first[-1], blocks[1]):
        # The menu and the title in one block (calibre's RTF of the page's header).
        title = Block("heading", first[-1], level=1)
        doc.blocks = [title, *_header_apart(blocks[1]), *blocks[2:]]
        doc.notices.append(f"dropped {len(first) - 1} menu lines over the title")
        return doc
    for k in range(1, min(len(blocks) - 1, _MAX_MENU_BLOCKS + 1)):
        if not _menu_like(blocks[k - 1]):
            return doc
        over = [ln for b in blocks[:k] for ln in _lines(b)]
        if _is_menu(over, " ".join(blocks[k].text.split()), blocks[k + 1]):
            doc.blocks = [blocks[k], *_header_apart(blocks[k + 1]), *blocks[k + 2 :]]
            doc.notices.append(f"dropped {k} menu lines over the title")
            return doc
    return doc


__all__ = ["drop_menu"]
