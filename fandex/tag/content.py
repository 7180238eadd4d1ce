"""Content notes: freeform tags such as Violence, Blood, War or Strong Language, with evidence.

Each note is a concept of the cue lexicon (``fandex/vocab/cues/*.toml``) that names a
``note``. A note is inferred when some passage of the work scores over the concept's
threshold (see :mod:`fandex.tag.cues_analysis`); negated, hypothetical and backstory
mentions weigh less, idioms not at all. Sexual Content also counts explicit cues, and
Dubious Consent also counts non-consent cues that fall short of Rape/Non-Con.
"""

from __future__ import annotations

from typing import Any

from fandex.model import Tag, Work
from fandex.tag.cues_analysis import Analysis, ConceptScore, analyse
from fandex.tag.pipeline import tagger

NAME = "content-notes"

# Notes fed by more than their own concept: note concept -> extra concepts.
_ALSO: dict[str, tuple[str, ...]] = {
    "sexual": ("explicit",),
    "dubcon": ("nonconsent_cue",),
}


def note_scores(analysis: Analysis, sensitivity: float = 1.0) -> dict[str, ConceptScore]:
    """Every content note whose concept clears its threshold, by note name.

    ``sensitivity`` > 1 lowers the thresholds (more notes, less precision).
    """
    out: dict[str, ConceptScore] = {}
    for name, cs in analysis.concepts.items():
        note = cs.concept.note
        if not note:
            continue
        best = cs
        for extra in _ALSO.get(name, ()):
            other = analysis.get(extra)
            if other.score / other.concept.threshold > best.score / best.concept.threshold:
                best = other
        if best.score * sensitivity >= best.concept.threshold:
            out[note] = best
    return out


@tagger(
    NAME,
    requires=("text",),
    assigns=("tags.freeform.content",),
    default_config={"sensitivity": 1.0, "evidence": 3},
)
def content_tagger(work: Work, config: dict[str, Any]) -> None:
    """Add an inferred freeform content note for each concept the text shows."""
    analysis = analyse(work)
    for note, cs in note_scores(analysis, float(config["sensitivity"])).items():
        work.add_tag(
            Tag(
                "freeform",
                note,
                source="inferred",
                confidence=round(cs.confidence, 3),
                evidence=analysis.evidence(cs.concept.name, limit=int(config["evidence"])),
                tagger=NAME,
                attrs={"score": round(cs.score, 2), "passages": cs.hot},
            )
        )
