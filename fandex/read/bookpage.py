"""A book's own page on a story site: its description and its table of contents, no text.

Web-novel and fan fiction sites give each book a page of its own (Author.Today's
``/work/N``, many WordPress novel themes): the book's description (``itemprop=
"description"``, an "annotation" box), the author's notes, then the table of contents, a
list whose entries link the chapters ("Глава 1. ...", "Chapter 2: ..."), and around them
counts, rewards and buttons. Saved, such a page holds the book's blurb and chapter
titles but none of its chapters: it is the book's index, not the story, however long
its description runs.

Told by its parts: a list of linked chapter headings, and no prose on the page beyond
that list and the description (a line of counts or a reward's caption is no prose).
"""

from __future__ import annotations

from typing import Any

from fandex.parse.lines import chapter_heading
from fandex.read.document import Block
from fandex.read.htmltext import squashed_text

_MIN_ENTRIES = 2
_HEADING_SHARE = 0.6  # of a list's entries, chapter headings
_PROSE_LINE_WORDS = 8  # a line this long is a sentence of prose, not a caption
_MAX_OTHER_PROSE = 40  # words of prose the page may hold besides its blurb and contents
_DESCRIPTION_CLASSES = frozenset({"annotation", "description", "synopsis"})


def _contents(root: Any) -> Any | None:
    """The page's table of contents: a list whose entries are linked chapter headings."""
    for listing in root.iter("ul", "ol"):
        entries = [li for li in listing if li.tag == "li"]
        if len(entries) < _MIN_ENTRIES:
            continue
        headings = sum(1 for li in entries if chapter_heading(squashed_text(li)))
        # Linked entries: chapters behind a paywall are listed without a link, and a
        # long book may list many more locked chapters than open ones.
        linked = sum(1 for li in entries if any(a.get("href") for a in li.iter("a")))
        if headings >= _HEADING_SHARE * len(entries) and linked >= _MIN_ENTRIES:
            return listing
    return None


def _description(root: Any) -> Any | None:
    """The book's description box: schema.org's ``itemprop="description"`` (not a
    ``<meta>``) or a box classed as an annotation or a description."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag == "meta":
            continue
        named = el.get("itemprop") == "description"
        classed = bool(_DESCRIPTION_CLASSES & set((el.get("class") or "").split()))
        if (named or classed) and squashed_text(el):
            return el
    return None


def book_parts(root: Any) -> list[str] | None:
    """The texts of a book page's contents list and description, or None when the page
    has no table of contents. Read before the page's chrome is dropped (a contents box
    is often classed as navigation)."""
    contents = _contents(root)
    if contents is None:
        return None
    parts = [_bare(squashed_text(li)) for li in contents if li.tag == "li"]
    description = _description(root)
    if description is not None:
        parts.append(_bare(squashed_text(description)))
    return [p for p in parts if p]


def _bare(text: str) -> str:
    """The text without its whitespace: an element's text runs the lines its ``<br>``
    parts together ("rest.But"), while the page's blocks keep them apart."""
    return "".join(text.split())


def holds_no_story(blocks: list[Block], parts: list[str]) -> bool:
    """Whether the page's blocks hold no prose beyond its description and contents."""
    other = 0
    for block in blocks:
        bare = _bare(block.text)
        if not bare or any(bare in part for part in parts):
            continue
        words = len(block.text.split())
        if words >= _PROSE_LINE_WORDS:
            other += words
    return other < _MAX_OTHER_PROSE


__all__ = ["book_parts", "holds_no_story"]
