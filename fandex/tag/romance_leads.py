"""Who a romance cue told in pronouns is about, in a story of two leads.

A couple told in "he" and "she" names itself seldom: the leads of a cue sentence whose
pronouns have no name near them are looked for back to where each was last named
(:func:`leads_before`), and for a man and a woman ("She kisses him."), two of one gender
("He kissed him.") or a plural subject ("They made love.") are the two leads when the
scene names no one else, whether it names them or not (:func:`leads_in_scene`). In a story told
by one of its two leads, "I kissed her" is the narrator's and the other lead's when the
scene names no one else, wherever that lead is named (:func:`narrator_partner`).
"""

from __future__ import annotations

from bisect import bisect_left

from fandex.tag.romance_clauses import ANTECEDENT_FAR, SCENE_BREAK


def leads_before(
    two: tuple[str, str],
    have: dict[str, int],
    pos: list[tuple[int, int, str]],
    starts: list[int],
    end: int,
    text: str,
    far: int = ANTECEDENT_FAR,
) -> dict[str, int]:
    """In a story of ``two``, where each lead not in ``have`` is last named within
    ``far`` before ``end`` (none past a scene break), as {name: where}; none when
    ``have`` holds anyone else (the pronoun may be theirs)."""
    if any(n not in two for n in have):
        return {}
    lo = max(0, end - far)
    for m in SCENE_BREAK.finditer(text, lo, end):
        lo = m.end()
    out: dict[str, int] = {}
    for s, _e, n in reversed(pos[bisect_left(starts, lo) : bisect_left(starts, end)]):
        if n in two and n not in have and n not in out:
            out[n] = s
    return out


# How far back a story of two's leads are looked for, for a sentence whose pronouns are
# a man and a woman ("She kisses him.") when its leads are a man and a woman, or of no
# gender a list knows: a couple told in pronouns names itself seldom, scenes apart.
SCENE_REACH = 20_000


def reach(wanted: set[str], two: tuple[str, str], gender: dict[str, str]) -> int:
    """How far back :func:`leads_before` looks for the leads ``two`` of a sentence whose
    pronouns ask for ``wanted``: to the scene's opening (``SCENE_REACH``) when they
    are a man and a woman and the leads may be (neither of one gender the other is not);
    else ``ANTECEDENT_FAR``.

    >>> reach({"M", "F"}, ("Ada", "Ben"), {"Ada": "F", "Ben": "U"}) == SCENE_REACH
    True
    >>> reach({"M", "F"}, ("Ada", "Bea"), {"Ada": "F", "Bea": "F"}) == ANTECEDENT_FAR
    True
    """
    a, b = (gender.get(n, "U") for n in two)
    fits = {a, b} <= {"M", "F", "U"} and (a != b or a == "U")
    return SCENE_REACH if wanted == {"M", "F"} and fits else ANTECEDENT_FAR


def one_kind(wanted: set[str], two: tuple[str, str], gender: dict[str, str]) -> bool:
    """Whether the pronouns of a sentence ask for one gender (``wanted``: "He kissed
    him", "she kissed her") that both leads ``two`` may be, one of them surely.

    >>> one_kind({"M"}, ("Ada", "Ben"), {"Ada": "U", "Ben": "M"})
    True
    >>> one_kind({"M"}, ("Ada", "Ben"), {"Ada": "F", "Ben": "M"})
    False
    """
    if len(wanted) != 1:
        return False
    kinds = {gender.get(n, "U") for n in two}
    return kinds <= wanted | {"U"} and bool(kinds & wanted)


def _scene(text: str, sentence: tuple[int, int]) -> tuple[int, int]:
    """Where the scene holding ``sentence`` starts and ends (scene breaks bound it)."""
    lo, hi = sentence
    start = max((m.end() for m in SCENE_BREAK.finditer(text, 0, lo)), default=0)
    after = SCENE_BREAK.search(text, hi)
    return start, after.start() if after else len(text)


def _scene_names(text: str, sentence: tuple[int, int], pos: list[tuple[int, int, str]]) -> set[str]:
    """The characters (``pos``: their mentions) the scene holding ``sentence`` names."""
    start, end = _scene(text, sentence)
    return {n for s, _e, n in pos if start <= s < end}


def leads_in_scene(
    two: tuple[str, str],
    have: dict[str, int],
    pos: list[tuple[int, int, str]],
    sentence: tuple[int, int],
    text: str,
    wanted: set[str],
    gender: dict[str, str],
    plural: bool = False,
    solid: bool = False,
) -> list[str]:
    """The leads of a story of ``two`` not in ``have`` whom the scene of ``sentence``
    names (after it, too), when its pronouns are a man and a woman, the leads may be
    (:func:`reach`), and the scene names no other character; else none.

    When the two are ``solid`` leads (each named often: a story about them, not one
    whose only other tagged name is named once), also for pronouns of one gender both
    may be (:func:`one_kind`: "He kissed him") or a ``plural`` subject ("They made
    love", "we kissed"), and both leads whether the scene names them or not: a couple
    told in pronouns names itself seldom ("They went up the stairs together"). Over the
    spent sets (session 19) this found four couples more, none wrong, on four sets."""
    fits = reach(wanted, two, gender) == SCENE_REACH
    if solid:
        fits = fits or plural or one_kind(wanted, two, gender)
    if not fits or any(n not in two for n in have):
        return []
    named = _scene_names(text, sentence, pos)
    if not named <= set(two):
        return []
    return sorted((set(two) if solid else named) - set(have))


def narrator_partner(
    two: tuple[str, str],
    narrator: str | None,
    have: dict[str, int],
    pos: list[tuple[int, int, str]],
    sentence: tuple[int, int],
    text: str,
    wanted: set[str],
    gender: dict[str, str],
) -> str | None:
    """In a story of ``two`` told by one of them (``narrator``: "I kissed her"), the other
    lead, for a sentence whose people so far (``have``) are the narrator alone, whose
    pronouns ask for one gender (``wanted``) that lead may be, in a scene that names no
    one but the two; else None. The narrator's first-person words are their mentions
    (:mod:`fandex.tag.characters_narrator`): the sentence has one of its pair already,
    and a couple told by one of them names the other seldom, scenes apart."""
    if narrator is None or narrator not in two or set(have) != {narrator}:
        return None
    other = two[1] if two[0] == narrator else two[0]
    if len(wanted) != 1 or gender.get(other, "U") not in wanted | {"U"}:
        return None
    if not _scene_names(text, sentence, pos) <= set(two):
        return None
    return other
