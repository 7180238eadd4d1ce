"""Anti-theft notices a web-serial site plants among a chapter's paragraphs.

Royal Road puts a sentence such as "If you discover this narrative on Amazon, be aware
that it has been stolen" in every chapter, in a class its stylesheet hides, so that a
copy taken from the page carries it. A reader of the site never sees it; a downloader
that keeps the text and drops the stylesheet shows it between two paragraphs of the
story. It is the site's, not the story's, and is left out wherever it sits. The wording
varies from chapter to chapter: what the notices say is data
(``fandex/vocab/theft_notices.toml``).
"""

from __future__ import annotations

import re
from functools import cache

from fandex.read.document import Block, RawDocument
from fandex.vocab.ao3 import load_toml

__all__ = ["drop_theft_notices", "theft_notice"]

NOTICES_FILE = "theft_notices.toml"


@cache
def _vocab() -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load_toml(NOTICES_FILE)

    def word(key: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{data[key]})\b", re.IGNORECASE)

    return (
        int(data.get("max_words", 40)),
        word("places"),
        word("taken"),
        word("itself"),
        word("report"),
    )


def theft_notice(text: str) -> bool:
    """Whether ``text`` is a site's anti-theft notice, not a line of the story.

    >>> theft_notice("If you discover this narrative on Amazon, be aware that it has "
    ...              "been stolen. Please report the violation.")
    True
    >>> theft_notice("Unauthorized duplication: this tale has been taken without consent. "
    ...              "Report sightings.")
    True
    >>> theft_notice("She ordered the lamp from Amazon; it came the next day, stolen "
    ...              "from the porch by noon.")
    False
    """
    most, places, taken, itself, report = _vocab()
    if not text or len(text.split()) > most or "\n" in text.strip():
        return False
    hits = len(taken.findall(text))
    if places.search(text) and hits and (itself.search(text) or report.search(text)):
        return True
    return bool(itself.search(text) and report.search(text) and hits >= 2)


def _kept(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind != "paragraph" or not theft_notice(b.text)]


def drop_theft_notices(doc: RawDocument) -> None:
    """Remove, in place, the paragraphs of ``doc`` that are anti-theft notices."""
    doc.blocks = _kept(doc.blocks)
    for chapter in doc.chapters:
        chapter.blocks = _kept(chapter.blocks)
