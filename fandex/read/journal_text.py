"""A journal entry (Dreamwidth, LiveJournal) that lost its markup: a converter's text,
Word, RTF or FictionBook made of the saved entry page.

What is left is the entry's words in order::

    rebecca2525 (rebecca2525) wrote2000-01-10 03:14 pm
    Current Mood: curious
    Current Music: Bach
    Entry tags:
    testing
    [FIC] Importing Test
    Title: Importing Test
    ...the entry...
    Post a new comment
    Flat | Top-Level Comments Only

The poster's line ("name (name) wrote" and the date) says what the file is and who
posted it; the journal's own fields under it (mood, music, location, crossposts, the
entry's tags) are not the story's header and are left out, the subject and the entry
are kept for the parse stage, and the comment links and all after them are the site's.
"""

from __future__ import annotations

import re

from fandex.parse.labels import match_label
from fandex.read.document import Block, RawDocument

# The poster's line: DW's "name (name) wrote<date>", LJ's "name wrote,", "name wrote in
# community".
_POSTER = re.compile(
    r"^(?P<user>[A-Za-z0-9_-]{1,40})\s*(?:\(\s*(?P=user)\s*\)\s*)?wrote(?=[,:\s\d]|$)"
)
_LOOK = 3  # the poster's line opens the entry page's text
# The journal's fields over an entry.
_FIELD = re.compile(
    r"^(?:current\s+(?:mood|music|location)|mood|music|location|crossposts?|"
    r"entry\s+tags|tags)\s*:",
    re.I,
)
# Where the site's part after the entry begins.
_AFTER = re.compile(
    r"^(?:post a new comment|leave a comment|flat\s*\|\s*top-level comments only|"
    r"\d+\s+comments?\s*\|\s*(?:leave|post)|reply to this|link\s*\|\s*leave a comment)\b",
    re.I,
)


def _text(block: Block) -> str:
    return " ".join(block.text.split())


def _lines_apart(block: Block) -> list[Block]:
    """A block that opens with a labelled line, one block a line: the entry's header
    and text as lines of one paragraph (the page's line breaks, a converter's one
    paragraph) are the story's header and paragraphs."""
    lines = [ln.strip() for ln in block.text.split("\n") if ln.strip()]
    if len(lines) < 2 or match_label(lines[0]) is None:
        return [block]
    return [Block(block.kind, ln) for ln in lines]


def unjournal(doc: RawDocument) -> RawDocument:
    """``doc`` read as a journal entry without its markup when a poster's line opens
    it and the journal's own fields follow; otherwise ``doc`` unchanged."""
    if doc.chapters or len(doc.blocks) < 3:
        return doc
    blocks = doc.blocks
    at = next((k for k, b in enumerate(blocks[:_LOOK]) if _POSTER.match(_text(b))), None)
    if at is None:
        return doc
    m = _POSTER.match(_text(blocks[at]))
    assert m is not None
    k = at + 1
    fields = 0
    while k < len(blocks) and _FIELD.match(_text(blocks[k])):
        label_only = _text(blocks[k]).endswith(":")
        k += 2 if label_only and k + 1 < len(blocks) else 1
        fields += 1
    if not fields:
        return doc  # a story opening "Ila wrote to her brother" has no journal fields
    end = next((j for j in range(k, len(blocks)) if _AFTER.match(_text(blocks[j]))), None)
    entry = [piece for b in blocks[k:end] for piece in _lines_apart(b)]
    if not any(b.text.strip() for b in entry):
        return doc
    meta = dict(doc.metadata)
    if "title" in meta:
        # The book's title is the page's ("name | subject"), not the story's.
        meta.setdefault("fallback_title", meta.pop("title"))
    meta.setdefault("fallback_authors", [m.group("user")])
    return RawDocument(
        format=doc.format,
        blocks=entry,
        metadata=meta,
        notices=[*doc.notices, "a journal entry without its markup: the site's fields left out"],
    )


__all__ = ["unjournal"]
