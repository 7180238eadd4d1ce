"""The learned rating model: its data file, its features, and bad files as clear errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from fandex.errors import ConfigError
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.rating_model import (
    DARK,
    KNOWN,
    LEVELS,
    REACHES,
    default_model,
    feature_values,
    level_reasons,
    load_model,
    ordinal_probabilities,
    parse_model,
)

EXPLICIT_CLINICAL = (
    "Written in clinical terms for a test. They had sex: penetration, intercourse, thrusting "
    "into her; she had an orgasm and he ejaculated. Later oral sex, a blowjob, his erect penis, "
    "her clitoris, then anal intercourse with lube and a condom, and another orgasm."
)
PICNIC = "They ate sandwiches by the lake and counted the ducks until the sun went down."


def good() -> dict[str, Any]:
    return {
        "features": ["reaches:teen", "words"],
        "weights": [1.0, -0.5],
        "cuts": [0.0, 1.0, 2.0],
        "low": [0.0, 0.0],
        "high": [1.0, 5.0],
    }


def test_the_shipped_model_reads_features_the_analysis_computes() -> None:
    model = default_model()
    values = feature_values(analyse_texts([(1, PICNIC)]))
    assert set(model.features) <= set(values) == set(KNOWN)
    assert model.low.shape == model.high.shape == (len(model.features),)
    # One weight per feature (ordinal), or one per feature per threshold.
    assert model.weights.shape[-1] == len(model.features)
    p = model.probabilities(values)
    assert list(p) == list(LEVELS) and sum(p.values()) == pytest.approx(1.0)
    assert max(p, key=lambda r: p[r]) == "General Audiences"


def test_an_explicit_clinical_text_meets_every_bar_and_is_most_likely_explicit() -> None:
    analysis = analyse_texts([(1, EXPLICIT_CLINICAL)])
    values = feature_values(analysis)
    assert [values[r] for r in REACHES] == [1.0, 1.0, 1.0]
    assert level_reasons(analysis)[2] == ["explicit"]
    p = default_model().probabilities(values)
    assert p["Explicit"] > max(p[r] for r in LEVELS[:3])


GRIEF = (
    "Written in plain terms for a test. Her brother had died of an overdose a year before; "
    "she still kept his pills. At the funeral she could not cry. Since his death she drank "
    "alone, and once she had taken too many pills herself and woken in the hospital after "
    "the suicide attempt."
)


def test_dark_theme_features_read_the_dark_concepts_scores_together() -> None:
    values = feature_values(analyse_texts([(1, GRIEF)]))
    ratios = [values[f"ratio:{c}"] for c in DARK]
    assert values["dark"] == max(ratios) > 0
    # Death, drugs and suicide each clear their threshold here: the sum is over all three.
    assert sum(r >= np.log(2) for r in ratios) == 3
    assert values["darksum"] == pytest.approx(np.log1p(sum(np.expm1(r) for r in ratios)))
    assert values["heavy"] >= values["darksum"] > values["dark"]
    assert values["dense:dark"] > 0


def test_dark_theme_features_are_zero_on_a_text_with_no_dark_theme() -> None:
    values = feature_values(analyse_texts([(1, PICNIC)]))
    assert [values[f] for f in ("dark", "darksum", "heavy", "dense:dark")] == [0.0] * 4
    # Without densities (asked for only by a model that reads one) dense:dark is left out.
    assert "dense:dark" not in feature_values(analyse_texts([(1, GRIEF)]), densities=False)


def test_ordinal_probabilities_sum_to_one_and_shift_up_with_the_score() -> None:
    cuts = np.array([-1.0, 0.5, 2.0])
    p = ordinal_probabilities(np.array([-3.0, 0.0, 4.0]), cuts)
    assert p.shape == (3, 4) and np.allclose(p.sum(axis=1), 1.0) and (p >= 0).all()
    expected = p @ np.arange(4)
    assert expected[0] < expected[1] < expected[2]


def test_features_are_clipped_to_the_range_seen_in_training() -> None:
    model = parse_model(good())
    long = model.probabilities({"reaches:teen": 1.0, "words": 50.0})
    longest_seen = model.probabilities({"reaches:teen": 1.0, "words": 5.0})
    assert long == longest_seen


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"features": ["reaches:teen", "colour"]}, "unknown features"),
        ({"weights": [1.0]}, "one value per feature"),
        ({"cuts": [0.0, 2.0, 1.0]}, "increasing"),
        ({"cuts": [0.0, 1.0]}, "increasing"),
    ],
)
def test_a_bad_model_is_a_config_error(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_model({**good(), **change})


def test_a_missing_or_broken_model_file_is_one_line() -> None:
    with pytest.raises(ConfigError) as missing:
        load_model("no-such-rating-model.toml")
    assert "\n" not in str(missing.value) and "no-such-rating-model.toml" in str(missing.value)
    with pytest.raises(ConfigError) as broken:
        load_model("calibration.toml")  # a real file, but no rating model in it
    assert "\n" not in str(broken.value)


def test_one_text_and_a_batch_get_the_same_probabilities() -> None:
    model = default_model()
    texts = (PICNIC, EXPLICIT_CLINICAL)
    values = [feature_values(analyse_texts([(1, t)])) for t in texts]
    batch = model.batch(np.array([[v[f] for f in model.features] for v in values]))
    for row, v in zip(batch, values, strict=True):
        assert list(model.probabilities(v).values()) == pytest.approx(row.tolist())
