"""What a reader hands on: a :class:`RawDocument` of text blocks plus format metadata.

A reader does not interpret a story's header or guess chapters from prose; it only
says what the format itself says. Blocks keep light structure (headings, paragraphs,
rules, emphasis and links as spans) so the parser can find headers, chapters and
scene breaks.

``metadata`` keys a reader may fill (all optional), read by the parse stage:

- ``title`` (str), ``authors`` (list[str]), ``summary`` (str), ``notes_begin`` /
  ``notes_end`` (str), ``language`` (str), ``published`` / ``updated`` (ISO date str),
  ``status`` ("complete" | "wip"), ``series`` (str), ``url`` (str)
- ``tags``: list of ``(type, name)`` pairs the format states with their type
  (AO3's ``dl.tags``), type in :data:`fandex.model.TAG_TYPES`
- ``fields``: dict of labelled fields as found (FanFicFare's title page, AO3 stats),
  kept in the work's ``header``
- ``conventions``: list of emphasis conventions found (``"*"``, ``"**"``, ``"/"``, ``"//"``,
  ``"_"``)
- ``producer``: who wrote the file when the reader can tell (``"ao3"``, ``"fanficfare"``,
  ``"ffnet"``, ``"efiction"``)
- ``encoding`` (str) and ``wrap_width`` (int): how plain text was decoded and the
  column it was hard-wrapped at, when it was
- ``stated_fields``: list of ``(label, value)`` pairs a page states in its own metadata
  block (FanFiction.net's "Rated: Fiction T - English - ...", eFiction's labels, an HTML
  comment's ``title: / fandom:``), read with the header vocabulary before the text's
  own header
- ``fallback_title`` / ``fallback_authors`` / ``fallback_summary``: what the page says
  when the text names no title, author or summary (its ``<title>``, a journal entry's
  subject and poster, schema.org microdata)
- ``fallback_tags``: ``(type, name)`` pairs a page's own filing states (a journal
  entry's or blog post's tag naming a known fandom), used only when neither the format
  nor the text states a tag of that type
- ``chapter_title``: the chapter a chapter page holds ("2. The Ferry"); and
  ``single_chapter`` (bool): the page holds exactly one chapter, whatever headings
  its text has
- ``page_kind``: set when the markup shows the page holds no story ("a story index
  page"); the importer skips it with that reason
- ``fandex_tags`` / ``fandex_flags``: the guesses (with source and confidence) and
  flags a fandex export carries (:mod:`fandex.read.fandex_export`)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "rule", "pre"]


@dataclass(slots=True)
class Span:
    """A stretch of a block's text with a style: emphasis, strong, or a link."""

    start: int
    end: int
    kind: str  # "em" | "strong" | "link" | "thought"
    href: str | None = None


@dataclass(slots=True)
class Block:
    """One block of text. ``rule`` blocks are horizontal rules / scene-break lines.

    Slotted, as :class:`Span` is: a long page has hundreds of thousands of blocks."""

    kind: str
    text: str = ""
    level: int = 0  # heading level; 0 for other kinds
    spans: list[Span] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class RawChapter:
    """A chapter whose boundary the format itself marks (EPUB spine, AO3 chapter div)."""

    title: str | None
    blocks: list[Block] = field(default_factory=list)
    summary: str | None = None
    notes_begin: str | None = None
    notes_end: str | None = None
    html: str | None = None


@dataclass
class RawDocument:
    """A file's content after reading, before any story-level interpretation.

    When the format marks chapters, ``chapters`` holds them and ``blocks`` holds only
    what comes before the first chapter (a preface); otherwise ``chapters`` is empty and
    ``blocks`` holds everything in reading order.
    """

    format: str
    blocks: list[Block] = field(default_factory=list)
    chapters: list[RawChapter] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    # What the reader skipped or repaired, one line each (shown to the user).
    notices: list[str] = field(default_factory=list)

    def all_blocks(self) -> list[Block]:
        out = list(self.blocks)
        for ch in self.chapters:
            out.extend(ch.blocks)
        return out

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.all_blocks() if b.text)


def paragraphs(text: str) -> list[Block]:
    """Split plain text into paragraph blocks at blank lines.

    >>> [b.text for b in paragraphs("One.\\n\\nTwo\\nlines.")]
    ['One.', 'Two\\nlines.']
    """
    out: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        chunk = chunk.strip("\n")
        if chunk.strip():
            out.append(Block("paragraph", chunk))
    return out
