"""Canon families: one canon, several AO3 fandoms, one umbrella AO3 files them all under.

AO3 keeps the books, the TV series, the films and the games of one canon as fandoms of
their own ("A Song of Ice and Fire - George R. R. Martin", "Game of Thrones (TV)") and
groups them under an umbrella, a metatag ("A Song of Ice and Fire & Related Fandoms"):
a work tagged with one of them is found under the umbrella too, and two of them on one
work are not a crossover. Some umbrellas are a fandom of their own as well ("Harry Potter
- J. K. Rowling" is the books and holds "Harry Potter (Movies)"; "Star Wars - All Media
Types").

A pack says which family it belongs to in its ``[canon]`` table (data a fan can extend,
:mod:`fandex.vocab.packs`); packs naming the same umbrella are one family (the Conan Doyle
and BBC *Sherlock* packs). The text of a story rarely says which adaptation its writer
meant - the people and places are the canon's - so the fandom tagger guesses the umbrella,
what AO3 would also file the work under, unless the story's world picks one member
(:mod:`fandex.tag.fandom_setting`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fandex.vocab.packs import Pack, all_packs, cached, fandom_key, find_pack

__all__ = ["CanonFamily", "families", "family_named", "family_of_pack"]


def core(name: str) -> str:
    """A fandom name without its medium and its author: "Game of Thrones (TV)" and "A Song
    of Ice and Fire - George R. R. Martin" are "game of thrones", "a song of ice and fire"
    (keys)."""
    bare = re.sub(r"\([^)]*\)", " ", name)
    return fandom_key(bare.split(" - ")[0])


@dataclass(frozen=True)
class CanonFamily:
    """One canon's AO3 fandoms (``fandoms``, the umbrella left out) and its ``umbrella``;
    ``packs``: the keys of the fandoms of the packs in it; ``names``: (another name fans
    write, the fandom or umbrella it means), from the packs' ``[canon.names]``."""

    umbrella: str
    fandoms: tuple[str, ...]
    packs: frozenset[str]
    names: tuple[tuple[str, str], ...] = ()

    def named(self, name: str) -> str | None:
        """The fandom or umbrella ``name`` is by AO3's name or another name of it ("GoT"
        is "Game of Thrones (TV)"), else None."""
        key = fandom_key(name)
        for f in (self.umbrella, *self.fandoms):
            if fandom_key(f) == key:
                return f
        return next((f for n, f in self.names if fandom_key(n) == key), None)

    def is_umbrella(self, name: str) -> bool:
        """Whether ``name`` is the umbrella."""
        return fandom_key(name) == fandom_key(self.umbrella)

    def member(self, name: str) -> str | None:
        """The fandom of the family (not the umbrella) that ``name`` means: one of them
        by name or another name of it ("GoT"), else the only one whose name without
        medium and author is the same ("Sherlock" for "Sherlock (TV)"); None for none,
        or several."""
        named = self.named(name)
        if named is not None:
            return None if self.is_umbrella(named) else named
        # The umbrella competes too: "Harry Potter" is the books' umbrella as much as
        # "Harry Potter (Movies)", so it names neither member.
        alike = [f for f in (self.umbrella, *self.fandoms) if core(f) == core(name)]
        return alike[0] if len(alike) == 1 and alike[0] != self.umbrella else None

    def holds(self, name: str) -> bool:
        """Whether ``name`` is the umbrella, one of its fandoms or a name of one of its
        packs ("GoT")."""
        if self.is_umbrella(name) or self.member(name) is not None:
            return True
        pack = find_pack(name)
        return pack is not None and fandom_key(pack.fandom) in self.packs


def _build(packs: list[Pack]) -> dict[str, CanonFamily]:
    by_umbrella: dict[str, tuple[str, list[str], set[str], dict[str, str]]] = {}
    for p in packs:
        if not p.canon_umbrella:
            continue
        _, fandoms, keys, names = by_umbrella.setdefault(
            fandom_key(p.canon_umbrella), (p.canon_umbrella, [], set(), {})
        )
        for f in (p.fandom, *p.canon_fandoms):
            if fandom_key(f) not in {fandom_key(g) for g in fandoms}:
                fandoms.append(f)
        keys.add(fandom_key(p.fandom))
        for f, others in p.canon_names.items():
            for other in others:
                names.setdefault(other, f)
    return {
        k: CanonFamily(
            u, tuple(f for f in fs if fandom_key(f) != k), frozenset(keys), tuple(names.items())
        )
        for k, (u, fs, keys, names) in by_umbrella.items()
    }


def families(packs: Iterable[Pack] | None = None) -> list[CanonFamily]:
    """Every canon family of the packs in use (or of ``packs``)."""
    return list(_families(packs).values())


def _families(packs: Iterable[Pack] | None) -> dict[str, CanonFamily]:
    # Built once per set of pack files; other packs (a test's, an index's copy) afresh.
    built: dict[str, CanonFamily] = cached("canon-families", _build)
    if packs is None:
        return built
    pool = list(packs)
    current = all_packs()
    if len(pool) == len(current) and all(a is b for a, b in zip(pool, current, strict=True)):
        return built
    return _build(pool)


def family_of_pack(pack: Pack, packs: Iterable[Pack] | None = None) -> CanonFamily | None:
    """The family ``pack`` belongs to, if its pack names one."""
    if not pack.canon_umbrella:
        return None
    return _families(packs).get(fandom_key(pack.canon_umbrella))


def family_named(name: str, packs: Iterable[Pack] | None = None) -> CanonFamily | None:
    """The family ``name`` is the umbrella or a fandom of, else that of the pack it names.

    >>> family_named("Game of Thrones (TV)").umbrella
    'A Song of Ice and Fire & Related Fandoms'
    """
    fams = _families(packs)
    key = fandom_key(name)
    if key in fams:
        return fams[key]
    for fam in fams.values():
        if fam.named(name) is not None:
            return fam
    pool = None if packs is None else list(packs)
    pack = find_pack(name, pool)
    return family_of_pack(pack, pool) if pack is not None else None
