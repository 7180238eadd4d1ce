"""The character tagger: who is in the story, on stage or only talked about.

Mentions come from the shared alias scan (:mod:`fandex.tag.mentions`), limited to the
packs of the work's fandoms. A common-word name ("Angel", "Dawn", "Faith") counts
only where it reads as a name; sentence-initial, it counts once the same name has
been seen mid-sentence. A character is ``main`` when it speaks or acts in the
narration, ``mentioned`` when it is only talked about. A work whose fandom has no
pack falls back to proper-name extraction (:mod:`fandex.tag.propernames`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.aliases import AliasIndex, Hit, Target, alias_index
from fandex.tag.characters_narrator import mark_narrator, told_by, vocative_narrator
from fandex.tag.characters_prominence import calibrate
from fandex.tag.fandom import active_fandoms, packs_in_scope, reads_as_name
from fandex.tag.mentions import (
    ACTION_VERBS,
    DETERMINERS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    Scan,
    evidence_for,
    hits_by_alias,
    in_dialogue,
    mentions_per_thousand,
    next_word,
    previous_word,
    scan_work,
    sentence_initial,
)
from fandex.tag.pipeline import tagger
from fandex.tag.pov_tags import matching, pov_names, pov_narrator_tag, unnamed_narrator
from fandex.tag.propernames import STOP
from fandex.tag.summary_narrator import summary_narrator, summary_narrator_tag
from fandex.tag.titles import add_title_hits, pack_epithets
from fandex.tag.unknown_cast import extract_characters

NAME = "characters"
# How sure a lead found from a few uses with no pronoun after them is shown
# (:func:`fandex.tag.unknown_cast.sparse_leads`): about as sure as such names were
# measured right, 4 of 7 over the spent sets (session 19), under the bar a reader sees.
UNVOICED_CONFIDENCE = 0.5
_PAREN = re.compile(r"\([^)]*\)")
_ROLE_SAMPLE = 60


@dataclass
class Mentions:
    """The accepted mentions of one canonical character."""

    name: str
    hits: list[Hit] = field(default_factory=list)
    plain: int = 0  # mentions through a name that is not a common word
    related: bool = False  # known only from a related fandom's pack
    acts: int = 0
    speaks: int = 0


def _accept(text: str, hit: Hit, seen_mid: set[str], lowercase: bool = False) -> bool:
    """Context check for a common-word alias (``lowercase``: its chapter has no capitals)."""
    if previous_word(text, hit.start) in DETERMINERS:
        return False
    nxt = next_word(text, hit.end).lower()
    if nxt in SUBJECT_PRONOUNS:
        return False
    return lowercase or not sentence_initial(text, hit.start) or hit.alias.text in seen_mid


def resolve_mentions(work: Work, scan: Scan | None = None) -> dict[str, Mentions]:
    """Canonical character name -> its accepted mentions, for the work's fandom packs.

    Computed once per scan and scope; the relationship tagger reuses it.
    """
    index = alias_index()
    scan = scan or scan_work(work, index)
    own, related = _scope(work, index)
    if not own:
        return {}
    key = ("mentions", frozenset(own), frozenset(related))
    cached = scan.derived.get(key)
    if isinstance(cached, dict):
        return cached
    out = _resolve(scan, own, related)
    scan.derived[key] = out
    return out


# The packs in scope follow from the names of the work's standing fandoms alone; finding
# a fandom's pack reads every pack's names, so it is done once per set of names (the
# character and relationship taggers each ask, for every work).
_scopes: dict[tuple[str, ...], tuple[AliasIndex, tuple[set[int], set[int]]]] = {}
_SCOPES_MAX = 512


def _scope(work: Work, index: AliasIndex) -> tuple[set[int], set[int]]:
    """:func:`fandex.tag.fandom.packs_in_scope`, remembered per set of fandom names
    (the sets returned are shared: read them, never change them)."""
    names = tuple(t.name for t in active_fandoms(work))
    got = _scopes.get(names)
    if got is not None and got[0] is index:
        return got[1]
    scope = packs_in_scope(work, index)
    if len(_scopes) >= _SCOPES_MAX:
        _scopes.clear()
    _scopes[names] = (index, scope)
    return scope


def _resolve(scan: Scan, own: set[int], related: set[int]) -> dict[str, Mentions]:
    by_alias = hits_by_alias(scan)
    # What each distinct alias means here: one character (or none, when unknown in
    # these fandoms or shared by two characters: no guess).
    meaning: dict[int, tuple[Target, bool]] = {}
    seen_mid: set[str] = set()
    for aid, hits in by_alias.items():
        a = hits[0].alias
        names = {t.name: t for t in a.targets if t.kind == "character" and t.pack in own}
        rel = False
        if not names:
            names = {
                t.name: t
                for t in a.targets
                if t.kind == "character" and t.pack in related and not t.ambiguous
            }
            rel = True
        if len(names) != 1:
            continue
        target = next(iter(names.values()))
        meaning[aid] = (target, rel)
        if target.ambiguous and any(
            reads_as_name(scan.texts[h.chapter], h, h.chapter in scan.lowercased) for h in hits
        ):
            seen_mid.add(a.text)
    # Each character's hits in scan order, the names in the order of their first accepted
    # hit. The loop over every hit does only what each hit needs (a hit of a plain alias
    # is always accepted); the counts per alias are added up after it.
    lists: dict[str, list[Hit]] = {}
    plan: dict[int, tuple[list[Hit], bool, str]] = {}
    for aid, (target, _rel) in meaning.items():
        plan[aid] = (lists.setdefault(target.name, []), target.ambiguous, target.name)
    order: list[str] = []
    accepted: set[int] = set()  # the common-word aliases with a hit accepted
    texts, lowercased, get = scan.texts, scan.lowercased, plan.get
    for hit in scan.hits:
        got = get(id(hit.alias))
        if got is None:
            continue
        found, ambiguous, name = got
        if ambiguous:
            if not _accept(texts[hit.chapter], hit, seen_mid, hit.chapter in lowercased):
                continue
            accepted.add(id(hit.alias))
        if not found:
            order.append(name)
        found.append(hit)
    out: dict[str, Mentions] = {name: Mentions(name, lists[name], related=True) for name in order}
    for aid, (target, rel) in meaning.items():
        m = out.get(target.name)
        if m is None:
            continue
        if target.ambiguous:
            if aid in accepted:
                m.related = m.related and rel
        else:
            m.related = m.related and rel
            m.plain += len(by_alias[aid])
    # "the Captain", "the angel": their person's mentions too.
    add_title_hits(scan.texts, {n: m.hits for n, m in out.items()}, pack_epithets(frozenset(own)))
    for m in out.values():
        _roles(m, scan)
    return out


def _roles(m: Mentions, scan: Scan) -> None:
    """Count mentions where the character speaks or acts in the narration."""
    for hit in m.hits[:_ROLE_SAMPLE]:  # enough to decide; bounded for long works
        text = scan.texts[hit.chapter]
        if in_dialogue(text, hit.start):
            continue
        nxt = next_word(text, hit.end).lower()
        # The word before is read only when the word after does not already decide.
        if nxt in SPEECH_VERBS or previous_word(text, hit.start) in SPEECH_VERBS:
            m.speaks += 1
        elif nxt in ACTION_VERBS or (nxt.endswith("ed") and len(nxt) > 3):
            m.acts += 1


def role_of(m: Mentions, total: int) -> str:
    """``main`` (on stage) or ``mentioned`` (only talked about)."""
    on_stage = m.speaks + m.acts
    n = len(m.hits)
    if on_stage >= 2 or (on_stage >= 1 and n >= 3) or (n >= 5 and n >= 0.15 * total):
        return "main"
    return "mentioned"


def _confidence(m: Mentions, role: str) -> float:
    n = len(m.hits)
    if role == "main":
        c = 0.6 + 0.35 * (1 - math.exp(-n / 5))
    else:
        c = 0.45 + 0.3 * (1 - math.exp(-n / 3))
    if m.plain == 0:
        c *= 0.8
    if m.related:
        c *= 0.85
    return round(min(c, 0.97), 4)


def _evidence(m: Mentions, scan: Scan, n: int = 3) -> list[Evidence]:
    return [evidence_for(scan, h.chapter, h.start, h.end) for h in m.hits[:n]]


@tagger(
    NAME,
    requires=("text", "tags.fandom"),
    assigns=("tags.character",),
    default_config={"min_mentions": 1, "min_common_word_mentions": 2, "unknown_fandom": True},
)
def character_tagger(work: Work, config: dict[str, Any]) -> None:
    """Tag characters with ``role``, ``mentions`` and ``share`` attributes.

    The confidence is calibrated, for a pack's characters and extracted names alike, in
    one stage (:func:`fandex.tag.characters_prominence.calibrate`) on how prominent the
    character is: its mentions per thousand words of the text (``density``), over the
    most-mentioned character's (``share``), its ``rank`` and ``summary`` mark.
    """
    mentions = resolve_mentions(work)
    if not mentions:
        if config["unknown_fandom"] and not _scope(work, alias_index())[0]:
            stated = _stated_name_words(work)
            found = extract_characters(work, tagger_name=NAME)
            _pov_narrator(work, found)
            _summary_narrator(work, found)
            # Ranked among all the names found, the author's own included.
            for tag in found:
                if tag.attrs.get("narrator"):
                    mark_narrator(work, tag)
            calibrate(work, found, {t.name: t.attrs.get("short_forms", []) for t in found})
            for tag in found:
                if tag.attrs.get("unvoiced"):
                    tag.confidence = min(tag.confidence, UNVOICED_CONFIDENCE)
                # "Mittermeyer" is the author's "Wolfgang Mittermeyer", not another person;
                # a narrator called "Kit" is the author's "Kitteridge Vane".
                if not _name_words(tag.name) & stated and not (
                    tag.attrs.get("narrator") and _short_for(tag.name, stated)
                ):
                    work.add_tag(tag)
        return
    scan = scan_work(work)
    total = sum(len(m.hits) for m in mentions.values())
    kept = []
    for m in mentions.values():
        need = config["min_mentions"] if m.plain else config["min_common_word_mentions"]
        if m.related:
            need = max(need, 2)
        if len(m.hits) >= need:
            kept.append(m)
    narrator = vocative_narrator(
        work, {n: [(h.chapter, h.start, h.end) for h in m.hits] for n, m in mentions.items()}
    )
    if narrator is not None and all(m.name != narrator for m in kept):
        kept.append(mentions[narrator])
    pov = _pov_of(work)
    named = matching(pov, [m.name for m in mentions.values()]) if pov else None
    if named is not None:
        narrator = named  # the author's viewpoint tag over a guess from the text
        if all(m.name != named for m in kept):
            kept.append(mentions[named])
    kept = merge_initials(kept)
    most = max((len(m.hits) for m in kept), default=1)
    words = max(work.words, 1)
    tags = []
    for m in kept:
        role = role_of(m, total)
        raw = _confidence(m, role)
        attrs: dict[str, Any] = {
            "role": role,
            "mentions": len(m.hits),
            "share": len(m.hits) / most,  # (as measured: calibrate rounds them)
            "density": mentions_per_thousand(len(m.hits), words),
            "raw_confidence": raw,
        }
        tags.append(Tag("character", m.name, "inferred", raw, _evidence(m, scan), NAME, attrs))
    if pov is not None and named is None and not _name_words(pov) & _stated_name_words(work):
        tags.append(pov_narrator_tag(work, pov, NAME))
        narrator = pov
    for tag in tags:
        if tag.name == narrator:
            mark_narrator(work, tag)
    calibrate(work, tags, {m.name: {h.alias.text for h in m.hits} for m in kept})
    for tag in tags:
        work.add_tag(tag)


def _pov_of(work: Work) -> str | None:
    """The narrator the author's one viewpoint tag names ("Piper Chapman POV"), in a
    story told in "I" or "you" (in one told in "he" and "she" the viewpoint character is
    no narrator), or where no tag names one, the "Reader" of a "Reader-Insert" told in
    "you" and the "Narrator" of an "Unnamed Narrator" told in "I"
    (:func:`fandex.tag.pov_tags.unnamed_narrator`); None otherwise."""
    names = pov_names(work)
    told = told_by(work)
    if not names and told is not None:
        # "Reader-Insert" told in "you", "Unnamed Narrator" in "I": AO3's "Reader", "Narrator".
        unnamed = unnamed_narrator(work, told)
        return unnamed[0] if unnamed is not None else None
    return names[0] if len(names) == 1 and told is not None else None


def _pov_narrator(work: Work, found: list[Tag]) -> None:
    """Make the found name the author's viewpoint tag names the narrator (a new tag for
    them when the text never names them), over the one the text's own reading found."""
    pov = _pov_of(work)
    if pov is None:
        return
    named = matching(pov, [t.name for t in found])
    for tag in found:
        if tag.attrs.get("narrator") and tag.name != named:
            del tag.attrs["narrator"]  # the author's word over a guess from the text
    if named is not None:
        next(t for t in found if t.name == named).attrs["narrator"] = True
    else:
        tag = pov_narrator_tag(work, pov, NAME)
        tag.attrs["narrator"] = True  # marked with the others by the caller
        found.append(tag)


def _summary_narrator(work: Work, found: list[Tag]) -> None:
    """Where nothing found the narrator of a story told in "I", the one the summary
    names and the narration never does (:func:`fandex.tag.summary_narrator.summary_narrator`):
    the found name that matches it (named in dialogue only), else a new tag."""
    if any(t.attrs.get("narrator") for t in found):
        return
    name = summary_narrator(work)
    if name is None:
        return
    named = matching(name, [t.name for t in found])
    if named is not None:
        next(t for t in found if t.name == named).attrs["narrator"] = True
        return
    tag = summary_narrator_tag(work, name, NAME)
    tag.attrs["narrator"] = True  # marked with the others by the caller
    found.append(tag)


def _initial_of(short: str, full: str) -> bool:
    """Whether name word ``short`` is the initial of ``full`` ("G." of "Greg")."""
    return len(short) == 2 and short[1] == "." and len(full) > 2 and full[0] == short[0]


def same_but_initials(a: str, b: str) -> bool:
    """Whether two pack names name one person, one giving an initial where the other
    gives the word ("G. Lestrade", "Greg Lestrade": two packs of one canon).

    >>> same_but_initials("G. Lestrade", "Greg Lestrade")
    True
    >>> same_but_initials("Mycroft Holmes", "Sherlock Holmes")
    False
    """
    wa, wb = _PAREN.sub("", a).split(), _PAREN.sub("", b).split()
    if len(wa) != len(wb) or wa == wb:
        return False
    initials = 0
    for x, y in zip(wa, wb, strict=True):
        if x == y:
            continue
        if not (_initial_of(x, y) or _initial_of(y, x)):
            return False
        initials += 1
    return initials < len(wa)


def merge_initials(found: list[Mentions]) -> list[Mentions]:
    """``found`` with a name that only initials tell apart from one other name of the
    work merged into it, the one more mentioned keeping its name: two packs (a book and
    its adaptation) may each name the same person, and a reader counts one. A name that
    fits two others ("J. Watson" beside John and James Watson) is no guess."""
    # Only a name with an initial can be another's ("G. Lestrade"): most works have none.
    short = [m for m in found if any(len(w) == 2 and w[1] == "." for w in m.name.split())]
    if not short:
        return found
    same: dict[int, list[Mentions]] = {id(m): [] for m in found}
    for m in short:
        for o in found:
            if o is not m and same_but_initials(m.name, o.name):
                same[id(m)].append(o)
                if all(o is not x for x in short):
                    same[id(o)].append(m)
    gone: set[int] = set()  # (by identity: Mentions compare by value)
    for m in sorted(found, key=lambda m: -len(m.hits)):
        mine = same[id(m)]
        if id(m) in gone or len(mine) != 1 or len(same[id(mine[0])]) != 1 or id(mine[0]) in gone:
            continue
        big, small = (m, mine[0]) if len(m.hits) >= len(mine[0].hits) else (mine[0], m)
        big.hits += small.hits
        big.plain += small.plain
        big.acts += small.acts
        big.speaks += small.speaks
        big.related = big.related and small.related
        gone.add(id(small))
    return [m for m in found if id(m) not in gone]


def _name_words(name: str) -> set[str]:
    return {w for w in name.replace("(", " ").replace(")", " ").split() if len(w) > 2} - STOP


def _short_for(name: str, words: set[str]) -> bool:
    """Whether the one-word ``name`` opens one of ``words`` (a stated name's): "Kit" for
    "Kitteridge".

    >>> _short_for("Kit", {"Kitteridge", "Vane"}), _short_for("Kit", {"Kate"})
    (True, False)
    """
    return " " not in name and any(w.startswith(name) and w != name for w in words)


def _stated_name_words(work: Work) -> set[str]:
    """The name words of the characters the author (or a user) named."""
    return {
        w
        for t in work.tags_of("character")
        if t.source in ("stated", "user") and not t.attrs.get("rejected")
        for w in _name_words(t.name)
    }
