"""The learned rating: logistic models over the cue analysis of a text.

The AO3 ratings are ordered (General < Teen And Up < Mature < Explicit). The shipped
model (form ``thresholds``, since session 10) reads them as three questions, each a
binary logistic regression over the text's features ``x``:

    P(rating >= level j) = sigmoid(w[j] . x - c[j])    for j = Teen, Mature, Explicit

made non-increasing in j (a higher threshold is never likelier than the one below), so
a feature may lift a text to Explicit and not to Teen: one weight per feature could not
(the ``ordinal`` form, to session 9, still read: a score ``z = w . x`` and three
increasing cuts, P(rating <= k) = sigmoid(c[k] - z), the cumulative-logit model). The
probabilities of the four ratings are the differences of these, so they sum to one,
and the inferred rating's confidence is its probability through a calibration map
fitted held out, not a rule's score mapped afterwards.

The features (:func:`feature_values`) are general measures the analysis already computes
(:mod:`fandex.tag.cues_analysis`), named so the data file says which it uses:

- ``ratio:C``: log(1 + score / threshold) of concept C's strongest passage (the
  concepts of :data:`CONCEPTS`: sexual and violent content, death, war, self-harm,
  drugs, strong language, abuse);
- ``hot:C``: log(1 + passages over C's threshold) (at most five are counted), so a
  scene repeated weighs more than one;
- ``reaches:L``: 1 when the text meets the bar AO3's definitions set for level L or
  above (:func:`level_reasons`: Teen for violence, death, war, self-harm, drugs, strong
  language, abuse or sex that fades to black; Mature for graphic violence, torture,
  sex described on the page or non-consent; Explicit for an explicit sexual passage),
  else 0: the hand-set rules fandex used before the model, now three of its inputs;
- ``nonconsent``: the non-consent confidence of the warnings tagger
  (:func:`fandex.tag.warnings.noncon_confidence`);
- ``words``: log(1 + words / 1000): a long text has more passages in which to meet a
  bar, and shows more of what its author rated.
- ``acts:sexual``: log(1 + the distinct plain wordings of sex told as it happens, "she
  rode him", "he came, quietly", per 1000 words; :mod:`fandex.tag.rating_acts`), a text
  under 500 words counting as 500: a brief plain scene the cue lexicon has no word for.

- ``dense:C``, ``page:C``, ``terms:C`` (the concepts of :data:`DENSE`): log(1 + the
  weight of C's hits per 1000 words), of its strong hits told on the page (not as
  backstory, negated or wished), and log(1 + how many distinct strong terms those are);
  a text under 500 words counts as 500. Read only by a model that names one.
- ``dark``, ``darksum``, ``heavy``, ``dense:dark``: dark themes together (the concepts
  of :data:`DARK`: death, torture, self-harm, suicide, drugs, abuse): the largest of
  their ``ratio:`` values, log(1 + the sum of their ratios), the same sum with violence
  and war, and log(1 + the weight of all their hits per 1000 words, told on the page or
  after the fact; a density). Tried for Mature works of grief, death or drugs read as
  Teen (session 9): none improved the cross-validated figures, so none ships (see
  ``bench/train_rating_model.py``).

The shipped model reads the bars, how far the strongest sexual, explicit and
graphic-violence passages go past their thresholds (``ratio:sexual``, ``ratio:explicit``,
``ratio:graphic``: sex shown on the page in plain words, "they undressed and had sex",
lifts a text towards Explicit, sex referred to, "they had slept together years ago",
barely; a battle told in wounds lifts it towards Mature), the plain wordings of sex told
as it happens (``acts:sexual``, since session 11), how far the strongest run of swearing
goes past its threshold (``ratio:strong_language``, since session 14: writers who swear
rate Teen or above, and the bar alone, met by few texts, missed most of them) and the
length. The other sets
tried are in ``bench/train_rating_model.py``. Each feature is clipped to the range seen in
training, so a novel is read like the longest work the model was fitted on.

The model also reads what the author's *other* stated tags say (:func:`stated_values`,
``STATED``), for a header that states warnings or Additional Tags but no rating: each
tag leans to a level by ``fandex/vocab/rating_tags.toml`` ("Smut" Explicit, "Implied
Sexual Content" Mature, "Swearing" or Major Character Death Teen, "Fluff" General).
A work whose tags lean somewhere is read by a model of its own, fitted on the text and
the lean together (the thresholds form; the ordinal one adds the lean's weights to the
text's score, with cuts of their own): a text with none is rated by the text model
alone. The
confidence shown is the guess's probability through one of two calibration maps, each
fitted on such guesses held out by work (:meth:`RatingModel.confidence`): one for a
guess the stated tags lean, one for a guess from the text alone. From the text alone the
most probable rating is right about half the time whatever its probability, so that map
is nearly flat (0.6-0.7 for most guesses): an honest confidence, not a rule's score. A
map may also read the text's length (three numbers: a bare guess is right less often the
longer the text), but the shipped one does not: see ``bench/train_rating_model.py``.
Each map counts every source of labelled works alike rather than every work (since
session 19): the spent sets' writers rate as their other tags lean far more faithfully
than the other writers and the real files' authors do, and counted by work they set how
far a leant guess was trusted for everyone. The leant map also lowers a guess whose tags
lean General only ("Fluff", "Friendship": a fourth number, an offset on the logit), the
lean whose trust differs most between writers. A leant map that counts each spent
writer set as a group of its own (``MAP_BY_SET`` in ``bench/rating_fit.py``) was tried in
session 21 and not kept: held out by writer set it showed a new set's leant guesses nearer
how often they are right (ECE per set mean 0.143 -> 0.112), but the real files (0.16 ->
0.23), the main written set (0.07 -> 0.13 in the default table) and the session's unseen
set (heldout20) were no better or worse.
Held out (476 works, ten folds by work) the guess is right 0.78 of the time with the
other tags readable and 0.58 from the text alone; each spent set of new writers,
scored by a model fitted without it (whose penalties are chosen the same way, by writer
set), 0.73-0.93 with the tags (the first, of 12 works, 0.58; figures in
``bench/train_rating_model.py``).

Since session 27 the leaning model also reads how many of the stated tags lean to Teen
or higher and to Mature or higher (``COUNTED``), and the lean table's qualifiers
(``rating_tags.toml``) read a tag whose content is referred to ("Sex Referred To", "Past
Sexual Content") at Mature at most and one that opens with "No" ("No Kissing") as
General (figures in ``bench/train_rating_model.py``, session 27).

Besides the lean, :func:`stated_values` gives the archive warnings of ``WARNED`` as
inputs of their own (Graphic Depictions Of Violence, Major Character Death, the opt-out),
for a model whose ``stated_features`` name them, their weights learned: tried in session
12 and again, held out by writer set, in session 21, and not shipped (the opt-out marks
Mature works in the spent sets, not in the real files: the shipped model reads the lean
alone).

The frozen weights live in
``fandex/vocab/rating_model.toml``, written by ``bench/train_rating_model.py --write``
(SciPy, at training time only); at run time it is three dot products and three sigmoids.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from fandex.errors import ConfigError
from fandex.model import Tag
from fandex.tag.calibration import load_fitted, logit, sigmoid
from fandex.tag.context_rules import ON_PAGE
from fandex.tag.cues_analysis import Analysis
from fandex.tag.cues_lexicon import WEIGHTS
from fandex.tag.rating_acts import act_count
from fandex.tag.warnings import noncon_confidence
from fandex.vocab.ao3 import (
    RATING_ORDER,
    WARNING_CNTW,
    WARNING_MCD,
    WARNING_VIOLENCE,
    canonical_warning,
    load_toml,
)

MODEL_FILE = "rating_model.toml"
STRONG = WEIGHTS["strong"]
# Which stated tags lean a work's rating, and how far (see stated_values).
TAGS_FILE = "rating_tags.toml"
# The ratings in order, lowest first (the model's classes).
LEVELS = RATING_ORDER
# Concepts that lift a text to Teen when some passage clears their threshold.
TEEN_CONCEPTS = (
    "violence",
    "death",
    "war",
    "self_harm",
    "suicide",
    "drugs",
    "strong_language",
    "abuse",
)
# Concepts that lift it to Mature.
MATURE_CONCEPTS = ("graphic", "torture")
# A sexual passage this far over threshold is "on the page", not a fade to black...
ON_PAGE_SEX = 1.5
# ...and this far is a romance that fades to black (Teen).
FADE_SEX = 0.5
# The concepts whose scores a rating may read.
CONCEPTS = ("explicit", "sexual", *MATURE_CONCEPTS, *TEEN_CONCEPTS)
REACHES = ("reaches:teen", "reaches:mature", "reaches:explicit")
# The dark themes a work rated Mature for its weight rather than its sex or gore may
# carry (grief, death, torture told after the fact, drugs, self-harm, suicide, abuse):
# ``dark``, ``darksum``, ``heavy`` and ``dense:dark`` read these concepts' scores
# together (see feature_values; tried in session 9, none shipped).
DARK = ("death", "torture", "self_harm", "suicide", "drugs", "abuse")
# The concepts whose density in the text a rating may read (``dense:C``, ``page:C``).
DENSE = ("explicit", "sexual", "violence", "graphic", "strong_language")
KNOWN = (
    *REACHES,
    *(f"ratio:{c}" for c in CONCEPTS),
    *(f"hot:{c}" for c in CONCEPTS),
    *(f"dense:{c}" for c in DENSE),
    *(f"page:{c}" for c in DENSE),
    *(f"terms:{c}" for c in DENSE),
    "dark",
    "darksum",
    "heavy",
    "dense:dark",
    "nonconsent",
    "acts:sexual",
    "words",
)
# A text shorter than this many words counts as this long for a density (a few cues in
# a 200-word fixture are not a dense novel).
DENSITY_WORDS = 500
# The stated tags' lean (stated_values): General only (nothing leaning higher), then at
# least Teen, Mature, Explicit.
STATED = ("stated:general", "stated:teen", "stated:mature", "stated:explicit")
# The archive warnings stated, each an input of its own (1 when stated), whose weight per
# threshold is learned rather than set in the lean table: a work warned for Graphic
# Depictions Of Violence is rated Mature by most labelled authors, one whose creator
# chose not to warn nearly always Mature or Explicit, one warned for a Major Character
# Death mostly Teen (see bench/train_rating_model.py, session 12).
WARNED = {
    WARNING_VIOLENCE: "warned:violence",
    WARNING_MCD: "warned:death",
    WARNING_CNTW: "warned:unwarned",
}
# How many of the stated tags and warnings lean to Teen or higher, to Mature or higher:
# log(1 + count), an input of its own (see stated_values).
COUNTED = ("count:teen", "count:mature")
# Every input the stated tags may give a model (the lean, then the warnings, the counts).
STATED_INPUTS = (*STATED, *WARNED.values(), *COUNTED)
# The model's forms (``form`` in the data file): one weight per feature and increasing
# cuts (cumulative logit), or one weight per feature per threshold (at least Teen, at
# least Mature, Explicit), a binary logistic each.
ORDINAL, THRESHOLDS = "ordinal", "thresholds"


def level_reasons(
    analysis: Analysis, sensitivity: float = 1.0, noncon: float | None = None
) -> tuple[list[str], ...]:
    """The concepts that meet the bar of Teen, Mature and Explicit (three lists, lowest
    level first) by AO3's definitions; ``nonconsent`` stands for non-consent (``noncon``:
    its confidence, when the caller has it already)."""

    def over(name: str, factor: float = 1.0) -> bool:
        cs = analysis.get(name)
        return cs.score * sensitivity >= cs.concept.threshold * factor

    explicit = ["explicit"] if over("explicit") and over("sexual") else []
    mature = (["sexual"] if over("sexual", ON_PAGE_SEX) else []) + [
        c for c in MATURE_CONCEPTS if over(c)
    ]
    if noncon is None:
        noncon = noncon_confidence(analysis, sensitivity)
    if noncon > 0:
        mature.append("nonconsent")
    teen = [c for c in TEEN_CONCEPTS if over(c)] + (["sexual"] if over("sexual", FADE_SEX) else [])
    return teen, mature, explicit


def feature_values(
    analysis: Analysis,
    sensitivity: float = 1.0,
    reasons: tuple[list[str], ...] | None = None,
    noncon: float | None = None,
    densities: bool = True,
) -> dict[str, float]:
    """Every feature a rating model may use, by name (see the module docstring;
    ``densities``: False leaves out ``dense:``, ``page:`` and ``terms:``, which read
    every hit: the tagger asks for them only when its model reads one).
    ``sensitivity`` scales each score against its threshold, as the taggers' option does
    (the count of passages over the threshold is the analysis's, at sensitivity 1).
    ``reasons`` (:func:`level_reasons`) and ``noncon`` (the non-consent confidence) of
    the same analysis, when the caller has them already."""
    if noncon is None:
        noncon = noncon_confidence(analysis, sensitivity)
    if reasons is None:
        reasons = level_reasons(analysis, sensitivity, noncon)
    out = {name: float(any(reasons[i:])) for i, name in enumerate(REACHES)}
    for c in CONCEPTS:
        cs = analysis.get(c)
        ratio = cs.score * sensitivity / cs.concept.threshold if cs.score > 0 else 0.0
        out[f"ratio:{c}"] = math.log1p(ratio)
        out[f"hot:{c}"] = math.log1p(cs.hot)
    # Dark themes together, from the ratios above: the strongest dark passage's, their
    # sum, and their sum with violence and war's (candidates, see the module docstring).
    dark = [out[f"ratio:{c}"] for c in DARK]
    out["dark"] = max(dark)
    out["darksum"] = math.log1p(sum(math.expm1(v) for v in dark))
    heavy = [out[f"ratio:{c}"] for c in ("violence", "war")]
    out["heavy"] = math.log1p(sum(math.expm1(v) for v in (*dark, *heavy)))
    out["nonconsent"] = noncon
    out["words"] = math.log1p(analysis.words / 1000)
    # Sex told as it happens, in plain words the lexicon may miss (rating_acts): distinct
    # wordings per 1000 words, so a novel's one scene weighs less than a vignette's.
    acts = act_count(analysis.texts.values())
    out["acts:sexual"] = math.log1p(acts * 1000 / max(analysis.words, DENSITY_WORDS))
    if densities:
        per = 1000 / max(analysis.words, DENSITY_WORDS)
        for c in DENSE:
            found = analysis.get(c).found
            out[f"dense:{c}"] = math.log1p(sum(f.weight for f in found) * per)
            # Strong terms shown on the page (not told as backstory, negated or wished).
            page = [f for f in found if f.context == ON_PAGE and f.base >= STRONG]
            out[f"page:{c}"] = math.log1p(sum(f.weight for f in page) * per)
            out[f"terms:{c}"] = math.log1p(len({f.term for f in page}))
        # The weight of every dark-theme hit per 1000 words, told on the page or after
        # the fact (grief, a death or a torture recalled): how much of the text dwells there.
        weight = sum(f.weight for c in DARK for f in analysis.get(c).found)
        out["dense:dark"] = math.log1p(weight * per)
    return out


@dataclass(frozen=True)
class TagLeans:
    """The levels stated tags lean to (``fandex/vocab/rating_tags.toml``): per folded
    whole tag, per phrase found inside a tag, per archive warning (0 General ... 3
    Explicit)."""

    tags: dict[str, int]
    phrases: dict[str, int]
    warnings: dict[str, int]
    # The phrases as one scan, longest first, each a run of whole words.
    scan: re.Pattern[str] = field(repr=False)
    # A tag saying its content is not on the page ("Sex Referred To", "Past Sexual
    # Content"): the words that say so, as one scan, and the highest level such a tag
    # leans to. None: no such rule.
    referred: re.Pattern[str] | None = field(default=None, repr=False)
    referred_cap: int = 3
    # A tag opening with one of these words denies its content ("No Kissing"): it leans
    # General, whatever it names.
    negations: tuple[str, ...] = ()

    def level(self, tag: str) -> int | None:
        """The level an Additional Tag leans to: that of its longest entry (a whole-tag
        entry, else the longest phrase inside it), capped where the tag says its content
        is referred to rather than shown, General where it opens with a negation; None
        when no entry matches.

        >>> leans().level("Implied Sexual Content"), leans().level("Fluff and Smut")
        (2, 3)
        """
        folded = _fold(tag)
        found = [(len(folded), self.tags[folded])] if folded in self.tags else []
        found += [(len(m[0]), self.phrases[m[0]]) for m in self.scan.finditer(folded)]
        if not found:
            return None
        if folded.split(" ", 1)[0] in self.negations:
            return 0
        lean = max(found)[1]
        if self.referred is not None and self.referred.search(folded):
            return min(lean, self.referred_cap)
        return lean


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


def parse_leans(data: dict[str, Any]) -> TagLeans:
    """The leans of parsed ``rating_tags.toml`` data; an unknown level is a ConfigError."""
    names = {"general": 0, "teen": 1, "mature": 2, "explicit": 3}
    unknown = [k for k in data if k not in (*names, "warnings", "qualifiers")]
    unknown += [k for k in data.get("warnings", {}) if k not in names]
    if unknown:
        raise ConfigError(f"{TAGS_FILE}: unknown levels {unknown}")
    tags = {_fold(t): names[k] for k in names for t in data.get(k, {}).get("tags", [])}
    phrases = {_fold(t): names[k] for k in names for t in data.get(k, {}).get("phrases", [])}
    warnings = {_fold(w): names[k] for k, ws in data.get("warnings", {}).items() for w in ws}
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    scan = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)" if phrases else r"(?!)")
    qualifiers = data.get("qualifiers", {})
    words = sorted((_fold(w) for w in qualifiers.get("referred", [])), key=len, reverse=True)
    referred = (
        re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)") if words else None
    )
    cap = qualifiers.get("referred_cap", "explicit")
    if cap not in names:
        raise ConfigError(f"{TAGS_FILE}: unknown level {cap!r} for referred_cap")
    negations = tuple(_fold(w) for w in qualifiers.get("negations", []))
    return TagLeans(tags, phrases, warnings, scan, referred, names[cap], negations)


@cache
def leans() -> TagLeans:
    """The shipped leans, loaded once per process."""
    return parse_leans(load_toml(TAGS_FILE))


def stated_values(tags: Iterable[Tag], table: TagLeans | None = None) -> dict[str, float]:
    """What the author's own tags say of the rating (``STATED_INPUTS``): the highest
    level any stated (or user) Additional Tag or archive warning leans to, as 0/1
    features (``STATED``: at least Teen, Mature, Explicit; General when its tags lean
    only there), which of the archive warnings of ``WARNED`` are stated (0/1 each), and
    how many of them lean to Teen or higher and to Mature or higher (``COUNTED``:
    log(1 + count); an author who names more of a level's content rates above it more
    often).
    The rating itself is not read: these are for a work whose header states other tags
    but none."""
    table = table or leans()
    levels: list[int] = []
    warned = dict.fromkeys(WARNED.values(), 0.0)
    for t in tags:
        if t.source not in ("stated", "user") or t.attrs.get("rejected"):
            continue
        if t.type == "freeform":
            lean = table.level(t.name)
        elif t.type == "warning":
            lean = table.warnings.get(_fold(t.name))
            name = canonical_warning(t.name)
            if name in WARNED:
                warned[WARNED[name]] = 1.0
        else:
            continue
        if lean is not None:
            levels.append(lean)
    top = max(levels, default=-1)
    levels_of = {name: float(top == 0 if i == 0 else top >= i) for i, name in enumerate(STATED)}
    counts = {name: math.log1p(sum(v >= i for v in levels)) for i, name in enumerate(COUNTED, 1)}
    return {**levels_of, **warned, **counts}


def ordinal_probabilities(z: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """P(each level) for scores ``z`` (shape (n,)) and increasing ``cuts`` (shape (k-1,)):
    shape (n, k), rows summing to one."""
    cum = 1.0 / (1.0 + np.exp(-(cuts[None, :] - z[:, None])))
    ones = np.ones((len(z), 1))
    return np.diff(np.hstack([np.zeros((len(z), 1)), cum, ones]), axis=1)


def threshold_probabilities(z: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """P(each level) for one score per threshold, ``z`` (shape (n, k-1): the score for
    "at least level 1", "at least level 2", ...) and its cuts (shape (k-1,)): P(at least
    level j) = sigmoid(z[:, j-1] - cuts[j-1]), made non-increasing in j (a higher
    threshold is never likelier than a lower one); shape (n, k), rows summing to one."""
    above = np.minimum.accumulate(1.0 / (1.0 + np.exp(cuts[None, :] - z)), axis=1)
    ones, zeros = np.ones((len(z), 1)), np.zeros((len(z), 1))
    return -np.diff(np.hstack([ones, above, zeros]), axis=1)


@dataclass(frozen=True)
class RatingModel:
    """The frozen model: text feature names, a weight each, clip range, three cuts; the
    weights of the stated tags' lean (``STATED``), added to the text's score, with cuts
    of their own for a work whose tags lean somewhere (none: the text alone); and the
    maps of the guess's probability to its confidence, one for a guess from the text
    alone (``calibration``: a, b of sigmoid(a + b logit p); (0, 1) leaves it as it is)
    and one for a guess the stated tags lean (``stated_calibration``; None: the same
    map): what the guess rests on changes how often it is right.

    ``form`` ``THRESHOLDS``: ``weights`` has one row per threshold (at least Teen, at
    least Mature, Explicit; shape (3, features)) and P(at least level j) =
    sigmoid(weights[j-1] . x - cuts[j-1]) (made non-increasing in j), so a feature may
    lift a text to Explicit and not to Teen; a work whose tags lean is read by a model
    of its own, fitted on text and lean together: ``lean_weights`` (its text weights,
    (3, features)), ``stated_weights`` ((3, stated)) and ``stated_cuts``."""

    features: tuple[str, ...]
    weights: np.ndarray
    cuts: np.ndarray
    low: np.ndarray
    high: np.ndarray
    stated: tuple[str, ...] = ()
    stated_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))
    stated_cuts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    calibration: tuple[float, ...] = (0.0, 1.0)
    stated_calibration: tuple[float, ...] | None = None
    form: str = ORDINAL
    lean_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def score(self, x: np.ndarray) -> np.ndarray:
        """The text's score of each row of ``x`` (its columns: ``features``), each feature
        clipped to the range seen in training."""
        return np.asarray(np.clip(x, self.low, self.high) @ self.weights)

    def batch(self, x: np.ndarray, s: np.ndarray | None = None) -> np.ndarray:
        """P(each level) for each row of ``x`` (its columns: ``features``) and of ``s``
        (its columns: ``stated``; None: no stated tags): shape (rows, levels)."""
        if self.form == THRESHOLDS:
            return self._threshold_batch(x, s)
        z = self.score(x)
        p = ordinal_probabilities(z, self.cuts)
        if s is not None and len(self.stated):
            lean = s.any(axis=1)
            if lean.any():
                cuts = self.stated_cuts if len(self.stated_cuts) else self.cuts
                p[lean] = ordinal_probabilities(z[lean] + s[lean] @ self.stated_weights, cuts)
        return p

    def _threshold_batch(self, x: np.ndarray, s: np.ndarray | None) -> np.ndarray:
        xc = np.clip(x, self.low, self.high)
        p = threshold_probabilities(xc @ self.weights.T, self.cuts)
        if s is not None and len(self.stated):
            lean = s.any(axis=1)
            if lean.any():
                z = xc[lean] @ self.lean_weights.T + s[lean] @ self.stated_weights.T
                p[lean] = threshold_probabilities(z, self.stated_cuts)
        return p

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        """The probability of each rating (summing to one), lowest first (as
        :meth:`batch`; a stated feature missing from ``values`` is 0; a handful of
        numbers per work: plain floats are faster here)."""
        if self.form == THRESHOLDS:
            return self._threshold_probabilities(values)
        z = 0.0
        for f, w, lo, hi in zip(self.features, self.weights, self.low, self.high, strict=True):
            z += float(w) * min(max(values[f], float(lo)), float(hi))
        cuts = self.cuts
        lean = [values.get(f, 0.0) for f in self.stated]
        if any(lean):
            z += sum(float(w) * v for w, v in zip(self.stated_weights, lean, strict=True))
            if len(self.stated_cuts):
                cuts = self.stated_cuts
        cum = [0.0, *(1.0 / (1.0 + math.exp(z - float(c))) for c in cuts), 1.0]
        return {name: cum[i + 1] - cum[i] for i, name in enumerate(LEVELS)}

    def _threshold_probabilities(self, values: dict[str, float]) -> dict[str, float]:
        x = [
            min(max(values[f], float(lo)), float(hi))
            for f, lo, hi in zip(self.features, self.low, self.high, strict=True)
        ]
        lean = [values.get(f, 0.0) for f in self.stated]
        rows: Iterable[tuple[Any, ...]]
        if any(lean):
            rows = zip(self.lean_weights, self.stated_weights, self.stated_cuts, strict=True)
        else:
            rows = ((w, (), c) for w, c in zip(self.weights, self.cuts, strict=True))
        above, last = [1.0], 1.0
        for w, v, c in rows:
            z = sum(float(a) * b for a, b in zip(w, x, strict=True))
            z += sum(float(a) * b for a, b in zip(v, lean, strict=False))
            last = min(last, 1.0 / (1.0 + math.exp(float(c) - z)))
            above.append(last)
        above.append(0.0)
        return {name: above[i] - above[i + 1] for i, name in enumerate(LEVELS)}

    @property
    def densities(self) -> bool:
        """Whether the model reads a density feature (``dense:``, ``page:``, ``terms:``)."""
        return any(f.split(":")[0] in ("dense", "page", "terms") for f in self.features)

    def leans(self, values: dict[str, float]) -> bool:
        """Whether the stated tags of ``values`` lean the guess (any stated feature set)."""
        return any(values.get(f, 0.0) for f in self.stated)

    def confidence(
        self, p: float, lean: bool = False, words: float = 0.0, general: bool = False
    ) -> float:
        """The confidence shown for a guess of probability ``p`` (the calibration map of
        a guess from the text alone, or, ``lean``, of one the stated tags lean). A map of
        three numbers also reads the text's length ``words`` (the ``words`` feature,
        log(1 + words / 1000), clipped to the range the model was fitted on): held out,
        a longer text's guess is right less often at the same probability (more passages
        in which to meet a bar its author did not rate by, or to hide what they did). A
        fourth number is an offset for a guess whose stated tags lean ``general`` only
        ("Fluff", "Friendship"): writers differ most in how far they rate by those."""
        a, b, *more = (
            self.stated_calibration if lean and self.stated_calibration else self.calibration
        )
        if (a, b) == (0.0, 1.0) and not any(more):
            return p
        z = a + b * logit(p, eps=1e-6)
        if more:
            z += more[0] * self.clip_words(words)
        if len(more) > 1 and general:
            z += more[1]
        return sigmoid(z)

    def clip_words(self, words: float) -> float:
        """The length feature clipped to the range the model was fitted on (as is)."""
        if "words" not in self.features:
            return words
        i = self.features.index("words")
        return min(max(words, float(self.low[i])), float(self.high[i]))


def parse_model(data: dict[str, Any]) -> RatingModel:
    """The model from parsed ``rating_model.toml`` data; a bad file is a ConfigError."""
    form = str(data.get("form", ORDINAL))
    if form == THRESHOLDS:
        return _parse_thresholds(data)
    if form != ORDINAL:
        raise ConfigError(f"{MODEL_FILE}: unknown form {form!r} (ordinal or thresholds)")
    names = tuple(str(f) for f in data["features"])
    unknown = [f for f in names if f not in KNOWN]
    if unknown:
        raise ConfigError(f"{MODEL_FILE}: unknown features {unknown}")
    arrays = {k: np.array([float(v) for v in data[k]]) for k in ("weights", "low", "high")}
    if any(a.shape != (len(names),) for a in arrays.values()):
        raise ConfigError(f"{MODEL_FILE}: weights, low and high need one value per feature")
    cuts = np.array([float(c) for c in data["cuts"]])
    if cuts.shape != (len(LEVELS) - 1,) or not bool(np.all(np.diff(cuts) > 0)):
        raise ConfigError(f"{MODEL_FILE}: cuts must be {len(LEVELS) - 1} increasing numbers")
    stated = tuple(str(f) for f in data.get("stated_features", []))
    stated_weights = np.array([float(w) for w in data.get("stated_weights", [])])
    if [f for f in stated if f not in STATED_INPUTS] or stated_weights.shape != (len(stated),):
        raise ConfigError(
            f"{MODEL_FILE}: stated_features must be among {list(STATED_INPUTS)}, one weight each"
        )
    stated_cuts = np.array([float(c) for c in data.get("stated_cuts", [])])
    if len(stated_cuts) and (
        stated_cuts.shape != cuts.shape or not bool(np.all(np.diff(stated_cuts) > 0))
    ):
        raise ConfigError(f"{MODEL_FILE}: stated_cuts must be {len(cuts)} increasing numbers")
    text_map, stated_map = _maps(data)
    return RatingModel(
        names,
        arrays["weights"],
        cuts,
        arrays["low"],
        arrays["high"],
        stated,
        stated_weights,
        stated_cuts,
        text_map,
        stated_map,
    )


def _maps(data: dict[str, Any]) -> tuple[tuple[float, ...], tuple[float, ...] | None]:
    """The text-alone map and the stated tags' map (None: not in the file)."""
    maps = [data.get("calibration", [0.0, 1.0]), data.get("stated_calibration", [0.0, 1.0])]
    if any(len(m) not in (2, 3, 4) or float(m[1]) <= 0 for m in maps):
        raise ConfigError(
            f"{MODEL_FILE}: a calibration map is a, b (and the length's weight c, and the"
            " General lean's offset d) with a positive slope b"
        )
    text_map = tuple(float(v) for v in maps[0])
    stated_map = tuple(float(v) for v in maps[1]) if "stated_calibration" in data else None
    return text_map, stated_map


def _matrix(data: dict[str, Any], key: str, columns: int) -> np.ndarray:
    """A (thresholds, columns) matrix of the data file; the wrong shape is a ConfigError."""
    k = len(LEVELS) - 1
    bad = ConfigError(f"{MODEL_FILE}: {key} must be {k} rows of {columns} numbers")
    try:
        m = np.array([[float(v) for v in row] for row in data.get(key, [])], dtype=float)
    except (TypeError, ValueError):
        raise bad from None
    if m.shape != (k, columns):
        raise bad
    return m


def _parse_thresholds(data: dict[str, Any]) -> RatingModel:
    """A model of the thresholds form (see :class:`RatingModel`)."""
    names = tuple(str(f) for f in data["features"])
    stated = tuple(str(f) for f in data.get("stated_features", []))
    unknown = [f for f in names if f not in KNOWN] + [f for f in stated if f not in STATED_INPUTS]
    if unknown:
        raise ConfigError(f"{MODEL_FILE}: unknown features {unknown}")
    k = len(LEVELS) - 1
    bounds = {key: np.array([float(v) for v in data[key]]) for key in ("low", "high")}
    if any(a.shape != (len(names),) for a in bounds.values()):
        raise ConfigError(f"{MODEL_FILE}: low and high need one value per feature")
    cuts = {key: np.array([float(v) for v in data.get(key, [])]) for key in ("cuts", "stated_cuts")}
    if cuts["cuts"].shape != (k,) or (stated and cuts["stated_cuts"].shape != (k,)):
        raise ConfigError(f"{MODEL_FILE}: cuts and stated_cuts must be {k} numbers each")
    text_map, stated_map = _maps(data)
    return RatingModel(
        names,
        _matrix(data, "weights", len(names)),
        cuts["cuts"],
        bounds["low"],
        bounds["high"],
        stated,
        _matrix(data, "stated_weights", len(stated)) if stated else np.zeros((k, 0)),
        cuts["stated_cuts"] if stated else np.zeros(0),
        text_map,
        stated_map,
        THRESHOLDS,
        _matrix(data, "lean_weights", len(names)) if stated else np.zeros((k, len(names))),
    )


def load_model(name: str = MODEL_FILE) -> RatingModel:
    """The model of the data file ``fandex/vocab/<name>``; a missing or broken file is
    one clear :class:`ConfigError`."""
    try:
        return load_fitted(name, parse_model)
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read the rating model ({exc.strerror})") from None


@cache
def default_model() -> RatingModel:
    """The shipped model, loaded once per process."""
    return load_model()
