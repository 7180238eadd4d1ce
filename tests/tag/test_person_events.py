"""Events of which a person is the patient (fandex.tag.person_events), and the death
model's input read from them (fandex.tag.note_model)."""

from __future__ import annotations

import numpy as np
import pytest

from fandex.errors import ConfigError
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.note_model import features, parse_models, passage_event
from fandex.tag.person_events import has_templates, person_events


def slots(text: str, concept: str) -> list[str]:
    return [e.slot for e in person_events(text, concept)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They kidnapped Daniel at dawn.", ["daniel"]),
        ("The men took her hostage.", ["her"]),
        ("The boy was taken from his bed.", ["the boy"]),
        ("She woke to find her captors gone.", ["her"]),
        ("they dragged him into the van.", ["him"]),
    ],
)
def test_a_person_taken_is_an_abduction_event(text: str, expected: list[str]) -> None:
    assert slots(text, "abduction") == expected


@pytest.mark.parametrize(
    "text",
    [
        "She held the phone for ransom.",  # a thing held
        "He was taken aback by the news.",  # a figure
        "He took her hand and smiled.",  # a noun of hers follows
        "She captured his attention at once.",  # a possessive, not a person
        "The Tardis was taken to the garage.",  # a determiner: a thing's name
        "They locked up the shop at six.",  # a thing locked up
    ],
)
def test_things_and_figures_are_no_abduction_event(text: str) -> None:
    assert slots(text, "abduction") == []


def test_death_events_need_a_person() -> None:
    assert slots("He was dead by morning.", "death") == ["he"]
    assert slots("Arthur's corpse lay on the bank.", "death") == ["arthur's"]
    assert slots("The body of work was large. The engine died.", "death") == []


def test_lower_case_text_names_by_uncommon_words() -> None:
    assert slots("then mab snatched diana from her bed.", "abduction") == ["diana"]
    # In capitalised text an uncapitalised word is no name.
    assert slots("Then Mab snatched diana from her bed.", "abduction") == []


def test_only_concepts_with_templates_are_read() -> None:
    assert has_templates("death") and has_templates("abduction")
    assert not has_templates("violence")


def test_the_event_input_reads_the_strongest_passage() -> None:
    text = "The fever broke at night. She died a little after four, and the house was still."
    analysis = analyse_texts([(1, text)])
    cs = analysis.get("death")
    assert passage_event(cs, analysis.texts)
    assert features(cs, extra=("event",), texts=analysis.texts)[-1] == 1.0
    calm = analyse_texts([(1, "They talked about death and taxes over lunch.")])
    assert not passage_event(calm.get("death"), calm.texts)
    # Without the texts there is nothing to read: 0.
    assert features(cs, extra=("event",))[-1] == 0.0


def test_a_model_with_an_extra_input_needs_a_weight_for_it() -> None:
    table = {"weights": [1.0, 1.0, 1.0], "bias": 0.0, "clip": [5.0, 5.0, 1.0], "cut": 0.5}
    data = {"features": ["ratio", "terms"], "models": {"death": table | {"extra": ["event"]}}}
    model = parse_models(data)["death"]
    assert model.extra == ("event",)
    assert np.allclose(model.weights, [1.0, 1.0, 1.0])
    with pytest.raises(ConfigError):
        parse_models({"features": ["ratio", "terms"], "models": {"death": table}})
    with pytest.raises(ConfigError):
        bad = table | {"extra": ["mood"]}
        parse_models({"features": ["ratio", "terms"], "models": {"death": bad}})


def test_the_shipped_death_model_weighs_a_told_death_up() -> None:
    from fandex.tag.note_model import default_models

    model = default_models()["death"]
    assert model.extra == ("event",)
    text = "The fever broke at night. She died a little after four, and the house was still."
    analysis = analyse_texts([(1, text)])
    cs = analysis.get("death")
    assert model.probability(cs, texts=analysis.texts) > model.probability(cs)
