"""The relationship tagger: pairings read from on-page romance, with confidence.

The evidence is read by :mod:`fandex.tag.romance`: cue sentences ("kissed", "in love
with", "in bed with") that name two characters, or one and a partner just named. A pair
is a guess only when at least one such sentence names both of them, and when it has
several (the couple at the centre of a story, kissing, in bed, declaring love, across
the text), or holds most of the story's romance (a short story's couple may kiss only
twice; a story of two couples has two; a story of only two leads may show its couple
in one strong moment, a kiss or a proposal, :func:`central_couples`; a story of only two
leads whose one couple's cue, however quiet, is theirs, "their bed", fingers laced,
:mod:`fandex.tag.relationship_two`; never from one sentence naming neither of them in a
story told as "I" or "you", :mod:`fandex.tag.narration`); a story of two whose author
files it under one romantic category ("M/M", "F/F", "F/M") has its two leads for its
couple, however quietly the text shows them (:mod:`fandex.tag.relationship_category`).
Three people who
are each other's partners and named together in cue sentences ("Yang let Mittermeyer
and Reuenthal kiss him") are one triad, "A/B/C", not three pairs; so are three with two
pairs' evidence whom the text addresses as one in a cue ("kissed them both", "in love
with both of them").

A story about two relatives (its two leads are family, and romance holds neither of them)
gets their bond as AO3 authors tag it, "A & B" (:func:`relatives_at_centre`); other
platonic pairs only where the text says so in words (:mod:`fandex.tag.friendship`;
in a story of two without romance, also a friend a pronoun owns, "his old friend",
:func:`fandex.tag.friendship.owned_friends`). Two leads the text makes kin without
naming the kin between them ("her sister's back" with the other named, "Mémé
Ottilie", :func:`~fandex.tag.relationship_kinref.told_kin`; "her dad" again and again,
:func:`~fandex.tag.relationship_kinref.kin_referred`) are relatives: never a couple,
even beside one cue sentence.
Two the text calls friends ("best friends since they were eleven"), or one calls the
other so to their face ("You're my best mate", "You're my brother",
:mod:`fandex.tag.relationship_address`), whose romance cues are all weak (a hand held,
"love you") are friends, "A & B", not a couple. A pair whose every cue is affection, what
a friend or a relative gives as well as a lover (a hug, "love you", a hand held, a bed
shared on a trip; ``fandex/vocab/romance_cues.toml``), is no couple at all.

Some pairs are never inferred romantically: relatives (a pack's ``family``: siblings, a parent and a
child; two people no pack knows who share a family name, "Ada Hart" and "Ben Hart", unless
they are the story's two leads and the text says they are married,
:mod:`fandex.tag.spouses`; two
the text says are kin, "her sister Clara", :mod:`fandex.tag.kinship`), and
two people the author already paired, romantically or as "A & B" (platonic: never turned
into "/"). A pair seen mostly in the past is tagged with ``attrs["status"] = "past"``
at a confidence under the bar a filter counts (``PAST_CONFIDENCE``). Stated pairings
are normalised by the parser (:func:`fandex.vocab.names.resolve_ship`); this tagger
never touches them.

The confidence is a probability, from the calibration map of relationships
(:mod:`fandex.tag.calibration`) over what the guess rests on: how many sentences name
both, how much of the two people's romance is with each other (``dominance``), how
prominent the lesser of them is (``pair_share``), fitted on labelled works by
``bench/eval_calibration.py``. Where no map is fitted the raw confidence stays, capped
at the share of such guesses measured right where one is set.
"""

from __future__ import annotations

import math
import re
from collections.abc import Set as AbstractSet
from typing import Any

from fandex.model import Tag, Work
from fandex.tag.calibration import calibrated
from fandex.tag.friendship import addressed_only, friendship_pairs, owned_friends, platonic
from fandex.tag.kin_address import named_together
from fandex.tag.kinship import shared_family_name, stated_kin
from fandex.tag.narration import narrated_by_pronoun
from fandex.tag.pipeline import tagger
from fandex.tag.propernames import STOP
from fandex.tag.relationship_address import declared_bonds
from fandex.tag.relationship_category import (
    CATEGORY_CONFIDENCE,
    affection_couple,
    category_couple,
    kin_or_friends,
)
from fandex.tag.relationship_gen import (
    GEN_CONFIDENCE,
    STATED_GEN_CONFIDENCE,
    comrades_at_centre,
    named_both,
    stated_gen,
)
from fandex.tag.relationship_kinref import kin_once, kin_referred, told_kin
from fandex.tag.relationship_learned import second_chance
from fandex.tag.relationship_outsider import outsider_narrator
from fandex.tag.relationship_two import TWO_LEADS_CONFIDENCE, couple_of_two
from fandex.tag.romance import (
    PairScore,
    Romance,
    score_pairs,
)
from fandex.tag.spouses import spouse_evidence
from fandex.tag.story_people import character_shares, genders, leads_of, two_leads
from fandex.tag.wordfind import split_count
from fandex.vocab.names import known_character
from fandex.vocab.packs import are_relatives, relationship_name

NAME = "relationships"
PAST_CONFIDENCE = 0.5
# A couple read from one sentence (:func:`central_couples`, a story of two) is shown no
# surer than such guesses were measured: right 11 of 14 over the seven written sets when
# heldout6 was first read (0 of its 2: a third person's "married", friends holding hands),
# 0.75 with one right and one wrong added for so few. Its map, fitted on couples of many
# sentences as much as few, said 0.87.
ONE_CUE_CONFIDENCE = 0.75
# A bond of two leads read only from the narration's kin words ("her dad",
# :mod:`fandex.tag.relationship_kinref`): too few on the written sets to measure (one,
# right), shown as a couple of one sentence is.
KIN_REFERRED_CONFIDENCE = ONE_CUE_CONFIDENCE
# One named less than this share of the lead's mentions (a horse named once beside its
# rider) is a side figure: no half of a relationship shown (kept under the bar).
MIN_PARTNER_SHARE = 0.15
_PEOPLE_SPLIT = re.compile(r"\s*[/&]\s*")


def stated_pairs(work: Work) -> set[frozenset[str]]:
    """Every two people a stated (or user) relationship already joins, romantic or
    platonic: "A & B" is the author's word that they are not a couple, and "A/B" needs
    no guess beside it.

    >>> w = Work(title="t")
    >>> w.tags.append(Tag("relationship", "Mycroft Holmes & Sherlock Holmes", "stated"))
    >>> stated_pairs(w) == {frozenset({"Mycroft Holmes", "Sherlock Holmes"})}
    True
    """
    out: set[frozenset[str]] = set()
    for t in work.tags_of("relationship"):
        if t.source not in ("stated", "user") or t.attrs.get("rejected"):
            continue
        people = [p for p in _PEOPLE_SPLIT.split(t.name) if p]
        out |= {frozenset((a, b)) for a in people for b in people if a != b}
    return out


def _name_words(name: str) -> list[str]:
    """A name's words outside brackets, folded ("Fezzik (Princess Bride)": ["fezzik"])."""
    return [w for w in re.findall(r"\w+", re.sub(r"\([^)]*\)", " ", name).casefold()) if len(w) > 1]


def _same_given(a: str, b: str) -> bool:
    """Whether two forms of a name share the first word of either ("Fezzik" and "Fezzik
    (Princess Bride)", "Wesley" and "Wesley Wyndam-Pryce"; not "Sherlock Holmes" and
    "Mycroft Holmes")."""
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa and wb) and (wa[0] in wb or wb[0] in wa)


def stated_alike(stated: set[frozenset[str]], names: list[str]) -> set[frozenset[str]]:
    """Pairs of ``names`` (the work's characters) that a stated pair in ``stated`` joins
    under other forms of their names (:func:`_same_given`): the author's "Fezzik & Inigo
    Montoya" joins the characters "Fezzik (Princess Bride)" and "Inigo Montoya"; an
    inferred pair of them beside it says the same thing again, or contradicts it.

    >>> st = {frozenset({"Fezzik", "Inigo Montoya"})}
    >>> stated_alike(st, ["Fezzik (Princess Bride)", "Inigo Montoya", "Westley"]) == {
    ...     frozenset({"Fezzik (Princess Bride)", "Inigo Montoya"})}
    True
    >>> stated_alike({frozenset({"Mycroft Holmes", "Greg Lestrade"})}, ["Sherlock Holmes", "Greg"])
    set()
    """
    out: set[frozenset[str]] = set()
    for pair in stated:
        if len(pair) != 2:
            continue
        x, y = sorted(pair)
        own_x = [n for n in names if _same_given(n, x)]
        own_y = [n for n in names if _same_given(n, y)]
        out |= {frozenset((a, b)) for a in own_x for b in own_y if a != b}
    return out


def _family_name(name: str) -> str | None:
    words = [w for w in name.split() if len(w) >= 3 and w not in STOP]
    return words[-1] if len(words) >= 1 and len(name.split()) >= 2 else None


def relatives(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are family: a pack says so, or neither is a pack's
    character and they share a family name ("Ada Hart", "Ben Hart"). (Pack characters
    who share one may be a married couple; the pack's family relations decide.)

    >>> relatives("Ada Hart", "Ben Hart"), relatives("Ada Hart", "Ben Lowe")
    (True, False)
    """
    if are_relatives(a, b):
        return True
    if known_character(a) or known_character(b):
        return False
    fa, fb = _family_name(a), _family_name(b)
    return fa is not None and fa == fb


def central_couples(
    ranked: list[tuple[tuple[str, ...], PairScore]],
    min_score: float,
    words: int = 0,
    config: dict[str, Any] | None = None,
    shares: dict[str, float] | None = None,
) -> list[tuple[tuple[str, ...], PairScore]]:
    """The couples at the centre of the story, each a pair that holds its people's
    romance: seen in two sentences or more, with at least ``min_score`` and twice the
    evidence of any other pair that shares one of its people, between two of the story's
    leads (each at least ``central_lead_share`` of the lead's mentions in ``shares``; a
    side couple at a wedding is not what the story is about). A story of two couples has
    two. Found below the usual bar: a short story's couple may kiss only twice. Two or
    three sentences of weak cues alone (an embrace, a hand held) are what a friend does
    for a friend in distress as often: at least one strong cue, or three sentences.

    In a story shorter than ``central_full_words`` the bar falls with its length (two
    moments in five hundred words say what four do in a novel), never under
    ``central_floor_score``. One sentence is enough only in a story of two: a strong cue
    ("kissed", "marry me", "his wife") joining its two leads, everyone else named less
    than ``central_third_ratio`` as often as the lesser of them (:func:`two_leads`), and
    only in a short story (under ``central_full_words``: in a longer one a single cue is
    as often said of someone else, "she is married to a dentist now"). In
    the works written for calibration a single kiss between two leads among several was a
    greeting, a stage kiss or a bystander's as often as the couple's; in a story of two
    people, the one kiss or proposal is theirs (a story of two friends or two relatives
    gets none of these cues, or only weak ones: a hug, hands held, "love you"). So is one
    strong cue in a sentence that names both of the story's two most named characters
    (:func:`top_two`; "Grantaire kissed him" is not told of a bystander by name), in a
    story under ``1 / ALONE_SCALE`` times the short length."""
    cfg = {**CENTRAL, **(config or {})}
    scale = min(1.0, max(words, 1) / float(cfg["central_full_words"]))
    floor = float(cfg["central_floor_score"])
    bar = max(floor, min_score * scale)
    lead = float(cfg["central_lead_share"])
    out = []
    for people, ps in ranked:
        rivals = [r.score for other, r in ranked if other != people and set(other) & set(people)]
        alone = (
            ps.sentences == 1
            and ps.strong >= 1
            and ps.score >= floor
            and (
                (
                    scale < 1.0
                    and not rivals
                    and two_leads(people, shares or {}, float(cfg["central_third_ratio"]))
                )
                # The sentence names both, and they are the story's two most named
                # ("Grantaire kissed him" is not told of a bystander by name).
                or (ps.named >= 1 and ALONE_SCALE * scale < 1.0 and top_two(people, shares or {}))
            )
        )
        if (
            (
                alone
                or (
                    ps.score >= bar
                    and (ps.sentences >= 3 or (ps.sentences >= 2 and ps.strong >= 1))
                )
            )
            and all(ps.score >= 2 * r for r in rivals)
            and all((shares or {}).get(p, 1.0) >= lead for p in people)
        ):
            out.append((people, ps))
    return out


def top_two(people: tuple[str, ...], shares: dict[str, float]) -> bool:
    """Whether ``people`` are two, each named more often than anyone else.

    >>> top_two(("Ada", "Ben"), {"Ada": 1.0, "Ben": 0.9, "Cal": 0.8})
    True
    >>> top_two(("Ada", "Cal"), {"Ada": 1.0, "Ben": 0.9, "Cal": 0.8})
    False
    """
    if len(people) != 2 or not all(p in shares for p in people):
        return False
    lesser = min(shares[p] for p in people)
    return all(v < lesser for n, v in shares.items() if n not in people)


# One strong cue naming both of the story's two most named counts in a story up to
# twice the short length (central_full_words): heldout7 had such a kiss at 2009 words.
ALONE_SCALE = 0.5

# How a short story's central couples are found (see central_couples).
CENTRAL: dict[str, float] = {
    "central_full_words": 2000.0,
    "central_floor_score": 0.5,
    "central_lead_share": 0.3,
    "central_third_ratio": 0.5,
}


def _merged(parts: list[PairScore], trio: PairScore) -> PairScore:
    """A triad's evidence: its three pairs' counts, the sentences naming all three first."""
    out = PairScore(evidence=list(trio.evidence))
    for ps in parts:
        out.absorb(ps)
    return out


def candidates(
    romance: Romance,
    skip: set[frozenset[str]],
    min_trio: int,
    married: AbstractSet[frozenset[str]] = frozenset(),
) -> dict[tuple[str, ...], PairScore]:
    """The relationships the evidence may support: pairs whose cue sentences name both
    of them (one sentence naming both, or each named in one: "Uhura kissed him", "Spock
    kissed her back"), with at least one cue of a couple's (not only what a friend or a
    relative gives as well: a hug, "love you", a kiss on the cheek), not relatives
    (unless ``married``: spouses who share a family name) and not already joined by the
    author; three such pairs among three people named together in ``min_trio`` cue
    sentences or more become one triad."""
    pairs: dict[tuple[str, ...], PairScore] = {
        pair: ps
        for pair, ps in romance.pairs.items()
        if (ps.named >= 1 or ps.people >= set(pair))
        and (ps.romantic >= 1 or frozenset(pair) in married)
        and (frozenset(pair) in married or not relatives(*pair))
        and frozenset(pair) not in skip
    }
    for (a, b, c), trio in sorted(romance.trios.items(), key=lambda kv: -kv[1].score):
        sides = [s for s in ((a, b), (a, c), (b, c)) if s in pairs]
        # Each pair's evidence, or two pairs' and a cue to two of them at once ("kissed
        # them both", "in love with both of them"): who kisses whom of three in one
        # sentence is read by nearness, which can miss one pair of them.
        if trio.sentences < min_trio or len(sides) < (2 if trio.units else 3):
            continue
        parts = [pairs.pop(s) for s in sides]
        pairs[(a, b, c)] = _merged(parts, trio)
    return pairs


def _married(
    work: Work,
    romance: Romance,
    shares: dict[str, float],
    third_ratio: float,
    stated: set[frozenset[str]],
    kin: set[frozenset[str]] | None,
) -> set[frozenset[str]]:
    """The story's two leads (:func:`two_leads`), when they share a family name (no
    pack relates them) and the text says they are married (:mod:`fandex.tag.spouses`):
    their spouse sentences join their romance evidence (``romance.pairs``, changed
    here). Never two the author joined or the text says are relatives ("her brother
    Ravi"). (A married couple beside the story's leads is left a pair of relatives: the
    story is not about them, and who is whose wife is read surest of a story's two.)"""
    leads = leads_of(shares, third_ratio)
    if leads is None:
        return set()
    a, b = sorted(leads)
    if (
        frozenset((a, b)) in stated
        or are_relatives(a, b)
        or not (relatives(a, b) or shared_family_name(work, [(a, b)]))
    ):
        return set()
    pair = (a, b)
    gender = genders(work)
    if kin is None:
        kin = stated_kin(work, gender, [a, b], romance.kin)
    # (Kin the text tells otherwise, "It's deep enough, Gran" and "his grandmother's
    # garden", are no spouses either.)
    told = told_kin(work, pair, PairScore()) or kin_once(work, pair)
    ev = spouse_evidence(work, pair, gender) if frozenset(pair) not in kin and not told else None
    if ev is None:
        return set()
    ps = romance.pairs.setdefault(pair, PairScore())
    # Sentences the romance scan read already (a strong cue, "his wife") are not
    # counted twice. Where both keep every sentence's evidence (three at most), the
    # sentences are matched by where they end; otherwise only the spouse sentences
    # beyond its strong ones are added (its strong ones may be others: "she had been
    # married to him" read from its pronouns, beside "his wife" the spouse scan reads).
    if ev.sentences <= len(ev.evidence) and ps.sentences <= len(ps.evidence):
        read = {(e.chapter, e.end) for e in ps.evidence}
        extra = sum((e.chapter, e.end) not in read for e in ev.evidence)
    else:
        extra = max(0, ev.sentences - ps.strong)
    if extra:
        ps.score += extra
        ps.sentences += extra
        ps.strong += extra
        ps.romantic += extra
        ps.named += min(extra, ev.named)
        ps.people |= ev.people
        ps.parts |= ev.parts
        ps.evidence = (ev.evidence + ps.evidence)[:3]
    return {frozenset(pair)}


def _leads_kin(
    work: Work, romance: Romance, shares: dict[str, float], third_ratio: float
) -> set[frozenset[str]]:
    """The story's two leads (:func:`two_leads`) when the text makes them relatives by
    what one calls or owns (:func:`~fandex.tag.relationship_kinref.told_kin`): never a couple."""
    leads = leads_of(shares, third_ratio)
    if leads is None:
        return set()
    pair = (min(leads), max(leads))
    if told_kin(work, pair, romance.pairs.get(pair, PairScore())):
        return {frozenset(pair)}
    return set()


def _add(into: PairScore, ps: PairScore) -> None:
    """Count ``ps``'s evidence in ``into`` too (at most three quotes kept)."""
    into.absorb(ps)
    into.evidence = (into.evidence + ps.evidence)[:3]


def told_bonds(
    work: Work, romance: Romance, shares: dict[str, float], third_ratio: float
) -> dict[tuple[str, str], PairScore]:
    """The friendship evidence per pair: the text calls them friends
    (:func:`fandex.tag.friendship.friendship_pairs`), or one declares a bond to the
    other's face ("You're my best mate", "You're my brother": friends or family), in a
    story of two (:func:`two_leads` at ``third_ratio``) said between its leads when no
    one is named."""
    told = friendship_pairs(work, romance.scans)
    two = leads_of(shares, third_ratio)
    for pair, ps in declared_bonds(work, two, romance.scans).items():
        _add(told.setdefault(pair, PairScore()), ps)
    if (
        two is not None
        and not any(set(p) & set(two) and ps.romantic for p, ps in romance.pairs.items())
        and not any(addressed_only(work, n) for n in two)
    ):
        # A story of two without romance: a friend a pronoun owns ("his old friend") is
        # the other lead, unless one is only written to ("My dear Margaret,": not on the
        # page). (Where either has a cue that may make a couple, "my friend" is said by
        # one lover-to-be to the other as often.)
        pair = (min(two), max(two))
        owned = owned_friends(work, pair)
        if owned.sentences:
            _add(told.setdefault(pair, PairScore()), owned)
    return told


def dominance(people: tuple[str, ...], ps: PairScore, total: dict[str, float]) -> float:
    """How much of its people's romance a relationship holds: its evidence over all the
    evidence of pairs any of them is in (1 for a couple who kiss no one else)."""
    # ``total``: per person, the evidence of every relationship they are in; this one's
    # is in each of its people's totals, so it is taken away all but once.
    around = sum(total.get(p, 0.0) for p in people) - ps.score * (len(people) - 1)
    return min(1.0, ps.score / max(around, ps.score, 1e-9))


@tagger(
    NAME,
    requires=("text", "tags.character"),
    assigns=("tags.relationship",),
    default_config={
        "min_score": 2.0,
        "central_min_score": 1.5,
        "max_relationships": 4,
        "min_trio_sentences": 2,
        "min_friend_score": 1.0,
        "min_friend_share": 0.3,
        "max_friendships": 2,
        "kin_lead_share": 0.5,
        "kin_third_ratio": 0.6,
        "kin_max_romance": 0.5,
        **CENTRAL,
    },
)
def relationship_tagger(work: Work, config: dict[str, Any]) -> None:
    """Tag pairings the text shows on the page (and past ones, marked as past)."""
    romance = score_pairs(work)
    shares = character_shares(work)
    stated = stated_pairs(work)
    stated |= stated_alike(stated, list(shares))
    skip = set(stated)
    leads = [n for n, v in shares.items() if v >= float(config["min_friend_share"])]
    kin: set[frozenset[str]] | None = None
    if romance.pairs:
        # Relatives the text states ("her sister Clara"): read only where a pair may be.
        kin = stated_kin(work, genders(work), leads, romance.kin)
        skip |= kin
        skip |= _leads_kin(work, romance, shares, float(config["central_third_ratio"]))
        skip |= shared_family_name(work, romance.pairs)
    married = _married(work, romance, shares, float(config["central_third_ratio"]), stated, kin)
    skip -= married
    found = candidates(romance, skip, int(config["min_trio_sentences"]), married)
    told = told_bonds(work, romance, shares, float(config["central_third_ratio"]))
    # Two the text calls friends in a sentence naming both ("best friends since they
    # were eleven") whose romance is only weak cues (a hand held, a hug, "love you") are
    # friends: what friends do, said of two the text says are friends.
    friendly = {
        frozenset(p)
        for p, ps in romance.pairs.items()
        if ps.strong == 0 and p in told and told[p].named >= 1
    }
    found = {p: ps for p, ps in found.items() if frozenset(p) not in friendly}
    total: dict[str, float] = {}
    for people, ps in found.items():
        for p in people:
            total[p] = total.get(p, 0.0) + ps.score
    ranked = sorted(found.items(), key=lambda kv: -kv[1].score)
    kept = [(k, v) for k, v in ranked if v.score >= config["min_score"]]
    words = max(1, sum(split_count(ch.text) for ch in work.chapters))
    min_central = float(config["central_min_score"])
    central = central_couples(ranked, min_central, words, config, shares)
    # A story of two whose only romance is between its leads, told in a line or two.
    quiet = [
        k
        for k in couple_of_two(
            ranked,
            shares,
            float(config["central_third_ratio"]),
            words,
            float(config["central_full_words"]),
        )
        if k not in central and k not in kept
    ]
    central += quiet
    if any(ps.sentences == 1 and ps.named == 0 for _, ps in central) and narrated_by_pronoun(work):
        # One sentence naming neither, in a story told as "I" or "you": its pronouns
        # may be the narrator's ("he kissed the back of your neck"), given to whoever is
        # named near.
        central = [(p, ps) for p, ps in central if ps.sentences > 1 or ps.named > 0]
    kept = [*central, *(k for k in kept if k not in central)]
    kept = kept[: config["max_relationships"]]
    # (Affection alone, a hug and "love you", does not keep two friends from "A & B".)
    romantic = {frozenset(p) for p, _ in kept} | {
        frozenset(p) for p, ps in romance.pairs.items() if ps.score >= 1.0 and ps.romantic
    }
    friends = platonic(work, (stated | romantic) - friendly, shares, config, told)
    kin_pair = relatives_at_centre(work, romance, shares, stated, config, married)
    if kin_pair is not None and all(set(kin_pair[0]) != set(p) for p, _, _ in friends):
        friends.append(kin_pair)
    # The couple of the author's one romantic category, not relatives or friends.
    by_category = None
    if not stated:
        by_category = category_couple(work, shares, genders(work))
        by_category = by_category or affection_couple(work, romance, shares, genders(work), skip)
        if by_category is not None and kin_or_friends(
            work, romance, by_category, skip, told, kin, relatives
        ):
            by_category = None
    gen = None
    told_gen = stated_gen(work)
    if not (friends or stated or by_category) and (told_gen or not kept):
        ratio = float(config["central_third_ratio"])
        gen = comrades_at_centre(work, romance, shares, ratio, told_gen)
        if gen is not None:
            kept = [k for k in kept if set(k[0]) != set(gen[0])]
            friends.append(gen)
    guessed = [(p, ps, "/") for p, ps in kept] + friends
    learned = None
    if not (stated or told_gen):
        joined = {frozenset(p) for p, _, _ in guessed}
        coupled = {n for p, ps, sep in guessed if sep == "/" and ps.past < ps.score / 2 for n in p}
        learned = second_chance(work, romance, shares, told, joined, coupled, relatives, words)
        if learned is not None and (evidence := named_both(work, learned[0])).evidence:
            guessed.append((learned[0], evidence, learned[1]))
    if by_category is not None:
        joined = {frozenset(p) for p, _, _ in guessed}
        evidence = named_both(work, by_category)
        if any(sep == "/" for _, _, sep in guessed) or frozenset(by_category) in joined:
            by_category = None  # the rules read a couple, or a bond of the two
        elif evidence.evidence:
            guessed.append((by_category, evidence, "/"))
        else:
            by_category = None
    if (outsider := outsider_narrator(work)) is not None:
        guessed = [g for g in guessed if g[2] != "/" or outsider not in g[0]]
    for people, ps, sep in guessed:
        raw = min(0.95, 1 - math.exp(-ps.score / 2.5))
        values = {
            "cues": ps.score,
            "named": float(ps.named),
            "dominance": dominance(people, ps, total),
            "pair_share": min(shares.get(p, 1.0) for p in people),
            "spread": len(ps.parts) / 10,
            "words": float(words),
        }
        attrs: dict[str, Any] = {k: round(v, 4) for k, v in values.items()}
        attrs["raw_confidence"] = round(raw, 4)
        conf = calibrated("relationship", raw, **values)
        if sep == "/" and ps.sentences == 1:
            conf = min(conf, ONE_CUE_CONFIDENCE)
        if any(people == p for p, _ in quiet):
            conf = min(conf, TWO_LEADS_CONFIDENCE)
        if kin_pair is not None and people == kin_pair[0] and ps.named == 0 and ps.evidence:
            # Kin read only from "her dad" (relationship_kinref): one bond on the written
            # sets, shown no surer than a couple read from one sentence.
            conf = min(conf, KIN_REFERRED_CONFIDENCE)
        if gen is not None and people == gen[0]:
            conf = STATED_GEN_CONFIDENCE if told_gen else GEN_CONFIDENCE
        if values["pair_share"] < MIN_PARTNER_SHARE:
            conf = min(conf, PAST_CONFIDENCE)
        if by_category is not None and people == by_category and sep == "/":
            conf = CATEGORY_CONFIDENCE
        if learned is not None and people == learned[0]:
            conf, attrs["pair_model"] = learned[2], round(learned[3], 4)
        if ps.past >= 0.5 * ps.score:
            # Past relationships are not measured (authors seldom tag them): kept under
            # the bar a filter counts, listed on the work page.
            attrs["status"] = "past"
            conf = min(conf, PAST_CONFIDENCE)
        work.add_tag(
            Tag(
                "relationship",
                relationship_name(people, sep),
                "inferred",
                round(conf, 4),
                ps.evidence,
                NAME,
                attrs,
            )
        )


def relatives_at_centre(
    work: Work,
    romance: Romance,
    shares: dict[str, float],
    stated: set[frozenset[str]],
    config: dict[str, Any],
    married: AbstractSet[frozenset[str]] = frozenset(),
) -> tuple[tuple[str, str], PairScore, str] | None:
    """The bond of a story about two relatives: its two leads (each at least
    ``kin_lead_share`` of the lead's mentions, anyone else under ``kin_third_ratio`` of
    the lesser of them) are family (a pack's, a shared family name, kin the text states:
    "her brother Sam", or one calls someone "Uncle" or "Mum", or is named twice with "her
    sister", the other near, or is named by a kin title, "Nonna Giulia":
    :func:`~fandex.tag.relationship_kinref.told_kin`; where no romance cue joins the two
    at all, one relative the narration owns is enough:
    :func:`~fandex.tag.relationship_kinref.kin_once`; or, no romance cue holding either,
    the narration calls one the other's relative twice, "her dad", the other not named
    there: :func:`~fandex.tag.relationship_kinref.kin_referred`, whose sentences are then
    the evidence), and romance holds neither of them with anyone else
    (``kin_max_romance`` of evidence at most; what relatives' cues say between them is
    affection; never two ``married``). An author tags such a bond "A & B"; a relative who
    passes through a story about a couple is not tagged. The evidence is where the text
    names the two together."""
    order = sorted(shares, key=lambda n: (-shares[n], n))
    if len(order) < 2:
        return None
    a, b = order[0], order[1]
    third = shares[order[2]] if len(order) > 2 else 0.0
    if (
        shares[b] < float(config["kin_lead_share"])
        or third >= float(config["kin_third_ratio"]) * shares[b]
        or frozenset((a, b)) in stated
        or any(
            ps.score > float(config["kin_max_romance"]) and len(set(pair) & {a, b}) == 1
            for pair, ps in romance.pairs.items()
        )
    ):
        return None
    if frozenset((a, b)) in married:
        return None  # spouses who share a family name
    pair = (min(a, b), max(a, b))
    ps = romance.pairs.get(pair, PairScore())
    named = (
        relatives(a, b)
        or bool(shared_family_name(work, [(a, b)]))
        or frozenset((a, b)) in stated_kin(work, genders(work), [a, b], romance.kin)
    )
    told = told_kin(work, pair, ps) or (ps.sentences == 0 and kin_once(work, pair))
    referred = None
    if (
        not named
        and not told
        and not any(q.romantic and set(p) & set(pair) for p, q in romance.pairs.items())
    ):
        # One lead is the other's relative by the narration's word ("her dad"), the two
        # seldom named in one sentence: those sentences are the evidence.
        referred = kin_referred(work, pair, genders(work))
    if not named and not told and referred is None:
        return None
    together = named_both(work, pair)
    if referred is not None:
        return pair, (together if together.named else referred), " & "
    # Kin read from what one calls or owns, the two never in one paragraph: the call may
    # be someone's name ("Nan"), the relative someone else (named_together).
    return (pair, together, " & ") if named or named_together(work, pair) else None
