"""Summaries a header leaves unlabelled: a paragraph of a few sentences between the
title and byline and a run of labelled facts (:func:`summary_between`), or one set wholly
in italics over the first chapter's heading (:func:`italic_summary`). Read by
:mod:`fandex.parse.header`, which hands over the fields found so far.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.parse.header_block import HeaderField
from fandex.parse.labels import is_field, match_label
from fandex.parse.lines import chapter_heading
from fandex.read.document import Block, Span


def title_stated(fields: Sequence[HeaderField]) -> bool:
    """Whether a title (labelled or a title line) is among ``fields``."""
    return any(f.field in {"title", "title_line"} for f in fields)


_SUMMARY_WORDS = 80


def summary_between(
    fields: Sequence[HeaderField], blocks: Sequence[Block], i: int, lines: list[str]
) -> bool:
    """An unlabelled paragraph of a few sentences inside a header, with no summary
    stated yet and a block of unmistakable labels (a rating, the characters) right after."""
    if any(f.field == "summary" for f in fields) or len(lines) > 3 or i + 2 >= len(blocks):
        return False  # the story must follow the fields below
    if blocks[i].kind != "paragraph" or len(blocks[i].text.split()) > _SUMMARY_WORDS:
        return False
    if any(f.field not in {"title", "title_line", "author"} for f in fields):
        return False  # the profile box: title and author, then the summary
    if not any(f.field == "author" for f in fields) and _NAME_ONLY.fullmatch(
        blocks[i].text.strip()
    ):
        return False  # "Wren Calloway" alone under the title: its author, not a summary
    # "Rated: Fiction T - ...": a fact about the story, written with a colon (not a
    # "Disclaimer:" closing a one-paragraph story, nor "Rating - she hated the word -"),
    # right after it or further down a run of labelled lines ("Status: complete" /
    # "Published: 2010-03-30" / "Rated: M", a downloader's title page as text).
    for block in blocks[i + 1 : i + 1 + _FACT_RUN]:
        m = match_label(block.text.strip().split("\n", 1)[0])
        if m is None or not m.colon:
            return False
        if is_field(m.field, _FACT_FIELDS):
            return True
    return False


# A line of two to four capitalised words and nothing else: a name.
_NAME_ONLY = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*")
_FACT_FIELDS = frozenset({"rating", "relationship", "character", "fandom", "warning"})
# An epigraph is story text: a quotation, or lines closed by an attribution.
_EPIGRAPH = re.compile(r"^\s*[\"“‘'«]|\n\s*[-–—~]+\s*\S|\s[-–—]\s*[A-Z][^.!?]{0,40}$")


def rest_block(block: Block, rest: str) -> Block:
    """The end of ``block`` that reads ``rest``, with its spans."""
    at = block.text.rfind(rest)
    if at < 0:
        return Block("paragraph", rest)
    spans = [
        Span(max(sp.start, at) - at, sp.end - at, sp.kind, sp.href)
        for sp in block.spans
        if sp.end > at
    ]
    return Block("paragraph", rest, spans=spans)


def italic_summary(
    fields: Sequence[HeaderField], block: Block, nxt: Block | None, lines: list[str]
) -> bool:
    """A paragraph set wholly in italics between a header that names the work (a title
    and some fact or byline) and the first chapter's heading (``nxt``), with no summary
    stated: the summary, unlabelled."""
    if any(f.field == "summary" for f in fields) or not title_stated(fields) or len(lines) > 3:
        return False
    if len(fields) < 2 or nxt is None:
        return False
    text = block.text
    if block.kind != "paragraph" or len(text.split()) > _SUMMARY_WORDS or _EPIGRAPH.search(text):
        return False
    italic = sum(s.end - s.start for s in block.spans if s.kind == "em")
    if italic < 0.9 * len(text.strip()):
        return False
    first = nxt.text.strip().split("\n", 1)[0]
    return chapter_heading(first) is not None


# How far down a run of labelled lines under the summary a fact may stand.
_FACT_RUN = 8


__all__ = ["italic_summary", "rest_block", "summary_between", "title_stated"]
