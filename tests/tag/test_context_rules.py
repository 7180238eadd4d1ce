"""Context rules: a time phrase after a cue dates it to before the story."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.context_rules import BACKSTORY, HYPOTHETICAL, ON_PAGE, default_rules
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.vectorscan import HAVE_VECTORSCAN


def contexts(text: str, concept: str) -> dict[str, str]:
    return {f.term: f.context for f in analyse_texts([(1, text)]).get(concept).found}


@pytest.mark.parametrize(
    "sentence",
    [
        "Her mother died three years ago.",
        "His father died when he was six.",
        "Her brother was killed when they were little.",
        "His dog died long before he was born.",
    ],
)
def test_a_following_time_phrase_makes_a_death_backstory(sentence: str) -> None:
    assert BACKSTORY in contexts(sentence, "death").values()


@pytest.mark.parametrize(
    "sentence",
    [
        "Her mother died. Years ago she had planted the roses.",  # another sentence
        "Her mother died in the night, and the roses bloomed.",
        "The guard died a moment ago, right in front of them.",
    ],
)
def test_without_a_time_phrase_in_its_sentence_the_death_is_on_the_page(sentence: str) -> None:
    assert set(contexts(sentence, "death").values()) == {ON_PAGE}


def test_the_phrase_must_start_close_to_the_cue() -> None:
    rules = default_rules()
    far = "she died " + "quietly and in great peace among friends and family " + "years ago"
    assert rules.dated_after(far, len("she died")) is None
    assert rules.dated_after("she died years ago", len("she died")) is not None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("He'd been killed in the war.", BACKSTORY),
        ("She’d already died by then.", BACKSTORY),
        ("They'd stabbed him twice.", BACKSTORY),
        ("He'd kill him for that.", HYPOTHETICAL),
        ("She'd rather die than stay.", HYPOTHETICAL),
    ],
)
def test_a_contracted_d_is_had_before_a_participle_and_would_before_a_verb(
    sentence: str, kind: str
) -> None:
    found = analyse_texts([(1, sentence)])
    kinds = {f.context for name in ("death", "violence") for f in found.get(name).found}
    assert kinds == {kind}


_PHRASES = ["years ago", "as a child", "when she was six", "when they were little", "last year"]
_PIECES = [" ", "  ", "\n", "\u00a0", ", ", ". ", "died", "year", "yearsago", "x", "é", "when"]


@pytest.mark.skipif(not HAVE_VECTORSCAN, reason="the hyperscan package is not installed")
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES + _PIECES), min_size=1, max_size=60))
def test_every_dated_cue_has_a_phrase_start_within_reach(parts: list[str]) -> None:
    # The analysis searches after a cue only where dated_starts says a phrase may start:
    # wherever dated_after finds one (a phrase cut by the search's end too), it does.
    rules = default_rules()
    low = "".join(parts).replace("  ", " \t ")
    starts = rules.dated_starts(" " + low)
    assert starts is not None
    for end in range(len(low) + 1):
        if rules.dated_after(low, end) is not None:
            assert any(end <= s < end + rules.after_reach for s in starts)


def test_a_text_without_a_time_phrase_needs_no_search() -> None:
    starts = default_rules().dated_starts(" she died in the night, and the roses bloomed.")
    assert starts in ([], None)
