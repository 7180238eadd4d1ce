"""The rating maps' weighing of the sources of labelled works (``bench/rating_fit.py``):
a large source whose writers follow their tags no longer sets the confidence that the
other sources' guesses are shown with."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("scipy")
BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def rating_fit() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        import rating_fit as module
    finally:
        sys.path.remove(str(BENCH))
    return module


def rows(source: str, n: int) -> list[tuple[float, bool, str, dict[str, Any]]]:
    return [(0.0, True, f"{source}:{i}", {"_source": source}) for i in range(n)]


def test_power_zero_counts_rows_and_power_one_counts_sources(rating_fit: Any) -> None:
    mixed = rows("spent", 90) + rows("written", 10)
    assert np.allclose(rating_fit.source_weights(mixed, 0.0), 1.0)
    w = rating_fit.source_weights(mixed, 1.0)
    assert w[:90].sum() == pytest.approx(w[90:].sum())
    assert w.sum() == pytest.approx(len(mixed))


def test_a_big_faithful_source_does_not_set_a_small_sources_confidence(rating_fit: Any) -> None:
    # 400 guesses at 0.9 right nine in ten; two small sources' at 0.9 right six in ten.
    rng = np.random.default_rng(0)
    sources = rows("spent", 400) + rows("written", 60) + rows("real", 60)
    p = np.full(len(sources), 0.9)
    right = np.r_[rng.random(400) < 0.9, rng.random(120) < 0.6]
    by_row = rating_fit.fit_calibration(p, right)
    fitted, power = rating_fit.fit_map(p, right, sources)
    assert power > 0
    shown = rating_fit.apply_calibration(fitted, np.array([0.9]))[0]
    assert shown < rating_fit.apply_calibration(by_row, np.array([0.9]))[0] - 0.03


def test_sources_that_agree_keep_the_map_counted_by_row(rating_fit: Any) -> None:
    rng = np.random.default_rng(1)
    sources = rows("spent", 300) + rows("written", 100)
    p = rng.uniform(0.5, 0.95, len(sources))
    right = rng.random(len(sources)) < p
    assert rating_fit.map_power(p, right, sources) == 0.0


def test_a_general_lean_has_an_offset_of_its_own_in_the_leant_map() -> None:
    from fandex.errors import ConfigError
    from fandex.tag.rating_model import STATED, parse_model

    data: dict[str, Any] = {
        "features": ["reaches:teen"],
        "weights": [1.0],
        "cuts": [0.5, 2.0, 3.5],
        "low": [0.0],
        "high": [1.0],
        "stated_features": list(STATED),
        "stated_weights": [0.0, 1.0, 1.5, 4.0],
        "stated_calibration": [0.0, 1.0, 0.0, -1.0],
    }
    model = parse_model(data)
    assert model.confidence(0.9, lean=True) == pytest.approx(0.9, abs=1e-6)
    assert model.confidence(0.9, lean=True, general=True) < 0.8
    # The offset is the leant map's: a bare guess has none.
    assert model.confidence(0.9, general=True) == pytest.approx(0.9)
    with pytest.raises(ConfigError):
        parse_model({**data, "stated_calibration": [0.0, 1.0, 0.0, -1.0, 2.0]})


def test_the_tagger_reads_a_general_lean_through_its_offset() -> None:
    from fandex.model import Chapter, Work
    from fandex.tag import rating
    from fandex.tag.cues_analysis import analyse
    from fandex.tag.rating_model import default_model, feature_values

    work = Work(title="t", chapters=[Chapter(1, text="They ate sandwiches by the lake.")])
    analysis = analyse(work)
    guess = rating.infer_rating(analysis, stated={"stated:general": 1.0})
    model = default_model()
    p, words = guess.probabilities[guess.name], feature_values(analysis)["words"]
    assert guess.name == rating.GENERAL
    assert guess.confidence == pytest.approx(model.confidence(p, True, words, general=True))
    # A lean to Teen is no General lean: the same text leant so has no offset.
    teen = rating.infer_rating(analysis, stated={"stated:teen": 1.0})
    q = teen.probabilities[teen.name]
    assert teen.confidence == pytest.approx(model.confidence(q, True, words, general=False))


def test_by_set_each_spent_writer_set_is_a_group_of_its_own(rating_fit: Any) -> None:
    spent = [
        (0.0, True, f"spent:{s}{i}", {"_source": "spent", "_set": s})
        for s in ("heldout3", "heldout4")
        for i in range(30)
    ]
    mixed = spent + rows("written", 60)
    assert rating_fit.map_group(spent[0]) == "spent"
    assert rating_fit.map_group(spent[0], by_set=True) == "set:heldout3"
    assert rating_fit.map_group(mixed[-1], by_set=True) == "written"
    # Power 1: three groups of equal weight, each set as much as the whole written source.
    w = rating_fit.source_weights(mixed, 1.0, by_set=True)
    assert w[:30].sum() == pytest.approx(w[60:].sum()) == pytest.approx(len(mixed) / 3)
    assert rating_fit.source_weights(mixed, 1.0)[:60].sum() == pytest.approx(len(mixed) / 2)


def test_a_set_that_rates_unlike_the_others_does_not_set_the_map_by_its_size(
    rating_fit: Any,
) -> None:
    # Ten writer sets right nine in ten at 0.8 and one big source right six in ten: by
    # writer set, the sets' guesses are shown nearer what a new set's would be.
    rng = np.random.default_rng(2)
    spent = [
        (0.0, True, f"spent:{k}:{i}", {"_source": "spent", "_set": f"h{k}"})
        for k in range(10)
        for i in range(30)
    ]
    sources = spent + rows("written", 300)
    p = np.full(len(sources), 0.8)
    right = np.r_[rng.random(300) < 0.9, rng.random(300) < 0.6]
    by_source, _ = rating_fit.fit_map(p, right, sources)
    by_set, _ = rating_fit.fit_map(p, right, sources, by_set=True)
    shown = [rating_fit.apply_calibration(m, np.array([0.8]))[0] for m in (by_source, by_set)]
    assert shown[1] > shown[0]
