"""Fandoms a disclaimer names: "Harry Potter belongs to J.K. Rowling", "I don't own
Naruto".

A short fic often states its fandom nowhere but in the disclaimer, and its text is too
short for the fandom packs' evidence. The disclaimer names the canon it disowns; a run
of capitalised words in it that is a pack's fandom name or alias (the packs are the
data: no list of phrasings) names the fandom.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fandex.vocab.packs import Pack

__all__ = ["disclaimer_fandoms"]

# A disclaimer's naming part is its start; a long one is an essay.
_LOOK_CHARS = 400
_MAX_NAME_WORDS = 6
_TOKEN = re.compile(r"[\w'’.&-]+:?")
# Words a fandom's name may hold in lower case between capitalised ones
# ("Avatar: the Last Airbender", "Lord of the Rings").
_SHOUTED = 0.5
_SHORT_ACRONYM = 4
_JOINERS = frozenset({"of", "the", "and", "in", "a", "an", "on", "to", "for", "de", "no"})


def _capital(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


def disclaimer_fandoms(text: str, named: Callable[[str], Pack | None]) -> list[tuple[Pack, str]]:
    """Packs the disclaimer ``text`` names, with the words that named each, in the
    order named; the longest name wins where names overlap.

    ``named`` finds the pack a fandom name or alias stands for.
    """
    head = text[:_LOOK_CHARS]
    letters = [c for c in head if c.isalpha()]
    # In a shouted disclaimer ("I DO NOT OWN IT, ALL RIGHTS GO TO...") a short word in
    # capitals is no acronym.
    shouted = sum(c.isupper() for c in letters) > _SHOUTED * max(len(letters), 1)
    toks = [m.group().rstrip(":").strip(".") for m in _TOKEN.finditer(head)]
    out: list[tuple[Pack, str]] = []
    i = 0
    while i < len(toks):
        found = None
        if _capital(toks[i]):
            for n in range(min(_MAX_NAME_WORDS, len(toks) - i), 0, -1):
                words = toks[i : i + n]
                if not _capital(words[-1]) or any(
                    not _capital(w) and w.casefold() not in _JOINERS for w in words
                ):
                    continue
                if shouted and n == 1 and len(words[0]) <= _SHORT_ACRONYM:
                    continue
                pack = named(" ".join(words))
                if pack is not None:
                    found = (pack, " ".join(words), n)
                    break
        if found is None:
            i += 1
            continue
        pack, words_text, n = found
        if all(pack is not p for p, _ in out):
            out.append((pack, words_text))
        i += n
    return out
