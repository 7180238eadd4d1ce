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

Where the story is not two people's, the couple of the category may still be read: the
one pair of the story's three most named whose cues are all affection (a hand held, an
embrace, "love you", what a friend gives as well, so no couple by the cues alone,
:mod:`fandex.tag.romance_cues`), each named at least half as often as the lead, when no
other pair holds any cue of either of them and their genders fit the category
(:func:`affection_couple`): in a story filed as a couple's, the one affection between
two of its leads is the couple's. Over the spent written sets it reads four couples more
and no wrong one (two on the main set and ``heldout/`` to ``heldout14/``, where it was
first read, 3 of 3 right without the share and the sentence naming both; two on
``heldout15/`` to ``heldout22/``, where the looser reading was 2 of 4).

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


# The least share of the lead's mentions each of an affection couple has (the relationship
# tagger's ``kin_lead_share``): a couple the category is about are the story's leads.
AFFECTION_LEAD_SHARE = 0.5


def affection_couple(
    work: Work,
    romance: Romance,
    shares: dict[str, float],
    gender: dict[str, str],
    skip: set[frozenset[str]],
) -> tuple[str, str] | None:
    """The one pair of the story's three most named (``shares``), each named at least
    ``AFFECTION_LEAD_SHARE`` as often as the lead, whose romance evidence is all
    affection and not mostly past, no other pair sharing either of them, its genders
    fitting the author's one romantic category (:func:`stated_shape`); None otherwise, or
    where two such pairs are. Never a pair in ``skip`` (joined by the author, kin) nor
    one called kin by name (:func:`called_kin`); the caller rules out the rest, as for
    :func:`category_couple`."""
    shape = stated_shape(work)
    if shape is None:
        return None
    top = sorted(shares, key=lambda n: (-shares[n], n))[:3]
    found: list[tuple[str, str]] = []
    for pair, ps in romance.pairs.items():
        if (
            len(pair) != 2
            or ps.romantic
            or ps.score <= 0
            or ps.past >= ps.score / 2
            or frozenset(pair) in skip
            or not all(p in top and shares[p] >= AFFECTION_LEAD_SHARE for p in pair)
            or any(other != pair and set(other) & set(pair) for other in romance.pairs)
        ):
            continue
        a, b = pair
        if fits(shape, (a, b), gender) and not called_kin(work, (a, b)):
            found.append((a, b))
    return found[0] if len(found) == 1 else None


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
