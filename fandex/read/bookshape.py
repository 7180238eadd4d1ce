"""A read book's chapters handed on as a text file's blocks, for the parse stage to find
the header and chapters in them as it does in the page or text the book was made from
(a converter's book of one page, a Kindle book that lost AO3's structure, a FictionBook
of one section)."""

from __future__ import annotations

from fandex.read.document import Block, RawDocument


def as_text(doc: RawDocument) -> None:
    """A book of one chapter that states nothing about it (no summary or notes) goes
    on as a text file's blocks, its title a heading over them, so the parse stage reads
    the header and the chapters in them as it does in the page or text it was made from
    (a converter's book keeps the page's "Fandom:" lines and byline in its one page)."""
    only = doc.chapters[0] if len(doc.chapters) == 1 else None
    if only is None or doc.blocks or only.summary or only.notes_begin or only.notes_end:
        return
    heading = [Block("heading", only.title, level=2)] if only.title else []
    doc.blocks, doc.chapters = heading + only.blocks, []


def flatten(doc: RawDocument) -> None:
    """Every chapter's blocks as the document's own, each title a heading over its
    blocks: the book's text read as one text file's is."""
    blocks = list(doc.blocks)
    for chapter in doc.chapters:
        if chapter.title:
            blocks.append(Block("heading", chapter.title, level=2))
        blocks += chapter.blocks
    doc.blocks, doc.chapters = blocks, []


__all__ = ["as_text", "flatten"]
