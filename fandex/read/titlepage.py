"""Front and back matter of tool-made books: title pages, notes pages, contents pages.

Downloaders put what the story's page said on a page of its own before the chapters:
FanFicFare's ``title_page`` (``<b>Label:</b> value<br/>`` lines or a table), FicHub's
"Introduction" (title heading, ``By:`` line, the summary, then ``Status:`` /
``Published:`` lines and FanFiction.net's ``Rated: ... - Language: ... - Genre: ...``
line), third-party AO3 downloaders' title page (``<p>Fandoms: ...</p>``) and their
"Notes" / "End Notes" pages. None of that is chapter text: a person reads it as the
story's card. This module tells those pages apart and reads their fields as written;
what a field means is the parse stage's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fandex.read.document import Block
from fandex.read.htmltext import tag_of

# "Label: value" at the start of a line: one to three words, the first capitalised.
_LABEL_LINE = re.compile(
    r"^[*\s]*(?P<label>[A-Z][\w'’/&().-]*(?: [\w'’/&().-]+){0,2}?)\s*:\s*(?P<value>.*)$"
)
# Statistics a downloader may run together on one line ("Comments: 88 Kudos: 1544").
_RUN_ON = re.compile(
    r"\s+(?:-\s+)?(?=(?:Rated|Rating|Language|Genre|Characters|Pairings?|Chapters|Words|"
    r"Reviews|Favs|Follows|Updated|Published|Status|Comments|Kudos|Bookmarks|Hits|"
    r"Complete|id)\s*:)"
)
_BY = re.compile(r"^\s*(?:written\s+)?by\s*:?\s+(?P<who>\S.{0,80})$", re.IGNORECASE)
_TITLE_BY = re.compile(r"^(?P<title>.+?)\s+by\s+(?P<who>[^,]{1,80})$")
# A page of author's notes, by its <title> or first heading.
_NOTES = re.compile(
    r"^(?:(?P<end>end|closing|final)\s+)?(?:author'?s?\s+|story\s+|work\s+)?"
    r"(?:notes?|a/n)\s*:?$|^(?P<after>afterword|postscript)$",
    re.IGNORECASE,
)
# Pages a downloader adds that hold no story, by <title> or first heading. (Not
# "Introduction" or "Preface": a story's opening chapter may be called that.)
_NON_STORY_TITLES = re.compile(
    r"^(?:cover|title\s*page|table\s+of\s+contents|contents|toc|information|"
    r"about\s+this\s+(?:book|story|ebook)|copyright|colophon|update\s+log|"
    r"front\s*matter|navigation)$",
    re.IGNORECASE,
)
# AO3's pointer from the front notes to the end notes: not a note itself.
_JUMP = re.compile(
    r"^\(?\s*see the end of the (?:work|chapter) for (?:more )?notes\.?\s*\)?$", re.I
)

MIN_FIELDS = 3
# Fields whose value may run over several paragraphs (a summary); any other field ends
# with its paragraph ("Follows: 41", then the downloader's "Exported with ..." line).
_RUNS_ON = re.compile(r"summary|description|notes?|a/n|foreword|blurb|synopsis", re.I)


def _runs_on(label: str) -> bool:
    return _RUNS_ON.search(label) is not None


@dataclass
class FrontMatter:
    """What a title page states, as written."""

    fields: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    summary: str | None = None


def page_title(root: Any) -> str:
    """The page's ``<title>``, whitespace folded."""
    el = next(root.iter("title"), None)
    return " ".join(el.text_content().split()) if el is not None else ""


def is_nav_page(root: Any) -> bool:
    """A contents page: an EPUB 3 ``<nav>`` or a body that is nothing but a list of links."""
    if any(tag_of(el) == "nav" for el in root.iter()):
        return True
    body = next(root.iter("body"), root)
    links = [a for a in body.iter("a") if (a.get("href") or "") and "://" not in a.get("href")]
    if len(links) < 3:
        return False
    linked = sum(len(a.text_content().split()) for a in links)
    return linked >= 0.7 * max(1, len(body.text_content().split()))


def notes_kind(root: Any, heading: str | None) -> str | None:
    """``"begin"`` / ``"end"`` for a page of author's notes (by its title or heading)."""
    for name in (heading or "", page_title(root)):
        m = _NOTES.match(name.strip())
        if m:
            return "end" if (m.group("end") or m.group("after")) else "begin"
    return None


def is_non_story_title(name: str) -> bool:
    """A page named like front matter ("Title Page", "Information", "Table of Contents")."""
    return bool(_NON_STORY_TITLES.match(name.strip().rstrip(":")))


def notes_text(blocks: list[Block]) -> str | None:
    """The text of a notes page without its heading and AO3's jump pointer."""
    out = [
        b.text.strip()
        for b in blocks
        if b.text.strip() and b.kind != "heading" and not _JUMP.match(b.text.strip())
    ]
    if out and _NOTES.match(out[0]):
        out = out[1:]
    return "\n\n".join(out) or None


def _lines(blocks: list[Block]) -> list[tuple[int, str]]:
    """(block index, line) for every non-empty line; run-on statistics split apart."""
    out: list[tuple[int, str]] = []
    for i, b in enumerate(blocks):
        for line in b.text.split("\n"):
            for piece in _RUN_ON.split(line.strip()):
                piece = piece.strip().strip("-").strip()
                if piece:
                    out.append((i, piece))
    return out


def _opens_value(
    fields: dict[str, str], current: str | None, label: str, known: frozenset[str]
) -> bool:
    """Whether a ``Label: ...`` line is the first line of the open field's value: the
    open field runs over paragraphs (a summary), has no value yet, and the line's label
    is no field a title page has."""
    if current is None or fields.get(current, "").strip() or not _runs_on(current):
        return False
    key = " ".join(label.casefold().split())
    return key not in known and key.rstrip("s") not in known and not _RUN_ON.search(f" {label}:")


def read_title_page(
    blocks: list[Block], *, require: int = MIN_FIELDS, known: frozenset[str] = frozenset()
) -> FrontMatter | None:
    """The fields of a title page, or None when the page does not read as one.

    A title page has at least ``require`` labelled lines and little else: a heading
    ("Title by Author"), a by-line, an unlabelled summary. A value runs over the lines
    that follow it until the next label (a summary of several paragraphs). ``known`` are
    the labels (lower case) the caller reads as fields: an empty summary's next line
    with another label is the summary's first line.
    """
    lines = _lines(blocks)
    labelled = [m for _i, ln in lines if (m := _LABEL_LINE.match(ln)) and m.group("value")]
    if require and (len(labelled) < require or len(labelled) * 3 < len(lines)):
        return None
    front = FrontMatter()
    current: str | None = None
    loose: list[str] = []
    loose_before = False  # an unlabelled line came before the first field
    last_block = -1
    for i, line in lines:
        if not any(ch.isalnum() for ch in line):
            current = None  # a rule of stars or dashes closes the last field
            continue
        heading = blocks[i].kind == "heading"
        m = _LABEL_LINE.match(line)
        if m and not heading and _opens_value(front.fields, current, m.group("label"), known):
            # "Summary:" alone in its cell, the summary below it opening "AU: ..." or
            # "Warning tests: ...": the line is the summary, not a field of its own.
            m = None
        if heading and front.fields:
            current = None  # "Table of Contents" after the fields ends the last one
        if m and not heading:
            label = " ".join(m.group("label").split())
            by = _BY.match(line)
            if by and label.casefold() == "by":
                front.authors = [by.group("who").strip()]
                current = None
                continue
            current = label
            value = m.group("value").strip()
            front.fields[label] = (
                f"{front.fields[label]}, {value}" if label in front.fields and value else value
            )
        elif heading and front.title is None and not front.fields:
            tb = _TITLE_BY.match(line)
            front.title = tb.group("title").strip() if tb else line.strip()
            if tb:
                front.authors = [tb.group("who").strip()]
        elif (by := _BY.match(line)) and not front.authors:
            front.authors = [by.group("who").strip()]
        elif current is not None and (i == last_block or _runs_on(current)):
            sep = "\n\n" if i != last_block else "\n"
            front.fields[current] = (front.fields[current] + sep + line).strip()
        else:
            # A card's unlabelled summary comes before its fields; a line after them
            # is the downloader's own ("Exported with the assistance of ...").
            if not front.fields:
                loose.append(line)
                loose_before = True
            elif not loose_before:
                loose.append(line)
        last_block = i
    if loose and not any(k.casefold() in ("summary", "description") for k in front.fields):
        front.summary = "\n\n".join(loose)
    return front


_FORUM_MARKS = ("Threadmarks", "View content", "Last edited:")


def forum_chrome(blocks: list[Block]) -> bool:
    """Whether a page carries a forum's post chrome (XenForo threadmarks)."""
    if not blocks:
        return False
    ends = blocks[0].text[:2000] + " " + blocks[-1].text[-2000:]
    return any(mark in ends for mark in _FORUM_MARKS)


__all__ = [
    "FrontMatter",
    "forum_chrome",
    "is_nav_page",
    "is_non_story_title",
    "notes_kind",
    "notes_text",
    "page_title",
    "read_title_page",
]
