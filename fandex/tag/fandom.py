"""The fandom tagger: which fandom packs does the text really belong to?

Each pack is scored by the distinct characters, places and terms of it found in the
text. A name that several packs share counts for each of them in proportion (so
"Spike", in both Buffy packs, decides neither), a common-word name ("Angel", "Will")
counts only where it reads as a name, and a pack needs several distinct pieces of
evidence, one of them repeated, and a fair share of the text's capitalised words
before it is believed: precision first, no guess rather than a wrong guess.

The evidence must be the pack's own. A name only one pack has is *distinctive* unless
it is a common given name alone (``fandex/vocab/given_names.toml``: "Anna", "Michael",
"Claire" name people in any story, whichever pack also has them); full names
("Anna Milton"), rare names ("Castiel"), places and terms are. A pack is believed on two
distinctive pieces, or on one with more characters of its own beside it, or on several
characters only it has, even with common names (a story naming Nancy, Jonathan, Steve,
Robin and Dustin) - never on a couple of common first names. A second
fandom is tagged (a crossover) only on evidence of its own.

The story's fandom is the canon of the person it is about: a pack whose evidence, all
of it together, is named less often than the story's most named person, when that
person is another canon's own, met its names in passing (a Harry Potter story naming
Merlin and Morgana, wizards of legend many canons share) and is not the guess.

One canon often has several AO3 fandoms (the books, the TV series, the games) under one
umbrella (:mod:`fandex.tag.fandom_family`). The text names the canon's people, seldom
which adaptation its writer meant, so a guess from the text is the family's umbrella,
which AO3 would file the work under too; only where the story's world tells packs of
one family apart (:mod:`fandex.tag.fandom_setting`) surely enough (``adaptation_min``) is
the guess that member.

A ``Fandom:`` header line that names a pack is read first (as the fandom of the family
it names, or the umbrella where its words name none), then a disclaimer naming one
(:mod:`fandex.tag.fandom_disclaimer`); a work with a stated fandom is left alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.aliases import AliasIndex, Hit, alias_index
from fandex.tag.fandom_disclaimer import disclaimer_fandoms
from fandex.tag.fandom_family import CanonFamily, family_named, family_of_pack
from fandex.tag.fandom_setting import choose_setting, setting_twins
from fandex.tag.mentions import (
    DETERMINERS,
    SUBJECT_PRONOUNS,
    Scan,
    evidence_for,
    hits_by_alias,
    previous_word,
    scan_work,
    sentence_initial,
)
from fandex.tag.pipeline import tagger
from fandex.vocab.names import common_given_name
from fandex.vocab.packs import Pack, fandom_key, find_pack

NAME = "fandom"
_KIND_WEIGHT = {"character": 1.0, "place": 1.0, "term": 0.6}
_GUEST_WEIGHT = 0.25
# A hit's place in the work (a C-level sort key: long works have thousands of hits).
_POSITION = attrgetter("chapter", "start")
# A disclaimer names the canon it disowns, a little less plainly than a Fandom: line.
_DISCLAIMER_CONFIDENCE = 0.9
_HEADER_SPLIT = re.compile(r"\s*(?:[,;/+]|\bx\b|&|\band\b|\bcrossover\b)\s*", re.I)


def active_fandoms(work: Work) -> list[Tag]:
    """The work's fandom tags that stand (a user's rejection removes one)."""
    return [t for t in work.tags_of("fandom") if not t.attrs.get("rejected")]


def packs_in_scope(work: Work, index: AliasIndex) -> tuple[set[int], set[int]]:
    """Pack indexes of the work's fandoms, and of fandoms related to them.

    Related packs (Angel for Buffy) lend their shared characters; they are returned
    apart so the character tagger can be stricter with them.
    """
    own: set[int] = set()
    for t in active_fandoms(work):
        p = find_pack(t.name, index.packs)
        if p is not None:
            own.add(index.packs.index(p))
        fam = family_named(t.name, index.packs)
        if fam is not None and fam.is_umbrella(t.name):
            # An umbrella is every fandom under it ("Sherlock Holmes & Related Fandoms").
            own |= _family_packs(fam, index.packs)
    related: set[int] = set()
    for i in own:
        keys = {fandom_key(r) for r in index.packs[i].related}
        related |= {j for j, q in enumerate(index.packs) if fandom_key(q.fandom) in keys}
    return own, related - own


@dataclass
class PackScore:
    """The evidence for one pack: entity name -> the hits that name it. ``own``: the
    entities only this pack has; ``distinctive``: those of them named otherwise than by
    a common given name alone."""

    pack: int
    entities: dict[str, list[Hit]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    distinctive: dict[str, bool] = field(default_factory=dict)
    own: set[str] = field(default_factory=set)

    @property
    def mentions(self) -> int:
        return sum(len(h) for h in self.entities.values())

    def score(self, exclude: set[str] | None = None) -> float:
        total = 0.0
        for name, hits in self.entities.items():
            if exclude and name in exclude:
                continue
            total += self.weights[name] * min(1.0 + math.log2(len(hits)), 4.0)
        return total


def reads_as_name(text: str, hit: Hit, lowercase: bool = False) -> bool:
    """Whether a common-word alias ("Angel", "Dawn") is used as a name here.

    Not after a determiner ("an Angel"), not sentence-initial (where any word wears
    a capital; in a ``lowercase`` chapter no word does), not before a subject pronoun
    ("Will you ...").
    """
    if previous_word(text, hit.start) in DETERMINERS:
        return False
    if not lowercase and sentence_initial(text, hit.start):
        return False
    nxt = text[hit.end : hit.end + 5].lstrip().split(" ")[0].lower()
    return nxt not in SUBJECT_PRONOUNS


def score_packs(scan: Scan, index: AliasIndex) -> dict[int, PackScore]:
    """Score every pack with at least one hit in ``scan``."""
    scores: dict[int, PackScore] = {}
    # Work per distinct alias, not per hit: a long work names its people thousands of times.
    for hits in hits_by_alias(scan).values():
        a = hits[0].alias
        spread = index.spread.get(a.text, 1)
        named: list[Hit] | None = None
        for t in a.targets:
            use = hits
            if t.ambiguous:
                if named is None:
                    named = [
                        h
                        for h in hits
                        if reads_as_name(scan.texts[h.chapter], h, h.chapter in scan.lowercased)
                    ]
                use = named
                if not use:
                    continue
            ps = scores.get(t.pack)
            if ps is None:
                ps = scores[t.pack] = PackScore(t.pack)
            key = f"{t.kind}:{t.name}"
            ps.entities.setdefault(key, []).extend(use)
            w = _KIND_WEIGHT[t.kind] / spread * (0.5 if t.ambiguous else 1.0)
            w *= _GUEST_WEIGHT if t.guest else 1.0
            ps.weights[key] = max(ps.weights.get(key, 0.0), w)
            if spread == 1 and not t.ambiguous and not t.guest:
                ps.own.add(key)
                if not common_given_name(a.text):
                    ps.distinctive[key] = True
    for ps in scores.values():
        for lst in ps.entities.values():
            lst.sort(key=_POSITION)
    return scores


def unclaimed(ps: PackScore, claimed: set[tuple[int, int]]) -> PackScore:
    """``ps`` without the hits at places in ``claimed`` (and the entities left with none)."""
    out = PackScore(ps.pack, weights=ps.weights, distinctive=ps.distinctive, own=ps.own)
    for key, hits in ps.entities.items():
        left = [h for h in hits if (h.chapter, h.start) not in claimed]
        if left:
            out.entities[key] = left
    return out


def _believed(ps: PackScore, scan: Scan, cfg: dict[str, Any], exclude: set[str]) -> float:
    """The pack's score if its evidence is strong enough to tag, else 0."""
    names = [n for n in ps.entities if n not in exclude]
    if len(names) < cfg["min_entities"]:
        return 0.0
    # Common given names ("John", "Mary", "Sam") belong to many packs and to stories of
    # none; a fandom needs names or places of its own (see the module docstring).
    distinctive = sum(1 for n in names if ps.distinctive.get(n))
    own = sum(1 for n in names if n in ps.own)
    if not (
        distinctive >= cfg["min_distinctive"]
        or (distinctive >= 1 and len(names) > cfg["min_entities"])
        or own >= cfg["min_distinctive"] + 2
    ):
        return 0.0
    if max(len(ps.entities[n]) for n in names) < 2:
        return 0.0  # real stories repeat their people; word lists do not
    if ps.mentions < cfg["min_coverage"] * max(scan.cap_words, 1):
        return 0.0
    s = ps.score(exclude)
    return s if s >= cfg["min_score"] else 0.0


def _confidence(score: float, cfg: dict[str, Any]) -> float:
    return min(0.97, 1.0 - 0.45 * math.exp(-(score - cfg["min_score"]) / 4.0))


def _evidence(ps: PackScore, scan: Scan, exclude: set[str], n: int = 3) -> list[Evidence]:
    ranked = sorted(
        (k for k in ps.entities if k not in exclude),
        key=lambda k: -len(ps.entities[k]) * ps.weights[k],
    )
    return [
        evidence_for(scan, h.chapter, h.start, h.end)
        for h in (ps.entities[k][0] for k in ranked[:n])
    ]


def _family_packs(fam: CanonFamily, packs: list[Pack]) -> set[int]:
    return {i for i, p in enumerate(packs) if fandom_key(p.fandom) in fam.packs}


@dataclass
class FandomGuess:
    """A fandom read from the text: its pack, the AO3 name guessed (the pack's fandom or
    its family's umbrella), the confidence and the evidence."""

    pack: Pack
    name: str
    confidence: float
    evidence: list[Evidence]


def infer_fandoms(work: Work, cfg: dict[str, Any]) -> list[FandomGuess]:
    """The fandoms the text belongs to, best first, with confidence and evidence."""
    index = alias_index()
    scan = scan_work(work, index)
    scores = score_packs(scan, index)
    ranked = sorted(scores.values(), key=lambda ps: -ps.score())
    out: list[FandomGuess] = []
    taken: set[str] = set()
    claimed: set[tuple[int, int]] = set()
    decided: set[int] = set()  # packs whose family is already tagged: no crossover
    lead = _lead_entity(scores, index)
    for ps in ranked:
        if ps.pack in decided:
            continue
        if not out and _in_passing(ps, lead, index):
            continue
        # A second fandom must stand on entities the ones already chosen do not have,
        # and on words they do not explain ("John" in a Sherlock story is John Watson,
        # not Supernatural's John Winchester).
        s = _believed(ps, scan, cfg, taken)
        if s > 0 and claimed:
            # (Only a pack believed on all its words can be on the unclaimed ones.)
            ps = unclaimed(ps, claimed)
            s = _believed(ps, scan, cfg, taken)
        if s <= 0:
            continue
        conf = _confidence(s, cfg) * (1.0 if not out else cfg["crossover_factor"])
        chosen, evidence = ps.pack, _evidence(ps, scan, taken)
        family = family_of_pack(index.packs[ps.pack], index.packs)
        # The text names the canon's people, not which of its AO3 fandoms the writer
        # meant: the family's umbrella, unless the story's world says (below).
        name = family.umbrella if family is not None else index.packs[chosen].fandom
        twins = setting_twins(index, ps.pack)
        if twins:
            # Packs sharing this cast (Conan Doyle and BBC Sherlock): the story's world
            # decides which, and the confidence carries how sure that is.
            members = [ps.pack, *twins]
            ents = {m: scores[m].entities for m in members if m in scores}
            choice = choose_setting(members, ents, scan, index)
            decided |= set(members)
            if family is None or choice.probability >= cfg["adaptation_min"]:
                chosen, conf = choice.pack, conf * choice.probability
                name = index.packs[chosen].fandom
                evidence = (_evidence(scores.get(chosen, ps), scan, taken) + choice.evidence)[:5]
        if family is not None:
            decided |= _family_packs(family, index.packs)
        out.append(FandomGuess(index.packs[chosen], name, conf, evidence))
        taken |= set(ps.entities)
        claimed |= {(h.chapter, h.start) for hits in ps.entities.values() for h in hits}
        if len(out) >= cfg["max_fandoms"]:
            break
    return out


def _lead_entity(scores: dict[int, PackScore], index: AliasIndex) -> tuple[int, int] | None:
    """(pack, mentions) of the text's most named person, place or term that is some
    pack's own (no other pack has it, and not by a common given name alone): who the
    story is about, when a pack knows them."""
    best: tuple[int, int] | None = None
    for ps in scores.values():
        for key, hits in ps.entities.items():
            if ps.distinctive.get(key) and (best is None or len(hits) > best[1]):
                best = (ps.pack, len(hits))
    return best


def _in_passing(ps: PackScore, lead: tuple[int, int] | None, index: AliasIndex) -> bool:
    """Whether ``ps``'s names are met in passing in a story of another canon: the story's
    most named person is another canon's own and is named more often than all of this
    pack's evidence together (a Harry Potter fic naming Merlin and Morgana as wizards of
    legend is no Merlin fic). Such a pack is not the story's fandom; it may still be a
    crossover beside the fandom found first."""
    if lead is None or lead[0] == ps.pack or lead[1] <= ps.mentions:
        return False
    mine, theirs = index.packs[ps.pack], index.packs[lead[0]]
    if _canon_key(mine) == _canon_key(theirs):
        return False  # one canon's packs (its books and its series) name the same people
    related = {fandom_key(r) for r in (*mine.related, *theirs.related)}
    return not related & {fandom_key(mine.fandom), fandom_key(theirs.fandom)}


def named_fandom(pack: Pack, words: str) -> str:
    """The AO3 fandom ``words`` name, for the pack they found: the fandom of its family
    they name ("Game of Thrones (TV)", not the books' pack name), else the family's
    umbrella where they name none ("GoT"), else the pack's fandom."""
    family = family_of_pack(pack)
    if family is None:
        return pack.fandom
    if family.is_umbrella(words):
        return family.umbrella
    # A whole line found the pack ("Sherlock (BBC TV 2010), Sherlock Holmes & Related
    # Fandoms"): the first of its parts naming a member names the fandom.
    for part in (words, *_HEADER_SPLIT.split(words)):
        member = family.member(part.strip()) if part.strip() else None
        if member is not None:
            return member
    return family.umbrella


def _pack_named(name: str) -> Pack | None:
    """The pack ``name`` names, or the one of the family fandom it is another name of
    ("HotD" for "House of the Dragon (TV)", a family's ``[canon.names]``)."""
    pack = find_pack(name)
    if pack is None:
        family = family_named(name)
        named = family.named(name) if family is not None else None
        pack = find_pack(named) if named is not None else None
    return pack


def header_fandoms(work: Work) -> list[tuple[Pack, str]]:
    """Packs named by a ``Fandom:`` header line, with the words that named each."""
    raw = next((v for k, v in work.header.items() if k.strip().lower() == "fandom"), "")
    out: list[tuple[Pack, str]] = []
    parts = [raw, *_HEADER_SPLIT.split(raw)] if raw else []
    for part in parts:
        p = _pack_named(part.strip()) if part.strip() else None
        if p is not None and all(p is not q for q, _ in out):
            out.append((p, part.strip()))
            if part is raw:
                break
    return out


def _canon_key(pack: Pack) -> str:
    """One key for a pack and the packs of its family (one canon's adaptations)."""
    family = family_of_pack(pack)
    return f"family:{family.umbrella}" if family is not None else f"pack:{pack.id}"


@tagger(
    NAME,
    requires=("text", "header", "tags.stated"),
    assigns=("tags.fandom",),
    default_config={
        "min_score": 3.0,
        "min_entities": 3,
        "min_distinctive": 2,
        "min_coverage": 0.03,
        "crossover_factor": 0.9,
        "max_fandoms": 3,
        # How sure the story's world must be of one member of a family of packs sharing
        # a cast (BBC Sherlock or Conan Doyle) to guess it rather than their umbrella.
        "adaptation_min": 0.8,
    },
)
def fandom_tagger(work: Work, config: dict[str, Any]) -> None:
    """Tag the work's fandom(s) from its header line or, failing that, its text."""
    if any(t.source in ("stated", "user") for t in active_fandoms(work)):
        return
    named = header_fandoms(work)
    if named:
        for pack, words in named:
            ev = Evidence(field="Fandom", quote=words)
            name = named_fandom(pack, words)
            work.add_tag(Tag("fandom", name, "inferred", 0.95, [ev], NAME, {"from": "header"}))
        return
    guesses = infer_fandoms(work, config)
    for g in guesses:
        work.add_tag(Tag("fandom", g.name, "inferred", round(g.confidence, 4), g.evidence, NAME))
    # A fandom the disclaimer names and the text did not show (a short fic's text is
    # seldom evidence enough).
    found = {_canon_key(g.pack) for g in guesses}
    for pack, words in disclaimer_fandoms(work.disclaimer or "", _pack_named):
        if _canon_key(pack) in found:
            continue
        found.add(_canon_key(pack))
        name = named_fandom(pack, words)
        ev = Evidence(field="Disclaimer", quote=words)
        tag = Tag(
            "fandom", name, "inferred", _DISCLAIMER_CONFIDENCE, [ev], NAME, {"from": "disclaimer"}
        )
        work.add_tag(tag)
