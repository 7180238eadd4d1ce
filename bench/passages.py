"""The passage-level warning dataset, its work-grouped folds and the figures the benches print.

Shared by ``eval_warnings.py``, ``train_note_model.py`` and ``eval_calibration.py``. The
dataset lives outside the repository (``../shared/data/warning-passages-dev.jsonl``, see
that folder's README); a bench that needs it says so and stops when it is absent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DATASET = DATA / "warning-passages-dev.jsonl"
WARNINGS = ("violence", "death", "abduction", "war", "racism", "homophobia", "misogyny", "ableism")
TARGET_F1 = {"violence": 0.60, "death": 0.60, "abduction": 0.60}
TARGET_BA = 0.72
FOLDS = 5


def load() -> list[dict[str, object]]:
    """Every passage of the dataset; exits with a message when it is not there."""
    if not DATASET.exists():
        print(f"dataset not found: {DATASET} (it lives outside the repository)", file=sys.stderr)
        sys.exit(2)
    with DATASET.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fold_of(work_id: str, k: int = FOLDS) -> int:
    """The fold of a work: a hash, so every bench agrees and no work is split."""
    return int(hashlib.sha256(work_id.encode()).hexdigest(), 16) % k


def metrics(truth: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    """Precision, recall, F1 of the "yes" class, balanced accuracy, counts."""
    tp = sum(bool(t) and bool(p) for t, p in zip(truth, pred, strict=True))
    fp = sum(bool(p) and not t for t, p in zip(truth, pred, strict=True))
    fn = sum(bool(t) and not p for t, p in zip(truth, pred, strict=True))
    tn = len(truth) - tp - fp - fn
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    spec = tn / (tn + fp) if tn + fp else 0.0
    return {"p": prec, "r": rec, "f1": f1, "ba": (rec + spec) / 2, "n": len(truth), "yes": tp + fn}


def table(title: str, results: dict[str, dict[str, float]]) -> float:
    """Print one row per warning and the mean balanced accuracy (returned)."""
    print(f"\n{title}")
    cols = zip(("n", "yes", "prec", "recall", "F1", "bal.acc"), (5, 4, 6, 6, 6, 7), strict=True)
    print(f"{'warning':11s} " + " ".join(f"{h:>{w}s}" for h, w in cols))
    for w in WARNINGS:
        m = results[w]
        goal = f"  (target F1 >= {TARGET_F1[w]:.2f})" if w in TARGET_F1 else ""
        print(
            f"{w:11s} {m['n']:5.0f} {m['yes']:4.0f} {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f}"
            f" {m['ba']:7.3f}{goal}"
        )
    mean_ba = sum(results[w]["ba"] for w in WARNINGS) / len(WARNINGS)
    print(f"mean balanced accuracy {mean_ba:.3f} (target >= {TARGET_BA})")
    return mean_ba


def reliability(
    probs: Sequence[float], right: Sequence[bool], bins: int = 10
) -> list[tuple[str, int, float, float]]:
    """Rows (bin, count, mean confidence, share right) of a reliability table."""
    rows = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [
            (p, r)
            for p, r in zip(probs, right, strict=True)
            if lo <= p < hi or (i == bins - 1 and p == hi)
        ]
        if inside:
            conf = sum(p for p, _ in inside) / len(inside)
            acc = sum(1 for _, r in inside if r) / len(inside)
            rows.append((f"{lo:.1f}-{hi:.1f}", len(inside), conf, acc))
    return rows


def ece(probs: Sequence[float], right: Sequence[bool], bins: int = 10) -> float:
    """Expected calibration error: the count-weighted gap between confidence and accuracy."""
    total = len(probs)
    if not total:
        return 0.0
    return sum(n / total * abs(c - a) for _, n, c, a in reliability(probs, right, bins))
