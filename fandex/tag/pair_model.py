"""The learned pair model: how likely two of a story's leads are a couple, or a platonic
pair, from what the text shows of them (:mod:`fandex.tag.pair_features`).

A three-class logistic regression (no relationship, ``A/B``, ``A & B``), fitted and
scored held out by set by ``bench/train_pair_model.py``, applied with plain arithmetic,
as a second chance after the hand rules (:mod:`fandex.tag.relationship_learned`): only
for a work whose author states no relationship, only for pairs the rules left untagged,
never ``/`` between two the rules would call kin, and only two the text names in one
sentence at least (that sentence is the evidence). The weights it ships are in
``fandex/vocab/pair_model.json`` (written by ``train_pair_model.py --write``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

FEATURES = (
    "share_lo",
    "share_hi",
    "third",
    "two_leads",
    "top_two",
    "rom_score",
    "rom_sentences",
    "rom_named",
    "rom_strong",
    "rom_romantic",
    "rom_past",
    "rom_spread",
    "rival",
    "friend_score",
    "friend_named",
    "kin",
    "sentences",
    "paragraphs",
    "dialogue",
    "para_share",
    "mixed",
    "same",
    "first_person",
    "words",
    "story_strong",
    "story_weak",
    "story_friendly",
    "story_kin",
    "words_endearment",
    "words_domestic",
    "words_comrade",
)
SEPARATORS = ("", "/", " & ")  # class 0: no relationship between them


@dataclass
class PairModel:
    """Standardisation (``mean``, ``scale`` per feature) and, per class, weights and an
    intercept."""

    mean: list[float]
    scale: list[float]
    coef: list[list[float]]
    intercept: list[float]
    features: tuple[str, ...] = FEATURES

    def probabilities(self, values: dict[str, float]) -> list[float]:
        """The probability of each class (none, ``/``, ``&``) for a pair's features."""
        z = [
            (values[f] - m) / s
            for f, m, s in zip(self.features, self.mean, self.scale, strict=True)
        ]
        logits = [
            b + sum(w * v for w, v in zip(ws, z, strict=True))
            for ws, b in zip(self.coef, self.intercept, strict=True)
        ]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def pick(self, values: dict[str, float], couples: bool = False) -> tuple[int, float] | None:
        """The likelier kind of relationship (1 ``/``, 2 ``&``; only 1 with ``couples``)
        and its probability, or None where none may be guessed: the two are never named
        in one sentence, or they are kin and a couple is all that may be guessed (kin are
        never a couple: their bond, if any, is ``&``)."""
        if values["sentences"] <= 0:
            return None
        p = self.probabilities(values)
        kinds = [k for k in ((1,) if couples else (1, 2)) if not (k == 1 and values["kin"])]
        if not kinds:
            return None
        best = max(kinds, key=lambda k: p[k])
        return best, p[best]


# The features that tell any sign of romance, between the two or anywhere in the story:
# a cue sentence, an embrace, an endearment, a shared home.
_ROMANCE_SIGNS = ("rom_score", "story_strong", "story_weak", "words_endearment", "words_domestic")


def bare(values: dict[str, float]) -> bool:
    """Whether a pair's story shows no sign of romance at all (:data:`_ROMANCE_SIGNS`):
    its couple, if any, is read from how the two are told alone, as a gen story of two
    teammates or comrades is told too."""
    return not any(values[f] > 0 for f in _ROMANCE_SIGNS)


@dataclass
class Shipped:
    """The model fandex runs and how it is used (``pair_model.json``): ``bar``, the
    least probability of a guess; ``bare_bar``, of a couple in a story with no sign of
    romance (:func:`bare`); ``confidence``, the share of such guesses measured right held
    out by set, shown as each one's confidence."""

    model: PairModel
    bar: float
    bare_bar: float
    confidence: float
    about: dict[str, Any]

    def least(self, values: dict[str, float], kind: int) -> float:
        """The least probability a guess of ``kind`` (1 ``/``, 2 ``&``) of the pair
        ``values`` describes needs: a couple in a story with no sign of romance needs
        ``bare_bar`` (a bond there is the plain reading)."""
        return max(self.bar, self.bare_bar) if kind == 1 and bare(values) else self.bar


@cache
def shipped() -> Shipped | None:
    """The shipped model, or None where no weights ship."""
    path = resources.files("fandex.vocab").joinpath("pair_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    model = PairModel(
        data["mean"], data["scale"], data["coef"], data["intercept"], tuple(data["features"])
    )
    bars = float(data["bar"]), float(data.get("bare_bar", data["bar"]))
    return Shipped(model, *bars, float(data["confidence"]), data.get("about", {}))
