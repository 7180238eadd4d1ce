"""A plain-text table of contents: the list a downloader writes before the chapters
(FanFicFare's text output, archives' text downloads) names the chapter headings.

"TABLE OF CONTENTS" (or "Contents") over one short line per chapter. The list is not
story; its entries are the headings to look for in the text, whatever their shape
("Chapter 1, Xenos on Cinnabar" reads as no heading pattern would).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fandex.read.document import Block

_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents\s*:?$", re.IGNORECASE)
# Where a contents list may start (blocks after the header), and how long it may be.
_SEARCH_BLOCKS = 40
_MAX_ENTRIES = 1000
_MAX_TITLE_WORDS = 16
# An entry's own number before its title: "1. ", "12) ", "3 - ".
_ENTRY_NUMBER = re.compile(r"^\s*\d{1,4}\s*(?:[.)]|\s[-–])\s*")


@dataclass(frozen=True)
class Contents:
    """Where the list sits (``start``, ``end`` block indexes) and its entries."""

    start: int
    end: int
    titles: tuple[str, ...]


def fold(text: str) -> str:
    """A comparison key for a heading: letters, digits and spaces, case-folded."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _title_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not line.rstrip().endswith((".", ",", ";"))


def _lines(block: Block) -> list[str]:
    return [" ".join(ln.split()) for ln in block.text.split("\n") if ln.strip()]


def heading_keys(block: Block) -> tuple[str, str]:
    """Keys a heading block may match an entry by: its first line, or all of it (a long
    title the text hard-wrapped over two lines)."""
    lines = _lines(block)
    return (fold(lines[0]) if lines else "", fold(" ".join(lines)))


def find_contents(blocks: Sequence[Block]) -> Contents | None:
    """The table of contents near the top of ``blocks``, if there is one.

    >>> from fandex.read.document import paragraphs
    >>> c = find_contents(paragraphs("TABLE OF CONTENTS\\n\\nOne, Rain\\n\\nTwo, Sun"
    ...     "\\n\\nOne, Rain\\n\\nIt rained.\\n\\nTwo, Sun\\n\\nIt shone."))
    >>> c.titles, c.end
    (('One, Rain', 'Two, Sun'), 3)
    """
    for i, block in enumerate(blocks[:_SEARCH_BLOCKS]):
        lines = _lines(block)
        if not lines or not _CONTENTS.match(lines[0]):
            continue
        titles = list(lines[1:])
        if not all(_title_like(t) for t in titles):
            continue
        j = i + 1
        while j < len(blocks) and len(titles) < _MAX_ENTRIES:
            more = _lines(blocks[j])
            if not more or not all(_title_like(t) for t in more):
                break
            first = titles[0] if titles else ""
            keys = heading_keys(blocks[j])
            if blocks[j].kind == "heading" or (
                first and {fold(first), fold(_ENTRY_NUMBER.sub("", first))} & set(keys)
            ):
                break  # the first chapter's own heading: the list has ended
            titles += more
            j += 1
        # Every entry must head a chapter further on, or this is not a contents list.
        # Entries may be numbered where the headings are not ("1. Chapter 1" over
        # "Chapter 1"); a list of one entry counts under a "Table of Contents" heading.
        later = {k for b in blocks[j:] for k in heading_keys(b)}
        least = 1 if lines[0].casefold().startswith("table") else 2
        for entries in (titles, [_ENTRY_NUMBER.sub("", t) for t in titles]):
            if len(entries) >= least and all(fold(t) in later for t in entries):
                return Contents(i, j, tuple(entries))
    return None


__all__ = ["Contents", "find_contents", "fold", "heading_keys"]
