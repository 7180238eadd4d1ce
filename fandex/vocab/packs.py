"""Fandom packs: what fandex knows about a fandom, as plain TOML files a fan can edit.

A pack names one fandom (its AO3 canonical name) and lists its characters with their
aliases and genders, its ship names, and the places and terms that give it away::

    schema = 1
    fandom = "Buffy the Vampire Slayer (TV)"
    aliases = ["BtVS", "Buffy"]          # other names of the fandom itself
    media = "TV"
    related = ["Angel: the Series"]      # crossover hints
    characters = [
      { name = "Xander Harris", gender = "M", aliases = ["Xander", "Harris"] },
      { name = "Angel", gender = "M", aliases = ["Angelus"], ambiguous = ["Angel"] },
    ]
    places = ["Sunnydale"]
    terms = ["Hellmouth", "Watcher"]
    [ships]
    Spuffy = "Buffy Summers/Spike"
    [family]
    siblings = [["Buffy Summers", "Dawn Summers"]]     # each list: brothers and sisters
    parents = { "Buffy Summers" = ["Joyce Summers"] }  # child = [its parents]

``setting`` tells apart packs that share their cast (the Conan Doyle stories and BBC
*Sherlock*; they are related, so their shared names count for both): lower-case words of
the story's world (``cues = ["hansom", "telegram"]`` against ``["texted", "laptop"]``)
the names its stories call its people by where the other's use others (``names``:
"Holmes" and "Watson" against "Sherlock" and "John"), and how likely the pack is when
no cue decides (``prior``, its share of the group's works; see
:mod:`fandex.tag.fandom_setting`)::

    [setting]
    cues = ["hansom", "telegram", "gasogene"]
    names = ["Holmes", "Watson"]
    prior = 0.25

``canon`` says which AO3 fandoms one canon has (books, TV series, films, games) and
the umbrella AO3 files them all under (its metatag); the pack's own ``fandom`` is one of
them or the umbrella itself. Packs naming the same umbrella are one family (see
:mod:`fandex.tag.fandom_family`)::

    [canon]
    umbrella = "A Song of Ice and Fire & Related Fandoms"
    fandoms = ["A Song of Ice and Fire - George R. R. Martin", "Game of Thrones (TV)"]

    [canon.names]
    "Game of Thrones (TV)" = ["GoT", "Game of Thrones"]

``canon.names`` gives the other names fans write for one fandom of the family (a
stated "GoT" is AO3's "Game of Thrones (TV)", not the books the pack is named after).

``family`` says who is related by canon: no romantic relationship between relatives is
ever inferred. ``ambiguous`` lists names that are also common words ("Angel", "Dawn", "Will"); the
taggers only believe them with context. ``epithets`` lists what the fandom's stories call a
character instead of a name, "the" and lower-case words (``["the angel"]`` for Aziraphale):
read only in the pack's own works, where the character is also named, and only when no
other character of the fandom has the same epithet. ``guest = true`` marks a character visiting
from a related fandom (Buffy in Angel's pack): named, but weak evidence for the fandom.
Built-in packs live in ``fandex/vocab/packs``; a user's own packs in
``$FANDEX_PACKS`` (a path list) or ``$XDG_CONFIG_HOME/fandex/packs``. A user pack for
a fandom that already has a pack extends it (new characters, more aliases and ships)
rather than replacing it.
"""

from __future__ import annotations

import functools
import os
import time
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fandex.errors import ConfigError

# The schema lives apart; its names stay importable from here for the packs' users.
from fandex.vocab.pack_schema import GENDERS as GENDERS
from fandex.vocab.pack_schema import SCHEMA_VERSION as SCHEMA_VERSION
from fandex.vocab.pack_schema import check_pack_data as check_pack_data
from fandex.vocab.pack_schema import name_key

BUILTIN_DIR = Path(__file__).parent / "packs"


@dataclass(frozen=True)
class Character:
    """A character: canonical AO3-style name, other names, gender, common-word names."""

    name: str
    aliases: tuple[str, ...] = ()
    gender: str = "U"
    ambiguous: frozenset[str] = frozenset()
    # A visitor from a related fandom ("Buffy" in Angel): named, but weak evidence
    # that a text belongs to this fandom rather than to the visitor's own.
    guest: bool = False
    # What its stories call it instead of a name, in its fandom's works only ("the angel"
    # for Aziraphale): common words, so read only where it is named (fandex.tag.titles).
    epithets: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Pack:
    """One fandom's pack. ``origin`` is "builtin" or "user"; ``paths`` the files read."""

    fandom: str
    aliases: tuple[str, ...] = ()
    media: str = ""
    related: tuple[str, ...] = ()
    characters: tuple[Character, ...] = ()
    ships: Mapping[str, str] = field(default_factory=dict)
    places: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    origin: str = "builtin"
    paths: tuple[Path, ...] = ()
    # Groups of siblings, and each child's parents (canonical names of this pack).
    siblings: tuple[tuple[str, ...], ...] = ()
    parents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Words of the story's world that tell this pack from a related one sharing its cast,
    # and its share of their works when no cue decides (0: no setting given).
    setting_cues: tuple[str, ...] = ()
    setting_names: tuple[str, ...] = ()
    setting_prior: float = 0.0
    # The AO3 umbrella (metatag) of the pack's canon family and the fandoms under it
    # ("" and (): the pack's fandom has no other AO3 fandom of the same canon).
    canon_umbrella: str = ""
    canon_fandoms: tuple[str, ...] = ()
    # Other names of the family's fandoms: fandom -> what fans also write for it.
    canon_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """A short stable handle for the pack (its first file's stem)."""
        return self.paths[0].stem if self.paths else fandom_key(self.fandom)

    def character(self, name: str) -> Character | None:
        return next((c for c in self.characters if c.name == name), None)

    def to_toml_dict(self) -> dict[str, Any]:
        """The pack as the plain data :func:`dump_pack` writes."""
        out: dict[str, Any] = {"schema": SCHEMA_VERSION, "fandom": self.fandom}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.media:
            out["media"] = self.media
        if self.related:
            out["related"] = list(self.related)
        chars = []
        for c in self.characters:
            d: dict[str, Any] = {"name": c.name, "gender": c.gender}
            if c.aliases:
                d["aliases"] = list(c.aliases)
            if c.ambiguous:
                d["ambiguous"] = sorted(c.ambiguous)
            if c.guest:
                d["guest"] = True
            if c.epithets:
                d["epithets"] = list(c.epithets)
            chars.append(d)
        out["characters"] = chars
        for key in ("places", "terms"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.ships:
            out["ships"] = dict(self.ships)
        family: dict[str, Any] = {}
        if self.siblings:
            family["siblings"] = [list(g) for g in self.siblings]
        if self.parents:
            family["parents"] = {child: list(ps) for child, ps in self.parents.items()}
        if family:
            out["family"] = family
        if self.setting_cues:
            out["setting"] = {
                "cues": list(self.setting_cues),
                "names": list(self.setting_names),
                "prior": self.setting_prior,
            }
        if self.canon_umbrella:
            out["canon"] = {"umbrella": self.canon_umbrella, "fandoms": list(self.canon_fandoms)}
            if self.canon_names:
                out["canon"]["names"] = {f: list(ns) for f, ns in self.canon_names.items()}
        return out

    def relatives(self) -> set[frozenset[str]]:
        """Every pair of this pack's characters that are siblings or parent and child."""
        pairs = {frozenset((a, b)) for g in self.siblings for a in g for b in g if a != b}
        pairs |= {frozenset((c, p)) for c, ps in self.parents.items() for p in ps if p != c}
        return pairs


@functools.lru_cache(maxsize=4096)
def fandom_key(name: str) -> str:
    """A comparison key for fandom names: letters and digits, case-folded.

    Cached: taggers ask for the same few pack names once per mention.

    >>> fandom_key("Buffy: The Vampire Slayer") == fandom_key("buffy the vampire slayer")
    True
    """
    return name_key(name)


def relationship_name(names: Iterable[str], sep: str = "/") -> str:
    """AO3 form of a relationship: names sorted, joined by ``/`` (or `` & `` platonic)."""
    return sep.join(sorted(names))


def parse_pack(
    data: Mapping[str, Any], *, path: Path | None = None, origin: str = "builtin"
) -> Pack:
    """Build a :class:`Pack` from TOML data; raises :class:`ConfigError` if it is invalid."""
    problems = check_pack_data(data)
    if problems:
        where = path.name if path else "pack"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"{where}: {problems[0]}{more}")
    chars = tuple(
        Character(
            name=c["name"],
            aliases=tuple(dict.fromkeys(a for a in c.get("aliases", []) if a != c["name"])),
            gender=c.get("gender", "U"),
            ambiguous=frozenset(c.get("ambiguous", [])),
            guest=bool(c.get("guest", False)),
            epithets=tuple(c.get("epithets", [])),
        )
        for c in data["characters"]
    )
    family = data.get("family", {})
    return Pack(
        fandom=data["fandom"].strip(),
        aliases=tuple(data.get("aliases", [])),
        media=data.get("media", ""),
        related=tuple(data.get("related", [])),
        characters=chars,
        ships=dict(data.get("ships", {})),
        places=tuple(data.get("places", [])),
        terms=tuple(data.get("terms", [])),
        origin=origin,
        paths=(path,) if path else (),
        siblings=tuple(tuple(g) for g in family.get("siblings", [])),
        parents={child: tuple(ps) for child, ps in family.get("parents", {}).items()},
        setting_cues=tuple(data.get("setting", {}).get("cues", [])),
        setting_names=tuple(data.get("setting", {}).get("names", [])),
        setting_prior=float(data.get("setting", {}).get("prior", 0.5))
        if data.get("setting", {}).get("cues")
        else 0.0,
        canon_umbrella=data.get("canon", {}).get("umbrella", "").strip(),
        canon_fandoms=tuple(f.strip() for f in data.get("canon", {}).get("fandoms", [])),
        canon_names={
            f.strip(): tuple(n.strip() for n in ns)
            for f, ns in data.get("canon", {}).get("names", {}).items()
        },
    )


def read_pack_file(path: Path, origin: str = "builtin") -> Pack:
    """Read and check one pack file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: not valid TOML ({exc})") from None
    return parse_pack(data, path=path, origin=origin)


def merge_packs(base: Pack, extra: Pack) -> Pack:
    """``base`` extended by ``extra``: new characters, more aliases, ships and terms."""
    chars = {c.name: c for c in base.characters}
    taken = {n.casefold() for c in base.characters for n in c.names}
    for c in extra.characters:
        new_aliases = tuple(a for a in c.aliases if a.casefold() not in taken)
        taken.update(a.casefold() for a in new_aliases)
        if c.name in chars:
            old = chars[c.name]
            gender = old.gender if old.gender != "U" else c.gender
            chars[c.name] = Character(
                old.name,
                old.aliases + new_aliases,
                gender,
                old.ambiguous | c.ambiguous,
                old.guest,
                tuple(dict.fromkeys(old.epithets + c.epithets)),
            )
        elif c.name.casefold() not in taken:
            taken.add(c.name.casefold())
            chars[c.name] = Character(
                c.name, new_aliases, c.gender, c.ambiguous, c.guest, c.epithets
            )

    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a + b))

    return Pack(
        fandom=base.fandom,
        aliases=union(base.aliases, extra.aliases),
        media=base.media or extra.media,
        related=union(base.related, extra.related),
        characters=tuple(chars.values()),
        ships={**extra.ships, **base.ships},
        places=union(base.places, extra.places),
        terms=union(base.terms, extra.terms),
        origin=base.origin if base.origin == extra.origin else "builtin+user",
        paths=base.paths + extra.paths,
        siblings=tuple(dict.fromkeys(base.siblings + extra.siblings)),
        parents={
            child: union(base.parents.get(child, ()), extra.parents.get(child, ()))
            for child in {**base.parents, **extra.parents}
        },
        setting_cues=union(base.setting_cues, extra.setting_cues),
        setting_names=union(base.setting_names, extra.setting_names),
        setting_prior=base.setting_prior or extra.setting_prior,
        canon_umbrella=base.canon_umbrella or extra.canon_umbrella,
        canon_fandoms=union(base.canon_fandoms, extra.canon_fandoms),
        canon_names={
            f: union(base.canon_names.get(f, ()), extra.canon_names.get(f, ()))
            for f in {**base.canon_names, **extra.canon_names}
        },
    )


def user_pack_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """Where a user's own packs live: ``$FANDEX_PACKS`` or ``$XDG_CONFIG_HOME/fandex/packs``."""
    env = os.environ if env is None else env
    if env.get("FANDEX_PACKS"):
        return [Path(p).expanduser() for p in env["FANDEX_PACKS"].split(os.pathsep) if p]
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")) / ".config")
    return [Path(base).expanduser() / "fandex" / "packs"]


def pack_files(dirs: Iterable[Path]) -> list[Path]:
    """The ``*.toml`` files of ``dirs``, sorted by name; missing folders are skipped."""
    out: list[Path] = []
    for d in dirs:
        if d.is_dir():
            out += sorted(p for p in d.iterdir() if p.suffix == ".toml" and p.is_file())
    return out


def load_packs(
    builtin_dir: Path | None = BUILTIN_DIR,
    user_dirs: Iterable[Path] | None = None,
    errors: list[str] | None = None,
) -> list[Pack]:
    """Every pack: the built-in ones, then the user's (merged by fandom name).

    A bad pack file raises :class:`ConfigError`, unless ``errors`` is given: then its
    one-line reason is appended there and the file is skipped.
    """
    by_key: dict[str, Pack] = {}
    alias_of: dict[str, str] = {}
    sources = [(p, "builtin") for p in pack_files([builtin_dir] if builtin_dir else [])]
    dirs = user_pack_dirs() if user_dirs is None else list(user_dirs)
    sources += [(p, "user") for p in pack_files(dirs)]
    for path, origin in sources:
        try:
            pack = read_pack_file(path, origin)
        except ConfigError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
            continue
        key = fandom_key(pack.fandom)
        key = alias_of.get(key, key)
        if key in by_key:
            by_key[key] = merge_packs(by_key[key], pack)
        else:
            by_key[key] = pack
            for a in pack.aliases:
                alias_of.setdefault(fandom_key(a), key)
    return list(by_key.values())


_state: dict[str, Any] = {}
_RECHECK_SECONDS = 2.0


def _signature(dirs: list[Path]) -> tuple[Any, ...]:
    files = pack_files([BUILTIN_DIR, *dirs])
    return (tuple(dirs), tuple((str(p), p.stat().st_mtime_ns) for p in files))


def cached(kind: str, build: Callable[[list[Pack]], Any]) -> Any:
    """``build(packs)`` computed once per set of pack files (re-built when one changes).

    Taggers use this to compile their matchers once per process, not once per work.
    The pack folders are looked at again at most every two seconds.
    """
    now = time.monotonic()
    if now - _state.get("checked", -1e9) > _RECHECK_SECONDS or not _state.get("packs"):
        dirs = user_pack_dirs()
        sig = _signature(dirs)
        if _state.get("sig") != sig:
            # A broken user pack must not stop every import; `fandex packs check`
            # and `fandex packs list` report it.
            errors: list[str] = []
            packs = load_packs(BUILTIN_DIR, dirs, errors)
            _state.clear()
            _state.update(sig=sig, packs=packs, built={}, errors=errors)
        _state["checked"] = now
    built: dict[str, Any] = _state["built"]
    if kind not in built:
        built[kind] = build(_state["packs"])
    return built[kind]


def load_errors() -> list[str]:
    """Why pack files were skipped by the last load (see :func:`cached`)."""
    all_packs()
    errors: list[str] = _state.get("errors", [])
    return errors


def reset_cache() -> None:
    """Forget loaded packs and everything built from them (tests, ``packs learn``)."""
    _state.clear()


def all_packs() -> list[Pack]:
    """Every pack in use now (built-in and user), cached until a pack file changes."""
    packs: list[Pack] = cached("packs", list)
    return packs


# Fandom names whose pack find_pack remembers (per set of pack files), at most.
_FOUND_LIMIT = 10_000


def find_pack(name: str, packs: Iterable[Pack] | None = None) -> Pack | None:
    """The pack for a fandom name or alias ("BtVS"), or a pack id; None if there is none.

    Remembered per name for the packs in use (``packs`` None, or the same packs), since
    taggers ask for every work's fandoms and the answer only changes with a pack file."""
    found: dict[str, Pack | None] = cached("found-packs", _nothing_found)
    current: list[Pack] = _state["packs"]
    pool = current if packs is None else list(packs)
    if len(pool) != len(current) or any(a is not b for a, b in zip(pool, current, strict=True)):
        return _find_pack(name, pool)
    if name not in found:
        if len(found) >= _FOUND_LIMIT:
            found.clear()
        found[name] = _find_pack(name, current)
    return found[name]


def _nothing_found(_packs: list[Pack]) -> dict[str, Pack | None]:
    return {}


def _find_pack(name: str, pool: list[Pack]) -> Pack | None:
    key = fandom_key(name)
    if not key:
        return None
    for p in pool:
        if key == fandom_key(p.fandom) or key == fandom_key(p.id):
            return p
        if any(key == fandom_key(a) for a in p.aliases):
            return p
    # AO3 writes "Harry Potter - J. K. Rowling"; archives write "Harry Potter (books)".
    # Only a qualifier may follow the name: "Twilight Zone" is not "Twilight".
    low = " ".join(name.casefold().split())
    for p in pool:
        for n in (p.fandom, *p.aliases):
            n_low = " ".join(n.casefold().split())
            if len(n_low) >= 5 and low.startswith(n_low):
                rest = low[len(n_low) :].lstrip()
                if rest[:1] in ("-", "(", ":", "|", "–", "—", "["):
                    return p
    return None


def dump_pack(pack: Pack) -> str:
    """Write ``pack`` as TOML (inline character tables, one per line)."""
    d = pack.to_toml_dict()
    lines = [f"schema = {SCHEMA_VERSION}", f"fandom = {_q(d['fandom'])}"]
    for key in ("aliases", "related", "places", "terms"):
        if key in d:
            lines.append(f"{key} = [{', '.join(_q(s) for s in d[key])}]")
    if "media" in d:
        lines.append(f"media = {_q(d['media'])}")
    lines.append("characters = [")
    for c in d["characters"]:
        parts = [f"name = {_q(c['name'])}", f"gender = {_q(c['gender'])}"]
        for key in ("aliases", "ambiguous", "epithets"):
            if key in c:
                parts.append(f"{key} = [{', '.join(_q(s) for s in c[key])}]")
        if c.get("guest"):
            parts.append("guest = true")
        lines.append("  { " + ", ".join(parts) + " },")
    lines.append("]")
    if "ships" in d:
        lines.append("")
        lines.append("[ships]")
        lines += [f"{_q(k)} = {_q(v)}" for k, v in d["ships"].items()]
    family = d.get("family", {})
    if family:
        lines += ["", "[family]"]
        if "siblings" in family:
            groups = ", ".join("[" + ", ".join(_q(n) for n in g) + "]" for g in family["siblings"])
            lines.append(f"siblings = [{groups}]")
        if "parents" in family:
            kids = ", ".join(
                f"{_q(c)} = [{', '.join(_q(p) for p in ps)}]" for c, ps in family["parents"].items()
            )
            lines.append(f"parents = {{ {kids} }}")
    if "setting" in d:
        lines += ["", "[setting]"]
        for key in ("cues", "names"):
            lines.append(f"{key} = [{', '.join(_q(c) for c in d['setting'][key])}]")
        lines.append(f"prior = {d['setting']['prior']}")
    if "canon" in d:
        lines += ["", "[canon]", f"umbrella = {_q(d['canon']['umbrella'])}"]
        lines.append(f"fandoms = [{', '.join(_q(f) for f in d['canon']['fandoms'])}]")
        if d["canon"].get("names"):
            lines += ["", "[canon.names]"]
            for f, ns in d["canon"]["names"].items():
                lines.append(f"{_q(f)} = [{', '.join(_q(n) for n in ns)}]")
    return "\n".join(lines) + "\n"


def _q(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def relatives_index(packs: Iterable[Pack]) -> frozenset[frozenset[str]]:
    """Every pair of characters any of ``packs`` says are siblings or parent and child."""
    return frozenset(pair for p in packs for pair in p.relatives())


def are_relatives(a: str, b: str) -> bool:
    """Whether the packs in use say characters ``a`` and ``b`` are family.

    >>> are_relatives("Sherlock Holmes", "Mycroft Holmes")
    True
    >>> are_relatives("Sherlock Holmes", "John Watson")
    False
    """
    pairs: frozenset[frozenset[str]] = cached("relatives", relatives_index)
    return frozenset((a, b)) in pairs
