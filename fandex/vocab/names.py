"""Canonical names for characters and relationships, resolved through the fandom packs.

The parse stage calls these to normalise stated names ("Spike/Buffy" and "Spuffy" both
become "Buffy Summers/Spike"). Lookups are case-insensitive, built once per pack set
and memoised, so calling them for every stated tag of every work is cheap.

>>> resolve_character("Xander")
'Xander Harris'
>>> resolve_ship("Spuffy")
'Buffy Summers/Spike'
>>> resolve_ship("spike / buffy")
'Buffy Summers/Spike'
>>> resolve_character("Draco M.", ["Harry Potter"])
'Draco Malfoy'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from fandex.vocab.ao3 import load_toml
from fandex.vocab.packs import Pack, cached, fandom_key, find_pack, relationship_name

# "A/B", "A x B" (shippers' shorthand) and "A & B" (platonic, AO3's form).
_ROMANTIC_SPLIT = re.compile(r"\s*/\s*|\s+x\s+|\s+X\s+")
_PLATONIC_SPLIT = re.compile(r"\s*&\s*")
_PAREN = re.compile(r"\s*\([^()]*\)$")
# FanFiction.net's character lists: a first name and the initial of the last ("Draco M.").
_INITIAL = re.compile(r"([^\W\d_][\w'’-]+)\s+([^\W\d_])\.?")


@dataclass
class NameIndex:
    """Case-folded names -> canonical names, per pack, and ship names -> relationships."""

    packs: list[Pack]
    characters: dict[str, dict[int, str]] = field(default_factory=dict)
    ships: dict[str, dict[int, str]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    memo: dict[tuple[str, str, tuple[str, ...]], str | None] = field(default_factory=dict)


def build_name_index(packs: Sequence[Pack]) -> NameIndex:
    """Index every character name, alias and ship name of ``packs``."""
    idx = NameIndex(list(packs))
    for i, p in enumerate(packs):
        for c in p.characters:
            # Canonical names first, so an alias elsewhere cannot shadow one.
            idx.characters.setdefault(c.name.casefold(), {})[i] = c.name
            idx.genders.setdefault(c.name, c.gender)
        for c in p.characters:
            for a in c.aliases:
                idx.characters.setdefault(a.casefold(), {}).setdefault(i, c.name)
        for ship, rel in p.ships.items():
            idx.ships.setdefault(_tidy(ship).casefold(), {})[i] = rel
    return idx


def name_index() -> NameIndex:
    """The name index of the packs in use (cached until a pack file changes)."""
    idx: NameIndex = cached("name-index", build_name_index)
    return idx


_MEMO_LIMIT = 100_000


def _bound(idx: NameIndex) -> None:
    """Keep the memo from growing without end over millions of distinct names."""
    if len(idx.memo) >= _MEMO_LIMIT:
        idx.memo.clear()


def _tidy(name: str) -> str:
    return " ".join(name.split())


def _scope(idx: NameIndex, fandoms: Iterable[str] | None) -> set[int] | None:
    if not fandoms:
        return None
    out: set[int] = set()
    for f in fandoms:
        p = find_pack(f, idx.packs)
        if p is not None:
            out.add(idx.packs.index(p))
            # Related fandoms share characters (Buffy and Angel); allow them too.
            keys = {fandom_key(r) for r in p.related}
            out |= {i for i, q in enumerate(idx.packs) if fandom_key(q.fandom) in keys}
    return out or None


def _pick(options: dict[int, str] | None, scope: set[int] | None) -> str | None:
    if not options:
        return None
    names = {n for i, n in options.items() if scope is None or i in scope}
    return names.pop() if len(names) == 1 else None


def resolve_character(name: str, fandoms: Iterable[str] | None = None) -> str:
    """The canonical AO3-style name for a character name or alias.

    With ``fandoms``, only those fandoms' packs (and their related ones) are asked, so
    "Will" can resolve inside one fandom. A name that no pack knows, or that means
    different characters in different packs, comes back tidied but unchanged.
    """
    tidy = _tidy(name)
    idx = name_index()
    fkey = tuple(sorted(fandoms)) if fandoms else ()
    key = ("c", tidy, fkey)
    if key not in idx.memo:
        _bound(idx)
        scope = _scope(idx, fkey)
        found = _pick(idx.characters.get(tidy.casefold()), scope)
        if found is not None and fkey and scope is None and not _names_itself(tidy, found):
            # Stated fandoms that no pack knows cannot vouch for a one-word alias: "Bob"
            # in a story of another fandom is not Stranger Things' Bob Newby.
            found = None
        if found is None and tidy.endswith(")"):
            # AO3 disambiguates with the fandom: "Spike (Buffyverse)" is our "Spike";
            # "Happy (Fairy Tail)" is not Marvel's Happy Hogan. A qualifier no pack
            # knows vouches for no one-word name.
            base = _PAREN.sub("", tidy)
            named = _scope(idx, (tidy[len(base) :].strip(" ()"),))
            found = _pick(idx.characters.get(base.casefold()), named or scope) if base else None
            if found is not None and named is None and not _names_itself(base, found):
                found = None
        if found is None and scope is not None and (m := _INITIAL.fullmatch(tidy)):
            found = _by_initial(idx, m.group(1), m.group(2), scope)
        idx.memo[key] = found
    return idx.memo[key] or tidy


def _names_itself(name: str, canonical: str) -> bool:
    """Whether ``name`` names the character without a fandom's help: the canonical
    name itself, or an alias of two words or more."""
    return name.casefold() == canonical.casefold() or len(name.split()) >= 2


def _by_initial(idx: NameIndex, first: str, initial: str, scope: set[int] | None) -> str | None:
    """The one character in scope whose name starts with ``first`` and has a later
    name beginning with ``initial`` ("Draco M." is Draco Malfoy), or, a name written
    family name first, ends with ``first`` after a name beginning with ``initial``
    ("Naruto U." is Uzumaki Naruto), else None."""
    first, initial = first.casefold(), initial.casefold()
    found: set[str] = set()
    for i, p in enumerate(idx.packs):
        if scope is not None and i not in scope:
            continue
        for c in p.characters:
            words = c.name.casefold().split()
            if len(words) < 2:
                continue
            if (words[0] == first and any(w[:1] == initial for w in words[1:])) or (
                words[-1] == first and any(w[:1] == initial for w in words[:-1])
            ):
                found.add(c.name)
    return found.pop() if len(found) == 1 else None


def character_fandom(name: str) -> tuple[str, str] | None:
    """``(fandom, character)`` when ``name`` alone names one pack's character: its
    canonical name, or an alias of two words or more, known to one pack only. An
    archive that files stories by character or era ("Category: Tenth Doctor") says the
    story's fandom and one of its people this way. None for anything else.

    >>> character_fandom("Severus Snape")
    ('Harry Potter - J. K. Rowling', 'Severus Snape')
    >>> character_fandom("Severus") is None, character_fandom("Romance") is None
    (True, True)
    """
    tidy = _tidy(name)
    idx = name_index()
    options = idx.characters.get(tidy.casefold())
    if not options or len(options) != 1:
        return None
    ((i, canonical),) = options.items()
    if not _names_itself(tidy, canonical):
        return None
    return idx.packs[i].fandom, canonical


def known_character(name: str) -> bool:
    """Whether ``name`` is some pack's canonical character name."""
    return name in name_index().genders


def character_gender(name: str) -> str:
    """The pack gender of a canonical character ("M", "F", "NB"), or "U" when unknown."""
    return name_index().genders.get(name, "U")


@cache
def _given_names() -> dict[str, str]:
    """Common given names, case-folded, with the gender they tell ("U": both)."""
    data = load_toml("given_names.toml")
    male = {str(n).casefold() for n in data["male"]}
    female = {str(n).casefold() for n in data["female"]}
    return {
        n: "U" if n in male and n in female else "M" if n in male else "F" for n in male | female
    }


def common_given_name(name: str) -> bool:
    """Whether ``name`` is a common given name alone (not a full name or a rare name):
    no evidence of any fandom (``fandex/vocab/given_names.toml``).

    >>> common_given_name("Anna"), common_given_name("Anna Milton"), common_given_name("Castiel")
    (True, False, False)
    """
    return name.casefold() in _given_names()


def given_name_gender(name: str) -> str:
    """The gender a person's first name tells ("M", "F"), or "U" when it is no common
    given name or one given to both.

    >>> given_name_gender("Martin Ferris"), given_name_gender("Irene"), given_name_gender("Robin")
    ('M', 'F', 'U')
    """
    first = name.split()[0] if name.split() else ""
    return _given_names().get(first.casefold(), "U")


def resolve_ship(name: str, fandoms: Iterable[str] | None = None) -> str | None:
    """The canonical relationship for a ship name ("Spuffy") or a pairing ("Spike/Buffy").

    A pairing resolves only when every member resolves to a known character; the
    result is in AO3 form (names sorted, ``/`` romantic, `` & `` platonic). Returns
    None for anything the packs cannot vouch for.
    """
    tidy = _tidy(name)
    idx = name_index()
    fkey = tuple(sorted(fandoms)) if fandoms else ()
    key = ("s", tidy, fkey)
    if key not in idx.memo:
        _bound(idx)
        idx.memo[key] = _resolve_ship(tidy, idx, fkey)
    return idx.memo[key]


def _resolve_ship(tidy: str, idx: NameIndex, fandoms: tuple[str, ...]) -> str | None:
    scope = _scope(idx, fandoms)
    ship = _pick(idx.ships.get(tidy.casefold()), scope)
    if ship:
        return ship
    platonic = "&" in tidy and "/" not in tidy
    parts = (_PLATONIC_SPLIT if platonic else _ROMANTIC_SPLIT).split(tidy)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    members: list[str] = []
    for p in parts:
        c = _pick(idx.characters.get(p.casefold()), scope)
        if c is None:
            return None
        members.append(c)
    if len(set(members)) < len(members):
        return None
    return relationship_name(members, " & " if platonic else "/")
