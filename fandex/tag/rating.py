"""The AO3 rating a text calls for, from what is on its pages, with the passages that decide it.

- **Explicit**: an explicit sexual passage.
- **Mature**: sexual content described on the page but not explicitly, graphic violence,
  torture, or non-consent.
- **Teen And Up Audiences**: violence, death, war, self-harm or suicide, drug use, strong
  language, or sexual content that fades to black before it is described.
- **General Audiences**: none of that; more confident the longer the text.

A stated rating is never overwritten. When it is two or more levels below what the text
shows (Teen on an explicit text, General on a mature one), the work is flagged
``possible-missing-warning``. A rating the parser read as "announced" ("R (will be NC-17
shortly)": ``attrs["announced"]``) counts as stated for that comparison, since the author
warned of what is coming.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.calibration import calibrated_named
from fandex.tag.cues_analysis import Analysis, analyse
from fandex.tag.pipeline import tagger
from fandex.tag.warnings import FLAG_KIND, noncon_confidence, replace_flags

NAME = "rating"
GENERAL = "General Audiences"
TEEN = "Teen And Up Audiences"
MATURE = "Mature"
EXPLICIT = "Explicit"
RATINGS = (GENERAL, TEEN, MATURE, EXPLICIT)
RANK = {name: i for i, name in enumerate(RATINGS)}

# Concepts that lift a text to Teen when some passage clears their threshold.
_TEEN = ("violence", "death", "war", "self_harm", "suicide", "drugs", "strong_language", "abuse")
# Concepts that lift it to Mature.
_MATURE = ("graphic", "torture")
# A sexual passage this far over threshold is "on the page", not a fade to black...
_ON_PAGE_SEX = 1.5
# ...and this far is a romance that fades to black (Teen).
_FADE_SEX = 0.5


@dataclass(frozen=True)
class RatingGuess:
    """The inferred rating, how sure, and the passages behind it."""

    name: str
    confidence: float
    evidence: list[Evidence]
    reasons: tuple[str, ...]


def infer_rating(analysis: Analysis, sensitivity: float = 1.0) -> RatingGuess:
    """Rate the analysed text."""
    s = sensitivity

    def ratio(name: str, factor: float = 1.0) -> float:
        """How far the concept's best passage is over the bar for this level (1 = at it)."""
        cs = analysis.get(name)
        return cs.score * s / (cs.concept.threshold * factor)

    def confidence(reasons: list[tuple[str, float]]) -> float:
        # 0.5 at the bar, rising with the strongest reason (as for the concepts).
        best = max(ratio(name, factor) for name, factor in reasons)
        return min(0.99, 1.0 - float(0.5**best))

    if ratio("explicit") >= 1 and ratio("sexual") >= 1:
        conf = confidence([("explicit", 1.0)])
        return RatingGuess(EXPLICIT, conf, analysis.evidence("explicit"), ("explicit",))
    mature = [(c, 1.0) for c in _MATURE if ratio(c) >= 1]
    if ratio("sexual", _ON_PAGE_SEX) >= 1:
        mature.insert(0, ("sexual", _ON_PAGE_SEX))
    noncon = noncon_confidence(analysis, s)
    if mature or noncon > 0:
        conf = max(confidence(mature) if mature else 0.0, noncon)
        names = [c for c, _ in mature] + (["nonconsent", "nonconsent_cue"] if noncon else [])
        reasons = tuple(c for c in names if c != "nonconsent_cue")
        return RatingGuess(MATURE, conf, analysis.evidence(*names), reasons)
    teen = [(c, 1.0) for c in _TEEN if ratio(c) >= 1]
    if ratio("sexual", _FADE_SEX) >= 1:
        teen.append(("sexual", _FADE_SEX))
    if teen:
        names = [c for c, _ in teen]
        return RatingGuess(TEEN, confidence(teen), analysis.evidence(*names), tuple(names))
    return RatingGuess(GENERAL, _general_confidence(analysis), [], ())


def _general_confidence(analysis: Analysis) -> float:
    names = (*_TEEN, *_MATURE, "sexual", "explicit")
    worst = max(analysis.get(c).score / analysis.get(c).concept.threshold for c in names)
    length = min(1.0, analysis.words / 3000)
    return round(max(0.3, 0.5 + 0.4 * length - 0.4 * worst), 3)


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
    default_config={"sensitivity": 1.0, "flag_confidence": 0.75, "evidence": 3},
)
def rating_tagger(work: Work, config: dict[str, Any]) -> None:
    """Add the inferred rating; flag a stated rating two or more levels too low."""
    analysis = analyse(work)
    guess = infer_rating(analysis, float(config["sensitivity"]))
    limit = int(config["evidence"])
    stated, announced = stated_rating(work)
    attrs: dict[str, Any] = {
        "reasons": list(guess.reasons),
        "raw_confidence": round(guess.confidence, 4),
        "words": analysis.words,
    }
    if announced:
        attrs["announced"] = announced
    work.add_tag(
        Tag(
            "rating",
            guess.name,
            "inferred",
            round(
                calibrated_named("rating", guess.name, guess.confidence, words=analysis.words), 3
            ),
            guess.evidence[:limit],
            NAME,
            attrs,
        )
    )
    flags: list[dict[str, Any]] = []
    effective = max((RANK[r] for r in (stated, announced) if r in RANK), default=None)
    if (
        effective is not None
        and RANK[guess.name] - effective >= 2
        and guess.confidence >= float(config["flag_confidence"])
    ):
        flags.append(
            {
                "kind": FLAG_KIND,
                "tag": guess.name,
                "type": "rating",
                "confidence": round(guess.confidence, 3),
                "evidence": [e.to_dict() for e in guess.evidence[:limit]],
                "stated": stated,
                "tagger": NAME,
                "message": f"stated {stated}, yet the text reads as {guess.name}",
            }
        )
    replace_flags(work, "rating", flags)
