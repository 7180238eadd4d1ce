"""The schema of a fandom pack's data: what ``fandex packs check`` and the loader check.

Kept apart from :mod:`fandex.vocab.packs` (reading, merging, finding packs), which
imports it; this module imports nothing of fandex.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SCHEMA_VERSION = 1
GENDERS: tuple[str, ...] = ("M", "F", "NB", "U")  # U: unknown or not one of the others

_TOP_KEYS = {"schema", "fandom", "aliases", "media", "related", "characters", "ships"}
_TOP_KEYS |= {"places", "terms", "family", "setting", "canon"}
_SETTING_KEYS = {"cues", "names", "prior"}
_CANON_KEYS = {"umbrella", "fandoms", "names"}
_FAMILY_KEYS = {"siblings", "parents"}
_CHAR_KEYS = {"name", "aliases", "gender", "ambiguous", "guest", "epithets"}
# An epithet: "the" and lower-case words ("the angel"), found in any case of their first
# letters, and only where the character is named nearby (see fandex.tag.titles).
_EPITHET = re.compile(r"^the(?: [a-z][\w'’-]*)+$")
# A name the scanner can find: optional lowercase lead words ("the Slayer"), then a
# capitalised word.
_FINDABLE = re.compile(r"^(?:[a-z][\w'’.-]* )*[A-ZÀ-ÖØ-Þ0-9]")


def check_pack_data(data: Mapping[str, Any]) -> list[str]:
    """Every problem with one pack's data, as short messages (empty when it is valid)."""
    problems: list[str] = []
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        problems.append(f"schema must be {SCHEMA_VERSION}")
    problems += [f"unknown key {k!r}" for k in sorted(set(data) - _TOP_KEYS)]
    if not isinstance(data.get("fandom"), str) or not data["fandom"].strip():
        problems.append("missing 'fandom' (the AO3 fandom name)")
    for key in ("aliases", "related", "places", "terms"):
        problems += _check_strings(data.get(key, []), key)
    for key in ("places", "terms"):
        for s in data.get(key, []) if isinstance(data.get(key), list) else []:
            if isinstance(s, str) and not _FINDABLE.match(s):
                problems.append(f"{key}: {s!r} must start with a capitalised word")
    chars = data.get("characters", [])
    if not isinstance(chars, list) or not chars:
        problems.append("'characters' must be a non-empty list")
        chars = []
    seen_names: set[str] = set()
    owner: dict[str, str] = {}
    for i, c in enumerate(chars):
        where = f"characters[{i}]"
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or not c["name"]:
            problems.append(f"{where}: needs a 'name'")
            continue
        where = f"character {c['name']!r}"
        problems += [f"{where}: unknown key {k!r}" for k in sorted(set(c) - _CHAR_KEYS)]
        if c["name"] in seen_names:
            problems.append(f"{where}: listed twice")
        seen_names.add(c["name"])
        if not isinstance(c.get("guest", False), bool):
            problems.append(f"{where}: guest must be true or false")
        if c.get("gender", "U") not in GENDERS:
            problems.append(f"{where}: gender must be one of {', '.join(GENDERS)}")
        problems += _check_strings(c.get("aliases", []), f"{where} aliases")
        problems += _check_strings(c.get("ambiguous", []), f"{where} ambiguous")
        problems += _check_strings(c.get("epithets", []), f"{where} epithets")
        for ep in c.get("epithets", []):
            if isinstance(ep, str) and not _EPITHET.match(ep):
                problems.append(f"{where}: epithet {ep!r} must be 'the' and lower-case words")
        names = [c["name"], *[a for a in c.get("aliases", []) if isinstance(a, str)]]
        for amb in c.get("ambiguous", []):
            if amb not in names:
                problems.append(f"{where}: ambiguous name {amb!r} is not one of its names")
        for n in names:
            if not _FINDABLE.match(n):
                problems.append(f"{where}: name {n!r} must start with a capitalised word")
            prev = owner.setdefault(n.casefold(), c["name"])
            if prev != c["name"]:
                problems.append(f"{where}: name {n!r} also belongs to {prev!r}")
    ships = data.get("ships", {})
    if not isinstance(ships, dict):
        problems.append("'ships' must be a table of ship name = relationship")
        ships = {}
    for ship, rel in ships.items():
        if not isinstance(rel, str) or "/" not in rel:
            problems.append(f"ship {ship!r}: must map to a relationship 'A/B'")
            continue
        members = rel.split("/")
        if members != sorted(members):
            problems.append(f"ship {ship!r}: names must be sorted ({'/'.join(sorted(members))})")
        for m in members:
            if m not in seen_names:
                problems.append(f"ship {ship!r}: {m!r} is not a character of this pack")
    problems += _check_family(data.get("family", {}), seen_names)
    problems += _check_setting(data.get("setting", {}))
    problems += _check_canon(data.get("canon", {}), data.get("fandom"))
    return problems


_NOT_KEY = re.compile(r"[^\w]|_")


def name_key(name: str) -> str:
    """A comparison key for fandom names: letters and digits, case-folded (what
    :func:`fandex.vocab.packs.fandom_key` caches)."""
    return _NOT_KEY.sub("", name.casefold())


def _check_canon(canon: Any, fandom: Any) -> list[str]:
    """``[canon]``: the AO3 umbrella (metatag) of the pack's canon family and the fandoms
    under it; the pack's own fandom is one of them, or the umbrella itself."""
    if not isinstance(canon, dict):
        return ["'canon' must be a table (umbrella, fandoms)"]
    if not canon:
        return []
    problems = [f"canon: unknown key {k!r}" for k in sorted(set(canon) - _CANON_KEYS)]
    umbrella = canon.get("umbrella")
    if not isinstance(umbrella, str) or not umbrella.strip():
        return [*problems, "canon.umbrella must be the AO3 umbrella fandom's name"]
    fandoms = canon.get("fandoms", [])
    found = _check_strings(fandoms, "canon.fandoms")
    if found or not fandoms:
        return [*problems, *(found or ["canon.fandoms must list the family's AO3 fandoms"])]
    keys = {name_key(umbrella), *(name_key(f) for f in fandoms)}
    if isinstance(fandom, str) and name_key(fandom) not in keys:
        problems.append("canon: the pack's fandom must be the umbrella or one of canon.fandoms")
    return problems + _check_canon_names(canon.get("names", {}), keys)


def _check_canon_names(names: Any, keys: set[str]) -> list[str]:
    """``[canon.names]``: each key one of the family's fandoms (or the umbrella), each value
    the other names fans write for it."""
    if not isinstance(names, dict):
        return ["canon.names must be a table (fandom = [other names])"]
    problems: list[str] = []
    for fandom, others in names.items():
        if name_key(fandom) not in keys:
            problems.append(f"canon.names: {fandom!r} is not the umbrella or in canon.fandoms")
        problems += _check_strings(others, f"canon.names.{fandom}")
    return problems


def _check_setting(setting: Any) -> list[str]:
    if not isinstance(setting, dict):
        return ["'setting' must be a table (cues, prior)"]
    problems = [f"setting: unknown key {k!r}" for k in sorted(set(setting) - _SETTING_KEYS)]
    problems += _check_strings(setting.get("cues", []), "setting.cues")
    problems += _check_strings(setting.get("names", []), "setting.names")
    prior = setting.get("prior", 0.5)
    if not isinstance(prior, int | float) or isinstance(prior, bool) or not 0 < prior < 1:
        problems.append("setting.prior must be a number between 0 and 1")
    return problems


def _check_family(family: Any, names: set[str]) -> list[str]:
    if not isinstance(family, dict):
        return ["'family' must be a table (siblings, parents)"]
    problems = [f"family: unknown key {k!r}" for k in sorted(set(family) - _FAMILY_KEYS)]
    siblings = family.get("siblings", [])
    if not isinstance(siblings, list) or not all(
        isinstance(g, list) and len(g) >= 2 for g in siblings
    ):
        problems.append("family.siblings must be a list of lists of two or more names")
        siblings = []
    parents = family.get("parents", {})
    if not isinstance(parents, dict) or not all(isinstance(v, list) for v in parents.values()):
        problems.append("family.parents must map a child to a list of its parents")
        parents = {}
    mentioned = [n for g in siblings for n in g] + [
        n for child, ps in parents.items() for n in (child, *ps)
    ]
    for n in mentioned:
        if n not in names:
            problems.append(f"family: {n!r} is not a character of this pack")
    return problems


def _check_strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return [f"{where}: must be a list of non-empty strings"]
    return []
