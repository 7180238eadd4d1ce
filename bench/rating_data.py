"""The labelled ratings the rating model is fitted and scored on, as arrays.

The rows are those the calibration bench gathers (``calibration_sets.py``): the works
written for fandex, the real files of ``../shared/data/realworld/`` (read from here
only), the rating fixtures and the spent held-out sets, each with the rating its author
states (``_label``), the features of :mod:`fandex.tag.rating_model` as the shipped
lexicon computes them (``_x``) and the lean of the author's other stated tags (``_s``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from calibration_sets import SPENT, Row, fixtures, realworld, written

from fandex.tag.rating_model import LEVELS, STATED

SOURCES = ("real", "written", "fixtures", "spent")
# Three assignments of works to folds (salts of the fold hash).
SALTS = ("", "#1", "#2")


def level(name: str) -> int:
    """The index of a rating name in :data:`LEVELS` (-1: not one of the four)."""
    folded = {n.casefold(): i for i, n in enumerate(LEVELS)}
    return folded.get(name.strip().casefold(), -1)


def rating_rows(spent: bool = True) -> list[Row]:
    """The labelled rating rows whose label is one of the four ratings (``spent``: with
    those of the spent held-out sets, source ``spent``)."""
    out: dict[str, list[Row]] = defaultdict(list)
    written(out)
    fixtures(out)
    realworld(out)
    if spent:  # the spent held-out sets: extra labelled data (``--no-spent``: without)
        written(out, SPENT, source="spent")
    return [r for r in out["rating"] if level(str(r[3]["_label"])) >= 0]


def design(rows: Sequence[Row], names: tuple[str, ...]) -> np.ndarray:
    """The text features ``names`` of each row (``_x``), one row each."""
    return np.array([[float(r[3]["_x"][f]) for f in names] for r in rows]).reshape(
        len(rows), len(names)
    )


def stated_design(rows: Sequence[Row], names: tuple[str, ...] = STATED) -> np.ndarray:
    """The lean of each row's stated tags (``_s``, the rating alone hidden; none: 0)."""
    return np.array([[float(r[3].get("_s", {}).get(f, 0.0)) for f in names] for r in rows]).reshape(
        len(rows), len(names)
    )


def labels(rows: Sequence[Row]) -> np.ndarray:
    """Each row's stated rating as a level index."""
    return np.array([level(str(r[3]["_label"])) for r in rows])
