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
from collections.abc import Sequence
from functools import cache

from fandex.model import count_words
from fandex.parse.contents import fold
from fandex.read.document import Block
from fandex.vocab.ao3 import load_toml

__all__ = [
    "closing_gloss_run",
    "end_chapters",
    "end_heading",
    "glossary_of",
    "glossary_terms",
    "opens_end_matter",
]

_DECORATION = " \t*_~=#-–—[](){}<>:."
_MAX_HEADING_WORDS = 5


@cache
def _headings() -> frozenset[str]:
    return frozenset(fold(h) for h in load_toml("header.toml")["end_matter"]["headings"])


def end_heading(text: str) -> bool:
    """Whether ``text`` is an end-matter heading and nothing else.

    >>> end_heading("Glossary"), end_heading("~ Translator's Notes: ~"), end_heading("Notes fell.")
    (True, True, False)
    >>> end_heading("Chapter End Notes"), end_heading("Chapter Ten")
    (True, False)
    """
    s = text.strip()
    if not s or "\n" in s or s.endswith(("!", "?", ",")) or (s.endswith(".") and len(s) > 5):
        return False
    core = s.strip(_DECORATION)
    if not core or len(core.split()) > _MAX_HEADING_WORDS:
        return False
    key = fold(core)
    # AO3 labels a chapter's own notes "Chapter Notes" / "Chapter End Notes", and a
    # conversion of its page keeps the label as a heading.
    return key in _headings() or (key.startswith("chapter ") and key[8:] in _NOTE_WORDS)


_NOTE_WORDS = frozenset({"notes", "note", "end notes", "end note"})


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


# "Quo Vadis: Where are you going?", "færge - ferry": a term and its gloss, one a line.
_GLOSS_LINE = re.compile(r"(?P<term>[^:=\n]{1,40}?)\s*(?::|\s[=–—-]\s)\s*(?P<gloss>\S.*)")
_MAX_TERM_WORDS = 5
_MAX_GLOSS_WORDS = 25
_QUOTES = "\"“”'‘’"


def glossary_terms(text: str) -> list[str] | None:
    """The terms of a block that is a list of glosses, one ``term: meaning`` a line, or
    None. Terms are all different, not shouted (a script's ``BUFFY: Hi.`` repeats its
    speakers and writes them in capitals), and no gloss is a quotation.

    >>> glossary_terms("Quo Vadis: Where are you going?\\nTerra Incognita: An unknown land.")
    ['Quo Vadis', 'Terra Incognita']
    >>> glossary_terms("BUFFY: Hi.\\nGILES: Hello.") is None
    True
    """
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if len(lines) < 2:
        return None
    terms: list[str] = []
    for line in lines:
        m = _GLOSS_LINE.fullmatch(line)
        if m is None:
            return None
        term = _glossed_term(m.group("term"), m.group("gloss"), _MAX_GLOSS_WORDS)
        if term is None:
            return None
        terms.append(term)
    if len({t.casefold() for t in terms}) < len(terms):
        return None
    return terms


def glossary_of(text: str, story: str) -> bool:
    """Whether ``text`` glosses the story: a list of glosses (:func:`glossary_terms`),
    most of whose terms the story uses."""
    terms = glossary_terms(text)
    if terms is None:
        return False
    low = story.casefold()
    used = sum(1 for t in terms if t.casefold() in low)
    return used * 2 >= len(terms) + (1 if len(terms) == 2 else 0)


# "níu – cow": a term, a spaced dash and its gloss, the line a paragraph of its own.
_DASH_GLOSS = re.compile(r"(?P<term>[^:=\n]{1,40}?)\s+[–—-]\s+(?P<gloss>\S.*)")
_MAX_DASH_GLOSS_WORDS = 60  # a gloss may explain its word in a few sentences
_MAX_TERM_USES = 3  # a word glossed is rare in the story; a name it uses throughout is not
_CLOSING_NOTE_WORDS = 40


def _dash_gloss(text: str) -> str | None:
    line = text.strip()
    m = _DASH_GLOSS.fullmatch(line) if line and "\n" not in line else None
    if m is None:
        return None
    term = _glossed_term(m.group("term"), m.group("gloss"), _MAX_DASH_GLOSS_WORDS)
    return None if term is None or term[0] in _QUOTES else term


def _glossed_term(term: str, gloss: str, max_gloss_words: int) -> str | None:
    """The term of a gloss line, or None when the line is no gloss: a term of a few
    words, a gloss of at most ``max_gloss_words`` that is not a quotation, and no
    speaker's name in capitals (a script's line)."""
    term = term.strip(" *_")
    if (
        not term
        or len(term.split()) > _MAX_TERM_WORDS
        or len(gloss.split()) > max_gloss_words
        or gloss[0] in _QUOTES
        or (term.isupper() and len(term) > 1)
    ):
        return None
    return term


def closing_gloss_run(texts: Sequence[str]) -> int | None:
    """Where a run of glosses closing a story begins, one ``term – meaning`` a paragraph,
    with no heading or break before it (a FanFiction.net chapter: "níu – cow", "Ai ya -
    damn"), and at most one short note after it ("The title comes from ..."); or None.

    Only dashes: a colon line at a story's end is more often a chat or a script. At least
    two glosses, all terms different, each used by the story before it but rarely.

    >>> story = "Ai ya, she said, and poured the níu into the pot. " * 2 + "Ila went home."
    >>> closing_gloss_run([story, "níu – cow", "Ai ya - damn", "The title is a hymn."])
    1
    >>> closing_gloss_run([story + " Ila! " * 5, "Ila - gone", "Ai ya - damn"]) is None
    True
    """
    n = len(texts)
    end = n
    if n and _dash_gloss(texts[-1]) is None:
        last = texts[-1].strip()
        if not last or count_words(last) > _CLOSING_NOTE_WORDS or last[0] in _QUOTES:
            return None
        end = n - 1
    start = end
    while start > 0 and _dash_gloss(texts[start - 1]) is not None:
        start -= 1
    if end - start < 2 or start == 0:
        return None
    terms = [t for t in (_dash_gloss(x) for x in texts[start:end]) if t]
    if len({t.casefold() for t in terms}) < len(terms):
        return None
    story = "\n".join(texts[:start]).casefold()
    for term in terms:
        uses = len(re.findall(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", story))
        if not 1 <= uses <= _MAX_TERM_USES:
            return None
    return start
