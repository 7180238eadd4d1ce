"""Trained per-tag models as plain data: TF-IDF weights and a logistic regression.

Applying a model needs no scikit-learn: tokens are counted the way scikit-learn's
``TfidfVectorizer`` does (lower-case, ``\\b\\w\\w+\\b``), weighted by ``1 + log(tf)``
times idf, L2-normalised and scored with the logistic coefficients. Only the
vocabulary's features are kept, so a model file is a few hundred kilobytes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
MAX_CHARS = 100_000  # text read per work: enough for a tag, and training stays in memory


def tokenize(text: str) -> list[str]:
    """Tokens as scikit-learn's default analyser makes them."""
    return _TOKEN.findall(text[:MAX_CHARS].lower())


@dataclass
class LinearModel:
    """One tag's model, with the figures that decided whether it is used."""

    type: str
    name: str
    idf: dict[str, float]
    coef: dict[str, float]
    intercept: float
    use: bool = False
    threshold: float = 0.5
    scores: dict[str, Any] = field(default_factory=dict)

    def probability(self, counts: Counter[str]) -> float:
        """P(tag) for a text's token counts."""
        weights: dict[str, float] = {}
        for tok, n in counts.items():
            idf = self.idf.get(tok)
            if idf is not None:
                weights[tok] = (1.0 + math.log(n)) * idf
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        z = self.intercept + sum(self.coef.get(t, 0.0) * v / norm for t, v in weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def top_terms(self, counts: Counter[str], limit: int = 3) -> list[str]:
        """The terms of the text that pushed hardest toward the tag."""
        scored = [(self.coef.get(t, 0.0) * self.idf.get(t, 0.0), t) for t in counts]
        return [t for s, t in sorted(scored, reverse=True)[:limit] if s > 0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "use": self.use,
            "threshold": self.threshold,
            "scores": self.scores,
            "intercept": self.intercept,
            "idf": self.idf,
            "coef": self.coef,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearModel:
        return cls(
            type=str(d["type"]),
            name=str(d["name"]),
            idf={str(k): float(v) for k, v in d["idf"].items()},
            coef={str(k): float(v) for k, v in d["coef"].items()},
            intercept=float(d["intercept"]),
            use=bool(d.get("use", False)),
            threshold=float(d.get("threshold", 0.5)),
            scores=dict(d.get("scores", {})),
        )


@dataclass
class ModelSet:
    """Every trained model of a library, and when it was trained."""

    models: list[LinearModel] = field(default_factory=list)
    trained: str = ""
    works: int = 0

    def used(self) -> list[LinearModel]:
        """Models that beat the built-in tagger and so are applied."""
        return [m for m in self.models if m.use]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": 1,
            "trained": self.trained,
            "works": self.works,
            "models": [m.to_dict() for m in self.models],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelSet:
        return cls(
            models=[LinearModel.from_dict(m) for m in d.get("models", [])],
            trained=str(d.get("trained", "")),
            works=int(d.get("works", 0)),
        )
