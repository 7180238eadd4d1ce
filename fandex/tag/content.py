"""Content notes: freeform tags such as Violence, Blood, War or Strong Language, with evidence.

Each note is a concept of the cue lexicon (``fandex/vocab/cues/*.toml``) that names a
``note``; negated, hypothetical and backstory mentions weigh less, idioms not at all (see
:mod:`fandex.tag.cues_analysis`). Where labelled passages exist (Violence, Death,
Abduction, War, Racism, Homophobia, Misogyny, Ableism), a small learned model over the
concept's score decides, and its confidence is a calibrated probability
(:mod:`fandex.tag.note_model`); a note less likely than its model's cut is not tagged.
The other notes are inferred when some passage scores over the concept's threshold.
Sexual Content also counts explicit cues, and Dubious Consent also counts non-consent
cues that fall short of Rape/Non-Con.

With ``embeddings: true`` in the tagger's config and the ``embeddings`` extra installed,
the strongest passages of the concepts that have prototypes are also read for their
meaning (:mod:`fandex.tag.cues_embed`); without the extra the lexicon decides alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from fandex.model import Tag, Work
from fandex.tag.cues_analysis import Analysis, ConceptScore, Found, analyse
from fandex.tag.cues_embed import GATE, SPAN, EmbeddingScorer, combined_ratio, default_scorer
from fandex.tag.note_model import NoteModel, default_models
from fandex.tag.pipeline import tagger

NAME = "content-notes"

# Notes fed by more than their own concept: note concept -> extra concepts.
_ALSO: dict[str, tuple[str, ...]] = {
    "sexual": ("explicit",),
    "dubcon": ("nonconsent_cue",),
}


def _span(text: str, hits: list[Found]) -> str:
    """About ``SPAN`` characters of ``text`` centred on a passage's cues."""
    lo, hi = min(f.start for f in hits), max(f.end for f in hits)
    start = max(0, (lo + hi) // 2 - SPAN // 2)
    end = min(len(text), start + SPAN)
    return text[max(0, end - SPAN) : end]


def rescore(analysis: Analysis, scorer: EmbeddingScorer) -> dict[str, tuple[ConceptScore, float]]:
    """The concepts with prototypes, re-scored from cues and meaning together.

    Each returned score is the concept's threshold times the best
    :func:`~fandex.tag.cues_embed.combined_ratio` over its kept passages, paired with
    that passage's similarity. Passages under the gate are not embedded (similarity 0).
    """
    jobs: list[tuple[str, float, str | None]] = []
    for name in sorted(scorer.concepts() & set(analysis.concepts)):
        cs = analysis.get(name)
        for score, hits in zip(cs.passage_scores, cs.passages, strict=True):
            ratio = score / cs.concept.threshold
            text = None
            if ratio >= GATE and hits:
                text = _span(analysis.texts.get(hits[0].chapter, ""), hits)
            jobs.append((name, ratio, text))
    texts = sorted({t for _, _, t in jobs if t})
    vectors = scorer.encode(texts) if texts else None
    row = {t: i for i, t in enumerate(texts)}
    out: dict[str, tuple[ConceptScore, float]] = {}
    for name, ratio, text in jobs:
        sim = 0.0
        if text and vectors is not None:
            sim = float(scorer.similarities(name, vectors[row[text] : row[text] + 1])[0])
        value = combined_ratio(ratio, sim)
        cs = analysis.get(name)
        if name not in out or value * cs.concept.threshold > out[name][0].score:
            out[name] = (replace(cs, score=value * cs.concept.threshold), round(sim, 3))
    for name in scorer.concepts() & set(analysis.concepts):
        out.setdefault(name, (replace(analysis.get(name), score=0.0), 0.0))
    return out


def note_scores(
    analysis: Analysis,
    sensitivity: float = 1.0,
    scorer: EmbeddingScorer | None = None,
    models: Mapping[str, NoteModel] | None = None,
) -> dict[str, tuple[ConceptScore, float]]:
    """Every content note the text calls for, by note name: its score and confidence.

    A concept with a learned model (``models``, the shipped ones by default) is tagged
    when the model's probability reaches its cut; that probability is the confidence.
    Any other concept is tagged when it clears its threshold. ``sensitivity`` > 1 lowers
    the bars (more notes, less precision). With a ``scorer``, concepts that have
    prototypes are decided from cues and meaning together, against their thresholds.
    """
    models = default_models() if models is None else models
    rescored = rescore(analysis, scorer) if scorer is not None else {}
    out: dict[str, tuple[ConceptScore, float]] = {}
    for name, cs in analysis.concepts.items():
        note = cs.concept.note
        if not note:
            continue
        model = models.get(name)
        if model is not None and name not in rescored:
            p = model.probability(cs, sensitivity, analysis.texts)
            if model.tags(cs, p):
                out[note] = (cs, p)
            continue
        best = rescored[name][0] if name in rescored else cs
        for extra in _ALSO.get(name, ()):
            other = analysis.get(extra)
            if other.score / other.concept.threshold > best.score / best.concept.threshold:
                best = other
        if best.score * sensitivity >= best.concept.threshold:
            out[note] = (best, best.confidence)
    return out


@tagger(
    NAME,
    requires=("text",),
    assigns=("tags.freeform.content",),
    # Embeddings are opt-in: the model costs seconds to load and about 0.1 s per passage.
    default_config={"sensitivity": 1.0, "evidence": 3, "embeddings": False},
)
def content_tagger(work: Work, config: dict[str, Any]) -> None:
    """Add an inferred freeform content note for each concept the text shows."""
    analysis = analyse(work)
    if not analysis.readable:
        return  # a text in another language: nothing read, nothing to note
    scorer = default_scorer() if config.get("embeddings") else None
    for note, (cs, confidence) in note_scores(
        analysis, float(config["sensitivity"]), scorer
    ).items():
        attrs: dict[str, Any] = {"score": round(cs.score, 2), "passages": cs.hot}
        if scorer is not None and cs.concept.name in scorer.concepts():
            attrs["scorer"] = "cues+embeddings"
        work.add_tag(
            Tag(
                "freeform",
                note,
                source="inferred",
                confidence=round(confidence, 3),
                evidence=analysis.evidence(cs.concept.name, limit=int(config["evidence"])),
                tagger=NAME,
                attrs=attrs,
            )
        )
