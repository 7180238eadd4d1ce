"""The couple of a story of two whose author files it under one romantic category.

AO3's category is the author's word on the shape of the story's romance: "M/M", "F/F"
or "F/M" alone says the story has a couple of that shape at its centre (as "Gen" alone
says it has none, :func:`fandex.tag.relationship_gen.stated_gen`). In a story of two
(everyone else named less than half as often as the lesser of its two leads,
:func:`fandex.tag.story_people.two_leads`) that couple is its two leads, however quietly
the text shows them (a married couple in bed, told in arms round and "love" said as a
name; a couple told only in what they do together). Over the spent written sets (the main
set, ``heldout/`` to ``heldout14/`` and ``heldout21/``, session 26) the two leads of 131
of the 153 such stories were the stated couple, and most of the 22 others were that
couple under a short name the bench does not match ("Winnie" for "Winifred").

Never two the text or a pack makes relatives (nor one it calls a relative by name, "his
sister Tamsin"), two the author joined already, two the
text calls friends, a pair whose genders (as a pack or a name list knows them) do not
fit the category, nor where the rules guessed a couple already; never without a
sentence naming both (the evidence).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from fandex.model import Work
from fandex.tag.kinship import shared_family_name, stated_kin
from fandex.tag.relationship_kinref import kin_once, told_kin
from fandex.tag.romance import PairScore, Romance
from fandex.tag.story_people import THIRD_RATIO, genders, leads_of
from fandex.vocab.ao3 import load_toml

# How sure such a guess is shown: under the share of the stated couples among such
# stories (131 of 153, 0.86), as the text may tell the romance of neither.
CATEGORY_CONFIDENCE = 0.75

# The genders each romantic category asks of its two people.
_SHAPES = {"M/M": ("M", "M"), "F/F": ("F", "F"), "F/M": ("F", "M")}


def stated_shape(work: Work) -> tuple[str, str] | None:
    """The genders of the couple the author's one romantic category states ("F/M":
    ``("F", "M")``), or None where the author states no category, "Gen", "Multi",
    "Other" or more than one.

    >>> from fandex.model import Tag
    >>> stated_shape(Work(tags=[Tag("category", "M/M", "stated", 1.0)]))
    ('M', 'M')
    >>> stated_shape(Work(tags=[Tag("category", "F/M", "stated", 1.0),
    ...                         Tag("category", "Gen", "stated", 1.0)])) is None
    True
    """
    cats = {t.name for t in work.tags_of("category") if t.source in ("stated", "user")}
    if len(cats) != 1:
        return None
    return _SHAPES.get(next(iter(cats)))


def fits(shape: tuple[str, str], pair: tuple[str, str], gender: dict[str, str]) -> bool:
    """Whether two people of genders ``gender`` (unknown: "U") may be a couple of
    ``shape``.

    >>> fits(("F", "M"), ("Ada", "Ben"), {"Ada": "F", "Ben": "U"})
    True
    >>> fits(("F", "M"), ("Ada", "Ben"), {"Ada": "F", "Ben": "F"})
    False
    """
    a, b = (gender.get(p, "U") for p in pair)
    return any(
        x in ("U", want_x) and y in ("U", want_y)
        for (want_x, want_y) in (shape, shape[::-1])
        for x, y in ((a, b),)
    )


@cache
def _relative_words() -> str:
    words = sorted(load_toml("kin.toml")["relatives"], key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def called_kin(work: Work, pair: tuple[str, str]) -> bool:
    """Whether the text puts a relative's word right before a word of either name ("his
    sister Tamsin", "Brother Ansel"): whoever's relative they are, in a story of two most
    likely the other's, so no couple is read from the category alone.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, text="His sister Tamsin laughed.")])
    >>> called_kin(w, ("Orrin Vale", "Tamsin Roe")), called_kin(w, ("Orrin Vale", "Ada"))
    (True, False)
    """
    names = {w for p in pair for w in re.findall(r"[A-Z][\w'’-]+", p)}
    if not names:
        return False
    found = re.compile(
        rf"\b(?i:{_relative_words()})s?\s+(?:{'|'.join(map(re.escape, sorted(names)))})\b"
    )
    return any(found.search(ch.text) for ch in work.chapters)


def category_couple(
    work: Work, shares: dict[str, float], gender: dict[str, str]
) -> tuple[str, str] | None:
    """The two leads of a story of two (``shares``: each character's mentions over the
    lead's) whose author states one romantic category their genders fit; None otherwise.
    The caller rules out relatives, friends and pairs already joined."""
    shape = stated_shape(work)
    if shape is None:
        return None
    two = leads_of(shares, THIRD_RATIO)
    if two is None:
        return None
    pair = (min(two), max(two))
    return pair if fits(shape, pair, gender) and not called_kin(work, pair) else None


def kin_or_friends(
    work: Work,
    romance: Romance,
    pair: tuple[str, str],
    skip: set[frozenset[str]],
    told: dict[tuple[str, str], PairScore],
    kin: set[frozenset[str]] | None,
    relatives: Callable[[str, str], bool],
) -> bool:
    """Whether ``pair`` may not be a couple read from the author's category alone: joined
    by the author or known relatives (``skip``), relatives by a pack, a shared family
    name, kin the text states or what one calls the other ("Gran"), or two the text
    calls friends (``told``); ``relatives``: whether two names are family
    (:func:`fandex.tag.relationships.relatives`)."""
    a, b = pair
    if frozenset(pair) in skip or relatives(a, b) or shared_family_name(work, [pair]):
        return True
    if kin is None:
        kin = stated_kin(work, genders(work), [a, b], romance.kin)
    if frozenset(pair) in kin:
        return True
    ps = romance.pairs.get(pair, PairScore())
    if told_kin(work, pair, ps) or kin_once(work, pair):
        return True
    return pair in told and told[pair].score > 0
