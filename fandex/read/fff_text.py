"""FanFicFare's text download: its title page read as FanFicFare's other formats are.

FanFicFare writes a ``.txt`` as the story's title, ``by`` its author, then its title
page, one ``Label: value`` line a field (Category, Genre, Characters, Status,
Published, Rating, Warnings, Publisher, Story URL, Summary... and, for AO3, Fandoms,
Freeform Tags, AO3 Categories, Kudos), a wide gap, the table of contents, each chapter
under its tab-indented title, and ``End file.`` last. Its fields are FanFicFare's
(:mod:`fandex.read.fff`): for an AO3 story they are AO3's own typed tags, as in its
EPUB and HTML downloads. Read as a header instead, the labels a header seldom has
("Publisher", "Story URL", "AO3 Categories") ended it and left the rest, the fandom
and summary among them, as the author's notes.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read import fff
from fandex.read.document import Block

# FanFicFare's closing line, and the byline under the title.
_END = "End file."
_BY = re.compile(r"by\s+(?P<who>\S.{0,200})", re.IGNORECASE)
# "Label: value": up to four words of label, the first capitalised ("AO3 Categories",
# "Chapters/Total Chapters").
_FIELD = re.compile(r"(?P<label>[A-Z][\w'’/&().-]*(?: [\w'’/&().-]+){0,3}?)\s*:\s*(?P<value>.*)")
_MAX_TITLE_WORDS = 40
_MAX_FIELDS = 80


def title_page(blocks: list[Block]) -> tuple[dict[str, Any], int] | None:
    """FanFicFare's title page at the top of a text's ``blocks``: its metadata (as
    :func:`fandex.read.fff.metadata_from_fields` makes it) and the index of the first
    block after it; None when the text is not FanFicFare's."""
    if len(blocks) < 4 or blocks[-1].text.strip() != _END:
        return None
    title = " ".join(blocks[0].text.split())
    by = _BY.fullmatch(" ".join(blocks[1].text.split()))
    if not title or by is None or len(title.split()) > _MAX_TITLE_WORDS:
        return None
    fields: dict[str, str] = {}
    label: str | None = None
    end = 2
    while end < len(blocks) - 1 and len(fields) <= _MAX_FIELDS:
        block = blocks[end]
        if end > 2 and block.attrs.get("gap"):
            break  # the wide gap before the contents or the first chapter
        for n, line in enumerate(block.text.split("\n")):
            m = _FIELD.fullmatch(line.strip())
            if m is not None:
                label = m.group("label").strip()
                fields[label] = m.group("value").strip()
            elif label is not None and line.strip():
                # A value running on: a line wrapped at the download's width (a list
                # of names, a long summary) goes on the same line, a new paragraph
                # of the summary after a blank line.
                joint = " " if n else "\n\n"
                fields[label] = f"{fields[label]}{joint}{line.strip()}".strip()
            else:
                return None  # an unlabelled line before any field: not a title page
        end += 1
    if not fields:
        return None
    url = " ".join(v for k, v in fields.items() if fff.LABELS.get(k.casefold()) in ("url", "site"))
    meta = fff.metadata_from_fields(fields, from_ao3=fff.from_ao3(url))
    meta["title"] = title
    meta["authors"] = fff.split_list(by.group("who"))
    return meta, end


__all__ = ["title_page"]
