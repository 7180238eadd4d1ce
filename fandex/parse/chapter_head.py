"""A chapter's own opening notes, read before its story: a repeated part header
("Title: Blood Pure (2/5)" / "Rating: R"), an author's note ("A/N: ..."), or notes and
summaries each a lone label over a paragraph ("Summary for the Chapter:" / ...). Used by
:mod:`fandex.parse.structure` on every chapter under its own heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.parse.labels import lone_note_label, match_label
from fandex.parse.lines import separators_only
from fandex.read.document import Block

# A note's opening label: "A/N:", "Author's notes -", "PS:".
NOTE_START = re.compile(
    r"(?:a\s*/\s*n|a\.n\.?|an|author['’]?s?\s+notes?|notes?|n\.b\.|ps|p\.s\.)\s*[:\-–]", re.I
)


def is_break(block: Block) -> bool:
    """A scene or section break: a rule, or a line of separators only ("* * *")."""
    if block.kind == "rule":
        return True
    return separators_only(block.text)


# Fields that make a chapter's opening block a repeated part header, not story.
_PART_HEADER_FIELDS = frozenset(
    {"title", "author", "rating", "relationship", "warning", "summary", "fandom", "notes"}
)


_NOTE_OPENER = re.compile(r"^[(\[*_~]+\s*")


def _opens_note(line: str) -> bool:
    """A line that opens an author's note or disclaimer: "A/N: ...", "(A/N: ...)",
    "Disclaimer: ...".

    >>> _opens_note("(A/N: thanks for the reviews)"), _opens_note("Disclaimer: not mine")
    (True, True)
    >>> _opens_note("Anna walked on.")
    False
    """
    bare = _NOTE_OPENER.sub("", line.strip())
    if NOTE_START.match(bare):
        return True
    label = match_label(bare)
    return label is not None and label.field == "disclaimer" and label.colon


# How many label-over-text notes may open a chapter (a note, a summary, another note).
_MAX_HEAD_LABELS = 3


def labelled_head(blocks: Sequence[Block]) -> tuple[list[str], list[str], int]:
    """Notes and summaries opening a chapter as a lone label over one paragraph
    ("Author's Note:" / "Thanks to my beta." / "Summary for the Chapter:" / ...):
    ``(notes, summaries, blocks used)``."""
    notes: list[str] = []
    summaries: list[str] = []
    i = 0
    while len(notes) + len(summaries) < _MAX_HEAD_LABELS and i + 2 < len(blocks):
        kind = lone_note_label(blocks[i].text)
        if kind is None or lone_note_label(blocks[i + 1].text) is not None:
            break
        (summaries if kind == "summary" else notes).append(blocks[i + 1].text.strip())
        i += 2
    return notes, summaries, i


def chapter_head(blocks: Sequence[Block]) -> tuple[list[str], list[Block]]:
    """A chapter's own opening notes: a repeated part header or an A/N, before its story.

    Multi-part posts repeat a header per part ("Title: Blood Pure (2/5)", "Rating: R");
    a block counts only when it opens the chapter and every line is a field, at least
    two of them header fields (an in-story form quoted later in a chapter is story).
    """
    head: list[str] = []
    i = 0
    while i < len(blocks) and i < 3:
        text = blocks[i].text.strip()
        lines = [ln for ln in text.split("\n") if ln.strip()]
        matches = [match_label(ln) for ln in lines]
        fields = [m for m in matches if m is not None]
        is_part_header = (
            len(fields) >= 2
            and len(fields) == len(lines)
            and sum(m.field in _PART_HEADER_FIELDS for m in fields) >= 2
        )
        is_note = bool(lines) and i == 0 and _opens_note(lines[0])
        if not (is_part_header or is_note):
            break
        head.append(text)
        i += 1
    while i < len(blocks) and is_break(blocks[i]) and head:
        i += 1
    return head, list(blocks[i:])


__all__ = ["NOTE_START", "chapter_head", "is_break", "labelled_head"]
