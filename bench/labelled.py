"""Labelled works for the calibration bench: matching rules, a folder of AO3 downloads read
with the author's tags as labels, precision/recall and the false alarms issue 14 names.

The matching rules are those of ``../shared/tools/eval_realworld.py``: a character is right
when it shares a name word with a stated one, a relationship when it has the same kind
(``/`` or ``&``) and its people match one to one, a rating or warning when the names agree
(No Archive Warnings Apply is right only when it is all the author stated). One is
stricter here: a family name two stated people share makes no guess right by itself
("Lucius Malfoy" beside stated Draco and Narcissa Black Malfoy; :func:`same_character`),
as a relationship's people are matched.

A **corpus** is a folder of files fandex can import whose author stated tags (AO3
"Download > HTML" or EPUB files, AO3 work pages): each is read, its stated rating,
archive warnings, relationships, characters and fandoms become its labels, and they are
taken away before the taggers run, so every inferred tag is read from the text alone. A
file named in the folder's optional ``excerpts.txt`` (one name a line) holds only the
opening of its work: its labels speak for text it does not have, so a missed tag says
nothing there and its ratings and warnings are not judged (its false alarms still count:
a serious warning inferred on an excerpt of a work stated No Archive Warnings Apply is
one all the same).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fandex.clean import clean
from fandex.model import Tag, Work
from fandex.parse import build_work
from fandex.parse.values import resolve_fandom, split_fandoms
from fandex.read import read_bytes
from fandex.tag.fandom_family import family_named
from fandex.tag.mentions import WORDS
from fandex.vocab.names import known_character
from fandex.vocab.packs import are_relatives

NONE_APPLY = "No Archive Warnings Apply"
SERIOUS = (
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "Rape/Non-Con",
    "Underage Sex",
)
RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
# The confidence at which a tag is shown (and scored by the real-world scorer).
SHOWN = {"rating": 0.6, "warning": 0.5}
SHOWN_OTHER = 0.6
LABELLED = ("rating", "warning", "relationship", "character", "fandom")
_TITLES = frozenset(WORDS["titles"])


def shown(tag: Tag) -> bool:
    """Whether fandex shows this inferred tag by default."""
    return tag.confidence >= SHOWN.get(tag.type, SHOWN_OTHER)


# --- matching rules (as ../shared/tools/eval_realworld.py scores them) ---------------------


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s or "").casefold().split())


def _person_words(name: str) -> tuple[set[str], set[str]]:
    inside = " ".join(re.findall(r"\(([^)]*)\)", name))
    outside = re.sub(r"\([^)]*\)", " ", name)

    def words(s: str) -> set[str]:
        return {t for t in re.findall(r"\w+", fold(s).replace("_", " ")) if len(t) > 1}

    return words(outside), words(inside)


def same_person(label: str, got: str) -> bool:
    lo, li = _person_words(label)
    go, gi = _person_words(got)
    return bool(lo & go or li & go) or (not lo and bool(li & gi))


def family_words(labels: list[str]) -> frozenset[str]:
    """The name words (outside brackets) that two stated characters share: a family name
    ("Weasley" of Ginny and Molly Weasley).

    >>> sorted(family_words(["Ginny Weasley", "Molly Weasley", "Matthews (Hornblower)"]))
    ['weasley']
    """
    seen: dict[str, int] = {}
    for label in labels:
        for w in _person_words(label)[0]:
            seen[w] = seen.get(w, 0) + 1
    return frozenset(w for w, n in seen.items() if n > 1)


def same_character(label: str, got: str, family: frozenset[str] = frozenset()) -> bool:
    """Whether a guessed character is the stated one: they share a name word, and when
    the guess has a word of its own besides the ``family`` words two stated people share
    (:func:`family_words`), on such a word. "Lucius Malfoy" is not the "Draco Malfoy" of
    labels that also name "Narcissa Black Malfoy" (a family name alone matched him
    before: issue-14 judging, as eval_realworld.py still scores); a bare "Darcy" beside
    Fitzwilliam and Georgiana Darcy is still judged by its one word.

    >>> fam = frozenset({"weasley"})
    >>> same_character("Ginny Weasley", "Fred Weasley", fam)
    False
    >>> same_character("Ginny Weasley", "Ginny", fam), same_character("Molly Weasley", "Weasley")
    (True, True)
    """
    lo, li = _person_words(label)
    go, gi = _person_words(got)
    own = go - family
    if own:
        return bool((lo | li) & own) or (not lo and bool(li & gi))
    return same_person(label, got)


def split_relationship(rel: str) -> tuple[str, list[str]]:
    for sep in "/&":
        if sep in rel:
            return sep, [p.strip() for p in rel.split(sep) if p.strip()]
    return "?", [rel.strip()]


def same_relationship(label: str, got: str, shared: frozenset[str] = frozenset()) -> bool:
    """Whether a guessed relationship is a labelled one: the same kind, its people
    matched one to one. ``shared``: name words two labelled people of the work share (a
    family name, "Holmes"), which match no one ("Greg Lestrade/Sherlock Holmes" is not
    "Mycroft Holmes/Greg Lestrade")."""
    (lk, lp), (gk, gp) = split_relationship(label), split_relationship(got)
    if lk != gk or len(lp) != len(gp):
        return False
    free = list(gp)
    for p in lp:
        hit = next((g for g in free if _same_person_apart(p, g, shared)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _same_person_apart(label: str, got: str, shared: frozenset[str]) -> bool:
    lo, li = _person_words(label)
    go, gi = _person_words(got)
    if (lo | li) - shared:
        lo, li = lo - shared, li - shared
    return bool(lo & go or li & go) or (not lo and bool(li & gi))


def shared_words(labels: list[str]) -> frozenset[str]:
    """Name words that two different people of the labelled relationships share."""
    owners: dict[str, set[str]] = {}
    for rel in labels:
        for person in split_relationship(rel)[1]:
            outside, inside = _person_words(person)
            for w in outside | inside:
                owners.setdefault(w, set()).add(fold(person))
    return frozenset(w for w, people in owners.items() if len(people) > 1)


def same_fandom(label: str, got: str) -> bool:
    """Whether a guessed fandom agrees with a stated one.

    One canon's AO3 fandoms (books, TV series, films, games) are judged by their family
    (``[canon]`` in the packs, :mod:`fandex.tag.fandom_family`): a guessed umbrella ("A
    Song of Ice and Fire & Related Fandoms") is right for any fandom of its family,
    since AO3 files a work under its own fandom and under the umbrella both; a guessed
    fandom of the family is right for itself (and for a stated umbrella, which it does
    not contradict), wrong for another of the family ("Doctor Who" for a story stated
    "Doctor Who (2005)", "Sherlock (TV)" for a Conan Doyle pastiche). Other names are
    judged by their forms: with and without medium or author, either side of "A | B".
    """
    family = family_named(got)
    if family is not None:
        if family.is_umbrella(got):
            if family.holds(label):
                return True
        else:
            mine, theirs = family.member(got), family.member(label)
            if mine is not None and theirs is not None:
                return fold(mine) == fold(theirs)
            if family.is_umbrella(label):
                return True

    def forms(s: str) -> set[str]:
        s = fold(s)
        out = {s, fold(re.sub(r"\([^)]*\)", "", s)), fold(s.split(" - ")[0])}
        out |= {fold(p) for p in s.split("|")}
        return {f for f in out if f}

    return bool(forms(label) & forms(got))


def right(type_: str, name: str, labels: list[str]) -> bool:
    """Whether an inferred tag agrees with the labels of its type (a character:
    :func:`same_character`)."""
    if type_ == "character":
        shared = family_words(labels)
        return any(same_character(label, name, shared) for label in labels)
    if type_ == "relationship":
        shared = shared_words(labels)
        return any(same_relationship(label, name, shared) for label in labels)
    if type_ == "fandom":
        return any(same_fandom(label, name) for label in labels)
    if type_ == "warning" and name == NONE_APPLY:
        return labels == [NONE_APPLY]
    return fold(name) in {fold(label) for label in labels}


# A bare "Original Character(s)" tag (any gender word), not a named one ("Isolde
# (Original Character)", judged by its name like any other).
_OC_LABEL = re.compile(r"original (?:(?:male|female|non-?binary) )?characters?(?:\(s\))?")


def oc_label(label: str) -> str | None:
    """``"one"`` for a bare singular Original Character tag, ``"many"`` for a plural
    one ("Original Characters", "Original Character(s)"), None for any other label.

    >>> oc_label("Original Female Character"), oc_label("Original Characters")
    ('one', 'many')
    >>> oc_label("Isolde (Original Character)") is None
    True
    """
    found = _OC_LABEL.fullmatch(fold(label))
    if found is None:
        return None
    return "one" if found.group(0).endswith("character") else "many"


def judge_characters(guesses: list[tuple[str, int, bool]], labels: list[str]) -> list[bool]:
    """Whether each character guess, given as (name, mentions, found by proper-name
    extraction: a name no pack knows), is right. A guess is right when it shares a name
    word with a stated character (``right``); and a bare "Original Character(s)" tag
    stands for the people the author made up and did not name in the tags, so it is
    matched by guesses of names no pack knows that no named label matches: a plural tag
    by every one, a singular tag by the most mentioned (one person). (Judged by name
    words alone, a named original lead of a work tagged only "Original Characters" was
    wrong, and so was every named original side person of a work that names its leads
    and adds the group. What this rule cannot tell: a made-up name that is no person, a
    team's name, is judged right too; 1 of the 20 guesses it changed on the spent sets.)

    >>> judge_characters([("Bev", 4, True), ("Moll", 2, True)], ["Original Female Character"])
    [True, False]
    >>> judge_characters([("Bev", 4, True), ("Harry Potter", 9, False)], ["Original Characters"])
    [True, False]
    """
    out = [right("character", name, labels) for name, _, _ in guesses]
    kinds = [k for k in map(oc_label, labels) if k]
    free = sorted(
        (i for i, (_, _, made_up) in enumerate(guesses) if made_up and not out[i]),
        key=lambda i: -guesses[i][1],
    )
    if "many" in kinds:
        for i in free:
            out[i] = True
    else:
        for i in free[: kinds.count("one")]:
            out[i] = True
    return out


def map_key(type_: str, name: str) -> str:
    """The calibration map a tag's confidence goes through (see fandex.tag.calibration)."""
    return "warning_none" if type_ == "warning" and name == NONE_APPLY else type_


# --- a folder of works with stated tags ----------------------------------------------------


@dataclass
class Labelled:
    """One work of a corpus: the work with its stated tags taken away, and those tags."""

    name: str
    work: Work
    labels: dict[str, list[str]]
    excerpt: bool
    stated_platonic: list[str] = field(default_factory=list)
    # Every archive warning stated, as written, the opt-out ("Creator Chose Not To Use
    # Archive Warnings") included: not a label, but the rating's lean reads it.
    stated_warnings: list[str] = field(default_factory=list)


def _labels(work: Work) -> tuple[dict[str, list[str]], list[str]]:
    stated = [t for t in work.tags if t.source == "stated" and t.type in LABELLED]
    labels: dict[str, list[str]] = {}
    for t in stated:
        labels.setdefault(t.type, []).append(stated_fandom(t) if t.type == "fandom" else t.name)
    warnings = labels.get("warning", [])
    # An author who chose not to warn has not said which warnings apply.
    if any("not to use" in fold(w) or "chose not" in fold(w) for w in warnings):
        labels.pop("warning", None)
    elif warnings:
        labels["warning"] = ["Underage Sex" if fold(w) == "underage" else w for w in warnings]
    if labels.get("rating") and fold(labels["rating"][0]) == "not rated":
        labels.pop("rating")
    platonic = [r for r in labels.get("relationship", []) if "&" in r]
    return labels, platonic


def stated_fandom(tag: Tag) -> str:
    """A stated fandom as its author wrote it, where the parser gave it a pack's name:
    "Doctor Who (2005)" and "The Witcher (TV)" are read as the packs' "Doctor Who" and
    "Wiedźmin | The Witcher - All Media Types", other fandoms of the same canon, and a
    guess is judged against the one the author named (:func:`same_fandom`)."""
    quote = tag.evidence[0].quote if tag.evidence and tag.evidence[0].field else ""
    mine = [p.strip() for p in split_fandoms(quote) if resolve_fandom(p.strip()) == tag.name]
    if len(mine) != 1:
        return tag.name
    # Only a fandom of a canon family is another fandom than the pack's; "Angel (TV)"
    # is just another name of "Angel: the Series".
    family = family_named(mine[0])
    if family is None or not (family.member(mine[0]) or family.is_umbrella(mine[0])):
        return tag.name
    return mine[0]


def corpus(folder: Path) -> Iterator[Labelled]:
    """Every readable work of ``folder`` that states at least one labelled tag."""
    excerpts_file = folder / "excerpts.txt"
    excerpts = set(excerpts_file.read_text("utf-8").split()) if excerpts_file.exists() else set()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "excerpts.txt"):
        try:
            work = build_work(clean(read_bytes(path.read_bytes(), path.name)))
        except Exception as exc:  # a reader's failure is another bench's business
            print(f"  {path.name}: not read ({type(exc).__name__})", file=sys.stderr)
            continue
        labels, platonic = _labels(work)
        if not labels:
            continue
        warned = [t.name for t in work.tags if t.source == "stated" and t.type == "warning"]
        # The author's word is taken away, so each tagger has to read the text.
        work.tags = [t for t in work.tags if not (t.source == "stated" and t.type in LABELLED)]
        yield Labelled(path.name, work, labels, path.name in excerpts, platonic, warned)


# --- what a reader sees: precision, recall, false alarms -----------------------------------


@dataclass
class Tally:
    """Shown inferred tags against the stated ones, per tag type."""

    shown: dict[str, int] = field(default_factory=dict)
    shown_right: dict[str, int] = field(default_factory=dict)
    stated: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    alarms: dict[str, list[str]] = field(default_factory=dict)

    def add(self, item: Labelled, tags: list[tuple[str, str, float]]) -> None:
        """Count one work's inferred tags, given as (type, name, confidence): the
        confidence a reader would see (held out, where a map was fitted)."""
        inferred = [(ty, n) for ty, n, c in tags if c >= SHOWN.get(ty, SHOWN_OTHER)]
        judged = [k for k in item.labels if not (item.excerpt and k in ("rating", "warning"))]
        for type_ in judged:
            labels = item.labels[type_]
            mine = [n for ty, n in inferred if ty == type_]
            self.shown[type_] = self.shown.get(type_, 0) + len(mine)
            ok = sum(right(type_, n, labels) for n in mine)
            self.shown_right[type_] = self.shown_right.get(type_, 0) + ok
            if item.excerpt:
                continue  # the excerpt may not hold what the labels speak of
            self.stated[type_] = self.stated.get(type_, 0) + len(labels)
            self.found[type_] = self.found.get(type_, 0) + sum(
                any(right(type_, n, [label]) for n in mine) for label in labels
            )
        self._alarms(item, inferred)

    def _alarm(self, kind: str, text: str) -> None:
        self.alarms.setdefault(kind, []).append(text)

    def _alarms(self, item: Labelled, inferred: list[tuple[str, str]]) -> None:
        where = item.name
        if item.labels.get("warning") == [NONE_APPLY]:
            for ty, n in inferred:
                if ty == "warning" and n in SERIOUS:
                    self._alarm("serious warning on a No Archive Warnings Apply work", where)
        stated_rating = next(iter(item.labels.get("rating") or []), None)
        for ty, n in inferred:
            if (
                ty == "rating"
                and stated_rating in RATINGS
                and n in RATINGS
                and RATINGS.index(n) > RATINGS.index(stated_rating)
            ):
                self._alarm("rating above the stated one", f"{where}: {n}")
            if ty == "relationship":
                _, people = split_relationship(n)
                if len(people) == 2 and are_relatives(*people):
                    self._alarm("ship between relatives (packs)", f"{where}: {n}")
                if "/" in n and any(
                    same_relationship(p.replace("&", "/"), n) for p in item.stated_platonic
                ):
                    self._alarm("ship the author stated as platonic", f"{where}: {n}")
            if ty == "character" and junk_name(n):
                self._alarm("character that is not a name", f"{where}: {n}")

    def print(self, title: str) -> None:
        print(f"\n{title}")
        print(f"    {'type':12s} {'shown':>6s} {'precision':>9s} {'stated':>7s} {'recall':>7s}")
        for type_ in sorted(set(self.shown) | set(self.stated)):
            n, ok = self.shown.get(type_, 0), self.shown_right.get(type_, 0)
            s, f = self.stated.get(type_, 0), self.found.get(type_, 0)
            p = f"{ok / n:.2f}" if n else "-"
            r = f"{f / s:.2f}" if s else "-"
            print(f"    {type_:12s} {n:6d} {p:>9s} {s:7d} {r:>7s}")
        print("  false alarms (shown tags):")
        kinds = (
            "serious warning on a No Archive Warnings Apply work",
            "rating above the stated one",
            "ship between relatives (packs)",
            "ship the author stated as platonic",
            "character that is not a name",
        )
        for kind in kinds:
            hits = self.alarms.get(kind, [])
            print(f"    {kind}: {len(hits)}" + (f"  ({'; '.join(hits[:6])})" if hits else ""))


def junk_name(name: str) -> bool:
    """A character name that reads as a title or an ordinary word, not a name: its first
    word is a title ("Sub-Lieutenant Kircheis") or a common lower-case word ("Perhaps
    Reuenthal", "Whenever Martin"), and no pack knows it."""
    from fandex.tag.lowercase import COMMON

    if known_character(name):
        return False
    first = name.split()[0] if name.split() else ""
    head = first.split("-")[-1]
    return head in _TITLES or (len(name.split()) > 1 and first.lower() in COMMON)
