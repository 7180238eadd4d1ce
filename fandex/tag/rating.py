"""The AO3 rating a text calls for, from what is on its pages, with the passages that decide it.

AO3's definitions, which the model's inputs follow:

- **Explicit**: an explicit sexual passage.
- **Mature**: sexual content described on the page but not explicitly, graphic violence,
  torture, or non-consent.
- **Teen And Up Audiences**: violence, death, war, self-harm or suicide, drug use, strong
  language, or sexual content that fades to black before it is described.
- **General Audiences**: none of that.

The rating is decided by a small learned model (:mod:`fandex.tag.rating_model`: a
logistic regression per threshold, at least Teen, at least Mature, Explicit, over
features of the cue analysis, fitted on labelled works by
``bench/train_rating_model.py``): it reads which of these bars the text meets, how far
its strongest sexual, explicit and graphic passages and its strongest run of swearing go
past their thresholds, how many plain wordings of sex told as it happens it uses per
1000 words, its length, and
the lean of the author's other stated tags (Additional Tags such as "Smut" or "Fluff",
archive warnings; never the stated rating itself, so a stated rating's flag asks whether
the text and the author's other tags read above it).

The inferred rating is the most probable one; its confidence is that probability through
the model's calibration map for what the guess rests on (the text alone, or the text
leant by stated tags: each fitted on such guesses held out by work;
``attrs["raw_confidence"]`` keeps the probability, ``attrs["probabilities"]`` all four).
The evidence is the passages of the concepts that meet the bar of the rating guessed (or
of the highest bar below it that the text meets).

A stated rating is never overwritten. When the text (leant by the author's other tags) is
more likely than not
(``flag_confidence``, 0.5: the model's probability of every rating two or more levels up,
summed) two or more levels above it (Teen on an explicit text, General on a mature one),
the work is flagged ``possible-missing-warning`` with that probability. A rating the
parser read as "announced" ("R (will be NC-17 shortly)": ``attrs["announced"]``) counts
as stated for that comparison, since the author warned of what is coming.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.cues_analysis import Analysis, analyse
from fandex.tag.pipeline import tagger
from fandex.tag.rating_model import (
    LEVELS,
    default_model,
    feature_values,
    level_reasons,
    stated_values,
)
from fandex.tag.reconcile import FLAG_RATING_GAP
from fandex.tag.warnings import FLAG_KIND, noncon_confidence, replace_flags

NAME = "rating"
GENERAL, TEEN, MATURE, EXPLICIT = LEVELS
RATINGS = LEVELS
RANK = {name: i for i, name in enumerate(RATINGS)}


@dataclass(frozen=True)
class RatingGuess:
    """The inferred rating, its confidence (its probability through the model's
    calibration map), the passages behind it, and the probability of every rating
    (lowest first)."""

    name: str
    confidence: float
    evidence: list[Evidence]
    reasons: tuple[str, ...]
    probabilities: dict[str, float]

    def at_least(self, rank: int) -> float:
        """The probability that the text is rated ``RATINGS[rank]`` or higher."""
        return sum(p for name, p in self.probabilities.items() if RANK[name] >= rank)


def infer_rating(
    analysis: Analysis, sensitivity: float = 1.0, stated: dict[str, float] | None = None
) -> RatingGuess:
    """Rate the analysed text: the model's most probable rating and its probability.
    ``stated``: the lean of the work's stated tags (:func:`stated_values`), when its
    author stated other tags but no rating; None reads the text alone."""
    noncon = noncon_confidence(analysis, sensitivity)
    bars = level_reasons(analysis, sensitivity, noncon)
    model = default_model()
    values = feature_values(analysis, sensitivity, bars, noncon, model.densities)
    if stated:
        values.update(stated)
    probabilities = model.probabilities(values)
    name = max(RATINGS, key=lambda r: probabilities[r])
    lean = model.leans(values)
    general = lean and values.get("stated:general", 0.0) > 0
    confidence = model.confidence(probabilities[name], lean, values["words"], general)
    # The concepts behind the rating: those at its own bar, else at the highest bar
    # below it that the text meets (a General text has none).
    reasons: list[str] = next((b for b in reversed(bars[: RANK[name]]) if b), [])
    names = reasons + (["nonconsent_cue"] if "nonconsent" in reasons else [])
    return RatingGuess(
        name,
        confidence,
        analysis.evidence(*names) if names else [],
        tuple(reasons),
        probabilities,
    )


def stated_rating(work: Work) -> tuple[str | None, str | None]:
    """The stated (or user) rating and the announced one, if any."""
    for t in work.tags_of("rating"):
        if t.source in ("stated", "user") and not t.attrs.get("rejected"):
            announced = t.attrs.get("announced")
            return t.name, announced if isinstance(announced, str) else None
    return None, None


@tagger(
    NAME,
    requires=("text", "tags.stated"),
    assigns=("tags.rating", "flags.missing-rating"),
    default_config={"sensitivity": 1.0, "flag_confidence": 0.5, "evidence": 3},
)
def rating_tagger(work: Work, config: dict[str, Any]) -> None:
    """Add the inferred rating; flag a stated rating two or more levels too low."""
    analysis = analyse(work)
    if not analysis.readable:
        replace_flags(work, "rating", [])  # another language: no guess, no flag
        return
    stated, announced = stated_rating(work)
    # The author's other tags lean the guess (they never read the rating itself), also
    # beside a stated rating: "Fluff" and "Gentle Humour" are the author's word on the
    # content, and the text alone reads a short gentle work as Mature or Explicit about
    # as often as not, which flagged 26 of 721 honestly rated written works.
    lean = stated_values(work.tags)
    guess = infer_rating(analysis, float(config["sensitivity"]), lean)
    limit = int(config["evidence"])
    attrs: dict[str, Any] = {
        "reasons": list(guess.reasons),
        "raw_confidence": round(guess.probabilities[guess.name], 4),
        "words": analysis.words,
        "probabilities": {name: round(p, 3) for name, p in guess.probabilities.items()},
    }
    if announced:
        attrs["announced"] = announced
    work.add_tag(
        Tag(
            "rating",
            guess.name,
            "inferred",
            round(guess.confidence, 3),
            guess.evidence[:limit],
            NAME,
            attrs,
        )
    )
    flags: list[dict[str, Any]] = []
    effective = max((RANK[r] for r in (stated, announced) if r in RANK), default=None)
    # The chance that the text is two or more levels above what its author says.
    above = guess.at_least(effective + FLAG_RATING_GAP) if effective is not None else 0.0
    if effective is not None and above >= float(config["flag_confidence"]):
        # The most probable of the ratings that far above (the guess itself, mostly).
        flagged = max(RATINGS[effective + FLAG_RATING_GAP :], key=lambda r: guess.probabilities[r])
        flags.append(
            {
                "kind": FLAG_KIND,
                "tag": flagged,
                "type": "rating",
                "confidence": round(above, 3),
                "evidence": [e.to_dict() for e in guess.evidence[:limit]],
                "stated": stated,
                "tagger": NAME,
                "message": f"stated {stated}, yet the text reads as {flagged}",
            }
        )
    replace_flags(work, "rating", flags)
