"""Paragraph styles that say what a word-processor paragraph is, beyond headings.

pandoc writes a document's metadata as styled paragraphs: the title in "Title", each
author in an "Author" paragraph under it. Read as text, a lone name under the title is
a note; its style says it is the byline.
"""

from __future__ import annotations

from typing import Any

from fandex.read.document import Block

__all__ = ["AUTHOR_STYLE", "take_styled_authors"]

AUTHOR_STYLE = "author"
# Author paragraphs sit in the title block, before the text proper.
_LOOK = 6


def take_styled_authors(blocks: list[Block], meta: dict[str, Any]) -> list[Block]:
    """``blocks`` without the "Author"-styled paragraphs among the first few, their
    names set as the work's ``authors`` (unless the format stated some already).

    >>> bs = [Block("heading", "Moth"), Block("paragraph", "Sedge", attrs={"style": "Author"})]
    >>> meta = {}
    >>> [b.text for b in take_styled_authors(bs, meta)], meta["authors"]
    (['Moth'], ['Sedge'])
    """
    found = [
        k
        for k, b in enumerate(blocks[:_LOOK])
        if str(b.attrs.get("style", "")).strip().casefold() == AUTHOR_STYLE
        and "\n" not in b.text.strip()
    ]
    if not found or meta.get("authors") or len(found) == len(blocks):
        return blocks
    meta["authors"] = [" ".join(blocks[k].text.split()) for k in found]
    return [b for k, b in enumerate(blocks) if k not in found]
