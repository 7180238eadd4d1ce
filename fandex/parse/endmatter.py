"""What follows a story and is not story: a glossary, translation notes, the author's
closing notes, a disclaimer, set under a heading of their own.

Yuletide and AO3 gift works and journal posts often close with ``Glossary`` over a list
of terms, ``Translator's Notes:`` or ``End Notes``. The heading words are data
(``[end_matter]`` in ``fandex/vocab/header.toml``). A line counts only when it is the
heading and nothing else (``Glossary``, ``~ Author's Notes ~``), or the heading and a
colon before its text (``Translation notes: the title is a song's``): a sentence that
starts with the same words ("Notes were pinned to the door") is story.
"""

from __future__ import annotations

import re
from functools import cache

from fandex.parse.contents import fold
from fandex.read.document import Block
from fandex.vocab.ao3 import load_toml

__all__ = ["end_chapters", "end_heading", "opens_end_matter"]

_DECORATION = " \t*_~=#-–—[](){}<>:."
_MAX_HEADING_WORDS = 5


@cache
def _headings() -> frozenset[str]:
    return frozenset(fold(h) for h in load_toml("header.toml")["end_matter"]["headings"])


def end_heading(text: str) -> bool:
    """Whether ``text`` is an end-matter heading and nothing else.

    >>> end_heading("Glossary"), end_heading("~ Translator's Notes: ~"), end_heading("Notes fell.")
    (True, True, False)
    """
    s = text.strip()
    if not s or "\n" in s or s.endswith(("!", "?", ",")) or (s.endswith(".") and len(s) > 5):
        return False
    core = s.strip(_DECORATION)
    if not core or len(core.split()) > _MAX_HEADING_WORDS:
        return False
    return fold(core) in _headings()


_LABEL = re.compile(r"[*_~\[#\s]{0,4}(?P<label>[^:\n]{1,40}?)[*_~\]\s]{0,4}:\s*\S")


def opens_end_matter(text: str) -> bool:
    """Whether a block opens end matter: its first line is an end-matter heading, or
    starts with one and a colon (``Glossary:`` / ``Translation notes: ...``).

    >>> opens_end_matter("Glossary\\nLantern - a lamp"), opens_end_matter("Notes: see above")
    (True, True)
    >>> opens_end_matter("Notes were pinned to the door of the hall.")
    False
    """
    first = text.strip().split("\n", 1)[0]
    if end_heading(first):
        return True
    m = _LABEL.match(first)
    return m is not None and fold(m.group("label")) in _headings()


def end_chapters(
    parts: list[tuple[str | None, list[Block]]],
) -> tuple[list[tuple[str | None, list[Block]]], list[str]]:
    """The chapters without the last ones an end-matter heading opens (a page's
    ``<h2>Glossary</h2>`` after the story), and their text, heading first, as notes.
    A work keeps its first chapter whatever it is called."""
    notes: list[str] = []
    while len(parts) > 1 and parts[-1][0] and end_heading(parts[-1][0] or ""):
        title, blocks = parts[-1]
        parts = parts[:-1]
        body = [b.text.strip() for b in blocks if b.text.strip()]
        notes.insert(0, "\n\n".join([title or "", *body]))
    return parts, notes
