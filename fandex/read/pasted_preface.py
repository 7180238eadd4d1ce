"""An AO3 download's preface pasted at the top of another site's story box.

Authors who cross-post copy their AO3 download into the other site's editor, and its
preface comes along as the chapter's first paragraphs::

    Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1.
    Rating: General Audiences Archive Warning: ... Stats: Published: ... Words: 1197
    by Wren
    Summary
    The lamplighter keeps one lamp dark.
    Notes
    Written for a prompt.
    <the story>

The site's page already says what the work is (its own title, author and tags); the
preface is the other archive's card for it, not the story, so it is left out of the
text. A reader would skip it the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.read.ao3_text import PREFACE_LABELS
from fandex.read.document import Block

# AO3's line, also as its test archives name themselves ("the ***TEST*** An Archive Of
# Our Own ***TEST***").
_POSTED = re.compile(r"^\s*posted\s+originally\s+on\s+the\s+.{0,40}?archive\s+of\s+our\s+own", re.I)
# Pasted, the stats may lose their "Stats:" label and open a line of their own.
_LABELS = (*PREFACE_LABELS, "published", "words")
_LABEL = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(re.escape(x) for x in sorted(_LABELS, key=len, reverse=True))
    + r")\s*:",
    re.I,
)
_BY = re.compile(r"^\s*by\s+\S", re.I)
_SECTIONS = frozenset({"summary", "notes"})
# A title or byline line is short; a longer block is the story's.
_MAX_LINE_WORDS = 15
# AO3's line under notes that go on at the end, and how far it may follow the label.
_JUMP = re.compile(r"^\s*\(?\s*see the end of the (?:work|chapter) for (?:more )?notes", re.I)
_NOTE_RUN = 12


def _words(block: Block) -> int:
    return len(block.text.split())


def drop_pasted_preface(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` without an AO3 preface opening them (AO3's "Posted originally" line,
    its tag list, title and byline, and its Summary and Notes: one paragraph each, or
    up to AO3's "See the end of the work for more notes" line);
    ``blocks`` unchanged when they do not open with one or nothing would be left.

    >>> texts = ["Posted originally on the Archive of Our Own at x.", "Rating: Teen Words: 9",
    ...          "by Wren", "Summary", "A lamp.", "Notes", "For a prompt.", "Ila ran."]
    >>> [b.text for b in drop_pasted_preface([Block("paragraph", t) for t in texts])]
    ['Ila ran.']
    """
    if not blocks or not _POSTED.match(blocks[0].text):
        return list(blocks)
    i = 1
    while i < len(blocks) and _LABEL.search(blocks[i].text):
        i += 1
    if (
        i + 1 < len(blocks)
        and _words(blocks[i]) <= _MAX_LINE_WORDS
        and _BY.match(blocks[i + 1].text)
    ):
        i += 1  # the work's title over its byline
    if i < len(blocks) and _BY.match(blocks[i].text) and _words(blocks[i]) <= _MAX_LINE_WORDS:
        i += 1
    while i + 1 < len(blocks) and blocks[i].text.strip().rstrip(":").casefold() in _SECTIONS:
        # A section is one paragraph, or runs to AO3's jump line when one follows soon
        # ("See the end of the work for more notes"): notes of several paragraphs.
        jump = next(
            (
                j
                for j in range(i + 1, min(len(blocks), i + _NOTE_RUN))
                if _JUMP.match(blocks[j].text)
            ),
            None,
        )
        i = jump + 1 if jump is not None else i + 2
    rest = list(blocks[i:])
    return rest if any(b.text.strip() for b in rest) else list(blocks)


__all__ = ["drop_pasted_preface"]
