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
# The fold assignments a candidate is scored under (``--seeds``): one split of a small
# dev set flatters whatever happens to suit it, so a change must win across several.
SEEDS = (0, 1, 2)
# The folds (of seed 0) whose errors the cue lists were written while reading: figures on
# the other works are the nearest thing here to passages from works nobody has seen.
TUNE_FOLDS = (0, 1, 2)


def load() -> list[dict[str, object]]:
    """Every passage of the dataset; exits with a message when it is not there."""
    if not DATASET.exists():
        print(f"dataset not found: {DATASET} (it lives outside the repository)", file=sys.stderr)
        sys.exit(2)
    with DATASET.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fold_of(work_id: str, k: int = FOLDS, seed: int = 0) -> int:
    """The fold of a work: a hash, so every bench agrees and no work is split.

    ``seed`` 0 is the assignment every bench has always used; another seed salts the
    hash, giving another assignment of the same works.
    """
    key = f"{seed}:{work_id}" if seed else work_id
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % k


def untouched(work_id: str) -> bool:
    """Whether the cue lists were written without reading this work's passages."""
    return fold_of(work_id) not in TUNE_FOLDS


def untouched_ba(truth: Sequence[bool], pred: Sequence[bool], works: Sequence[str]) -> float:
    """Balanced accuracy on the passages of untouched works only (see :func:`untouched`)."""
    keep = [untouched(w) for w in works]
    return metrics(
        [t for t, k in zip(truth, keep, strict=True) if k],
        [p for p, k in zip(pred, keep, strict=True) if k],
    )["ba"]


def seeds_arg(argv: Sequence[str], default: Sequence[int] = (0,)) -> tuple[int, ...]:
    """The fold seeds a bench was asked for: ``--seeds 0,1,2`` (``--seeds`` alone: SEEDS)."""
    if "--seeds" not in argv:
        return tuple(default)
    i = list(argv).index("--seeds")
    value = argv[i + 1] if i + 1 < len(argv) and not argv[i + 1].startswith("-") else ""
    if not value:
        return SEEDS
    try:
        return tuple(int(v) for v in value.split(","))
    except ValueError:
        print(f"--seeds wants numbers separated by commas, not {value!r}", file=sys.stderr)
        sys.exit(2)


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


def seed_summary(per_seed: dict[int, dict[str, dict[str, float]]]) -> None:
    """Print, across fold seeds, each seed's mean balanced accuracy and each warning's F1
    and balanced accuracy as mean ± spread (population standard deviation over seeds)."""
    seeds = sorted(per_seed)

    def spread(values: list[float]) -> tuple[float, float]:
        mean = sum(values) / len(values)
        return mean, (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5

    means = [sum(per_seed[s][w]["ba"] for w in WARNINGS) / len(WARNINGS) for s in seeds]
    print(f"\nacross fold seeds {', '.join(str(s) for s in seeds)}:")
    print(f"{'warning':11s} {'F1 mean':>8s} {'±':>6s} {'bal.acc':>8s} {'±':>6s}")
    for w in WARNINGS:
        f1, f1_sd = spread([per_seed[s][w]["f1"] for s in seeds])
        ba, ba_sd = spread([per_seed[s][w]["ba"] for s in seeds])
        print(f"{w:11s} {f1:8.3f} {f1_sd:6.3f} {ba:8.3f} {ba_sd:6.3f}")
    mean, sd = spread(means)
    each = " ".join(f"{m:.3f}" for m in means)
    print(f"mean balanced accuracy per seed {each}: {mean:.3f} ± {sd:.3f} (target >= {TARGET_BA})")
    if all("untouched_ba" in per_seed[s][w] for s in seeds for w in WARNINGS):
        fresh = [
            sum(per_seed[s][w]["untouched_ba"] for w in WARNINGS) / len(WARNINGS) for s in seeds
        ]
        mean, sd = spread(fresh)
        rest = ", ".join(str(k) for k in range(FOLDS) if k not in TUNE_FOLDS)
        print(
            f"  on the works of seed-0 folds {rest} only (the cue lists were not written"
            f" against them): {mean:.3f} ± {sd:.3f}"
        )
