"""The romance reading's fast paths give what the plain reading gave, on generated text:
a question read from a stretch already read (Openers), a look in C before a regex
(negated, a script line's speaker), a table before a lower-casing (the pronouns'
genders)."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fandex.tag.romance_clauses import _NEGATED, _OPENING, NEGATION_REACH, Openers, negated
from fandex.tag.romance_lines import _SCRIPT_LINE, _line_speaker
from fandex.tag.romance_sentence import PRONOUNS as _PRONOUNS
from fandex.tag.romance_sentence import wanted_genders as _wanted

# Pieces of text the rules read: names (tagged and not), pronouns in every case, denials,
# sentence ends, quotes, colons of script lines, line breaks.
_PIECES = [
    *"Alan Greg Sherlock Rosa he He HIM his she Her hers ſhe not Never no longer".split(),
    *"n't can’t one know nothing kissed . ! ? \" “ ” : ** * , Then The dating".split(),
    *("\n", " ", " ", " ", ". Alan", "\nRosa", '" Alan', ". Greg", "never ", "no longer "),
    *("wasn't ", "really "),
]
# A text and where its pieces meet (where cues and questions fall).
pieced = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60).map(
    lambda parts: ("".join(parts), [sum(map(len, parts[:i])) for i in range(len(parts) + 1)])
)
texts = pieced.map(lambda tp: tp[0])
_TAGGED = {"Greg", "Sherlock"}


def _spans(text: str) -> list[tuple[int, int, str]]:
    """The tagged names of ``text`` as sorted (start, end, name)."""
    out = []
    for name in _TAGGED:
        at = text.find(name)
        while at >= 0:
            out.append((at, at + len(name), name))
            at = text.find(name, at + 1)
    return sorted(out)


def _last_opener_plain(text: str, pos: list[tuple[int, int, str]], lo: int, hi: int) -> int:
    """Openers.last as it read each question on its own (the reading before the memo)."""
    starts = [p[0] for p in pos]
    found = -1
    for m in _OPENING.finditer(text, max(0, lo - 4), hi + 8):
        if m.start() >= hi:
            break
        full = _OPENING.match(text, m.start())
        if full is None:
            continue
        a = full.start(1)
        if not lo <= a < hi:
            continue
        i = bisect_right(starts, a) - 1
        if i >= 0 and pos[i][0] <= a < pos[i][1]:
            continue
        if full.group(1) not in _TAGGED:
            found = a
    return found


@settings(max_examples=500, deadline=None)
@given(pieced, st.lists(st.tuples(st.integers(-8, 12), st.integers(0, 15)), max_size=12))
# (Read on, then asked from further back: the stretch read grows at its start.)
@example(("Greg. Alan came. Greg. He", [0, 4, 5, 10, 16, 17, 22, 23, 25]), [(8, 0), (0, 1), (0, 8)])
def test_openers_memo_answers_as_each_question_read_alone(
    text_cuts: tuple[str, list[int]], steps: list[tuple[int, int]]
) -> None:
    # Questions as the cues ask them: each up to a sentence further on, from a name some
    # way back (overlapping the stretches read before, or not).
    text, cuts = text_cuts
    pos = _spans(text)
    openers = Openers(text, pos, [p[0] for p in pos], lambda w: w not in _TAGGED)
    at = 0
    for move, back in steps:
        at = min(max(0, at + move), len(cuts) - 1)
        lo, hi = cuts[max(0, at - back)], cuts[at]
        assert openers.last(lo, hi) == _last_opener_plain(text, pos, lo, hi)


@settings(max_examples=500, deadline=None)
@given(pieced, st.integers(0, 60), st.integers(0, 60))
@example(("He was no longer dating", [0, 7, 17, 23]), 2, 20)
@example(("She has never kissed", [0, 8, 14, 20]), 2, 20)
def test_negated_look_first_agrees_with_the_regex(
    text_cuts: tuple[str, list[int]], at: int, back: int
) -> None:
    text, cuts = text_cuts
    c_start = cuts[min(at, len(cuts) - 1)]
    lo = max(0, c_start - back)
    plain = _NEGATED.search(text, max(lo, c_start - NEGATION_REACH), c_start) is not None
    assert negated(text, c_start, lo) == plain


def _line_speaker_plain(
    text: str, pos: list[tuple[int, int, str]], line: int
) -> tuple[str, tuple[int, int]] | None:
    m = _SCRIPT_LINE.match(text, line)
    if m is None:
        return None
    named = [p for p in pos if line <= p[0] < m.end()]
    return (named[0][2], named[0][:2]) if len({n for _s, _e, n in named}) == 1 else None


@settings(max_examples=500, deadline=None)
@given(pieced, st.integers(0, 60))
@example(("Greg:\nI love you", [0, 6, 16]), 0)
def test_script_line_colon_first_agrees_with_the_pattern(
    text_cuts: tuple[str, list[int]], at: int
) -> None:
    text, cuts = text_cuts
    line = cuts[min(at, len(cuts) - 1)]
    pos = _spans(text)
    got = _line_speaker(text, pos, [p[0] for p in pos], line)
    assert got == _line_speaker_plain(text, pos, line)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_pronoun_genders_table_agrees_with_lower_casing(text: str) -> None:
    plain = {
        "M" if p.lower() in ("he", "him", "his") else "F"
        for p in _PRONOUNS.findall(text, 0, len(text))
    }
    assert _wanted(text, 0, len(text)) == plain
