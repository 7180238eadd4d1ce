"""Whether two people are told as teacher and pupil: a sentence naming both with a word
that makes one the other's ("took him on as an apprentice", "her old mentor"; the words
are ``fandex/vocab/pair_mentor.toml``).

Read by the learned second chance (:mod:`fandex.tag.relationship_learned`), which guesses
the couple of a story of two from how its leads are told, with no sentence of romance
between them. Fitted on written sets whose stories of two are mostly couples, it read a
real story of a wizard and the boy he takes on as an apprentice (a school story, the boy
thirteen) as a couple at the share its guesses are right, 0.73: a master and apprentice
are the bond they are told as. The hand rules, which need a sentence of romance, are
not asked.

>>> text = "Maro took Ilse on as his apprentice that spring."
>>> mentor_bond(text, [(0, 4, "Maro"), (10, 14, "Ilse")], ("Ilse", "Maro"))
True
>>> mentor_bond("Maro took Ilse to the fair.", [(0, 4, "Maro"), (10, 14, "Ilse")], ("Ilse", "Maro"))
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from fandex.model import Work
from fandex.tag.phrase_patterns import alternation
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_sentence import sentences_naming_both
from fandex.vocab.ao3 import load_toml


@cache
def _pattern() -> re.Pattern[str]:
    words = load_toml("pair_mentor.toml")["words"]
    return re.compile(rf"(?<![\w'’])(?:{alternation(words)})(?![\w'’])", re.IGNORECASE)


def mentor_bond(
    text: str, positions: Sequence[tuple[int, int, str]], pair: tuple[str, str]
) -> bool:
    """Whether a sentence of ``text`` naming both of ``pair`` (``positions``: the
    characters' mentions, (start, end, name), in text order) holds a teacher's or a
    pupil's word."""
    pattern = _pattern()
    return any(
        pattern.search(text, lo, hi) for lo, hi in sentences_naming_both(text, positions, pair)
    )


def told_as_mentor(work: Work, pair: tuple[str, str]) -> bool:
    """Whether any chapter of ``work`` tells the two of ``pair`` as teacher and pupil
    (:func:`mentor_bond`)."""
    positions = character_positions(work)
    return any(mentor_bond(ch.text, positions.get(ch.index, []), pair) for ch in work.chapters)
