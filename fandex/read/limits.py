"""Limits checked before a parser sees a file, where the parser's cost grows faster than
the file or its memory is many times the file's size.

- **Attributes per tag.** libxml2's HTML parser checks each new attribute against every
  earlier one of the same tag: one tag with 40,000 attributes takes a minute, one with
  500,000 hours. No real page has more than a few dozen.
- **Elements per page.** A parsed HTML tree costs about 400 bytes per element, and the
  blocks read from it some 200 more, however short the element's text, and reading
  them takes some 40 microseconds each: a 22 MB page of two million one-word paragraphs
  needs over a gigabyte and minutes. Past :data:`MAX_ELEMENTS` a page is refused before
  it is parsed; a single page of the longest works (a few million words, most of their
  elements paragraphs of dozens of words) stays under it.

Both checks are linear scans of the text and cost nothing on an ordinary page (only
tags longer than :data:`_LONG_TAG` characters are looked into). Readers call
:func:`check_markup` through :func:`fandex.read.htmltext.parse_html`, the one place
HTML is parsed.

And one limit applied after reading, to whatever a reader made:

- **Characters per block.** A text of one enormous line (a 50 MB file without a line
  break, a page with everything in one paragraph) would reach every later stage as one
  block, and any step that splits a block into words or lines would hold millions of
  them at once. :func:`split_long_blocks` cuts blocks longer than
  :data:`MAX_BLOCK_CHARS` at line breaks or spaces (HTML's block builder cuts them as it
  makes them, so the readers' own passes over blocks are bounded too); no real
  paragraph is that long.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fandex.errors import ReadError
from fandex.read.document import Block, RawDocument, Span

__all__ = [
    "MAX_ATTRIBUTES",
    "MAX_BLOCK_CHARS",
    "MAX_ELEMENTS",
    "check_markup",
    "split_block",
    "split_long_blocks",
]

MAX_ATTRIBUTES = 1000
MAX_ELEMENTS = 250_000
MAX_BLOCK_CHARS = 256 * 1024

# Tags shorter than this cannot hold MAX_ATTRIBUTES attributes (each needs at least a
# name and a separator), so only longer ones are counted. ``[^<>]`` keeps the scan
# linear: it stops at the next ``<`` instead of rescanning from every one.
_LONG_TAG = 2 * MAX_ATTRIBUTES
_TAG_START = re.compile(rf"<[A-Za-z][^<>]{{{_LONG_TAG},}}")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_NAME = re.compile(r"[^\s=/]+")
_ELEMENT = re.compile(r"<[A-Za-z]")
_CHUNK = 1 << 20


def check_markup(text: str, what: str = "page") -> None:
    """Raise :class:`ReadError` when HTML ``text`` is past a parsing limit.

    >>> check_markup("<p class='a' id=b>Hi</p>")
    >>> try:
    ...     check_markup("<p " + "a=1 " * 1500 + ">Hi</p>")
    ... except ReadError as exc:
    ...     print(str(exc).split(" (")[0])
    the page has a tag with more than 1,000 attributes
    """
    for match in _TAG_START.finditer(text):
        names = _NAME.findall(_QUOTED.sub(" ", match.group()[1:]))
        # The first name is the tag's; a value without quotes counts as a name too,
        # so this over-counts at most by half: a real tag never comes near the limit.
        if len(names) - 1 > MAX_ATTRIBUTES:
            raise ReadError(
                f"the {what} has a tag with more than {MAX_ATTRIBUTES:,} attributes "
                "(broken or hostile markup); refused"
            )
    if text.count("<") > MAX_ELEMENTS:  # a cheap bound first: most pages stop here
        elements = _count(_ELEMENT, text)
        if elements > MAX_ELEMENTS:
            raise ReadError(
                f"the {what} has {elements:,} elements, more than the {MAX_ELEMENTS:,} "
                "fandex reads in one file; refused (split it into smaller files)"
            )


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Matches of two-character ``pattern`` in ``text``, counted a chunk at a time so no
    list of every match is built. Each chunk reads one character past its end: a match
    straddling two chunks is counted in the first, and cannot start in the second."""
    return sum(
        len(pattern.findall(text, start, start + _CHUNK + 1))
        for start in range(0, len(text), _CHUNK)
    )


def split_long_blocks(doc: RawDocument) -> None:
    """Cut every block of ``doc`` longer than :data:`MAX_BLOCK_CHARS` into blocks under
    it, at a line break or else a space in the second half of each piece; spans are cut
    with the text. A notice says how many were cut.

    >>> from fandex.read.document import Block
    >>> doc = RawDocument("txt", blocks=[Block("paragraph", "word " * 120_000)])
    >>> split_long_blocks(doc)
    >>> [len(b.text) // 1000 for b in doc.blocks], doc.notices
    ([262, 262, 75], ['cut 1 paragraph of over 262,144 characters into 3'])
    """
    counts = [0, 0]  # blocks cut, blocks made of them
    doc.blocks = _split_all(doc.blocks, counts)
    for chapter in doc.chapters:
        chapter.blocks = _split_all(chapter.blocks, counts)
    cut, made = counts
    if cut:
        doc.notices.append(
            f"cut {cut} paragraph{'s' if cut > 1 else ''} of over {MAX_BLOCK_CHARS:,} "
            f"characters into {made}"
        )


def _split_all(blocks: list[Block], counts: list[int]) -> list[Block]:
    if all(len(b.text) <= MAX_BLOCK_CHARS for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        if len(block.text) > MAX_BLOCK_CHARS:
            pieces = split_block(block)
            counts[0] += 1
            counts[1] += len(pieces)
            out += pieces
        else:
            out.append(block)
    return out


def split_block(block: Block) -> list[Block]:
    """``block`` cut into blocks of at most :data:`MAX_BLOCK_CHARS` characters."""
    text = block.text
    bounds = []
    start = 0
    while len(text) - start > MAX_BLOCK_CHARS:
        low, high = start + MAX_BLOCK_CHARS // 2, start + MAX_BLOCK_CHARS
        end = text.rfind("\n", low, high)
        if end < 0:
            end = text.rfind(" ", low, high)
        if end < 0:
            end = high  # no space at all: a cut inside one enormous "word"
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    out = []
    for a, b in bounds:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        a += lead
        spans = [
            Span(max(s.start, a) - a, min(s.end, b) - a, s.kind, s.href)
            for s in block.spans
            if s.start < b and s.end > a
        ]
        out.append(replace(block, text=text[a:b].rstrip(), spans=spans, attrs=dict(block.attrs)))
    return [b for b in out if b.text]
