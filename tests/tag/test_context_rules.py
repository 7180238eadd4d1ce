"""Context rules: a time phrase after a cue dates it to before the story."""

from __future__ import annotations

import pytest

from fandex.tag.context_rules import BACKSTORY, HYPOTHETICAL, ON_PAGE, default_rules
from fandex.tag.cues_analysis import analyse_texts


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
