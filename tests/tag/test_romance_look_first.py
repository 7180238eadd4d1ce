"""More of the romance reading's fast paths give what the plain reading gave, on generated
text: a look in C before a regex (the past, a subject no name is given), a pair chosen
before the pronouns are read (see test_romance_fast_paths for the others)."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fandex.tag.romance_clauses import _UNNAMED_SUBJECT, PAST, told_past, unnamed_subject
from fandex.tag.romance_people import pair_whatever_pronouns, pick_pair
from fandex.tag.romance_scan import padded
from fandex.tag.romance_sentence import PRONOUNS as _PRONOUNS
from fandex.tag.romance_sentence import wanted_genders as _wanted

# Pieces of the wordings the rules read, in every case, with the characters re.I reads as
# ASCII letters ("ſ", "K", "İ", "ı") and other white space.
_PIECES = [
    *"former Former ex ex-wife EX used uſed to years ago long late wife husband".split(),
    *"widow widowed Wıdow back when before he she died in the past Previous".split(),
    *"the The a an that this another captain Captain stranger man woman old".split(),
    *"kissed Tobias Annick Vire ſtranger baKer İn Sſ".split(),
    *(" ", " ", " ", "\n", "\t", "\xa0", ".", ",", "-", "'"),
]
pieced = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map(
    lambda parts: ("".join(parts), [sum(map(len, parts[:i])) for i in range(len(parts) + 1)])
)


@settings(max_examples=600, deadline=None)
@given(pieced, st.integers(0, 40), st.integers(0, 40))
@example(("He was her former husband.", [0, 26]), 0, 1)
@example(("She uſed to love him", [0, 20]), 0, 1)
def test_the_past_looked_for_first_as_the_pattern_finds_it(
    text_cuts: tuple[str, list[int]], a: int, b: int
) -> None:
    text, cuts = text_cuts
    lo, hi = sorted((cuts[min(a, len(cuts) - 1)], cuts[min(b, len(cuts) - 1)]))
    plain = PAST.search(text, lo, hi) is not None
    body, lowered = padded(text)
    assert told_past(text, lo, hi, body if lowered else None) == plain
    assert told_past(text, lo, hi) == plain


def _unnamed_plain(text: str, pos: list[tuple[int, int, str]], lo: int, c_start: int) -> bool:
    """unnamed_subject as it read every cue: the search first."""
    m = _UNNAMED_SUBJECT.search(text, max(lo, c_start - 40), c_start)
    if m is None:
        return False
    i = bisect_right([p[0] for p in pos], c_start) - 1
    return not (i >= 0 and pos[i][1] > m.start())


@settings(max_examples=600, deadline=None)
@given(pieced, st.integers(0, 40), st.integers(0, 60))
@example(("Later the captain kissed Tobias.", [0, 18, 32]), 1, 40)
@example(("Later the ſtranger kissed Tobias.", [0, 19, 33]), 1, 40)
@example(("the old man\n", [0, 12]), 1, 40)
def test_a_subject_no_name_is_given_looked_for_first_as_the_pattern_finds_it(
    text_cuts: tuple[str, list[int]], at: int, back: int
) -> None:
    text, cuts = text_cuts
    c_start = cuts[min(at, len(cuts) - 1)]
    lo = max(0, c_start - back)
    at_vire = text.find("Annick Vire")
    pos = [(at_vire, at_vire + 11, "Annick Vire")] if at_vire >= 0 else []
    got = unnamed_subject(text, pos, [p[0] for p in pos], lo, c_start)
    assert got == _unnamed_plain(text, pos, lo, c_start)


_NAMES = ["Ada", "Ben", "Cy", "Dee"]
_GENDERS = st.fixed_dictionaries({n: st.sampled_from(["M", "F", "U", "X"]) for n in _NAMES})


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_NAMES), unique=True, max_size=4),
    _GENDERS,
    st.sets(st.sampled_from(["M", "F"])),
)
def test_a_pair_chosen_before_the_pronouns_is_the_one_they_would_choose(
    ranked: list[str], gender: dict[str, str], wanted: set[str]
) -> None:
    # Everyone ranked is named in the sentence: pick_pair reads the pronouns only to
    # choose between people of one gender.
    got = pair_whatever_pronouns(ranked, gender)
    if got is not None:
        assert got == pick_pair(ranked, wanted, gender, frozenset(ranked))


_PRONOUN_PIECES = [
    *"he He HE him HIM his His she She ſhe her Her HER hers herſ hİm hım hiſ hıs hİs".split(),
    *"the hen shed ship them".split(),
    *(" ", " ", ".", "\n", "'", "x"),
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PRONOUN_PIECES), max_size=30))
@example(["hİm", " ", "she"])
def test_pronoun_genders_searched_apart_agree_with_lower_casing_each(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = {
        "M" if p.lower() in ("he", "him", "his") else "F"
        for p in _PRONOUNS.findall(text, 0, len(text))
    }
    assert _wanted(text, 0, len(text)) == plain
