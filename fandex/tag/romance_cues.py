"""The romance cues the relationship tagger reads (:mod:`fandex.tag.romance` scans for
them and counts their sentences): lower-case phrases of three kinds, listed with their
weights in ``fandex/vocab/romance_cues.toml``. Strong cues are about the two people
themselves as a couple; weak ones (intimate: "naked", "in bed together") and affection
(what friends and relatives give as well: a hug, "love you", a hand held) count half; a
pair whose every cue is affection is no couple."""

from __future__ import annotations

from fandex.tag.romance_people import HAND_VERBS
from fandex.vocab.ao3 import load_toml

_DATA = load_toml("romance_cues.toml")
STRONG_CUES: tuple[str, ...] = tuple(_DATA["cues"]["strong"])
# Hands taken or held in every tense ("took his hand", "takes her hand"; "took Lukas's
# hand" and "in Willow's arms" are found apart, romance_people.possessed_touches).
HAND_CUES: tuple[str, ...] = tuple(
    f"{verb} {whose} hand" for verb in HAND_VERBS for whose in ("his", "her")
)
AFFECTION_CUES: tuple[str, ...] = (*_DATA["cues"]["affection"], *HAND_CUES)
# Every cue that is not strong: intimate ones and affection.
WEAK_CUES: tuple[str, ...] = (*_DATA["cues"]["weak"], *AFFECTION_CUES)
# How much a cue sentence of each kind counts, and whether a kind may make a couple.
WEIGHTS: dict[str, float] = {k: float(v) for k, v in _DATA["weights"].items()}
ROMANTIC: dict[str, bool] = {k: bool(v) for k, v in _DATA["romantic"].items()}
# Where a kiss is a greeting or affection ("on the cheek", "his forehead").
GREETING_KISS_PLACES: tuple[str, ...] = tuple(_DATA["greeting_kiss"]["places"])
# "Moved together" with where to after it is walking: the cues and the words of a path.
MOVED_TOGETHER: tuple[str, ...] = tuple(_DATA["moved_together"]["cues"])
MOVED_PATHS: tuple[str, ...] = tuple(_DATA["moved_together"]["paths"])
# "Partner" after a word of work or a game ("business partner"), or said to someone, is
# no cue (romance_scan.cues).
PARTNER_WORD: str = str(_DATA["partner_word"]["cue"])
PARTNER_NOT_AFTER: frozenset[str] = frozenset(_DATA["partner_word"]["not_after"])
