"""Forum post chrome in scraped story text (XenForo boards' threadmarks).

A scraper that saves a forum post as a chapter keeps the board's furniture around the
story: "Threadmarks <title>", "View content", the poster's name, the post date, the
post number ("#1") before it; "Last edited: <date>", the like count, the poster and
date again and "View content" after it. A reader sees those as the page around the
post, not as the story, so they are cut from the chapter's first and last lines.
"""

from __future__ import annotations

import re

from fandex.read.document import Block

_DATE = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+"
    r"\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:\s+at\s+\d{1,2}:\d{2}\s*(?:am|pm)?)?$",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:threadmarks\b.*|view content|click to expand\.*|click to shrink\.*|reply|report|"
    r"like|quote|reactions?:.*|last edited:.*|#\s?\d{1,6}|\d{1,7}|"
    r"(?:previous|next)(?:\s+threadmark)?|reader mode|share|bookmark)$",
    re.IGNORECASE,
)
# Chrome lines are short: a post's opening line of prose never counts.
_MAX_CHROME_WORDS = 8


def _is_chrome(line: str, names: set[str]) -> bool:
    text = " ".join(line.split())
    if not text or len(text.split()) > _MAX_CHROME_WORDS:
        return False
    return bool(_CHROME.match(text) or _DATE.match(text)) or text.casefold() in names


def _poster_names(blocks: list[Block]) -> set[str]:
    """Short lines that sit next to a post date: the poster's name (and the title)."""
    names: set[str] = set()
    lines = [ln.strip() for b in blocks[:12] + blocks[-12:] for ln in b.text.split("\n")]
    for i, line in enumerate(lines):
        if _DATE.match(" ".join(line.split())) and i > 0:
            prev = lines[i - 1]
            if 0 < len(prev.split()) <= 4:
                names.add(" ".join(prev.split()).casefold())
    return names


def strip_post_chrome(blocks: list[Block], title: str | None) -> list[Block]:
    """``blocks`` without the forum chrome before the post's first line of story and
    after its last; a leading repeat of the chapter ``title`` goes with it.

    >>> bs = [Block("paragraph", t) for t in ["Threadmarks Part 1", "View content", "Kay",
    ...       "Jan 3, 2020", "#1", "Part 1", "It rained all day.", "Last edited: Jan 4, 2020",
    ...       "12", "Kay", "Jan 3, 2020", "View content"]]
    >>> [b.text for b in strip_post_chrome(bs, "Part 1")]
    ['It rained all day.']
    """
    names = _poster_names(blocks)
    if title:
        names.add(" ".join(title.split()).casefold())
    start = 0
    while start < len(blocks) and _is_chrome(blocks[start].text, names):
        start += 1
    end = len(blocks)
    while end > start and _is_chrome(blocks[end - 1].text, names):
        end -= 1
    return blocks[start:end]


__all__ = ["strip_post_chrome"]
