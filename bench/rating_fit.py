"""Fitting the rating model: the ordinal regression, the stated tags' lean on top of it,
and the maps of a guess's probability to its confidence (see ``train_rating_model.py``).

The model is a cumulative-logit (ordinal) regression: one weight per feature and three
cut points, fitted by maximum likelihood with an L2 penalty on the weights of the
standardised features (SciPy); each penalty's strength is chosen on the log loss of
inner folds (of the thresholds form, since session 13, folds grouped by writer set:
``C_FOLDS``; the ordinal form's by work). Every weight but the length's is kept
non-negative: more of any content never lowers a rating.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from calibration_fit import INNER, OUTER, fold_of
from calibration_sets import Row
from rating_data import design, labels, level, stated_design

from fandex.tag.rating_model import (
    COUNTED,
    LEVELS,
    REACHES,
    STATED,
    THRESHOLDS,
    RatingModel,
    threshold_probabilities,
)

# Penalty strengths tried (C: the inverse of the L2 penalty on standardised weights).
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
# ... and on the stated tags' weights (0/1 features, not standardised).
STATED_C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
# The features the model reads (see fandex.tag.rating_model and train_rating_model.py):
# the bars the text meets, how far its strongest sexual, explicit and graphic passages go
# past their thresholds, its length, and (session 11) the plain wordings of sex told as
# it happens per 1000 words (``acts:sexual``, fandex.tag.rating_acts); since session 14,
# how far the strongest run of swearing goes past its threshold (``ratio:strong_language``:
# of the spent sets' works, 48% of those rated Teen swear at all, 1% of the General ones).
FEATURES = (
    *REACHES,
    "ratio:sexual",
    "ratio:explicit",
    "ratio:graphic",
    "acts:sexual",
    "ratio:strong_language",
    "words",
)
# The stated tags' lean the shipped model reads (``()``: the text alone). The archive
# warnings of ``WARNED`` as inputs of their own (``STATED_INPUTS``) were tried again in
# session 21, held out by writer set: the spent sets' accuracy rose (mean set 0.841 ->
# 0.852, with the addiction lean and the maps by set), for "Creator Chose Not To Use
# Archive Warnings" sits on 27 of 28 spent works rated Mature or Explicit; but on the
# real files, whose authors opt out at every rating, it sits on one work of each, and
# their Brier rose 0.253 -> 0.295 (the default table 0.112 -> 0.130): a habit of the
# spent sets' writers, not AO3's, so not shipped.
# Session 27: also how many stated tags lean to Teen+ and to Mature+ (``COUNTED``): an
# author naming more of a level's content rates above it more often (train_rating_model.py).
SHIPPED_STATED: tuple[str, ...] = (*STATED, *COUNTED)
# The shipped model's form (``fandex.tag.rating_model``): THRESHOLDS, one binary
# logistic regression per threshold (at least Teen, at least Mature, Explicit), the text
# and a leaning work's text and tags each fitted so; ORDINAL (to session 9), one weight
# per feature and the lean's weights on top of the text's score.
FORM = THRESHOLDS
# Features whose weight may be negative (all others: see fit_c and fit_stated_c).
SIGNED = ("words", "stated:general")
# The maps that also read the text's length (``text``: a guess from the text alone,
# ``stated``: one the stated tags lean; see fit and train_rating_model.py). None ships:
# the text map with the length ranked bare guesses better (Brier 0.243-0.248 against
# 0.248-0.250) but was worse calibrated held out (ECE 0.08-0.11 against 0.03-0.06), and
# its slope rested on 8 long real files; ("text",) brings it back. Session 15 (476 works,
# six fold seeds): either map or both reading it leaves the default calibration table
# within its noise (0.104-0.119 against 0.115), and the slopes apply linearly to novels
# far longer than the works they rest on (docs/warnings.md, session 15).
LENGTH_MAPS: tuple[str, ...] = ()
# Which held-out guesses the two maps are fitted on: "works", those of inner folds
# grouped by work; "sets", each written set's guessed by a model fitted without that
# set of writers (real files and fixtures by work), so a confidence holds for new writers.
# "sets" was tried in sessions 12, 13 and 15: in session 15 the default table 0.105
# against 0.115 (six fold seeds), but the spent works' own ECE under --spent 0.055
# against 0.041 and the text alone held out by set a little worse.
MAP_FOLDS = "works"
# ... and the stated tags' map alone (a guess the author's other tags lean), for trying
# the choice apart: "sets" gave 0.109 and the spent works 0.053 (session 15).
STATED_MAP_FOLDS = "works"
# How much each source of labelled works (``_source``: the spent sets, the main written
# set, the real files, the fixtures) counts in the two maps (session 19): a row of a
# source of n rows weighs n ** -power, the power chosen per fit among these by leaving
# one source out (``map_power``: the mean over sources of the log loss of a map fitted
# on the others). Counted by row (power 0, to session 18) the 17 spent sets, written by
# helpers under one README, set the maps: their writers rate as their other tags lean
# (General-leaning tags on 90 of 96 General works), the main set's as often do not (18
# of 30), nor do the real files, so a leant guess shown 0.8 was right 0.63 there. With
# the General lean's offset (GENERAL_OFFSET) the default calibration table went 0.123 ->
# 0.048 and --spent 0.056 -> 0.047, but held out by writer set (train_rating_model.py
# --sets) the main set went 0.147 -> 0.179 and the spent sets 0.040 -> 0.068: the gain
# needs the scored set's other works in the fit (train_rating_model.py, session 19).
# ``(0.0,)`` brings the maps counted by row back; ``(0.5,)`` trades the two.
MAP_POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)
# The maps whose groups are writer sets rather than sources (session 21): a spent row
# counts as one of its own set (``_set``), not one of the 500-odd "spent" rows, so the
# power is chosen by leaving one writer set out (as a new set is met) and weighs the
# spent sets each about as much as the main set, the real files and the fixtures. For
# the leant map, held out by writer set (train_rating_model.py --sets, 19 spent sets,
# with the addiction lean of rating_tags.toml in both): ECE per set mean 0.143 -> 0.112,
# worst 0.264 -> 0.207, pooled 0.051 -> 0.028; the main set held out 0.172 -> 0.156. The
# default table of eval_calibration.py (the main set scored by work, its own other works
# in the map's fit) rises 0.07 -> 0.11: that figure needs the scored set's habits in the
# map, which a new set's are not. The text map so grouped was worse (text alone per set
# 0.086 -> 0.141): it stays grouped by source.
# Not shipped (session 21, the lead): on the real files the leant map so grouped showed
# ECE 0.23 against 0.16, on the default table 0.13 against 0.07, and the session's
# unseen set was no better (heldout20 0.106 -> 0.115); () maps by source, as before.
MAP_BY_SET: tuple[str, ...] = ()
# Whether the leant map reads an offset of its own for a guess whose stated tags lean
# General only (``stated:general``: "Fluff", "Friendship", "Humor"; session 19). Such a
# lean says what a story is not, and how far writers rate by it differs most between
# sources: 90 of 96 spent works so tagged are rated General, 18 of 30 of the main set's.
GENERAL_OFFSET = True
# The power each map of the last fit chose ("text", "stated"), for the data file's comment.
chosen_powers: dict[str, float] = {}
# Which held-out guesses each penalty strength of the thresholds form is chosen on (the
# least log loss): "works", inner folds grouped by work (to session 12); "sets" (session
# 13), each written set's guesses by a model fitted without that set of writers (real
# files and fixtures by work, as for MAP_FOLDS), so the penalty is the one that serves
# new writers. It chose C 0.1 for the leaning model where folds by work chose 3.0.
C_FOLDS = "sets"


def _cuts(t: np.ndarray) -> np.ndarray:
    """Increasing cut points from free parameters (the first, then log gaps)."""
    return t[0] + np.concatenate([[0.0], np.cumsum(np.exp(t[1:]))])


def _loss(theta: np.ndarray, x: np.ndarray, y: np.ndarray, c: float) -> tuple[float, np.ndarray]:
    """Penalised negative log-likelihood of the cumulative-logit model, and its gradient."""
    d = x.shape[1]
    w, t = theta[:d], theta[d:]
    cuts = _cuts(t)
    z = x @ w
    k = len(cuts)
    upper = np.where(y < k, cuts[np.minimum(y, k - 1)] - z, np.inf)
    lower = np.where(y > 0, cuts[np.maximum(y - 1, 0)] - z, -np.inf)
    fu, fl = 1 / (1 + np.exp(-upper)), 1 / (1 + np.exp(-lower))
    p = np.maximum(fu - fl, 1e-12)
    du, dl = fu * (1 - fu), fl * (1 - fl)  # densities (0 at the infinite ends)
    nll = -float(np.sum(np.log(p))) + float(w @ w) / (2 * c)
    g_z = (du - dl) / p  # d(-log p)/dz
    g_w = x.T @ g_z + w / c
    g_cuts = np.zeros(k)
    np.add.at(g_cuts, np.minimum(y, k - 1)[y < k], -(du / p)[y < k])
    np.add.at(g_cuts, np.maximum(y - 1, 0)[y > 0], (dl / p)[y > 0])
    g_t = np.array([g_cuts.sum(), *[math.exp(t[i]) * g_cuts[i:].sum() for i in range(1, k)]])
    return nll, np.concatenate([g_w, g_t])


def fit_c(x: np.ndarray, y: np.ndarray, c: float, names: tuple[str, ...]) -> RatingModel:
    """The ordinal model fitted with penalty strength ``c`` (on standardised features)."""
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    xs = (x - mean) / scale
    k = len(LEVELS) - 1
    share = np.array([np.mean(y <= i) for i in range(k)]).clip(0.02, 0.98)
    start_cuts = np.log(share / (1 - share))
    start_cuts = np.maximum.accumulate(start_cuts + np.arange(k) * 1e-3)
    t0 = np.r_[start_cuts[0], np.log(np.maximum(np.diff(start_cuts), 1e-2))]
    theta0 = np.r_[np.zeros(x.shape[1]), t0]
    # More of any content never lowers a rating: every weight but the length's is kept
    # non-negative (a concept seen in two or three works can otherwise get a negative
    # weight from their labels alone, which no reader would accept).
    bounds = [(None, None) if n in SIGNED else (0.0, None) for n in names]
    bounds += [(None, None)] * k
    theta = minimize(_loss, theta0, args=(xs, y, c), jac=True, method="L-BFGS-B", bounds=bounds).x
    w = theta[: x.shape[1]] / scale
    cuts = _cuts(theta[x.shape[1] :]) + float(w @ mean)
    return RatingModel(names, w, cuts, x.min(axis=0), x.max(axis=0))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-6, 1.0))))


def _binary(x: np.ndarray, yb: np.ndarray, c: float, names: tuple[str, ...]) -> np.ndarray:
    """Weights and intercept (last) of a binary logistic regression of ``yb`` on ``x``,
    L2 strength ``c`` on the standardised features; every weight but those of
    ``SIGNED`` kept non-negative (more content never makes a threshold less likely)."""
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    xs = (x - mean) / scale
    d = x.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[:d]
        q = 1 / (1 + np.exp(-(xs @ w + theta[d])))
        q = np.clip(q, 1e-12, 1 - 1e-12)
        nll = -float(np.sum(yb * np.log(q) + (1 - yb) * np.log(1 - q))) + float(w @ w) / (2 * c)
        g = q - yb
        return nll, np.r_[xs.T @ g + w / c, g.sum()]

    share = float(np.clip(yb.mean(), 0.02, 0.98))
    theta0 = np.r_[np.zeros(d), math.log(share / (1 - share))]
    bounds = [(None, None) if n in SIGNED else (0.0, None) for n in names] + [(None, None)]
    theta = minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds).x
    w = theta[:d] / scale
    return np.r_[w, theta[d] - float(w @ mean)]


def fit_thresholds_c(
    x: np.ndarray, y: np.ndarray, c: float, names: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """The weights (one row per threshold) and cuts of the thresholds form: a binary
    logistic regression each for "at least Teen", "at least Mature" and "Explicit"."""
    fitted = np.array([_binary(x, (y >= j).astype(float), c, names) for j in (1, 2, 3)])
    return fitted[:, :-1], -fitted[:, -1]


def fit_stated_c(
    text: RatingModel,
    x: np.ndarray,
    s: np.ndarray,
    y: np.ndarray,
    c: float,
    names: tuple[str, ...] = STATED,
) -> tuple[np.ndarray, np.ndarray]:
    """The weights of the stated tags' lean and the cuts of a work whose tags lean
    somewhere, fitted on such rows over the fitted text model's score (its weights
    kept: a text with no such tags is rated as before)."""
    from scipy.optimize import minimize

    lean = s.any(axis=1)
    if not lean.any():
        return np.zeros(len(names)), text.cuts
    # The text's score as a column whose weight is held at 1 (its bounds), so the one
    # ordinal loss fits the lean's weights and the cuts.
    xz = np.column_stack([text.score(x[lean]), s[lean]])
    cuts = text.cuts
    t0 = np.r_[cuts[0], np.log(np.maximum(np.diff(cuts), 1e-2))]
    theta0 = np.r_[1.0, np.zeros(len(names)), t0]
    bounds = [(1.0, 1.0)] + [(None, None) if n in SIGNED else (0.0, None) for n in names]
    bounds += [(None, None)] * len(cuts)
    theta = minimize(
        _loss, theta0, args=(xz, y[lean], c), jac=True, method="L-BFGS-B", bounds=bounds
    ).x
    return theta[1 : 1 + len(names)], _cuts(theta[1 + len(names) :])


def fit_calibration(
    p: np.ndarray,
    right: np.ndarray,
    c: float = 1.0,
    words: np.ndarray | None = None,
    weights: np.ndarray | None = None,
    general: np.ndarray | None = None,
) -> tuple[float, ...]:
    """a, b of the map sigmoid(a + b logit p) of a guess's probability to its confidence,
    by logistic regression with a Gaussian prior centred on the identity (0, 1); with
    ``words`` (each guess's length feature, clipped as the model clips it) also the
    length's weight: a, b, w of sigmoid(a + b logit p + w words), w's prior centred on 0;
    with ``general`` (1 for a guess whose stated tags lean General only) also its offset
    g (a, b, w, g; w is 0 without ``words``), its prior centred on 0.
    ``weights``: each guess's weight in the likelihood (None: one each)."""
    from scipy.optimize import minimize

    q = np.clip(p, 1e-6, 1 - 1e-6)
    lg = np.log(q / (1 - q))
    yv = right.astype(float)
    ln = np.zeros(len(p)) if words is None else words
    gen = np.zeros(len(p)) if general is None else general.astype(float)
    wt = np.ones(len(p)) if weights is None else weights

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        a, b, w, o = theta
        m = np.clip(1 / (1 + np.exp(-(a + b * lg + w * ln + o * gen))), 1e-9, 1 - 1e-9)
        nll = -float(np.sum(wt * (yv * np.log(m) + (1 - yv) * np.log(1 - m))))
        nll += (a**2 + (b - 1) ** 2 + w**2 + o**2) / (2 * c)
        g = wt * (m - yv)
        grad = [g.sum() + a / c, (g * lg).sum() + (b - 1) / c, (g * ln).sum() + w / c]
        return nll, np.array([*grad, (g * gen).sum() + o / c])

    bounds = [(None, None), (None, None), (None, None) if words is not None else (0.0, 0.0)]
    bounds.append((None, None) if general is not None else (0.0, 0.0))
    a, b, w, o = minimize(loss, np.array([0.0, 1.0, 0.0, 0.0]), jac=True, bounds=bounds).x
    if general is not None:
        return float(a), float(max(b, 1e-3)), float(w), float(o)
    if words is None:
        return float(a), float(max(b, 1e-3))
    return float(a), float(max(b, 1e-3)), float(w)


def apply_calibration(
    m: tuple[float, ...],
    p: np.ndarray,
    words: np.ndarray | None = None,
    general: np.ndarray | None = None,
) -> np.ndarray:
    """The map ``m`` (:func:`fit_calibration`) applied to probabilities ``p``."""
    q = np.clip(p, 1e-6, 1 - 1e-6)
    z = m[0] + m[1] * np.log(q / (1 - q))
    if len(m) > 2 and words is not None:
        z = z + m[2] * words
    if len(m) > 3 and general is not None:
        z = z + m[3] * general
    return np.asarray(1 / (1 + np.exp(-z)))


def map_group(row: Row, by_set: bool = False) -> str:
    """The group a row counts in for a map: its source (``_source``), or with ``by_set``
    a spent row's writer set (``_set``)."""
    source = str(row[3].get("_source"))
    return f"set:{row[3].get('_set')}" if by_set and source == "spent" else source


def source_weights(rows: Sequence[Row], power: float, by_set: bool = False) -> np.ndarray:
    """Each row's weight in a map: n ** -power for a row of a group of n rows
    (:func:`map_group`), scaled to sum to the number of rows (power 0: one each)."""
    groups = [map_group(r, by_set) for r in rows]
    counts = Counter(groups)
    w = np.array([counts[g] ** -power for g in groups], dtype=float)
    return w * len(rows) / w.sum()


def map_power(
    p: np.ndarray,
    right: np.ndarray,
    rows: Sequence[Row],
    words: np.ndarray | None = None,
    general: np.ndarray | None = None,
    by_set: bool = False,
) -> float:
    """The power of :func:`source_weights` (among ``MAP_POWERS``) whose map best serves
    a group it was not fitted on (:func:`map_group`): each group in turn left out, a map
    fitted on the others' guesses, the log loss of the group's guesses through it,
    averaged over groups (each counts once, as a new kind of writer would); ties to the
    smaller."""
    sources = np.array([map_group(r, by_set) for r in rows])
    if len(MAP_POWERS) < 2 or len(set(sources.tolist())) < 2:
        return MAP_POWERS[0]
    best: tuple[float, float] | None = None
    for power in MAP_POWERS:
        losses = []
        for source in sorted(set(sources.tolist())):
            test = sources == source
            train = [r for r, t in zip(rows, test, strict=True) if not t]
            ln = None if words is None else words[~test]
            gen = None if general is None else general[~test]
            m = fit_calibration(
                p[~test],
                right[~test],
                words=ln,
                weights=source_weights(train, power, by_set),
                general=gen,
            )
            q = apply_calibration(
                m,
                p[test],
                None if words is None else words[test],
                None if general is None else general[test],
            )
            q = np.clip(q, 1e-6, 1 - 1e-6)
            yv = right[test].astype(float)
            losses.append(-float(np.mean(yv * np.log(q) + (1 - yv) * np.log(1 - q))))
        if best is None or float(np.mean(losses)) < best[0] - 1e-9:
            best = (float(np.mean(losses)), power)
    assert best is not None
    return best[1]


def fit_map(
    p: np.ndarray,
    right: np.ndarray,
    rows: Sequence[Row],
    words: np.ndarray | None = None,
    general: np.ndarray | None = None,
    by_set: bool = False,
) -> tuple[tuple[float, ...], float]:
    """The map of guesses of probability ``p`` (``right`` or not) of ``rows``, each
    group (:func:`map_group`) weighed by the power :func:`map_power` chooses; and that
    power."""
    power = map_power(p, right, rows, words, general, by_set)
    weights = source_weights(rows, power, by_set)
    return fit_calibration(p, right, words=words, weights=weights, general=general), power


def _choose_c(rows: Sequence[Row], predict: Any, c_grid: Sequence[float] = C_GRID) -> float:
    """The penalty strength of least log loss on inner folds grouped by work;
    ``predict(train_mask, test_mask, c)`` gives P(each level) of the test rows."""
    y = labels(rows)
    folds = np.array([fold_of(r[2], INNER, "#inner") for r in rows])
    best: tuple[float, float] | None = None
    for c in c_grid:
        p = np.zeros((len(rows), len(LEVELS)))
        for k in sorted(set(folds.tolist())):
            test = folds == k
            p[test] = predict(~test, test, c)
        loss = log_loss(p, y)
        if best is None or loss < best[0] - 1e-9:
            best = (loss, c)
    assert best is not None
    return best[1]


def fit(
    rows: Sequence[Row],
    names: tuple[str, ...] = FEATURES,
    stated: tuple[str, ...] = STATED,
    calibrate: bool = True,
    form: str = FORM,
) -> tuple[RatingModel, float]:
    """The model fitted on ``rows`` and its text penalty strength, each penalty chosen
    by inner folds grouped by work (the least log loss of held-out works): first the
    text's model on the text alone, then the lean of the stated tags on top of it
    (``stated``: none, the text alone; ``form`` THRESHOLDS: a model of text and lean
    together, for a work whose tags lean), then (``calibrate``) the map of the guess's
    probability to its confidence, fitted on the inner folds' held-out guesses."""
    if form == THRESHOLDS:
        return fit_thresholds(rows, names, stated, calibrate)
    y = labels(rows)
    x = design(rows, names)

    def text_only(train: np.ndarray, test: np.ndarray, c: float) -> np.ndarray:
        return fit_c(x[train], y[train], c, names).batch(x[test])

    c = _choose_c(rows, text_only)
    s = stated_design(rows, stated) if stated else np.zeros((len(rows), 0))

    def full(train: np.ndarray, cs: float) -> RatingModel:
        text = fit_c(x[train], y[train], c, names)
        if not stated:
            return text
        w, cuts = fit_stated_c(text, x[train], s[train], y[train], cs, stated)
        return RatingModel(names, text.weights, text.cuts, text.low, text.high, stated, w, cuts)

    cs = 1.0
    if stated:

        def with_stated(train: np.ndarray, test: np.ndarray, c_s: float) -> np.ndarray:
            return full(train, c_s).batch(x[test], s[test])

        cs = _choose_c(rows, with_stated, STATED_C_GRID)
    model = full(np.ones(len(rows), dtype=bool), cs)
    if not calibrate:
        return model, c
    # The maps are fitted on guesses held out by work (the penalties chosen above kept):
    # one on every row's guess from its text alone, one on the guesses of the rows whose
    # stated tags lean somewhere, as so leant (a bare text's guess is right less often
    # than its probability says, a leant guess more often: one map cannot serve both).
    folds = np.array([fold_of(r[2], INNER, "#inner") for r in rows])
    bare = np.zeros((len(rows), len(LEVELS)))
    leant = np.zeros((len(rows), len(LEVELS)))
    for k in sorted(set(folds.tolist())):
        test = folds == k
        held = full(~test, cs)
        bare[test] = held.batch(x[test])
        if stated:
            leant[test] = held.batch(x[test], s[test])
    ln = np.array([model.clip_words(v) for v in lengths(rows)])
    text_ln = ln if "text" in LENGTH_MAPS else None
    text_map, chosen_powers["text"] = fit_map(
        bare.max(axis=1), bare.argmax(axis=1) == y, rows, text_ln
    )
    if not stated:
        return replace(model, calibration=text_map), c
    lean = s.any(axis=1)
    g = leant[lean]
    stated_ln = ln[lean] if "stated" in LENGTH_MAPS else None
    leaning = [r for r, b in zip(rows, lean, strict=True) if b]
    stated_map, chosen_powers["stated"] = fit_map(
        g.max(axis=1), g.argmax(axis=1) == y[lean], leaning, stated_ln
    )
    return replace(model, calibration=text_map, stated_calibration=stated_map), c


def fit_thresholds(
    rows: Sequence[Row],
    names: tuple[str, ...] = FEATURES,
    stated: tuple[str, ...] = STATED,
    calibrate: bool = True,
) -> tuple[RatingModel, float]:
    """:func:`fit` for the thresholds form: the text's model on every row's text alone;
    the model of a leaning work on every row's text and lean together (a row whose tags
    lean nowhere has a lean of zeros: it still teaches the text's weights); each penalty
    chosen by inner folds grouped by writer set (``C_FOLDS``); then the two maps, on the
    inner folds' held-out guesses (the text model's of every row, the leaning model's of the rows
    whose tags lean)."""
    y, x = labels(rows), design(rows, names)
    s = stated_design(rows, stated) if stated else np.zeros((len(rows), 0))
    joint, both = np.column_stack([x, s]), (*names, *stated)
    folds = np.array([fold_of(r[2], INNER, "#inner") for r in rows])
    low, high = x.min(axis=0), x.max(axis=0)

    def probabilities(
        m: tuple[np.ndarray, np.ndarray], train: np.ndarray, test: np.ndarray, cols: int
    ) -> np.ndarray:
        # The clip range of the rows fitted on, as the frozen model clips.
        xt = joint[test][:, :cols].copy()
        xt[:, : len(names)] = np.clip(xt[:, : len(names)], x[train].min(0), x[train].max(0))
        return threshold_probabilities(xt @ m[0].T, m[1])

    def held(cols: int, c: float, groups: np.ndarray = folds) -> np.ndarray:
        p = np.zeros((len(rows), len(LEVELS)))
        for k in sorted(set(groups.tolist())):
            test = groups == k
            m = fit_thresholds_c(joint[~test][:, :cols], y[~test], c, both[:cols])
            p[test] = probabilities(m, ~test, test, cols)
        return p

    # The penalties' held-out guesses: by work, or (C_FOLDS "sets") by writer set.
    c_groups = folds if C_FOLDS == "works" else map_groups(rows, folds)

    def choose(cols: int) -> float:
        losses = [log_loss(held(cols, c, c_groups), y) for c in C_GRID]
        return C_GRID[int(np.argmin(losses))]

    c_text = choose(len(names))
    weights, cuts = fit_thresholds_c(x, y, c_text, names)
    model = RatingModel(names, weights, cuts, low, high, form=THRESHOLDS)
    if stated:
        c_lean = choose(len(both))
        lw, lean_cuts = fit_thresholds_c(joint, y, c_lean, both)
        model = replace(
            model,
            stated=stated,
            stated_weights=lw[:, len(names) :],
            stated_cuts=lean_cuts,
            lean_weights=lw[:, : len(names)],
        )
    if not calibrate:
        return model, c_text
    # The maps' held-out guesses: by work, or (MAP_FOLDS "sets") each written set's by
    # a model fitted without that set, as new writers' works are guessed.
    groups = folds if MAP_FOLDS == "works" else map_groups(rows, folds)
    bare = held(len(names), c_text, groups)
    ln = np.array([model.clip_words(v) for v in lengths(rows)])
    text_ln = ln if "text" in LENGTH_MAPS else None
    # Each map counts every source of labelled works by the power map_power chooses.
    text_map, chosen_powers["text"] = fit_map(
        bare.max(axis=1), bare.argmax(axis=1) == y, rows, text_ln, by_set="text" in MAP_BY_SET
    )
    if not stated:
        return replace(model, calibration=text_map), c_text
    lean = s.any(axis=1)
    stated_groups = folds if STATED_MAP_FOLDS == "works" else map_groups(rows, folds)
    g = held(len(both), c_lean, stated_groups)[lean]
    stated_ln = ln[lean] if "stated" in LENGTH_MAPS else None
    leaning = [r for r, b in zip(rows, lean, strict=True) if b]
    general = _general(s[lean], stated) if GENERAL_OFFSET else None
    stated_map, chosen_powers["stated"] = fit_map(
        g.max(axis=1),
        g.argmax(axis=1) == y[lean],
        leaning,
        stated_ln,
        general,
        by_set="stated" in MAP_BY_SET,
    )
    return replace(model, calibration=text_map, stated_calibration=stated_map), c_text


def _general(s: np.ndarray, stated: tuple[str, ...]) -> np.ndarray | None:
    """1 for each row whose stated tags lean General only (``stated:general``), else 0;
    None when the lean does not name it."""
    if "stated:general" not in stated:
        return None
    return np.asarray(s[:, stated.index("stated:general")] > 0, dtype=float)


def map_groups(rows: Sequence[Row], folds: np.ndarray) -> np.ndarray:
    """The groups of held-out guesses for MAP_FOLDS or C_FOLDS "sets":
    a written row's set of writers (``_set``; the main written set and ``examples/`` as
    one), any other row (a real file, a fixture) its fold by work."""
    out = []
    for r, k in zip(rows, folds, strict=True):
        source, name = r[3].get("_source"), r[3].get("_set")
        if source == "written":
            out.append("set:main")
        elif source == "spent" and name:
            out.append(f"set:{name}")
        else:
            out.append(f"fold:{k}")
    return np.array(out)


def lengths(rows: Sequence[Row]) -> np.ndarray:
    """Each row's length feature (``words``: log(1 + words / 1000)), as the maps read it."""
    return np.array([float(r[3]["_x"]["words"]) for r in rows])


def confidences(
    model: RatingModel, p: np.ndarray, s: np.ndarray | None, words: np.ndarray
) -> np.ndarray:
    """The confidence shown for each row's guess (its probability through the model's
    map: the stated tags' one for a row whose tags ``s`` lean somewhere; ``words``: each
    row's length feature, for a map that reads it)."""
    lean = s.any(axis=1) if s is not None and s.shape[1] else np.zeros(len(p), dtype=bool)
    general = _general(s, model.stated) if s is not None and s.shape[1] else None
    if general is None:
        general = np.zeros(len(p))
    return np.array(
        [
            model.confidence(float(v), bool(b), float(w), bool(o))
            for v, b, w, o in zip(p.max(axis=1), lean, words, general, strict=True)
        ]
    )


def cross_validated(
    rows: Sequence[Row],
    names: tuple[str, ...] = FEATURES,
    salt: str = "",
    stated: tuple[str, ...] = STATED,
    text_alone: bool = False,
    calibrate: bool = True,
    extra: Sequence[Row] = (),
    form: str = FORM,
) -> tuple[np.ndarray, np.ndarray]:
    """P(each level) of every row from a model fitted without any row of its work
    (``salt``: another assignment of works to folds), and the confidence of its guess
    (through that model's map); ``text_alone``: as the same models rate the row's text
    with no stated tags (a bare file). ``extra``: rows every fold's model is fitted on
    too, never scored (labelled data of other works)."""
    folds = np.array([fold_of(r[2] + salt, OUTER) for r in rows])
    x, ln = design(rows, names), lengths(rows)
    s = None if text_alone or not stated else stated_design(rows, stated)
    p = np.zeros((len(rows), len(LEVELS)))
    conf = np.zeros(len(rows))
    for k in sorted(set(folds.tolist())):
        test = folds == k
        train = [r for r, t in zip(rows, test, strict=True) if not t]
        model, _ = fit([*train, *extra], names, stated, calibrate, form)
        p[test] = model.batch(x[test], None if s is None else s[test])
        conf[test] = confidences(model, p[test], None if s is None else s[test], ln[test])
    return p, conf


def held_out_both(
    rows: Sequence[Row], names: tuple[str, ...] = FEATURES, salt: str = "", form: str = FORM
) -> tuple[list[Row], list[Row]]:
    """Every row guessed by a model fitted without its work (``salt``: another
    assignment of works to folds), twice: with its stated tags' lean, and from its text
    alone (a bare file), each through the map of its kind (one fit per fold serves
    both)."""
    folds = np.array([fold_of(r[2] + salt, OUTER) for r in rows])
    x, s = design(rows, names), stated_design(rows, SHIPPED_STATED)
    ln = lengths(rows)
    p = {kind: np.zeros((len(rows), len(LEVELS))) for kind in ("tags", "text")}
    conf = {kind: np.zeros(len(rows)) for kind in ("tags", "text")}
    for k in sorted(set(folds.tolist())):
        test = folds == k
        train = [r for r, t in zip(rows, test, strict=True) if not t]
        model, _ = fit(train, names, SHIPPED_STATED, form=form)
        for kind, lean in (("tags", s[test]), ("text", None)):
            p[kind][test] = model.batch(x[test], lean)
            conf[kind][test] = confidences(model, p[kind][test], lean, ln[test])
    return as_rows(rows, p["tags"], conf["tags"]), as_rows(rows, p["text"], conf["text"])


def as_rows(rows: Sequence[Row], p: np.ndarray, conf: np.ndarray | None = None) -> list[Row]:
    """``rows`` as the model guesses them: the most probable rating, its confidence
    (``conf``; None: its probability) and its probability (the raw confidence), right
    when it is the author's. (The most probable rating, not the one of least expected
    ordinal error, the median: held out, under three fold assignments, the median was
    right less often, 0.46-0.51 against 0.59-0.60, and further off on average, 0.54-0.59
    levels against 0.46-0.47.)"""
    out: list[Row] = []
    shown = p.max(axis=1) if conf is None else conf
    for r, probs, c in zip(rows, p, shown, strict=True):
        guess = int(np.argmax(probs))
        attrs = {**r[3], "_name": LEVELS[guess], "raw_confidence": float(probs[guess])}
        out.append((float(c), guess == level(str(r[3]["_label"])), r[2], attrs))
    return out


def held_out_rows(rows: Sequence[Row], extra: Sequence[Row] = (), salt: str = "") -> list[Row]:
    """The rating rows as a model fitted without each row's work guesses them (for
    ``eval_calibration.py``; ``extra``: labelled rows of other works every model is
    fitted on too, never scored; ``salt``: another assignment of works to folds); rows
    with a label that is not one of the four ratings keep what the shipped tagger
    guessed."""
    rated = [i for i, r in enumerate(rows) if level(str(r[3].get("_label", ""))) >= 0]
    out = list(rows)
    if not rated:
        return out
    more = [r for r in extra if level(str(r[3].get("_label", ""))) >= 0]
    held = cross_validated([rows[i] for i in rated], salt=salt, stated=SHIPPED_STATED, extra=more)
    mine = as_rows([rows[i] for i in rated], *held)
    for i, r in zip(rated, mine, strict=True):
        # The model's own map is part of the model: calibration.toml has none for the
        # rating, so the bench's "raw" confidence is the one fandex shows.
        out[i] = (r[0], r[1], r[2], {**r[3], "_probability": r[3]["raw_confidence"]})
        out[i][3]["raw_confidence"] = r[0]
    return out
