"""Training, cross-validation against the built-in tagger, and the plain-weights models."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from fandex.learn.model import LinearModel, ModelSet, tokenize
from fandex.learn.train import LearnUnavailable, TagReport, _export, _fit, learn, scores
from fandex.model import Work

sklearn = pytest.importorskip("sklearn", reason="the optional extra 'learn' is not installed")


def by_name(reports: list[TagReport], name: str) -> TagReport:
    return next(r for r in reports if r.name == name)


def test_a_model_that_beats_the_builtin_tagger_is_used(works: list[Work]) -> None:
    models, reports = learn(works, folds=4)
    death = by_name(reports, "Major Character Death")
    assert death.learned is not None and death.builtin is not None
    assert death.learned.f1 > death.builtin.f1
    assert death.used
    assert [m.name for m in models.used()] == ["Major Character Death", "No Archive Warnings Apply"]


def test_a_tag_with_too_few_examples_is_not_trained(works: list[Work]) -> None:
    models, reports = learn(works, folds=4)
    explicit = by_name(reports, "Explicit")
    assert explicit.learned is None and "too few" in explicit.note
    assert "Explicit" not in {m.name for m in models.models}


def test_exported_weights_give_the_same_probabilities_as_scikit_learn(works: list[Work]) -> None:
    texts = [w.text for w in works]
    truth = [i % 2 == 0 for i in range(len(works))]
    vec, clf = _fit(sklearn.feature_extraction.text, sklearn.linear_model, texts, truth)
    model = _export("warning", "X", vec, clf, TagReport("warning", "X", len(texts), 20))
    expected = clf.predict_proba(vec.transform(texts[:5]))[:, 1]
    for text, p in zip(texts[:5], expected, strict=True):
        assert model.probability(Counter(tokenize(text))) == pytest.approx(p, abs=1e-3)


def test_model_set_round_trips_through_its_dict() -> None:
    model = LinearModel("rating", "Mature", {"a": 1.5}, {"a": 2.0}, -0.5, use=True)
    again = ModelSet.from_dict(ModelSet([model], "2026-01-01T00:00:00Z", 3).to_dict())
    assert again.models[0] == model and again.works == 3


def test_learning_without_scikit_learn_says_how_to_install_it(
    works: list[Work], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)
    with pytest.raises(LearnUnavailable, match="pip install"):
        learn(works)


def test_scores_are_those_of_the_yes_class() -> None:
    s = scores([True, True, False, False], [True, False, True, False])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
