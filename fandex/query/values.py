"""What a field's value means: AO3 vocabulary, synonyms from the fandom packs, limits.

Each resolver turns what a person typed into the set of tag names it stands for, so
that including *and* excluding a value honour its synonyms (``ship:Spuffy`` is
``Buffy Summers/Spike``; ``character:Wes`` is Wesley Wyndam-Pryce under any of his
names). The data lives in ``fandex/vocab/query.toml``, ``ratings.toml``,
``warnings.toml`` and the fandom packs.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fandex.errors import ConfigError
from fandex.tag.fandom_family import family_named
from fandex.vocab import ao3, names, packs

log = logging.getLogger(__name__)

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(s: str) -> str:
    """Lower-case ASCII letters only: what SQLite's ``lower()`` and PostgreSQL's
    ``lower(x COLLATE "C")`` do, so Python and both databases compare names alike."""
    return s.translate(_ASCII_LOWER)


def _key(s: str) -> str:
    """Letters and digits only, case-folded: "Rape/Non-Con" and "rape non con" agree."""
    return re.sub(r"[\W_]+", "", s.casefold())


def _space_key(s: str) -> str:
    return " ".join(s.casefold().split())


def settings() -> dict[str, Any]:
    """The query vocabulary file (cached)."""
    return ao3.load_toml("query.toml")


def default_thresholds() -> dict[str, float]:
    """Per tag type, the confidence an inferred or learned tag needs to count."""
    return {k: float(v) for k, v in settings()["min_confidence"].items()}


# -- ratings --------------------------------------------------------------------------

RATING_ORDER = ao3.RATING_ORDER


def resolve_rating(value: str) -> str | None:
    """AO3's rating for a typed value: G/T/M/E, an AO3 name, or a legacy form (NC-17)."""
    key = value.strip().casefold()
    abbreviations: dict[str, str] = settings()["rating_abbreviations"]
    if key in abbreviations:
        return abbreviations[key]
    exact = ao3.canonical_rating(value)
    if exact:
        return exact
    squashed = " ".join(key.replace("_", " ").split())
    for tier in ao3.load_toml("ratings.toml")["tier"]:
        forms = [*tier.get("ao3", []), *tier.get("extended", []), *tier.get("phrases", [])]
        if squashed in forms or squashed.replace(" ", "-") in forms:
            return str(tier["rating"])
    return None


def ratings_compared(op: str, rating: str) -> list[str]:
    """The ratings ``op`` (``<``, ``<=``, ``>``, ``>=``) ``rating`` selects, in AO3's order."""
    if rating not in RATING_ORDER:
        return []
    i = RATING_ORDER.index(rating)
    picks = {
        "<": RATING_ORDER[:i],
        "<=": RATING_ORDER[: i + 1],
        ">": RATING_ORDER[i + 1 :],
        ">=": RATING_ORDER[i:],
    }[op]
    return list(picks)


# -- warnings and categories ----------------------------------------------------------


def resolve_warning(value: str) -> list[str]:
    """AO3 warning names a typed value means (empty when it means none).

    "Underage" also matches works stored before AO3's 2024 rename.
    """
    key = _key(value)
    found: str | None = None
    for w in ao3.ARCHIVE_WARNINGS:
        if _key(w) == key:
            found = w
    if found is None:
        found = ao3.canonical_warning(value)
    if found is None:
        typed = _space_key(value)
        for entry in ao3.load_toml("warnings.toml")["warning"]:
            if any(typed == p or key == _key(p) for p in entry.get("phrases", [])):
                found = str(entry["name"])
                break
    if found is None:
        return []
    return [found, "Underage"] if found == ao3.WARNING_UNDERAGE else [found]


def resolve_category(value: str) -> str | None:
    """AO3 category for a typed value (F/M, fm, het, slash...)."""
    exact = ao3.canonical_category(value)
    if exact:
        return exact
    aliases: dict[str, str] = settings()["category_aliases"]
    return aliases.get(_key(value))


def language_names(code: str) -> tuple[list[str], str]:
    """Exact language values for ``code`` and the ``code-`` prefix of regional forms."""
    c = ascii_lower(code.strip())
    langs: dict[str, list[str]] = ao3.load_toml("languages.toml")["languages"]
    exact = [c, *langs.get(c, [])]
    for k, v in langs.items():  # lang:english works as well as lang:en
        if c in v:
            exact += [k, *v]
    return list(dict.fromkeys(exact)), c + "-"


# -- fandoms, characters and relationships (the packs) --------------------------------


@dataclass(frozen=True)
class _Synonyms:
    characters: dict[str, frozenset[str]]  # typed-name key -> canonical names
    names_of: dict[str, tuple[str, ...]]  # canonical -> every name
    ships: dict[str, str]  # ship-name key -> relationship


def _build(pack_list: list[packs.Pack]) -> _Synonyms:
    characters: dict[str, set[str]] = {}
    names_of: dict[str, list[str]] = {}
    ships: dict[str, str] = {}
    for p in pack_list:
        for c in p.characters:
            names_of.setdefault(c.name, [])
            for n in c.names:
                characters.setdefault(_space_key(n), set()).add(c.name)
                if n not in names_of[c.name]:
                    names_of[c.name].append(n)
        for ship, rel in p.ships.items():
            ships.setdefault(_space_key(ship), rel)
    return _Synonyms(
        {k: frozenset(v) for k, v in characters.items()},
        {k: tuple(v) for k, v in names_of.items()},
        ships,
    )


_NO_SYNONYMS = _Synonyms({}, {}, {})


def _synonyms() -> _Synonyms:
    try:
        syn: _Synonyms = packs.cached("query-synonyms", _build)
    except ConfigError as exc:  # a broken pack file must not break every search
        log.warning("fandom packs unavailable for search synonyms: %s", exc)
        return _NO_SYNONYMS
    return syn


def _canonical_characters(value: str) -> list[str]:
    typed = " ".join(value.split())
    found = sorted(_synonyms().characters.get(_space_key(typed), frozenset()))
    resolved = names.resolve_character(typed)
    if resolved and resolved not in found and resolved != typed:
        found.append(resolved)
    return found


def character_names(value: str) -> tuple[str, list[str]]:
    """``(label, names)``: every name a character query matches (what was typed, the
    canonical name(s) and their aliases from the packs) and the name to show."""
    typed = " ".join(value.split())
    out = [typed]
    syn = _synonyms()
    canon = _canonical_characters(typed)
    for c in canon:
        out.append(c)
        out += syn.names_of.get(c, ())
    return (canon[0] if len(canon) == 1 else typed), _dedupe(out)


def fandom_names(value: str) -> tuple[str, list[str]]:
    """``(label, names)``: the fandom typed and, when a pack knows it, the pack's fandom
    name and aliases; for a fandom of a canon family ("Elementary (TV)"), the family's
    umbrella too, which fandex guesses for a story of the canon that does not say which
    of its fandoms it is (:mod:`fandex.tag.fandom_family`)."""
    typed = " ".join(value.split())
    try:
        pack = packs.find_pack(typed) if typed else None
        family = family_named(typed) if typed else None
    except ConfigError as exc:
        log.warning("fandom packs unavailable for search synonyms: %s", exc)
        pack = family = None
    umbrella = [family.umbrella] if family is not None else []
    member = family.member(typed) if family is not None else None
    if (
        family is not None
        and member is not None
        and (pack is None or packs.fandom_key(pack.fandom) != packs.fandom_key(member))
    ):
        # One fandom of a family that is not its pack's own ("GoT"): its names and the
        # umbrella, not the pack's other fandoms ("Game of Thrones (TV)" must not find
        # "House of the Dragon (TV)"). The pack's own name still finds all it covers.
        own = [n for n, f in family.names if f == member]
        return member, _dedupe([typed, member, *umbrella, *own])
    if pack is None:
        return typed, _dedupe([typed, *umbrella])
    return pack.fandom, _dedupe([typed, pack.fandom, *pack.aliases, *umbrella])


def fandom_patterns(names: Iterable[str]) -> list[str]:
    """``*`` patterns for the forms AO3 gives a fandom's name: "Original | English"
    (either side), "Name - Author", "Name (Medium)", and a "Name ... & Related Fandoms"
    umbrella, so ``fandom:"Legend of the Galactic Heroes"`` finds "Ginga Eiyuu Densetsu |
    Legend of the Galactic Heroes" and ``fandom:sherlock`` finds "Sherlock Holmes &
    Related Fandoms".

    >>> fandom_patterns(["Sherlock"])[:3]
    ['Sherlock | *', '* | Sherlock', 'Sherlock - *']
    """
    out: list[str] = []
    for name in names:
        n = " ".join(name.replace("*", "").split())
        if len(n) < 3:
            continue
        out += [f"{n} | *", f"* | {n}", f"{n} - *", f"{n} (*)", f"{n} & Related Fandoms"]
        out.append(f"{n} * & Related Fandoms")
    return _dedupe(out)


_MAX_COMBINATIONS = 24


def relationship_names(value: str) -> tuple[str, list[str]]:
    """``(label, names)``: every relationship name a ship query matches: the typed form,
    a ship name's relationship (``Spuffy``), and "A/B" with each member resolved and
    the names sorted as AO3 writes them (``Spike/Buffy`` is ``Buffy Summers/Spike``)."""
    typed = " ".join(value.split())
    out = [typed]
    ship = _synonyms().ships.get(_space_key(typed))
    try:
        resolved = names.resolve_ship(typed)
    except Exception:  # another engineer's resolver; a failure must not break search
        resolved = None
    for rel in (ship, resolved):
        if rel:
            out.append(rel)
    label = ship or resolved or _canonical_form(typed) or typed
    for rel in list(out):
        out += _member_forms(rel)
    return label, _dedupe(out)


def _split_members(rel: str) -> tuple[list[str], str] | None:
    sep = "/" if "/" in rel else (" & " if " & " in rel else None)
    if sep is None:
        return None
    members = [m.strip() for m in rel.split(sep.strip()) if m.strip()]
    return (members, sep) if len(members) >= 2 else None


def _canonical_form(rel: str) -> str | None:
    split = _split_members(rel)
    if split is None:
        return None
    members, sep = split
    resolved = []
    for m in members:
        canon = _canonical_characters(m)
        resolved.append(canon[0] if len(canon) == 1 else m)
    return packs.relationship_name(resolved, sep)


def _member_forms(rel: str) -> list[str]:
    split = _split_members(rel)
    if split is None:
        return []
    members, sep = split
    options = [[m, *_canonical_characters(m)] for m in members]
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*options), _MAX_COMBINATIONS):
        out.append(packs.relationship_name(combo, sep))
    return out


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        k = ascii_lower(item)
        if item and k not in seen:
            seen.add(k)
            out.append(item)
    return out
