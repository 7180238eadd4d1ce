"""The learned layer over the cue lexicon: a small logistic model per content note.

The lexicon (:mod:`fandex.tag.cues_analysis`) scores how strongly a text shows a concept;
a hand-set threshold once decided from that score alone. Where labelled passages exist
(the eight notes of the passage-level warning dataset: Violence, Death, Abduction, War,
Racism, Homophobia, Misogyny, Ableism) a logistic regression decides instead, from two
features of the concept's score that the analysis already computes:

- ``ratio``: log(1 + score / threshold) of the strongest passage;
- ``terms``: log(1 + distinct cue terms in that passage), so five different cues weigh
  more than one word repeated.

A note may read one more input of that passage (``extra`` in the weights file):

- ``event``: 1 when the passage tells an event of the concept of which a person is the
  patient ("she died", "his corpse"; :mod:`fandex.tag.person_events`), else 0: the clause
  round the cue, where the lexicon weighs its words alone. (Death's model reads it.)

All describe one passage (about 200 words), so a model fitted on short passages reads
a novel the same way; each is also clipped to the range seen in training. (A count of
passages over the threshold was tried as a third feature: no better under
cross-validation, and a novel has far more passages than anything it was fitted on.)

The model's output is a probability (that the majority of three annotators would call
for the note), calibrated on held-out works, and the note is tagged when it reaches the
model's ``cut``, chosen by cross-validation grouped by work for the best F1 (never under
:data:`QUIET_FLOOR`). Richer forms (more features of the passage, other concepts'
scores, one model shared by the notes, class weights, cuts chosen for balanced
accuracy) were tried under three fold assignments and won nothing beyond the spread
between them; the training script's docstring lists them with their figures. A text in
which the lexicon finds no cue of the concept at all gets probability 0: there is nothing
to show as evidence. The frozen weights live in ``fandex/vocab/note_model.toml``; the bench script
``bench/train_note_model.py`` fits them again (scikit-learn, at training time only). At
run time it is a dot product in numpy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from fandex.errors import ConfigError
from fandex.tag.calibration import load_fitted
from fandex.tag.cues_analysis import WINDOW, ConceptScore, Found
from fandex.tag.person_events import has_templates, person_events

FEATURES: tuple[str, ...] = ("ratio", "terms")
# Inputs a note's model may read besides FEATURES (``extra`` in the weights file).
EXTRAS: tuple[str, ...] = ("event",)
MODEL_FILE = "note_model.toml"
# No note is tagged under this probability, whatever its model's cut: a note more likely
# wrong than one time in five is noise on a work's page.
QUIET_FLOOR = 0.2


def features(
    cs: ConceptScore,
    sensitivity: float = 1.0,
    extra: tuple[str, ...] = (),
    texts: Mapping[int, str] | None = None,
) -> np.ndarray:
    """The model's features of one concept's score (``sensitivity`` scales the ratio,
    as it scales the score against a threshold), then those of ``extra``, read from the
    strongest passage of ``texts`` (chapter index -> text; none: 0).

    >>> from fandex.tag.cues_lexicon import Concept
    >>> features(ConceptScore(Concept("x"))).tolist()
    [0.0, 0.0]
    """
    ratio = cs.score * sensitivity / cs.concept.threshold if cs.score > 0 else 0.0
    terms = len({f.term for f in cs.best})
    out = [math.log1p(ratio), math.log1p(terms)]
    for name in extra:
        if name != "event":
            raise ValueError(f"unknown note model input {name!r}")
        out.append(float(passage_event(cs, texts or {})))
    return np.array(out)


def passage_span(hits: list[Found]) -> tuple[int, int, int]:
    """(chapter, start, end) of the window round a passage's hits (at least ``WINDOW``
    characters, centred on them; the end may pass the text's)."""
    lo = min(f.start for f in hits)
    hi = max(f.end for f in hits)
    mid = (lo + hi) // 2
    return hits[0].chapter, max(0, min(lo, mid - WINDOW // 2)), max(hi, mid + WINDOW // 2)


def passage_event(cs: ConceptScore, texts: Mapping[int, str]) -> bool:
    """Whether the concept's strongest passage tells an event of it of which a person is
    the patient (:func:`fandex.tag.person_events.person_events`)."""
    hits = [f for f in cs.best if f.weight > 0]
    name = cs.concept.name
    if not hits or not has_templates(name):
        return False
    chapter, lo, hi = passage_span(hits)
    text = texts.get(chapter, "")
    return bool(person_events(text[lo:hi], name))


def has_cue(cs: ConceptScore) -> bool:
    """Whether a concept's strongest passage holds enough to tag its note: for a concept
    whose softer words are everyday words (``anchor``: abduction and the bigotry notes),
    a strong term or a cue of weight 2, since its weak words only set the scene ("van",
    "unconscious"; "kitchen", "honour"), and where one cue alone is everyday talk too
    (``one_cue = false``: the bigotry notes, whose cues are swearing, "sin", "crazy") a
    strong term or two different cues; for any other concept, any cue.

    >>> from fandex.tag.cues_lexicon import Concept
    >>> has_cue(ConceptScore(Concept("x", anchor=True)))
    False
    """
    hits = [f for f in cs.best if f.weight > 0]
    concept = cs.concept
    if not concept.anchor:
        return bool(hits)
    if any(f.base >= 3 for f in hits):
        return True
    return len({f.term for f in hits if f.base >= 2}) >= (1 if concept.one_cue else 2)


@dataclass(frozen=True)
class NoteModel:
    """One note's frozen logistic model: weights per feature (FEATURES, then ``extra``),
    bias, clip, decision cut."""

    concept: str
    weights: np.ndarray
    bias: float
    clip: np.ndarray  # the largest value of each feature seen in training
    cut: float
    extra: tuple[str, ...] = ()

    def probability(
        self, cs: ConceptScore, sensitivity: float = 1.0, texts: Mapping[int, str] | None = None
    ) -> float:
        """The calibrated probability that the text calls for this note (0 without a cue);
        ``texts`` (chapter index -> text) for the ``extra`` inputs."""
        if cs.score <= 0:
            return 0.0
        x = np.minimum(features(cs, sensitivity, self.extra, texts), self.clip)
        z = float(self.weights @ x) + self.bias
        return 1.0 / (1.0 + math.exp(-z))

    def tags(self, cs: ConceptScore, p: float) -> bool:
        """Whether the note is tagged at probability ``p`` (:meth:`probability`): it reaches
        the cut and the strongest passage holds a cue (:func:`has_cue`)."""
        return p >= self.cut and has_cue(cs)


def parse_models(data: dict[str, Any]) -> dict[str, NoteModel]:
    """Build the models from parsed ``note_model.toml`` data (concept name -> model)."""
    names = tuple(data.get("features", ()))
    if names != FEATURES:
        raise ConfigError(f"{MODEL_FILE}: features must be {list(FEATURES)}, not {list(names)}")
    out: dict[str, NoteModel] = {}
    for concept, table in data.get("models", {}).items():
        extra = tuple(str(e) for e in table.get("extra", ()))
        if any(e not in EXTRAS for e in extra):
            raise ConfigError(f"{MODEL_FILE}: model {concept!r}: extra inputs are {list(EXTRAS)}")
        weights = np.array([float(w) for w in table["weights"]])
        clip = np.array([float(c) for c in table["clip"]])
        n = len(FEATURES) + len(extra)
        if weights.shape != (n,) or clip.shape != (n,):
            raise ConfigError(f"{MODEL_FILE}: model {concept!r} needs one weight per feature")
        cut = max(QUIET_FLOOR, float(table["cut"]))
        out[concept] = NoteModel(concept, weights, float(table["bias"]), clip, cut, extra)
    return out


@cache
def default_models() -> dict[str, NoteModel]:
    """The shipped models (concept name -> model), loaded once per process."""
    return load_fitted(MODEL_FILE, parse_models)
