"""A story posted in a journal entry's comments: a prompt meme's fill.

Prompt (kink) memes on LiveJournal and Dreamwidth post one short entry, the prompts
come as comments, and a fill is posted as replies under its prompt, often in parts:
"FILL: Lanterns 1/3", "Lanterns 2/3". A saved thread page then holds a short entry (the
meme's rules) and the story in the comments, which the entry reader would leave out.

The comment markup is each site's own (as prompt-meme tools select it): Dreamwidth's
``div.dwexpcomment`` with ``.comment-title`` and ``div.comment-content``, LiveJournal's
``div.comment-wrap`` with an ``h3`` subject and ``div.comment-text``. Only a comment
whose subject says it is a fill (or a part "2/3") starts a fill, and only when the
entry is short: a story posted in an entry, with long comments under it, is untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fandex.read.document import Block
from fandex.read.htmltext import blocks_of
from fandex.read.htmltext import squashed_text as _text
from fandex.read.sitepage import classes

__all__ = ["Fill", "comment_fill"]

# The entry of a prompt meme states its rules: a story entry is longer.
_ENTRY_WORDS = 400
_PART_WORDS = 300  # an unmarked comment this long from the filler is a part
_FILL = re.compile(r"\b(?:mini-?\s?)?fill\b|\bpart\s+\d+|\b\d+[a-z]?\s*/\s*(?:\d+|\?)", re.I)
_MARK = re.compile(
    r"^\s*[\[(]?\s*(?:mini-?\s?)?fill(?:ed)?\s*[\])]?\s*[:\-–—]?\s*|"
    r"\s*[\[(]?\s*(?:part\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+[a-z]?\s*/\s*(?:\d+|\?))\s*[\])]?\s*$",
    re.I,
)


@dataclass
class Fill:
    """The story found in the comments: its parts' blocks, title and poster."""

    blocks: list[Block]
    title: str | None
    poster: str | None
    parts: int


@dataclass
class _Comment:
    subject: str
    poster: str
    body: Any
    words: int


def _first_with(el: Any, names: tuple[str, ...], tags: tuple[str, ...] = ()) -> Any | None:
    for d in el.iterdescendants():
        if isinstance(d.tag, str) and (classes(d) & set(names) or d.tag in tags):
            return d
    return None


def _comments(root: Any) -> list[_Comment]:
    found: list[_Comment] = []
    for el in root.iter("div"):
        marks = classes(el)
        if "dwexpcomment" in marks:
            subject = _first_with(el, ("comment-title",))
            body = _first_with(el, ("comment-content",))
        elif "comment-wrap" in marks:
            subject = _first_with(el, (), ("h3",))
            body = _first_with(el, ("comment-text",))
        else:
            continue
        if body is None:
            continue
        who = _first_with(el, ("ljuser", "comment-poster"))
        found.append(
            _Comment(
                _text(subject) if subject is not None else "",
                _text(who) if who is not None else "",
                body,
                len(_text(body).split()),
            )
        )
    return found


def _title(subject: str) -> str | None:
    """ "FILL: Lanterns 1/3" -> "Lanterns"."""
    title = subject
    for _ in range(3):
        title = _MARK.sub("", title).strip(" :-–—")
    return title or None


def comment_fill(root: Any, entry: list[Block]) -> Fill | None:
    """The fill in the page's comments when the entry is a short prompt post and a
    comment marked as a fill follows; None otherwise."""
    if sum(len(b.text.split()) for b in entry) > _ENTRY_WORDS:
        return None
    comments = _comments(root)
    first = next((c for c in comments if _FILL.search(c.subject) and c.words), None)
    if first is None:
        return None
    start = comments.index(first)
    parts = [
        c
        for c in comments[start:]
        if c.poster == first.poster
        and (_FILL.search(c.subject) or c.words >= _PART_WORDS)
        and (_title(c.subject) in (None, _title(first.subject)) or c.words >= _PART_WORDS)
    ]
    if sum(c.words for c in parts) < 2 * sum(len(b.text.split()) for b in entry):
        return None
    blocks: list[Block] = []
    title = _title(first.subject)
    for n, c in enumerate(parts, 1):
        if len(parts) > 1:
            # "The Lamp Room 2/2" heads its part as "Part 2"; a part with its own
            # subject keeps it.
            own = _title(c.subject)
            blocks.append(Block("heading", own if own and own != title else f"Part {n}", level=3))
        blocks += blocks_of(c.body)
    anonymous = not first.poster or "anonymous" in first.poster.casefold()
    return Fill(blocks, title, None if anonymous else first.poster, len(parts))
