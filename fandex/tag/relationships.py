"""The relationship tagger: pairings read from on-page romance, with confidence.

A sentence with a romantic or sexual cue ("kissed", "made love", "in love with",
"lover") that names two characters counts for that pair; the two names nearest the
cue are taken when more are present. A pair needs several such sentences before it is
tagged. A cue sentence that speaks of the past ("his former fiancée", "years ago",
"used to") counts apart: a pair seen mostly in the past is tagged with
``attrs["status"] = "past"`` and lower confidence, so the story's own relationship
is never confused with a backstory one. Stated pairings are normalised by the parser
(:func:`fandex.vocab.names.resolve_ship`); this tagger never touches them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.characters import resolve_mentions
from fandex.tag.mentions import quote
from fandex.tag.pipeline import tagger
from fandex.tag.propernames import STOP
from fandex.vocab.packs import relationship_name

NAME = "relationships"

_STRONG = (
    r"kiss(?:ed|es|ing)?|made love|make love|making love|slept with|sleep(?:s|ing)? with|"
    r"(?:had|have|having) sex|in love with|fell in love|lovers?|boyfriend|girlfriend|"
    r"fianc[ée]e?|married|marry|marrying|proposed to|dating|went out with|husband|wife|"
    r"snogg?(?:ed|ing)|made out|making out|lips (?:met|on|against)|holding hands"
)
_WEAK = (
    r"embraced?|caress(?:ed|es|ing)?|cuddl(?:ed|ing|e)|held hands|hand in hand|"
    r"moan(?:ed|s|ing)?|naked|in (?:his|her) arms|in bed together|nuzzl(?:ed|ing)"
)
CUE = re.compile(rf"\b(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))\b", re.I)
PAST = re.compile(
    r"\b(?:former|ex-\w+|ex|used to|years ago|long ago|late (?:wife|husband)|"
    r"widow(?:ed|er)?|back when|before (?:he|she) died|in the past|previous)\b",
    re.I,
)
_BOUNDARY = re.compile(r"[.!?\n]")


@dataclass
class PairScore:
    score: float = 0.0
    past: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


def character_positions(work: Work) -> dict[int, list[tuple[int, int, str]]]:
    """Per chapter, sorted (start, end, character) for the work's tagged characters."""
    tagged = {t.name for t in work.tags_of("character") if not t.attrs.get("rejected")}
    out: dict[int, list[tuple[int, int, str]]] = {}
    found: set[str] = set()
    for name, ms in resolve_mentions(work).items():
        if name in tagged:
            found.add(name)
            for h in ms.hits:
                out.setdefault(h.chapter, []).append((h.start, h.end, name))
    # Characters no pack resolves (unknown fandom, stated extras): find their names.
    forms: dict[str, str] = {}
    for name in sorted(tagged - found):
        for f in {name, *name.split()}:
            if len(f) >= 3 and f not in STOP:
                forms.setdefault(f, name)
    if forms:
        pattern = re.compile(
            r"(?<![\w'’])(?:"
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?![\w’])"
        )
        for ch in work.chapters:
            for m in pattern.finditer(ch.text):
                out.setdefault(ch.index, []).append((m.start(), m.end(), forms[m.group()]))
    for lst in out.values():
        lst.sort()
    return out


def _window(text: str, s: int, e: int) -> tuple[int, int]:
    """The sentence around ``[s, e)``, at most ~250 characters either side."""
    lo = max(0, s - 250)
    cut = [m.end() for m in _BOUNDARY.finditer(text, lo, s)]
    lo = cut[-1] if cut else lo
    m = _BOUNDARY.search(text, e, min(len(text), e + 250))
    hi = m.end() if m else min(len(text), e + 250)
    return lo, hi


def score_pairs(work: Work) -> dict[tuple[str, str], PairScore]:
    """Romance evidence for each pair of tagged characters."""
    positions = character_positions(work)
    pairs: dict[tuple[str, str], PairScore] = {}
    for ch in work.chapters:
        pos = positions.get(ch.index)
        if not pos or len({p[2] for p in pos}) < 2:
            continue
        starts = [p[0] for p in pos]
        text = ch.text
        last_window = (-1, -1)
        for cue in CUE.finditer(text):
            lo, hi = _window(text, cue.start(), cue.end())
            if (lo, hi) == last_window:
                continue  # one sentence counts once, however many cues it has
            last_window = (lo, hi)
            inside = pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
            names: dict[str, int] = {}
            for s, _e, n in inside:
                d = abs(s - cue.start())
                names[n] = min(d, names.get(n, d))
            w = 1.0 if cue.group("strong") else 0.5
            if len(names) < 2:
                # "He kissed her." Take the partner(s) from just before the sentence,
                # at half weight: pronouns are usually the people just named.
                before = pos[bisect_left(starts, max(0, lo - 300)) : bisect_left(starts, lo)]
                for s, _e, n in reversed(before):
                    if n not in names:
                        names[n] = cue.start() - s
                    if len(names) >= 2:
                        break
                if len(names) < 2:
                    continue
                w *= 0.5
            a, b = sorted(names, key=lambda n: names[n])[:2]
            key = (min(a, b), max(a, b))
            ps = pairs.setdefault(key, PairScore())
            ps.score += w
            if PAST.search(text, lo, hi):
                ps.past += w
            if len(ps.evidence) < 3:
                ps.evidence.append(
                    Evidence(chapter=ch.index, start=lo, end=hi, quote=quote(text, lo, hi, 0)[:200])
                )
    return pairs


@tagger(
    NAME,
    requires=("text", "tags.character"),
    assigns=("tags.relationship",),
    default_config={"min_score": 2.0, "max_relationships": 4},
)
def relationship_tagger(work: Work, config: dict[str, Any]) -> None:
    """Tag pairings the text shows on the page (and past ones, marked as past)."""
    pairs = score_pairs(work)
    ranked = sorted(pairs.items(), key=lambda kv: -kv[1].score)
    kept = [(k, v) for k, v in ranked if v.score >= config["min_score"]]
    for (a, b), ps in kept[: config["max_relationships"]]:
        conf = min(0.95, 1 - math.exp(-ps.score / 2.5))
        attrs: dict[str, Any] = {"cues": ps.score}
        if ps.past >= 0.5 * ps.score:
            attrs["status"] = "past"
            conf *= 0.7
        name = relationship_name([a, b])
        work.add_tag(
            Tag("relationship", name, "inferred", round(conf, 4), ps.evidence, NAME, attrs)
        )
