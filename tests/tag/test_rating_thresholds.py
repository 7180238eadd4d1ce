"""The rating model's thresholds form: one weight per feature per threshold (at least
Teen, at least Mature, Explicit), and a model of its own for a work whose tags lean."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from fandex.errors import ConfigError
from fandex.tag.rating_model import (
    LEVELS,
    STATED,
    THRESHOLDS,
    default_model,
    parse_model,
    threshold_probabilities,
)


def thresholds(**more: Any) -> dict[str, Any]:
    # reaches:teen lifts every threshold; ratio:sexual only the Explicit one.
    return {
        "form": "thresholds",
        "features": ["reaches:teen", "ratio:sexual"],
        "weights": [[2.0, 0.0], [1.0, 0.0], [0.0, 3.0]],
        "cuts": [1.0, 2.0, 3.0],
        "low": [0.0, 0.0],
        "high": [1.0, 2.0],
        "stated_features": list(STATED),
        "lean_weights": [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]],
        "stated_weights": [[-2.0, 2.0, 3.0, 3.0], [-2.0, 0.0, 3.0, 3.0], [0.0, 0.0, 0.0, 4.0]],
        "stated_cuts": [0.0, 1.0, 2.0],
        **more,
    }


def test_probabilities_sum_to_one_and_no_threshold_is_likelier_than_the_one_below() -> None:
    # The Explicit threshold's own score is above the Mature one's: the Mature share
    # would be negative; it is made non-increasing instead.
    z = np.array([[0.0, 0.0, 5.0], [3.0, 1.0, -2.0]])
    p = threshold_probabilities(z, np.zeros(3))
    assert p.shape == (2, 4) and np.allclose(p.sum(axis=1), 1.0) and (p >= 0).all()
    assert p[0, 2] == 0.0 and p[0, 1] == 0.0  # P(>= Explicit) capped at P(>= Teen)
    assert p[1, 3] < p[1, 2] + p[1, 3] < p[1, 1] + p[1, 2] + p[1, 3]


def test_a_feature_of_one_threshold_moves_that_threshold_alone() -> None:
    model = parse_model(thresholds())
    assert model.form == THRESHOLDS
    plain = model.probabilities({"reaches:teen": 1.0, "ratio:sexual": 0.0})
    sexual = model.probabilities({"reaches:teen": 1.0, "ratio:sexual": 2.0})
    # ratio:sexual weighs only on "Explicit": P(General) and P(at least Mature) stay.
    assert sexual["General Audiences"] == pytest.approx(plain["General Audiences"])
    assert sexual["Mature"] + sexual["Explicit"] == pytest.approx(
        plain["Mature"] + plain["Explicit"]
    )
    # ... and all of "at least Mature" goes to Explicit (its own score would say 0.95,
    # more than "at least Mature" allows: capped there).
    assert plain["Explicit"] < 0.05
    assert sexual["Explicit"] == pytest.approx(plain["Mature"] + plain["Explicit"])


def test_a_leaning_work_is_read_by_the_leaning_model_and_a_bare_one_by_the_texts() -> None:
    model = parse_model(thresholds())
    text = {"reaches:teen": 0.0, "ratio:sexual": 0.0}
    bare = model.probabilities(text)
    fluff = model.probabilities({**text, "stated:general": 1.0})
    smut = model.probabilities({**text, "stated:explicit": 1.0, "stated:mature": 1.0})
    assert not model.leans(text) and model.leans({"stated:general": 1.0})
    # Bare: sigmoid(-1) for "at least Teen"; leant General: sigmoid(-2 - 0).
    assert 1 - bare["General Audiences"] == pytest.approx(1 / (1 + np.exp(1.0)))
    assert 1 - fluff["General Audiences"] == pytest.approx(1 / (1 + np.exp(2.0)))
    assert max(smut, key=lambda k: smut[k]) == "Explicit"


def test_one_work_and_a_batch_get_the_same_probabilities_with_and_without_a_lean() -> None:
    model = parse_model(thresholds())
    rows = [
        {"reaches:teen": 1.0, "ratio:sexual": 3.0},  # clipped to 2.0
        {"reaches:teen": 0.0, "ratio:sexual": 0.5, "stated:teen": 1.0},
        {"reaches:teen": 1.0, "ratio:sexual": 1.5, "stated:mature": 1.0},
    ]
    x = np.array([[r[f] for f in model.features] for r in rows])
    s = np.array([[r.get(f, 0.0) for f in STATED] for r in rows])
    batch = model.batch(x, s)
    for row, values in zip(batch, rows, strict=True):
        assert list(model.probabilities(values).values()) == pytest.approx(row.tolist())
    assert model.batch(x)[1].tolist() != pytest.approx(batch[1].tolist())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"form": "forest"}, "unknown form"),
        ({"weights": [[1.0, 0.0], [1.0, 0.0]]}, "weights must be 3 rows of 2"),
        ({"weights": [[1.0], [1.0], [1.0]]}, "weights must be 3 rows of 2"),
        ({"lean_weights": [[1.0, "x"], [1.0, 0.0], [0.0, 1.0]]}, "lean_weights"),
        ({"stated_weights": [[1.0], [1.0], [1.0]]}, "stated_weights must be 3 rows of 4"),
        ({"cuts": [1.0, 2.0]}, "cuts"),
        ({"stated_cuts": []}, "stated_cuts"),
        ({"stated_features": ["stated:colour"]}, "unknown features"),
        ({"low": [0.0]}, "one value per feature"),
    ],
)
def test_a_bad_thresholds_model_is_a_config_error(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_model(thresholds(**change))


def test_the_shipped_model_lifts_each_threshold_with_more_content() -> None:
    # Whatever form ships, raising one content feature from its lowest to its highest
    # seen value never makes a higher rating less likely (weights kept non-negative).
    model = default_model()
    base = dict(zip(model.features, model.low.tolist(), strict=True))
    for i, f in enumerate(model.features):
        if f == "words":
            continue
        low, high = model.probabilities(base), model.probabilities({**base, f: model.high[i]})
        for k in range(1, len(LEVELS)):
            at_least = [sum(p[name] for name in LEVELS[k:]) for p in (low, high)]
            assert at_least[1] >= at_least[0] - 1e-12
