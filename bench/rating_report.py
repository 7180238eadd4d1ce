"""The rating model's figures: accuracy, calibration and confusion of held-out guesses,
the hand-set rules fandex used before the model, other feature sets and model forms
(``--compare``), and the spent sets as a test (``--spent``); see
``train_rating_model.py``."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from calibration_fit import INNER, OUTER, brier, fold_of, shares_cross_validated
from calibration_sets import Row
from passages import ece
from rating_data import SALTS, SOURCES, design, labels, level, stated_design
from rating_fit import (
    C_GRID,
    FEATURES,
    SHIPPED_STATED,
    as_rows,
    confidences,
    fit,
    held_out_both,
    lengths,
    log_loss,
)

from fandex.tag.rating_model import (
    CONCEPTS,
    FADE_SEX,
    LEVELS,
    MATURE_CONCEPTS,
    ON_PAGE_SEX,
    REACHES,
    TEEN_CONCEPTS,
)

_RATIOS = tuple(f"ratio:{c}" for c in CONCEPTS)
# The feature sets --compare tries (each with the stated tags' lean on top).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "bars+length (session 7)": (*REACHES, "words"),
    "bars+sex ratios (session 8)": (*REACHES, "ratio:sexual", "ratio:explicit", "words"),
    "bars+sex+graphic ratios (s.10)": (*FEATURES[:6], "words"),
    "+ sex acts per 1000 words (shipped)": FEATURES,
    "bars+on-page sex": (*REACHES, "page:sexual", "page:explicit", "words"),
    "bars+on-page sex terms": (*REACHES, "terms:sexual", "words"),
    "bars+sex densities": (*REACHES, "dense:sexual", "dense:explicit", "words"),
    "bars+on-page sex+violence": (
        *REACHES,
        "page:sexual",
        "page:explicit",
        "dense:violence",
        "dense:strong_language",
        "words",
    ),
    "bars+nonconsent": (*REACHES, "nonconsent", "words"),
    "bars+all ratios": (*REACHES, *_RATIOS, "nonconsent", "words"),
    "all ratios+hot": (*_RATIOS, *(f"hot:{c}" for c in CONCEPTS), "nonconsent", "words"),
    "shipped+dark": (*FEATURES[:-1], "dark", "words"),
    "shipped+dark sum": (*FEATURES[:-1], "darksum", "words"),
    "shipped+heavy": (*FEATURES[:-1], "heavy", "words"),
    "shipped+dark sum+heavy": (*FEATURES[:-1], "darksum", "heavy", "words"),
    "shipped+dark density": (*FEATURES[:-1], "dense:dark", "words"),
    "shipped+dark sum+nonconsent": (*FEATURES[:-1], "darksum", "nonconsent", "words"),
    "shipped+on-page violence": (*FEATURES[:-1], "page:violence", "words"),
    "shipped+dark scenes": (*FEATURES[:-1], "hot:death", "hot:violence", "hot:abuse", "words"),
}


# --- the rules fandex used before the model, for comparison ------------------------------


def rules_guess(values: dict[str, float]) -> tuple[int, float]:
    """The hand-set rules of ``fandex/tag/rating.py`` before the model (from the same
    feature values): (level, raw confidence)."""

    def ratio(name: str, factor: float = 1.0) -> float:
        return math.expm1(values[f"ratio:{name}"]) / factor

    def conf(reasons: list[tuple[str, float]]) -> float:
        over = [ratio(n, f) for n, f in reasons if ratio(n, f) >= 1]
        return min(0.99, 1.0 - 0.5 ** max(over)) if over else 0.0

    if values["reaches:explicit"]:
        return 3, conf([("explicit", 1.0)])
    if values["reaches:mature"]:
        mature = [(c, 1.0) for c in MATURE_CONCEPTS] + [("sexual", ON_PAGE_SEX)]
        return 2, max(conf(mature), values["nonconsent"])
    if values["reaches:teen"]:
        return 1, conf([(c, 1.0) for c in TEEN_CONCEPTS] + [("sexual", FADE_SEX)])
    names = (*TEEN_CONCEPTS, *MATURE_CONCEPTS, "sexual", "explicit")
    worst = max(ratio(c) for c in names)
    length = min(1.0, math.expm1(values["words"]) * 1000 / 3000)
    return 0, round(max(0.3, 0.5 + 0.4 * length - 0.4 * worst), 3)


def rules_rows(rows: Sequence[Row]) -> list[Row]:
    """``rows`` as the old rules guess them, their confidence the shares held out by work
    (what fandex showed, fitted without the scored work)."""
    guessed: list[Row] = []
    for r in rows:
        guess, conf = rules_guess(r[3]["_x"])
        attrs = {**r[3], "_name": LEVELS[guess], "raw_confidence": conf}
        guessed.append((conf, guess == level(str(r[3]["_label"])), r[2], attrs))
    return shares_cross_validated(guessed)


# --- figures --------------------------------------------------------------------------


def summary(rows: Sequence[Row]) -> str:
    """Accuracy, the mean confidence shown (against the accuracy: over- or under-confident
    on the whole), below/above the author, ECE and Brier of the confidence shown."""
    if not rows:
        return "-"
    y = [level(str(r[3]["_label"])) for r in rows]
    g = [level(str(r[3]["_name"])) for r in rows]
    acc = sum(a == b for a, b in zip(y, g, strict=True)) / len(rows)
    low = sum(b < a for a, b in zip(y, g, strict=True))
    high = sum(b > a for a, b in zip(y, g, strict=True))
    e = ece([r[0] for r in rows], [r[1] for r in rows])
    return (
        f"n {len(rows):3d}  acc {acc:.2f}  shown {np.mean([r[0] for r in rows]):.2f}"
        f"  below {low:2d} above {high:2d}"
        f"  ECE {e:.3f}  Brier {brier(rows):.3f}  AUC {auc(rows):.2f}"
    )


def auc(rows: Sequence[Row]) -> float:
    """How often a right guess has a higher confidence than a wrong one (0.5: no ranking)."""
    right = [r[0] for r in rows if r[1]]
    wrong = [r[0] for r in rows if not r[1]]
    if not right or not wrong:
        return float("nan")
    pairs = [(a > b) + 0.5 * (a == b) for a in right for b in wrong]
    return float(np.mean(pairs))


def confusion(rows: Sequence[Row]) -> list[str]:
    m = np.zeros((len(LEVELS), len(LEVELS)), dtype=int)
    for r in rows:
        m[level(str(r[3]["_label"])), level(str(r[3]["_name"]))] += 1
    short = ("G", "T", "M", "E")
    lines = ["      guess " + " ".join(f"{s:>3s}" for s in short)]
    for i, s in enumerate(short):
        lines.append(f"  label {s}:  " + " ".join(f"{v:3d}" for v in m[i]))
    return lines


def report(name: str, rows: Sequence[Row], extra: str = "") -> None:
    print(f"\n{name}{extra}")
    print(f"  all       {summary(rows)}")
    for s in SOURCES:
        print(f"  {s:9s} {summary([r for r in rows if r[3].get('_source') == s])}")
    for line in confusion(rows):
        print("  " + line)


def multinomial_cross_validated(
    rows: Sequence[Row], names: tuple[str, ...] = FEATURES, salt: str = ""
) -> np.ndarray:
    """As :func:`cross_validated`, for a multinomial logistic regression (scikit-learn;
    one weight vector per rating, the penalty chosen by the same inner folds): the
    alternative to the ordinal model, for ``--compare``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    def fitted(x: np.ndarray, y: np.ndarray, c: float) -> Any:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000))
        return model.fit(x, y)

    def predict(model: Any, x: np.ndarray) -> np.ndarray:
        p = np.zeros((len(x), len(LEVELS)))
        p[:, model.classes_] = model.predict_proba(x)
        return p

    x, y = design(rows, names), labels(rows)
    outer = np.array([fold_of(r[2] + salt, OUTER) for r in rows])
    inner = np.array([fold_of(r[2], INNER, "#inner") for r in rows])
    p = np.zeros((len(rows), len(LEVELS)))
    for k in sorted(set(outer.tolist())):
        train = outer != k
        losses = []
        for c in C_GRID:
            q = np.zeros((int(train.sum()), len(LEVELS)))
            folds = inner[train]
            for j in sorted(set(folds.tolist())):
                t = folds == j
                q[t] = predict(fitted(x[train][~t], y[train][~t], c), x[train][t])
            losses.append(log_loss(q, y[train]))
        c = C_GRID[int(np.argmin(losses))]
        p[~train] = predict(fitted(x[train], y[train], c), x[~train])
    return p


def compare(rows: Sequence[Row]) -> None:
    """Every candidate feature set under three assignments of works to folds (with a
    couple of hundred works, one assignment's ECE moves by several hundredths), each
    read with the stated tags' lean on top and from the text alone; then a multinomial
    regression on the shipped features (the text alone, its probability shown)."""
    print("\nfeature sets, cross-validated under 3 fold assignments (the 3 figures):")
    print(f"  {'features':27s} {'with the stated tags':>34s}   {'the text alone':>34s}")

    def cell(mine: list[list[Row]]) -> str:
        acc = "/".join(f"{np.mean([r[1] for r in m]):.2f}" for m in mine)
        e = "/".join(f"{ece([r[0] for r in m], [r[1] for r in m]):.3f}" for m in mine)
        return f"acc {acc} ECE {e} Brier {np.mean([brier(m) for m in mine]):.3f}"

    for name, names in CANDIDATES.items():
        both = [held_out_both(rows, names, salt) for salt in SALTS]
        print(f"  {name:27s} {cell([b[0] for b in both])} | {cell([b[1] for b in both])}")
    mine = [as_rows(rows, multinomial_cross_validated(rows, FEATURES, salt)) for salt in SALTS]
    print(f"  {'multinomial, text alone':27s} {cell(mine)}")


# The written sets a leave-one-set-out evaluation leaves out, each a batch of writers
# (``_set``: the folder a row came from): the main written set (``calibration_works/`` and
# ``examples/``, written by the helpers who built fandex) and each spent held-out set.
MAIN_SET = "main"
# The lower ends of the bins of the pooled reliability table (report_sets).
RELIABILITY = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def set_of(row: Row) -> str | None:
    """The written set a row belongs to (None: a real file or a fixture, always fitted on)."""
    name = row[3].get("_set")
    if row[3].get("_source") not in ("written", "spent") or not name:
        return None
    return MAIN_SET if row[3].get("_source") == "written" else str(name)


def leave_one_set_out(
    rows: Sequence[Row], names: tuple[str, ...] = FEATURES
) -> dict[str, tuple[list[Row], list[Row]]]:
    """Each written set's rows guessed by a model fitted on every other row (new writers,
    as an unseen set will be): with the stated tags' lean, and from the text alone."""
    out: dict[str, tuple[list[Row], list[Row]]] = {}
    groups = sorted({g for g in map(set_of, rows) if g}, key=lambda g: (g != MAIN_SET, len(g), g))
    for group in groups:
        test = [r for r in rows if set_of(r) == group]
        train = [r for r in rows if set_of(r) != group]
        model, _ = fit(train, names, SHIPPED_STATED)
        x, s, ln = design(test, names), stated_design(test, SHIPPED_STATED), lengths(test)
        both = []
        for lean in (s, None):
            p = model.batch(x, lean)
            both.append(as_rows(test, p, confidences(model, p, lean, ln)))
        out[group] = (both[0], both[1])
    return out


def ece_floor(conf: Sequence[float], draws: int = 400) -> float:
    """The median ECE of a perfectly calibrated guesser with these confidences (each
    guess right with probability its confidence): on 30 works, ten bins, about 0.12,
    so a set's ECE says little below that."""
    rng = np.random.default_rng(0)
    c = np.asarray(conf, dtype=float)
    return float(np.median([ece(c, rng.random(len(c)) < c) for _ in range(draws)]))


def report_sets(rows: Sequence[Row], names: tuple[str, ...] = FEATURES) -> None:
    """Print :func:`leave_one_set_out`: per set (with tags, then from the text alone, each
    with the ECE a calibrated guesser would show by chance), then the sets pooled."""
    held = leave_one_set_out(rows, names)
    print("\nleave one written set out (fitted on every other row; with tags | text alone;")
    print("  floor: the median ECE of a calibrated guesser with the same confidences):")
    for group, (tags, text) in held.items():
        floors = [ece_floor([r[0] for r in rs]) for rs in (tags, text)]
        print(f"  {group:10s} {summary(tags)}  floor {floors[0]:.3f}")
        print(f"  {'':10s} {summary(text)}  floor {floors[1]:.3f}")
    for label, keep in (("held-out", lambda g: g != MAIN_SET), ("all sets", lambda g: True)):
        tags = [r for g, (t, _) in held.items() if keep(g) for r in t]
        text = [r for g, (_, t) in held.items() if keep(g) for r in t]
        print(f"  {label:10s} {summary(tags)}\n  {'':10s} {summary(text)}")
    spent = [t for g, (t, _) in held.items() if g != MAIN_SET]
    eces = [ece([r[0] for r in t], [r[1] for r in t]) for t in spent]
    floors = [ece_floor([r[0] for r in t]) for t in spent]
    accs = [float(np.mean([r[1] for r in t])) for t in spent]
    print(
        f"  held-out sets with tags, per set: accuracy mean {np.mean(accs):.3f}, ECE mean"
        f" {np.mean(eces):.3f} (floor mean {np.mean(floors):.3f}), worst {max(eces):.3f}"
    )
    pooled = [r for t in spent for r in t]
    every = [r for t, _ in held.values() for r in t]
    for label, rs in (("the held-out sets", pooled), ("every set, the main one too", every)):
        c, ok = [r[0] for r in rs], [r[1] for r in rs]
        print(
            f"  POOLED leave-one-set-out, {label} ({len(rs)}): accuracy"
            f" {np.mean(ok):.3f}, ECE {ece(c, ok):.3f}, Brier {brier(rs):.3f}"
        )
    for line in confusion(pooled):
        print("  " + line)
    for line in reliability_table(pooled):
        print("  " + line)


def reliability_table(rows: Sequence[Row], edges: Sequence[float] = RELIABILITY) -> list[str]:
    """The held-out guesses by confidence shown (``edges``: the bins' lower ends): how
    many, the mean shown, the share right, and how many of the wrong ones were guessed
    below and above the author's rating."""
    lines = ["    shown      n   mean  right  below above"]
    bounds = [*edges, 1.01]
    for lo, hi in itertools.pairwise(bounds):
        rs = [r for r in rows if lo <= r[0] < hi]
        if not rs:
            continue
        pairs = [(level(str(r[3]["_label"])), level(str(r[3]["_name"]))) for r in rs]
        below, above = sum(g < y for y, g in pairs), sum(g > y for y, g in pairs)
        lines.append(
            f"    {lo:.2f}-{min(hi, 1.0):.2f} {len(rs):4d}  {np.mean([r[0] for r in rs]):.3f}"
            f"  {np.mean([r[1] for r in rs]):.3f}  {below:5d} {above:5d}"
        )
    return lines


def spent(rows: Sequence[Row]) -> None:
    """The spent held-out sets' rows of ``rows`` scored as a test through models fitted
    on the other rows: as shipped, on the text alone and with the stated tags' lean."""
    test = [r for r in rows if r[3].get("_source") == "spent"]
    train = [r for r in rows if r[3].get("_source") != "spent"]
    print(f"\nthe spent held-out sets as a test: {len(test)} labelled ratings")
    model, _ = fit(train, FEATURES, SHIPPED_STATED)
    x, s = design(test, FEATURES), stated_design(test, SHIPPED_STATED)
    for name, lean in (("text alone", None), ("with the stated tags", s)):
        p = model.batch(x, lean)
        conf = confidences(model, p, lean, lengths(test))
        print(f"  fitted on the rest, {name:20s} {summary(as_rows(test, p, conf))}")
