"""The learned pair model: how likely two of a story's leads are a couple, or a platonic
pair, from what the text shows of them (``pair_features.py``).

A three-class logistic regression (no relationship, ``A/B``, ``A & B``), fitted and
scored held out by set by ``train_pair_model.py``, applied with plain arithmetic, as a
second chance after the hand rules: only for a work whose author states no relationship,
only for pairs the rules left untagged, never ``/`` between two the rules would call kin,
and only two the text names in one sentence at least (that sentence would be the
evidence). Held out by set it did not beat the rules (see ``train_pair_model.py``), so
fandex does not run it; were a later feature set to, its weights would go to a data file
under ``fandex/vocab/`` and this arithmetic into ``fandex/tag/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
