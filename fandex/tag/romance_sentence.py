"""A romance cue's sentence: where it is (:func:`window`), the genders its pronouns ask
for, which tenth of the text it is in, and the evidence it makes (read by
:mod:`fandex.tag.romance`, :mod:`fandex.tag.spouses` and the friendship scan); and the
sentences that name two people together (:func:`sentences_naming_both`, read by
:mod:`fandex.tag.relationship_gen` and :mod:`fandex.tag.pair_mentor`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from fandex.model import Evidence
from fandex.tag.mentions import quote

_BOUNDARY = re.compile(r"[.!?\n]")


def window(text: str, s: int, e: int) -> tuple[int, int]:
    """The sentence around ``[s, e)``, at most ~250 characters either side."""
    lo = max(0, s - 250)
    lo = max(
        lo,
        text.rfind(".", lo, s) + 1,
        text.rfind("!", lo, s) + 1,
        text.rfind("?", lo, s) + 1,
        text.rfind("\n", lo, s) + 1,
    )
    m = _BOUNDARY.search(text, e, min(len(text), e + 250))
    hi = m.end() if m else min(len(text), e + 250)
    return lo, hi


def sentences_naming_both(
    text: str, positions: Sequence[tuple[int, int, str]], pair: tuple[str, str]
) -> Iterator[tuple[int, int]]:
    """The sentences (:func:`window`) of ``text`` that name both people of ``pair``, one
    per mention of the first (``positions``: the characters' mentions, (start, end, name),
    in text order; the second looked for among the eight mentions either side)."""
    for i, (s, _e, n) in enumerate(positions):
        if n != pair[0]:
            continue
        lo, hi = window(text, s, s + 1)
        near = positions[max(0, i - 8) : i + 8]
        if any(m == pair[1] and lo <= s2 < hi for s2, _e2, m in near):
            yield lo, hi


# "he", "him", "his", "she", "her", "hers" in any case (as re.I reads them: "ſ" is an "s",
# "İ" and "ı" are an "i"). Spelled out so the pattern opens with a set of characters and
# the engine skips to an "h" or "s" in C, where "\b(?=[hs])(he|...)" under re.I tried
# every position. (The plain reading of the pronouns' genders, which the tests hold
# wanted_genders to: a word is a man's when its lower case is "he", "him" or "his".)
PRONOUNS = re.compile(
    r"[hHsSſ](?<!\w.)(?:(?<=[hH])(?:[eE](?:[rR][sSſ]?)?|[iIİı][mMsSſ])|(?<=[sSſ])[hH][eE])\b"
)
# ... its words split by the gender their lower case gives: a man's ("he", "HIM"), and
# a woman's, with the spellings of "him" and "his" whose lower case is neither ("hİm",
# "hiſ"), as the plain reading has them. Each searched once, to its first word: most
# sentences name both soon, where the plain reading found every pronoun and looked
# each up.
_HE = re.compile(r"[hH](?<!\w.)(?:[eE]|[iI][mMsS])\b")
_SHE = re.compile(
    r"[hHsSſ](?<!\w.)(?:(?<=[hH])(?:[eE][rR][sSſ]?|[iIİı]ſ|[İı][mMsS])|(?<=[sSſ])[hH][eE])\b"
)


def wanted_genders(text: str, lo: int, hi: int) -> set[str]:
    """The genders the pronouns of ``text[lo:hi]`` ask for ("M", "F")."""
    wanted = set()
    if _HE.search(text, lo, hi) is not None:
        wanted.add("M")
    if _SHE.search(text, lo, hi) is not None:
        wanted.add("F")
    return wanted


def part_of(at: int, size: int) -> int:
    """Which tenth of the text (of ``size`` characters) offset ``at`` is in."""
    return min(9, 10 * at // size)


def evidence_at(chapter: int, text: str, a: int, b: int) -> Callable[[], Evidence]:
    """What makes the evidence of ``text[a:b]``, when one more is kept: its quote, when
    long (from a name some sentences before), is its opening and its end."""

    def make() -> Evidence:
        if b - a <= 300:
            said = quote(text, a, b, 0)[:300]
        else:
            said = quote(text, a, a + 100, 0).rstrip("…") + " … " + quote(text, b - 190, b, 0)
        return Evidence(chapter=chapter, start=a, end=b, quote=said)

    return make
