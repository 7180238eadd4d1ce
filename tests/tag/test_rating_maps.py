"""The rating's two confidence maps (text alone, leant by stated tags), its density
features, and sex shown on the page against sex only referred to."""

from __future__ import annotations

from typing import Any

import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Tag, Work
from fandex.tag import rating
from fandex.tag.calibration import logit, sigmoid
from fandex.tag.cues_analysis import analyse
from fandex.tag.rating import GENERAL, MATURE, RANK, TEEN, infer_rating
from fandex.tag.rating_model import DENSE, STATED, default_model, feature_values, parse_model

PICNIC = "They ate sandwiches by the lake and counted the ducks until the sun went down."
# Sex on the page, in plain clinical words (a fixture written for fandex).
ON_PAGE = (
    "That night they undressed each other in the cabin and had sex on the narrow bed, "
    "slowly, and both reached orgasm before they fell asleep in the tangled sheets."
)
# The same shape, sex only referred to: past, before the story, and not shown.
REFERRED = (
    "That night they talked in the cabin about the summer they had slept together years "
    "ago, before the war, and then they fell asleep in their separate bunks."
)
# Negated and wished: nothing happens on the page either.
NOT_SHOWN = (
    "That night in the cabin they did not have sex; she wondered whether they would ever "
    "sleep together again, and then they fell asleep in their separate bunks."
)


def model_data(**more: Any) -> dict[str, Any]:
    return {
        "features": ["reaches:teen"],
        "weights": [1.0],
        "cuts": [0.5, 2.0, 3.5],
        "low": [0.0],
        "high": [1.0],
        "stated_features": list(STATED),
        "stated_weights": [0.0, 1.0, 1.5, 4.0],
        **more,
    }


def test_a_leant_guess_goes_through_its_own_map_and_a_bare_one_through_the_texts() -> None:
    model = parse_model(model_data(calibration=[0.0, 0.1], stated_calibration=[0.5, 1.0]))
    assert model.confidence(0.9) == pytest.approx(0.5, abs=0.06)  # near flat
    assert model.confidence(0.9, lean=True) > 0.9  # shifted up
    assert model.leans({"stated:teen": 1.0}) and not model.leans({"stated:teen": 0.0})
    # Without a map of its own a leant guess goes through the text's.
    same = parse_model(model_data(calibration=[0.0, 0.1]))
    assert same.confidence(0.9, lean=True) == same.confidence(0.9)


def test_a_map_of_three_numbers_reads_the_length_and_one_of_two_does_not() -> None:
    length = {"features": ["reaches:teen", "words"], "weights": [1.0, 0.0]}
    length |= {"low": [0.0, 0.1], "high": [1.0, 3.0]}
    model = parse_model(model_data(**length, calibration=[0.0, 1.0, -0.5]))
    short, longer = model.confidence(0.7, words=0.1), model.confidence(0.7, words=2.0)
    assert short == pytest.approx(sigmoid(logit(0.7) - 0.05)) and longer < short
    # The length is clipped to the range the model was fitted on.
    assert model.confidence(0.7, words=50.0) == model.confidence(0.7, words=3.0)
    assert model.confidence(0.7, words=0.0) == model.confidence(0.7, words=0.1)
    # Same shape, a map of two numbers: the length changes nothing.
    plain = parse_model(model_data(**length, calibration=[0.0, 0.5]))
    assert plain.confidence(0.7, words=0.1) == plain.confidence(0.7, words=2.0)
    # The stated tags' map reads it only when it has a third number.
    both = parse_model(
        model_data(**length, calibration=[0.0, 1.0, -0.5], stated_calibration=[0.0, 1.0])
    )
    assert both.confidence(0.7, lean=True, words=0.1) == both.confidence(0.7, True, 2.0)


def test_the_tagger_shows_a_long_texts_bare_guess_lower(monkeypatch: pytest.MonkeyPatch) -> None:
    data = model_data(features=["reaches:teen", "words"], weights=[1.0, 0.0])
    data |= {"low": [0.0, 0.0], "high": [1.0, 5.0], "calibration": [0.0, 1.0, -1.0]}
    monkeypatch.setattr(rating, "default_model", lambda: parse_model(data))
    short = tagged()
    work = Work(title="t", chapters=[Chapter(1, text=" ".join([PICNIC] * 300))])
    rating.rating_tagger(work)
    (longer,) = [t for t in work.tags if t.type == "rating" and t.source == "inferred"]
    assert longer.attrs["raw_confidence"] == short.attrs["raw_confidence"]
    assert longer.confidence < short.confidence


def test_a_bad_stated_map_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="slope"):
        parse_model(model_data(stated_calibration=[0.0, -1.0]))
    with pytest.raises(ConfigError, match="calibration"):
        parse_model(model_data(stated_calibration=[0.0, 1.0, 2.0, 3.0, 4.0]))


def tagged(*tags: Tag) -> Tag:
    work = Work(title="t", chapters=[Chapter(1, text=PICNIC)], tags=list(tags))
    rating.rating_tagger(work)
    (tag,) = [t for t in work.tags if t.type == "rating" and t.source == "inferred"]
    return tag


def test_the_tagger_maps_a_guess_by_what_it_rests_on(monkeypatch: pytest.MonkeyPatch) -> None:
    model = parse_model(model_data(calibration=[-3.0, 0.1], stated_calibration=[3.0, 0.1]))
    monkeypatch.setattr(rating, "default_model", lambda: model)
    bare = tagged()
    leant = tagged(Tag("freeform", "Fluff", source="stated"))
    assert bare.confidence < 0.1 < 0.9 < leant.confidence
    # A stated rating is no input: beside it the guess rests on what the other tags say.
    stated = tagged(Tag("freeform", "Fluff", source="stated"), Tag("rating", TEEN, "stated"))
    assert stated.confidence > 0.9
    assert tagged(Tag("rating", TEEN, "stated")).confidence < 0.1


def test_densities_are_computed_only_for_a_model_that_reads_one() -> None:
    analysis = analyse(Work(title="t", chapters=[Chapter(1, text=ON_PAGE)]))
    every = feature_values(analysis)
    lean = feature_values(analysis, densities=False)
    assert {f"dense:{c}" for c in DENSE} <= set(every)
    assert not [k for k in lean if k.startswith(("dense:", "page:", "terms:"))]
    assert {k: v for k, v in every.items() if k in lean} == lean
    assert parse_model(model_data(features=["page:sexual"])).densities
    assert not parse_model(model_data()).densities


def features(text: str) -> dict[str, float]:
    return feature_values(analyse(Work(title="t", chapters=[Chapter(1, text=text)])))


def test_sex_on_the_page_in_plain_words_reads_above_sex_referred_to() -> None:
    shown = features(ON_PAGE)
    for other in (REFERRED, NOT_SHOWN):
        told = features(other)
        assert shown["ratio:sexual"] > told["ratio:sexual"]
        assert shown["page:sexual"] > 0 == told["page:sexual"]


def rated(text: str) -> rating.RatingGuess:
    return infer_rating(analyse(Work(title="t", chapters=[Chapter(1, text=text)])))


def test_the_shipped_model_rates_on_page_sex_mature_or_above_and_referred_sex_lower() -> None:
    assert "ratio:sexual" in default_model().features
    shown = rated(ON_PAGE)
    assert RANK[shown.name] >= RANK[MATURE]
    for other in (REFERRED, NOT_SHOWN):
        told = rated(other)
        assert told.name in (GENERAL, TEEN)
        assert told.at_least(RANK[MATURE]) < shown.at_least(RANK[MATURE])
