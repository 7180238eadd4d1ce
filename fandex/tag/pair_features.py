"""What the learned pair model (:mod:`fandex.tag.pair_model`, fitted and scored by
``bench/train_pair_model.py``) reads of two characters: numbers the relationship
readings already give, per pair of the story's leads.

The hand rules of :mod:`fandex.tag.relationships` ask for cue sentences naming both
people; the couples and friends they miss are told otherwise: two leads always together
on the page, talking, with no friendship word ("best friends") said, or a couple shown
only in domestic detail. So besides the romance and friendship evidence per pair
(:class:`fandex.tag.romance.PairScore`), a pair is read by how much of the story is
theirs (each one's share of the mentions, the story of two), how often the text names
them in one sentence and in one paragraph, in paragraphs of dialogue, whether they are
kin, their genders, how the story is told, and its length. Every value is a plain
number; the model weighs them. The relationship tagger reads only the two leads of a
story of two (:mod:`fandex.tag.relationship_learned`); the bench reads every pair of
the first four.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from fandex.model import Work
from fandex.tag.friendship import cue_spans
from fandex.tag.kin_address import calls_kin, owns_kin
from fandex.tag.kinship import shared_family_name, stated_kin
from fandex.tag.lowered import lowered
from fandex.tag.narration import narrated_by_pronoun
from fandex.tag.romance import PairScore, Romance
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_scan import cues, padded
from fandex.tag.story_people import THIRD_RATIO, genders, two_leads
from fandex.tag.wordfind import split_count
from fandex.vocab.ao3 import load_toml

# How many of the story's most named characters a pair may be drawn from: the stated
# relationships of the works written for calibration join two of the first four.
TOP = 4
# A character named less than this share of the lead's mentions is in no pair read here.
MIN_SHARE = 0.1
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*\S)")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*\s+")
_QUOTE = re.compile(r"[\"“”]")


@dataclass
class Together:
    """How often the text names two people in one sentence and in one paragraph."""

    sentences: int = 0
    paragraphs: int = 0
    dialogue: int = 0  # paragraphs naming both that hold a line of dialogue
    either_paragraphs: int = 0  # paragraphs naming at least one of them
    per_person: dict[str, int] = field(default_factory=dict)


@dataclass
class Story:
    """What the whole text holds, per thousand words: romance cues (strong, and weak:
    an embrace, a hand held), friendship cues and kin words, wherever they are and
    whoever they name (a quiet couple's cues often name neither)."""

    strong: float = 0.0
    weak: float = 0.0
    friendly: float = 0.0
    kin: float = 0.0
    words: dict[str, float] = field(default_factory=dict)  # per group of WORDS


# The word groups counted per story (fandex/vocab/pair_words.toml).
WORDS: dict[str, list[str]] = {k: list(v) for k, v in load_toml("pair_words.toml").items()}


def word_uses(low: str, word: str) -> int:
    """How often ``word`` stands whole in the lower-cased text ``low`` (str.find runs in
    C: one pass a word is faster than one regular expression of every word).

    >>> word_uses("mate, my mate's matey", "mate")
    2
    """
    n, at = 0, low.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
            n += 1
        at = low.find(word, end)
    return n


def story_counts(work: Work, romance: Romance, words: int) -> Story:
    """The :class:`Story` of ``work`` (``romance``: its romance reading, whose scans and
    kin words are reused)."""
    out = Story()
    for ch in work.chapters:
        scan = romance.scans.get(ch.index) or padded(ch.text)
        for _s, _e, strong in cues(ch.text, scan):
            if strong:
                out.strong += 1
            else:
                out.weak += 1
        out.friendly += len(cue_spans(ch.text, scan))
        out.kin += len(romance.kin.get(ch.index, []))
        low = lowered(ch.text)  # the lowering the other taggers keep
        for k, group in WORDS.items():
            out.words[k] = out.words.get(k, 0.0) + sum(word_uses(low, w) for w in group)
    per = 1000.0 / max(words, 500)
    return Story(
        out.strong * per,
        out.weak * per,
        out.friendly * per,
        out.kin * per,
        {k: out.words.get(k, 0.0) * per for k in WORDS},
    )


def leads(shares: dict[str, float]) -> list[str]:
    """The story's most named characters a pair may be drawn from, most named first."""
    order = sorted(shares, key=lambda n: (-shares[n], n))
    return [n for n in order[:TOP] if shares[n] >= MIN_SHARE]


def candidate_pairs(shares: dict[str, float]) -> list[tuple[str, str]]:
    """Every two of :func:`leads`, each pair sorted by name."""
    top = leads(shares)
    return [(min(a, b), max(a, b)) for i, a in enumerate(top) for b in top[i + 1 :]]


def together(work: Work, names: Iterable[str]) -> dict[frozenset[str], Together]:
    """For every two of ``names``: the sentences and paragraphs that name both."""
    wanted = set(names)
    out: dict[frozenset[str], Together] = {}
    named_in: dict[str, int] = dict.fromkeys(wanted, 0)
    for ch, pos in _positions(work, wanted):
        text = ch
        starts = [p[0] for p in pos]
        for lo, hi in _lines_named(text, starts):
            here = {n for _s, _e, n in pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]}
            for n in here:
                named_in[n] += 1
            if len(here) < 2:
                continue
            talk = bool(_QUOTE.search(text, lo, hi))
            for pair in _twos(here):
                t = out.setdefault(pair, Together())
                t.paragraphs += 1
                t.dialogue += talk
            for s_lo, s_hi in _spans(text[lo:hi], _SENTENCE_END):
                a, b = lo + s_lo, lo + s_hi
                inside = {
                    n for _s, _e, n in pos[bisect_left(starts, a) : bisect_right(starts, b - 1)]
                }
                for pair in _twos(inside):
                    out.setdefault(pair, Together()).sentences += 1
    for pair, t in out.items():
        t.per_person = {n: named_in[n] for n in pair}
    return out


def _lines_named(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` (its lines: a paragraph is what ``_PARAGRAPH`` parts,
    every line break) that hold one of ``starts`` (sorted), each once: read around the
    names, not by splitting the whole text."""
    out: list[tuple[int, int]] = []
    for s in starts:
        if out and s < out[-1][1]:
            continue
        hi = text.find("\n", s)
        out.append((text.rfind("\n", 0, s) + 1, len(text) if hi < 0 else hi))
    return out


def _positions(work: Work, wanted: set[str]) -> Iterable[tuple[str, list[tuple[int, int, str]]]]:
    positions = character_positions(work)
    for ch in work.chapters:
        pos = [p for p in positions.get(ch.index, []) if p[2] in wanted]
        if pos:
            yield ch.text, pos


def _spans(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of ``text`` between matches of ``sep``."""
    out, at = [], 0
    for m in sep.finditer(text):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < len(text):
        out.append((at, len(text)))
    return out


def _twos(names: set[str]) -> list[frozenset[str]]:
    ordered = sorted(names)
    return [frozenset((a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _log(x: float) -> float:
    return math.log1p(max(0.0, x))


def pair_values(
    pair: tuple[str, str],
    romance: Romance,
    shares: dict[str, float],
    told: dict[tuple[str, str], PairScore],
    near: Together | None,
    kin: bool,
    gender: dict[str, str],
    first_person: bool,
    words: int,
    story: Story,
) -> dict[str, float]:
    """The features of ``pair`` (see the module), by name."""
    a, b = pair
    ps = romance.pairs.get(pair, PairScore())
    fr = told.get(pair, PairScore())
    lo, hi = sorted((shares.get(a, 0.0), shares.get(b, 0.0)))
    others = sorted((v for n, v in shares.items() if n not in pair), reverse=True)
    third = others[0] if others else 0.0
    # Romance either of them has with someone else: the cue sentences may be theirs.
    rival = max(
        (q.score for p, q in romance.pairs.items() if p != pair and set(p) & set(pair)),
        default=0.0,
    )
    t = near or Together()
    either = max(1, sum(t.per_person.values()) - t.paragraphs)
    ga, gb = gender.get(a, "U"), gender.get(b, "U")
    known = {ga, gb} <= {"M", "F"}
    return {
        "share_lo": lo,
        "share_hi": hi,
        "third": min(2.0, third / max(lo, 1e-9)),
        "two_leads": float(two_leads(pair, shares, THIRD_RATIO)),
        "top_two": float(not others or third < lo),
        "rom_score": _log(ps.score),
        "rom_sentences": _log(ps.sentences),
        "rom_named": _log(ps.named),
        "rom_strong": _log(ps.strong),
        "rom_romantic": _log(ps.romantic),
        "rom_past": ps.past / max(ps.score, 1e-9) if ps.score else 0.0,
        "rom_spread": len(ps.parts) / 10,
        "rival": _log(rival),
        "friend_score": _log(fr.score),
        "friend_named": _log(fr.named),
        "kin": float(kin),
        "sentences": _log(t.sentences),
        "paragraphs": _log(t.paragraphs),
        "dialogue": _log(t.dialogue),
        "para_share": t.paragraphs / either,
        "mixed": float(known and ga != gb),
        "same": float(known and ga == gb),
        "first_person": float(first_person),
        "words": math.log10(max(words, 100)),
        "story_strong": _log(story.strong),
        "story_weak": _log(story.weak),
        "story_friendly": _log(story.friendly),
        "story_kin": _log(story.kin),
        **{f"words_{k}": _log(story.words.get(k, 0.0)) for k in WORDS},
    }


def pair_rows(
    work: Work,
    romance: Romance,
    shares: dict[str, float],
    told: dict[tuple[str, str], PairScore],
    relatives: Callable[[str, str], bool],
    keep: Callable[[tuple[str, str]], bool] | None = None,
    words: int | None = None,
) -> dict[tuple[str, str], dict[str, float]]:
    """The features of every two of the story's leads (:func:`candidate_pairs`; with
    ``keep``, only those it keeps), kin read as the rules read it: ``relatives`` (a pack's
    family, a shared family name), kin the text states, or one calls the other by a kin
    word or owns a relative named beside the other. ``words``: the text's word count, where
    the caller has it already (:func:`fandex.tag.wordfind.split_count` over the chapters)."""
    pairs = candidate_pairs(shares)
    every = sorted({p for pair in pairs for p in pair})
    if keep is not None:
        pairs = [p for p in pairs if keep(p)]
    if not pairs:
        return {}
    gender = genders(work)
    # (Kin is read among all the leads, as the model was fitted: a narrator may be any.)
    stated = stated_kin(work, gender, every, romance.kin or None)
    family = shared_family_name(work, pairs)
    near = together(work, sorted({p for pair in pairs for p in pair}))
    first = narrated_by_pronoun(work)
    if words is None:
        words = max(1, sum(split_count(ch.text) for ch in work.chapters))
    story = story_counts(work, romance, words)
    out = {}
    for pair in pairs:
        key = frozenset(pair)
        kin = (
            relatives(*pair)
            or key in stated
            or key in family
            or calls_kin(work, pair)
            or owns_kin(work, pair)
        )
        out[pair] = pair_values(
            pair, romance, shares, told, near.get(key), kin, gender, first, words, story
        )
    return out
