"""Calibration maps: from a tagger's raw confidence to a probability that the tag is right.

A tagger's own confidence formula ranks its guesses but need not be a probability. Where
labelled works show it is not (``bench/eval_calibration.py`` prints the reliability
tables), a small logistic map over named features of the guess turns it into one. The
maps are data, ``fandex/vocab/calibration.toml``, written by
``bench/eval_calibration.py --write`` and applied here with numpy; a tag type without a
map keeps its raw confidence. A type whose raw confidence misses the target and for
which no map could be fitted that meets it has a *cap* instead: its confidence is never
shown above the share of its guesses measured right (``[caps]``; :func:`uncalibrated`).

A type whose raw confidence does not rank its guesses (an archive warning: held out, a
map over it does no better than a constant) may have *shares* instead
(``[shares.TYPE]``): the probability of a guess is the share of the type's labelled
guesses *of the same name* that were right ("Major Character Death", "Rape/Non-Con"),
shrunk towards the share of its other guesses (a Beta posterior; with no other guesses,
towards one half: the rule of succession, (right + 1) / (n + 2)), so a name never seen
wrong is still not certain. ``"*"`` is the share for a name not seen
(:func:`calibrated_named`).

Features a map may use:

- ``raw``: the logit of the raw confidence;
- ``share``: log of the character's mentions over the most-mentioned character's, so
  the story's leads are told from the people it only passes by (an author tags the
  former; the labelled works show that mention counts alone do not);
- ``density``: log of the character's mentions per thousand words of the text (how
  much of the text is about it, whatever its length: a lead named twice in an
  excerpt, or a side character of a long novel with a large cast, is not what the
  share of the most-mentioned one makes it);
- ``unknown``: 1 for a name found by proper-name extraction in a fandom no pack knows
  (less sure to be a person than a pack's character), else 0;
- ``pair_share``: log of the lesser ``share`` of a relationship's two people (a couple
  the story is about is made of its leads; a pair of passers-by seldom is);
- ``cues``: log of a relationship's romance evidence (sentences with a romantic cue,
  weighted as the relationship tagger weighs them);
- ``named``: log of one plus the number of those sentences that name both (all) of
  its people;
- ``dominance``: log of the share of its people's romance evidence that is with each
  other (1 for a couple who kiss no one else; low for a pair of people each mostly
  seen with someone else);
- ``spread``: the share of the text's tenths its evidence is found in;
- ``words``: log of the text's length in thousands of words (a short text shows less,
  so what it shows says less about the whole work);
- ``rank``: log of a character's rank by mentions among the work's characters (1: the
  most mentioned);
- ``summary``: 1 when the work's summary names the character, -1 when the work has a
  summary that does not, 0 without one (an author says in the summary who the story is
  about; :mod:`fandex.tag.characters_prominence`).

>>> round(calibrated("no such type", 0.7), 2)
0.7
>>> parse_shares({"shares": {"warning": {"*": 0.8, "Rape/Non-Con": 0.9}}})["warning"]["*"]
0.8

(The rating is not calibrated here: its model, :mod:`fandex.tag.rating_model`, gives a
probability already.)
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import numpy as np

from fandex.errors import ConfigError
from fandex.vocab.ao3 import load_toml

T = TypeVar("T")

MAP_FILE = "calibration.toml"
_EPS = 1e-3


def logit(p: float, eps: float = _EPS) -> float:
    """log(p / (1 - p)), with ``p`` kept ``eps`` away from 0 and 1."""
    p = min(max(p, eps), 1 - eps)
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z): a logit back to a probability."""
    return 1.0 / (1.0 + math.exp(-z))


def _log(key: str, default: float, scale: float = 1.0) -> Callable[[dict[str, float]], float]:
    return lambda values: math.log(max(values.get(key, default) / scale, _EPS))


# Feature name -> its value from the guess's named values (see the module docstring).
_FEATURES: dict[str, Callable[[dict[str, float]], float]] = {
    "share": _log("share", 1.0),
    "density": _log("density", 10.0),
    "unknown": lambda values: 1.0 if values.get("unknown") else 0.0,
    "pair_share": _log("pair_share", 1.0),
    "cues": _log("cues", 1.0),
    "named": lambda values: math.log1p(max(values.get("named", 1.0), 0.0)),
    "dominance": _log("dominance", 1.0),
    "spread": lambda values: values.get("spread", 0.1),
    "words": _log("words", 1000.0, 1000.0),
    "rank": _log("rank", 1.0),
    "summary": lambda values: values.get("summary", 0.0),
}


def feature(name: str, raw: float, values: dict[str, float]) -> float:
    """The value of one named feature of a guess."""
    if name == "raw":
        return logit(raw)
    found = _FEATURES.get(name)
    if found is None:
        raise ConfigError(f"{MAP_FILE}: unknown feature {name!r}")
    return found(values)


@dataclass(frozen=True)
class CalibrationMap:
    """One tag type's map: sigmoid(weights . features + bias), plus the raw confidence's
    logit when ``offset_raw`` (a map fitted as a correction of the raw confidence)."""

    type: str
    features: tuple[str, ...]
    weights: np.ndarray
    bias: float
    offset_raw: bool = False

    def __call__(self, raw: float, **values: float) -> float:
        # A handful of numbers per tag: plain floats are faster here than arrays.
        z = self.bias + (logit(raw) if self.offset_raw else 0.0)
        z += sum(
            float(w) * feature(f, raw, values)
            for w, f in zip(self.weights, self.features, strict=True)
        )
        return sigmoid(z)


def parse_maps(data: dict[str, Any]) -> dict[str, CalibrationMap]:
    """Build the maps from parsed ``calibration.toml`` data (tag type -> map)."""
    out: dict[str, CalibrationMap] = {}
    for type_, table in data.get("maps", {}).items():
        names = tuple(str(f) for f in table["features"])
        weights = np.array([float(w) for w in table["weights"]])
        if weights.shape != (len(names),):
            raise ConfigError(f"{MAP_FILE}: map {type_!r} needs one weight per feature")
        for name in names:
            feature(name, 0.5, {})  # an unknown feature fails at load, not mid-import
        offset = bool(table.get("offset_raw", False))
        out[type_] = CalibrationMap(type_, names, weights, float(table["bias"]), offset)
    return out


def load_fitted(name: str, parse: Callable[[dict[str, Any]], T]) -> T:
    """``parse`` applied to the fitted-model file ``fandex/vocab/<name>``; a broken file
    is one clear :class:`ConfigError`, not a traceback."""
    try:
        return parse(load_toml(name))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{name}: {exc}") from None


def parse_caps(data: dict[str, Any]) -> dict[str, float]:
    """The caps of the types no map calibrates (``[caps]`` of ``calibration.toml``):
    tag type -> the share of its guesses measured right."""
    out: dict[str, float] = {}
    for type_, cap in data.get("caps", {}).items():
        value = float(cap)
        if not 0.0 < value <= 1.0:
            raise ConfigError(f"{MAP_FILE}: cap {type_!r} must be in (0, 1]")
        out[type_] = value
    return out


def parse_shares(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The shares of the types calibrated by name (``[shares.TYPE]`` of
    ``calibration.toml``): tag type -> guess name (``"*"``: any other) -> probability."""
    out: dict[str, dict[str, float]] = {}
    for type_, table in data.get("shares", {}).items():
        shares = {str(name): float(p) for name, p in table.items()}
        if "*" not in shares:
            raise ConfigError(f'{MAP_FILE}: shares {type_!r} need a "*" share')
        if not all(0.0 < p < 1.0 for p in shares.values()):
            raise ConfigError(f"{MAP_FILE}: shares {type_!r} must be in (0, 1)")
        out[type_] = shares
    return out


@cache
def default_maps() -> dict[str, CalibrationMap]:
    """The shipped maps, loaded once per process."""
    return load_fitted(MAP_FILE, parse_maps)


@cache
def default_caps() -> dict[str, float]:
    """The shipped caps, loaded once per process."""
    return load_fitted(MAP_FILE, parse_caps)


@cache
def default_shares() -> dict[str, dict[str, float]]:
    """The shipped shares, loaded once per process."""
    return load_fitted(MAP_FILE, parse_shares)


def uncalibrated(type_: str) -> bool:
    """Whether the confidence of ``type_`` (a map key: a tag type, or ``warning_none``
    for No Archive Warnings Apply) is capped rather than calibrated: the labelled works
    could fit no map for it that meets the target."""
    return type_ in default_caps()


def calibrated(type_: str, raw: float, **values: float) -> float:
    """``raw`` mapped through the shipped map of ``type_`` (unchanged without one), and
    never above the type's cap: a confidence no map could calibrate is not shown above
    the share of such guesses measured right."""
    found = default_maps().get(type_)
    p = raw if found is None else found(raw, **values)
    cap = default_caps().get(type_)
    return p if cap is None else min(p, cap)


def calibrated_named(type_: str, name: str, raw: float, **values: float) -> float:
    """The probability that a guess of ``type_`` named ``name`` is right: its shipped
    share where the type is calibrated by name, else :func:`calibrated`."""
    shares = default_shares().get(type_)
    if shares is not None:
        return shares.get(name, shares["*"])
    return calibrated(type_, raw, **values)
