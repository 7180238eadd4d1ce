"""A FanFiction.net chapter page that lost its markup: copied from the browser into a
text or Word file, or converted by calibre to TXT, DOCX or RTF.

What is left is the page's words in reading order: the site's menus, the breadcrumb
("Anime/Manga" and the fandom), "Follow/Fav" before the title, "By:" and the author,
the summary, the metadata line ("Rated: Fiction M - English - Adventure/Romance -
[Naruto U., Mei T.] - Chapters: 12 - Words: 56,452 - ... - id: 8508883"), the reader's
controls, the chapter menu, the chapter's text, the chapter menu again and the review
and share boxes. The metadata line says what the file is; it is read with the site
reader's own parser (:func:`fandex.read.ffn.read_details_text`), the lines around it as the
page's parts, and only the chapter's text is kept as text.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import Block, RawDocument
from fandex.read.ffn import read_details_text

# The metadata line: a rating as the site writes it, then its dash-separated parts.
_META = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s+\S.*\bWords:\s*[\d,]+", re.I)
_ID = re.compile(r"\s-\s+id:\s*\d+\s*$")
# The same line run into the text around it (calibre's FB2 joins it to the summary, its
# RTF the title, byline, summary, line and reader's controls into one paragraph): it
# ends with the story's id.
_META_INSIDE = re.compile(
    r"(?<!\S)Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s+\S.*?\bWords:\s*[\d,]+.*?"
    r"\s-\s+id:\s*\d+",
    re.I | re.S,
)
# Where a run-together profile's parts begin: the title after "Follow/Fav", the byline.
_PARTS = re.compile(r"(?<=\S)\s*(?=\bBy:\s)|(?<=Follow/Fav)(?=\S)")
_LOOK = 250  # the menus before the story box run to some 120 lines
# The byline: "By:" (and the 2011 layout's "Author:", its name followed by "PM", the
# private-message link).
_BY = re.compile(r"^\s*(?:By|Author):\s*(.*?)(?:\s+PM)?$", re.S)
# That layout's byline run together with the summary: "PM" stands between them.
_BY_PM = re.compile(r"^\s*Author:\s*(\S.*?)\s+PM\s+(\S.*)$", re.S)
_FOLLOW = re.compile(r"^\s*Follow/Fav\s*")
# The reader's controls ("+ - Full 3/4 1/2 Expand Tighten") and the chapter menu.
# (the 2011 layout's: "A a Abc Abc Abc Full 3/4 1/2 Expand Tighten", then the menu).
_CONTROLS = re.compile(r"^(?:\+\s*-\s+|A\s+a\s+Abc\s+Abc\s+Abc\s+)Full\b")
# Its titles run together ("1. Chapter 12. Chapter 23. Chapter 3"): each number glued
# to the title before it.
_MENU = re.compile(r"^(?:<\s*Prev\b|1\.\s.*(?:\b2\.\s|\S2\.\s|Next\s*>)|Next\s*>\s*$)")
# The site's sections a breadcrumb starts with.
_SECTIONS = (
    "Anime/Manga",
    "Books",
    "Cartoons",
    "Comics",
    "Games",
    "Misc",
    "Movies",
    "Plays/Musicals",
    "TV Shows",
    "Crossover",
)


def _text(block: Block) -> str:
    return " ".join(block.text.split())


def _fandoms(crumb: str) -> list[str]:
    """The fandoms a breadcrumb line names ("Anime/MangaNaruto", "Books > Harry
    Potter", "Harry Potter + Chronicles of Narnia Crossover"), or none."""
    text = " ".join(crumb.replace(">", " ").replace("\u00bb", " ").split())
    section = next((s for s in _SECTIONS if text.startswith(s)), None)
    if section is None and text.endswith(" Crossover") and " + " in text:
        section, text = "Crossover", "Crossover " + text  # the crossover's own line
    if section is None:
        return []
    rest = text[len(section) :].strip()
    if not rest or len(rest) > 120:
        return []
    if section != "Crossover":
        return [rest]  # "Law & Order" is one fandom
    rest = re.sub(r"\s+Crossover$", "", rest)
    return [p.strip() for p in re.split(r"\s+(?:\+|&)\s+", rest) if p.strip()]


def unpaste(doc: RawDocument) -> RawDocument:
    """``doc`` read as a FanFiction.net page when its metadata line is among its first
    lines (and nothing marked its chapters); otherwise ``doc`` unchanged."""
    if doc.chapters or not doc.blocks:
        return doc
    blocks = _set_apart(doc.blocks)
    line = next((i for i, b in enumerate(blocks[:_LOOK]) if _META.match(_text(b))), None)
    if line is None:
        return doc
    near = range(line - 1, max(line - 8, -1), -1)
    by = next((i for i in near if _BY.match(_text(blocks[i]))), None)
    if by is None and not _ID.search(_text(blocks[line])):
        # A fic's own header may say "Rated: M - Words: 2,000": the site's line ends
        # with the story's id, or follows its "By:" line.
        return doc
    meta: dict[str, Any] = {
        "producer": "ffnet",
        "single_chapter": True,
        "fields": {},
        "tags": [],
        "stated_fields": [],
    }
    read_details_text(_text(blocks[line]), meta)
    if by is not None:
        after = _BY.match(_text(blocks[by]))
        rest = after.group(1).strip() if after else ""
        between = [_text(b) for b in blocks[by + 1 : line] if _text(b)]
        if pm := _BY_PM.match(_text(blocks[by])):
            rest, between = pm.group(1), [pm.group(2), *between]
        # "By:" and the author on one line and the summary on its own, or "By:" alone
        # over the author: the author is known. All three run together on one line
        # (calibre's text), the author's name cannot be told from the summary's words.
        author = rest or (between.pop(0) if between else "")
        if author and (not rest or between):
            meta["authors"] = [author]
        if between:
            meta["summary"] = "\n\n".join(between)
        # The title's line and the breadcrumb above it; a rule between them (calibre's
        # text writes the 2011 layout's <hr> as "* * *") is passed over.
        above = [b for b in reversed(blocks[:by]) if any(ch.isalnum() for ch in b.text)][:2]
        if above:
            title = _FOLLOW.sub("", _text(above[0])).strip()
            if title:
                meta["title"] = title
            if len(above) > 1 and (fandoms := _fandoms(_text(above[1]))):
                meta["tags"][:0] = [("fandom", f) for f in fandoms]
    start = line + 1
    while start < len(blocks) and (
        _CONTROLS.match(_text(blocks[start])) or _MENU.match(_text(blocks[start]))
    ):
        start += 1
    end = next((i for i in range(start, len(blocks)) if _MENU.match(_text(blocks[i]))), len(blocks))
    story = blocks[start:end]
    if not any(b.text.strip() for b in story):
        return doc
    merged = {**doc.metadata, **meta}
    return RawDocument(
        format=doc.format,
        blocks=story,
        metadata=merged,
        notices=[
            *doc.notices,
            "a FanFiction.net page without its markup: the site's menus left out",
        ],
    )


def _set_apart(blocks: list[Block]) -> list[Block]:
    """``blocks`` with a metadata line run into the text around it set apart as its own
    block, the profile before it cut at "By:" (the title's line, the byline), and the
    reader's controls after it their own block; ``blocks`` unchanged when no early
    block holds such a line or it is already on its own."""
    for i, block in enumerate(blocks[:_LOOK]):
        if "Rated:" not in block.text:
            continue  # one look passes over most blocks (the site writes it so)
        text = _text(block)
        m = _META_INSIDE.search(text)
        if m is None or (m.start() == 0 and m.end() == len(text)):
            continue
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        pieces = [p.strip() for p in _PARTS.split(before)] if before else []
        if pieces and pieces[0] == "Follow/Fav":
            pieces[:2] = ["Follow/Fav" + (pieces[1] if len(pieces) > 1 else "")]
        parts = [*pieces, m.group(0), after]
        return [
            *blocks[:i],
            *(Block("paragraph", p) for p in parts if p),
            *blocks[i + 1 :],
        ]
    return blocks


__all__ = ["unpaste"]
