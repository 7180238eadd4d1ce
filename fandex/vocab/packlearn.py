"""Growing packs from the library: ``fandex packs learn``.

Works whose files state their fandom and characters (AO3 downloads do) teach fandex:

- the characters of a fandom it has no pack for (a new pack is written);
- characters an existing pack lacks, and aliases of known characters seen in the
  texts ("Xander" for a stated "Xander Harris") (an extension pack is written, which
  :func:`fandex.vocab.packs.load_packs` merges into the built-in one);
- genders, where a work's stated category settles them (an "M/M" work with one
  relationship, or an "F/M" one where the other member's gender is known).

Everything here works on an iterable of :class:`~fandex.model.Work`, so it can be
tested without a library.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from fandex.model import Work
from fandex.vocab.packs import Character, Pack, check_pack_data, fandom_key, find_pack

_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+")
# Words that are capitalised in names but are titles or particles, never aliases.
_NOT_ALIASES = frozenset(["The", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lady", "Lord", "Captain"])


@dataclass
class _Fandom:
    """What the works of one fandom taught."""

    name: str
    works: int = 0
    characters: Counter[str] = field(default_factory=Counter)
    alias_hits: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    lowercase_seen: set[str] = field(default_factory=set)
    gender_votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def _stated(work: Work, type_: str) -> list[str]:
    return [
        t.name
        for t in work.tags_of(type_)
        if t.source in ("stated", "user") and not t.attrs.get("rejected")
    ]


def _alias_candidates(name: str) -> list[str]:
    """Names a character may go by in the text: the bare name and its parts."""
    base = _PAREN.sub("", name).strip()
    if "|" in base:  # AO3's "Eleven | Jane Hopper"
        parts = [p.strip() for p in base.split("|")]
        return [p for p in parts if p] + [t for p in parts for t in _TOKEN.findall(p)]
    out = [base] if base != name else []
    out += [t for t in _TOKEN.findall(base) if t not in _NOT_ALIASES and len(t) >= 3]
    return list(dict.fromkeys(a for a in out if a != name))


def _vote_genders(work: Work, fd: _Fandom, known: dict[str, str]) -> None:
    cats = set(_stated(work, "category")) & {"M/M", "F/F", "F/M"}
    rels = [r for r in _stated(work, "relationship") if "/" in r]
    if len(cats) != 1 or len(rels) != 1:
        return
    cat = cats.pop()
    members = [m.strip() for m in rels[0].split("/")]
    if len(members) != 2:
        return
    if cat in ("M/M", "F/F"):
        for m in members:
            fd.gender_votes[m][cat[0]] += 1
        return
    a, b = members
    for x, y in ((a, b), (b, a)):
        g = known.get(y) or _majority(fd.gender_votes.get(y))
        if g in ("M", "F"):
            fd.gender_votes[x]["F" if g == "M" else "M"] += 1


def _majority(votes: Counter[str] | None) -> str | None:
    if not votes:
        return None
    g, n = votes.most_common(1)[0]
    return g if n >= 0.8 * sum(votes.values()) else None


def learn_packs(
    works: Iterable[Work],
    packs: Sequence[Pack],
    *,
    min_alias_hits: int = 3,
    min_works: int = 1,
) -> list[Pack]:
    """New and extension packs taught by ``works`` (``packs`` are those in use now).

    A character needs ``min_works`` works stating it; an alias must occur at least
    ``min_alias_hits`` times in those works' texts. An alias the texts also use in
    lower case is flagged ambiguous; one shared by two characters is dropped.
    """
    fandoms: dict[str, _Fandom] = {}
    known = {c.name: c.gender for p in packs for c in p.characters if c.gender != "U"}
    for work in works:
        stated_fandoms = _stated(work, "fandom")
        chars = _stated(work, "character")
        if len(stated_fandoms) != 1 or not chars:
            continue  # a crossover does not say which character is whose
        pack = find_pack(stated_fandoms[0], packs)
        name = pack.fandom if pack else stated_fandoms[0].strip()
        fd = fandoms.setdefault(fandom_key(name), _Fandom(name))
        fd.works += 1
        text = work.text
        for c in chars:
            fd.characters[c] += 1
            for alias in _alias_candidates(c):
                hits = len(re.findall(r"(?<![\w'’])" + re.escape(alias) + r"(?![\w])", text))
                if hits:
                    fd.alias_hits[c][alias] += hits
                    if re.search(r"(?<![\w'’])" + re.escape(alias.lower()) + r"(?![\w])", text):
                        fd.lowercase_seen.add(alias)
        _vote_genders(work, fd, known)
    learned = (_pack_for(fd, packs, known, min_alias_hits, min_works) for fd in fandoms.values())
    return [p for p in learned if p is not None]


def _pack_for(
    fd: _Fandom, packs: Sequence[Pack], known: dict[str, str], min_hits: int, min_works: int
) -> Pack | None:
    existing = find_pack(fd.name, packs)
    taken: dict[str, str] = {}
    if existing:
        for c in existing.characters:
            for n in c.names:
                taken[n.casefold()] = c.name
    proposed: dict[str, list[str]] = {}
    for name, n_works in fd.characters.items():
        if n_works < min_works:
            continue
        aliases = [a for a, n in fd.alias_hits.get(name, Counter()).items() if n >= min_hits]
        proposed[name] = [a for a in aliases if taken.get(a.casefold(), name) == name]
    # An alias two characters share ("Summers") names neither of them.
    owners = Counter(a.casefold() for al in proposed.values() for a in set(al))
    owners.update(n.casefold() for n in proposed)
    chars: list[Character] = []
    fandom = existing.fandom if existing else fd.name
    for name, aliases in proposed.items():
        own = tuple(a for a in aliases if owners[a.casefold()] == 1)
        current = existing.character(name) if existing else None
        if current is not None:
            own = tuple(a for a in own if a not in current.names)
            if not own:
                continue
        elif name.casefold() in taken:
            continue  # an alias of a known character, stated under another form
        ambiguous = frozenset(a for a in own if a in fd.lowercase_seen)
        gender = known.get(name) or _majority(fd.gender_votes.get(name)) or "U"
        char = Character(name, own, gender, ambiguous)
        # A name the scanner could never find ("the Doctor" lowercase, "001") is skipped
        # rather than making the whole pack invalid.
        if not check_pack_data(Pack(fandom, characters=(char,)).to_toml_dict()):
            chars.append(char)
    if not chars:
        return None
    return Pack(fandom=fandom, characters=tuple(chars), origin="user")


def pack_filename(pack: Pack) -> str:
    """The file name ``packs learn`` writes a pack to (``learned-<fandom>.toml``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", pack.fandom.casefold()).strip("-")[:60] or "fandom"
    return f"learned-{slug}.toml"


def iter_learnable(works: Iterable[Work]) -> Iterator[Work]:
    """The works ``learn_packs`` can learn from (stated fandom and characters)."""
    for w in works:
        if _stated(w, "fandom") and _stated(w, "character"):
            yield w
