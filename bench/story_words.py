"""Whether a story's relationship is a couple's, read from its words: a bag-of-words
logistic regression, one of ``train_pair_model.py``'s features (``--words``).

The pair features tell two leads from a side pair well, but a couple from two friends
poorly: a quiet couple and two friends are both named together, talk, share a flat. The
words of the whole text do better (held out by set, the AUC of "the stated relationship
is a couple" over the works that state one was 0.83, against 0.69-0.72 from the pair
features alone). Each word's share of the text (per thousand words, ``log1p``) over the
words at least ``MIN_WORKS`` training works use, standardised, L2-penalised.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from fandex.model import Work

MIN_WORKS = 10
C = 0.03
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

Scorer = Callable[[list[dict[str, Any]]], list[float]]


def word_counts(work: Work) -> dict[str, int]:
    """How often each word (lower case) is in the text of ``work``."""
    text = " ".join(ch.text for ch in work.chapters).lower()
    return dict(Counter(_WORD.findall(text)))


def _matrix(records: list[dict[str, Any]], vocab: list[str]) -> np.ndarray:
    at = {w: j for j, w in enumerate(vocab)}
    x = np.zeros((len(records), len(vocab)))
    for i, rec in enumerate(records):
        counts = rec["words"]
        total = max(1, sum(counts.values()))
        for w, n in counts.items():
            j = at.get(w)
            if j is not None:
                x[i, j] = math.log1p(1000 * n / total)
    return x


def fit(records: list[dict[str, Any]]) -> Scorer:
    """A scorer (the log-odds that a work's relationship is a couple's) fitted on the
    works of ``records`` that state a relationship."""
    rows = [r for r in records if r["labels"]]
    y = np.array([any("/" in lab for lab in r["labels"]) for r in rows])
    used: Counter[str] = Counter()
    for r in rows:
        used.update(r["words"].keys())
    vocab = sorted(w for w, n in used.items() if n >= MIN_WORKS)
    x = _matrix(rows, vocab)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=3000).fit((x - mean) / scale, y)

    def score(recs: list[dict[str, Any]]) -> list[float]:
        return [float(v) for v in lr.decision_function((_matrix(recs, vocab) - mean) / scale)]

    return score


def attach(train: list[dict[str, Any]], test: list[dict[str, Any]]) -> None:
    """Set every pair's ``story_romance`` feature: on ``test`` from a scorer fitted on
    ``train``; on ``train``, each set's from a scorer fitted on the other sets of
    ``train`` (so the pair model is fitted on values like those it meets)."""
    for s in sorted({r["set"] for r in train}):
        part = [r for r in train if r["set"] == s]
        _put(part, fit([r for r in train if r["set"] != s])(part))
    _put(test, fit(train)(test))


def _put(records: list[dict[str, Any]], values: list[float]) -> None:
    for rec, v in zip(records, values, strict=True):
        for p in rec["pairs"]:
            p["x"]["story_romance"] = v
