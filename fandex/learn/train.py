"""Training per-tag models on the works whose ratings and warnings were stated.

Each tag (every rating, every archive warning, No Archive Warnings Apply) is a binary
task. Its model (TF-IDF + class-balanced logistic regression, scikit-learn) is scored
by stratified k-fold cross-validation: every work is predicted once by a model that did
not see it. The built-in tagger is scored on the same works (it has no training, so all
of them are held out for it). A model is marked ``use`` only if its held-out F1 beats
the built-in tagger's; it is then refitted on every example and exported as plain
weights (:class:`fandex.learn.model.LinearModel`).

scikit-learn is imported only here, lazily; without it :func:`learn` raises
:class:`LearnUnavailable` with one line telling how to install it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fandex.errors import ConfigError
from fandex.learn.model import MAX_CHARS, LinearModel, ModelSet
from fandex.model import Work
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.rating import RATINGS, infer_rating
from fandex.tag.warnings import (
    ARCHIVE_WARNINGS,
    NONE_APPLY,
    OPT_OUT,
    infer_warnings,
    none_apply_confidence,
    stated_warnings,
)

TARGETS: tuple[tuple[str, str], ...] = (
    *(("rating", r) for r in RATINGS),
    *(("warning", w) for w in (*ARCHIVE_WARNINGS, NONE_APPLY)),
)


class LearnUnavailable(ConfigError):
    """scikit-learn (the optional extra ``learn``) is not installed."""


@dataclass
class Example:
    """What training needs of one work: its text, stated labels and the built-in guesses."""

    work_id: str
    text: str
    rating: str | None
    warnings: set[str] | None
    builtin: set[tuple[str, str]]


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class TagReport:
    """Held-out figures of one tag: the learned model against the built-in tagger."""

    type: str
    name: str
    works: int
    positives: int
    learned: Scores | None = None
    builtin: Scores | None = None
    used: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def scores(truth: list[bool], pred: list[bool]) -> Scores:
    """Precision, recall and F1 of the "yes" class."""
    tp = sum(t and p for t, p in zip(truth, pred, strict=True))
    fp = sum(p and not t for t, p in zip(truth, pred, strict=True))
    fn = sum(t and not p for t, p in zip(truth, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 3), round(recall, 3), round(f1, 3))


def example_for(work: Work) -> Example | None:
    """The training example of a work, or None when it states neither rating nor warnings."""
    rating = next(
        (t.name for t in work.tags_of("rating") if t.source == "stated" and t.name in RATINGS),
        None,
    )
    stated = stated_warnings(work)
    warnings = stated if stated and stated != {OPT_OUT} else None
    if (rating is None and warnings is None) or not work.chapters:
        return None
    analysis = analyse_texts((c.index, c.text) for c in work.chapters)
    builtin = {("rating", infer_rating(analysis).name)}
    found = infer_warnings(analysis)
    builtin |= {("warning", w.name) for w in found}
    if not found and none_apply_confidence(analysis) > 0:
        builtin.add(("warning", NONE_APPLY))
    return Example(work.id, work.text[:MAX_CHARS], rating, warnings, builtin)


def _require_sklearn() -> Any:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise LearnUnavailable(
            "fandex learn needs scikit-learn: pip install 'fandex[learn]'"
        ) from None
    from sklearn import feature_extraction, linear_model, model_selection

    return feature_extraction.text, linear_model, model_selection


def learn(
    works: Iterable[Work],
    *,
    folds: int = 5,
    min_examples: int = 8,
    progress: Callable[[str], None] | None = None,
) -> tuple[ModelSet, list[TagReport]]:
    """Train and cross-validate a model per tag on ``works``; say which beat the built-ins."""
    text_mod, linear_model, model_selection = _require_sklearn()
    examples = [e for e in (example_for(w) for w in works) if e is not None]
    if progress:
        progress(f"{len(examples)} works with stated ratings or warnings")
    models: list[LinearModel] = []
    reports: list[TagReport] = []
    for type_, name in TARGETS:
        labelled = [
            e for e in examples if (e.rating if type_ == "rating" else e.warnings) is not None
        ]
        truth = [_has(e, type_, name) for e in labelled]
        pos = sum(truth)
        report = TagReport(type_, name, len(labelled), pos)
        reports.append(report)
        if min(pos, len(truth) - pos) < min_examples:
            report.note = f"too few examples (need {min_examples} with and without)"
            continue
        if progress:
            progress(f"training {name} on {len(labelled)} works")
        k = max(2, min(folds, pos, len(truth) - pos))
        splitter = model_selection.StratifiedKFold(n_splits=k, shuffle=True, random_state=0)
        texts = [e.text for e in labelled]
        pred = [False] * len(labelled)
        for train_idx, test_idx in splitter.split(texts, truth):
            vec, clf = _fit(
                text_mod, linear_model, [texts[i] for i in train_idx], [truth[i] for i in train_idx]
            )
            probs = clf.predict_proba(vec.transform([texts[i] for i in test_idx]))[:, 1]
            for i, p in zip(test_idx, probs, strict=True):
                pred[int(i)] = bool(p >= 0.5)
        report.learned = scores(truth, pred)
        report.builtin = scores(truth, [(type_, name) in e.builtin for e in labelled])
        report.used = report.learned.f1 > report.builtin.f1
        vec, clf = _fit(text_mod, linear_model, texts, truth)
        models.append(_export(type_, name, vec, clf, report))
    trained = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ModelSet(models=models, trained=trained, works=len(examples)), reports


def _has(e: Example, type_: str, name: str) -> bool:
    if type_ == "rating":
        return e.rating == name
    return name in (e.warnings or set())


def _fit(text_mod: Any, linear_model: Any, texts: list[str], truth: list[bool]) -> Any:
    vec = text_mod.TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=20000)
    x = vec.fit_transform(texts)
    clf = linear_model.LogisticRegression(class_weight="balanced", max_iter=2000, C=4.0)
    clf.fit(x, truth)
    return vec, clf


def _export(type_: str, name: str, vec: Any, clf: Any, report: TagReport) -> LinearModel:
    vocab: dict[str, int] = vec.vocabulary_
    idf = vec.idf_
    coef = clf.coef_[0]
    return LinearModel(
        type=type_,
        name=name,
        idf={t: round(float(idf[i]), 5) for t, i in vocab.items()},
        coef={t: round(float(coef[i]), 5) for t, i in vocab.items() if abs(coef[i]) > 1e-5},
        intercept=float(clf.intercept_[0]),
        use=report.used,
        scores={
            "learned": report.learned.to_dict() if report.learned else None,
            "builtin": report.builtin.to_dict() if report.builtin else None,
            "works": report.works,
            "positives": report.positives,
        },
    )
