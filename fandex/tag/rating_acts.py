"""Sex told as it happens: how many plain wordings of a sexual act a text uses.

The cue lexicon counts words *about* sex ("had sex", "naked", "bed"); a brief plain
scene ("she rode him", "he came, quietly") often clears none of its bars, so its author's
Explicit reads as Teen. The rating model's ``acts:sexual`` reads :func:`act_count`, the
number of distinct wordings of ``fandex/vocab/rating_acts.toml`` found in the text, per
1000 words (:func:`fandex.tag.rating_model.feature_values`): a novel has room for a scene
somewhere whatever its author rated it, a 500-word story only for the one it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from fandex.tag.cue_terms import Trie, expand, trie_pattern
from fandex.tag.leadscan import CHECKED_LEAD, LeadScan
from fandex.tag.lowered import lowered, padded_lower
from fandex.tag.termscan import TermScan
from fandex.vocab.ao3 import load_toml

ACTS_FILE = "rating_acts.toml"


def _terms() -> list[str]:
    return sorted({t for raw in load_toml(ACTS_FILE)["acts"] for t in expand(raw.lower())})


@cache
def act_pattern() -> re.Pattern[str]:
    """The shipped wordings as one scan of whole words (of lower-cased text)."""
    # A trie (cue_terms), so the scan of a novel stays in C; a term ends at a word's end.
    # Lower-cased text, not IGNORECASE: four times faster on a novel.
    return re.compile(rf"{trie_pattern(_terms())}(?!\w)")


@cache
def _lead_scan() -> LeadScan:
    """:func:`act_pattern` as a scan of the text behind one space that matches the
    character before a wording (group 1 is the wording): it skips between word starts in
    C, where :func:`act_pattern` stops at every letter a wording opens with, in the
    middle of words too (half the time on a novel)."""
    trie = Trie()
    for term in _terms():
        trie.add(term, False)
    # On a long chapter the scan is tried only where Vectorscan finds a wording's opening
    # in the coarse copy of the text (fandex.tag.termscan): about half the time of the
    # pre-scan of the loosened pattern.
    terms = TermScan((term, False) for term in _terms())
    return LeadScan(re.compile(CHECKED_LEAD + "(" + trie.regex(top=True) + ")"), terms)


def act_count(texts: Iterable[str]) -> int:
    """The number of distinct act wordings found in ``texts``.

    >>> act_count(["She came home.", "Later she rode him, and he came, quietly."])
    2
    """
    return len({" ".join(w.split()) for t in texts for w in _wordings(t)})


def _wordings(text: str) -> list[str]:
    """What ``act_pattern().finditer(text.lower())`` matches, in order."""
    got: list[str] = []
    # (The lower-cased text the other scans of the chapter read: fandex.tag.lowered.)
    padded = padded_lower(text)
    for m in _lead_scan().finditer(padded):
        word, end = m[1], m.end()
        if not _WORD.match(word[-1]) and _WORD.match(padded, end):
            # A wording that ends with a stop ("he came.") and a word right after it: the
            # next wording may start at that word, where the lead scan (which needs a
            # character before a wording) cannot see it. Rare: read the plain way.
            return [w[0] for w in act_pattern().finditer(lowered(text))]
        got.append(word)
    return got


_WORD = re.compile(r"\w")
