"""What header values mean: ratings, warnings, pairings, categories, dates, status.

Each function takes a value as the author wrote it and returns AO3 vocabulary (or
None). The mappings are data in ``fandex/vocab/*.toml``; this module only reads text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fandex.vocab import names
from fandex.vocab.ao3 import RATINGS, load_toml

_PUNCT = re.compile(r"[^\w+\-/&']+")


def _norm(text: str) -> str:
    """Lower case, punctuation to single spaces, padded for whole-word ``in`` tests."""
    # A typographic apostrophe is the apostrophe ("mort d’un personnage").
    return " " + " ".join(_PUNCT.sub(" ", text.casefold().replace("’", "'")).split()) + " "


# ---------------------------------------------------------------- lists


_LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+and\s+|\s*\n\s*", re.IGNORECASE)
_LIST_SPLIT_NO_AND = re.compile(r"\s*[,;]\s*|\s*\n\s*")


def _split_outside_brackets(text: str, splitter: re.Pattern[str]) -> list[str]:
    """Split at ``splitter`` except inside (...) or [...]: "non-con (past, not shown)"."""
    out: list[str] = []
    depth = 0
    start = 0
    pos = 0
    for m in splitter.finditer(text):
        # bracket depth between the previous separator and this one
        for ch in text[pos : m.start()]:
            if ch in "([":
                depth += 1
            elif ch in ")]" and depth:
                depth -= 1
        pos = m.start()
        if depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def split_list(text: str, *, on_and: bool = True) -> list[str]:
    """Items of a comma / semicolon / "and" separated list, trimmed, empties dropped.

    >>> split_list("violence, torture; strong language and blood play...")
    ['violence', 'torture', 'strong language', 'blood play']
    """
    splitter = _LIST_SPLIT if on_and else _LIST_SPLIT_NO_AND
    out = []
    for item in _split_outside_brackets(text, splitter):
        item = item.strip().strip(".…").strip()
        item = re.sub(r"^(?:and|&)\s+", "", item, flags=re.IGNORECASE)
        if item and item.casefold() not in {"etc", "etc.", "and more", "more"}:
            out.append(item)
    return out


def tag_case(item: str) -> str:
    """AO3 tag casing for a free-text item: each lower-case word capitalised.

    >>> tag_case("blood play"), tag_case("BDSM"), tag_case("hurt/comfort")
    ('Blood Play', 'BDSM', 'Hurt/Comfort')
    """
    small = {"of", "and", "the", "a", "an", "in", "on", "to", "for", "with", "or"}
    words = item.strip().strip(".").split()
    out = []
    for i, w in enumerate(words):
        if w.islower() and not (i and w in small):
            w = "/".join(p[:1].upper() + p[1:] for p in w.split("/"))
        out.append(w)
    return " ".join(out)


# ---------------------------------------------------------------- ratings


@dataclass(frozen=True)
class RatingValue:
    """A stated rating, and what the author announced it will become, if anything."""

    rating: str
    announced: str | None = None


@cache
def _rating_tiers() -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
    data = load_toml("ratings.toml")
    return [
        (
            t["rating"],
            frozenset(t.get("ao3", [])) | frozenset(t.get("extended", [])),
            tuple(t.get("phrases", [])),
        )
        for t in data["tier"]
    ]


@cache
def _announce_openers() -> re.Pattern[str]:
    words = sorted(load_toml("ratings.toml")["announce"]["openers"], key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


_RATED = re.compile(r"^\s*(?:rated|rating)\b")
# Letters of any script stay in a token ("público", "adolescentes").
_RATING_TOKEN = re.compile(r"[^\w+\-]+|_+")


def _tier(text: str) -> str | None:
    low = _RATED.sub(" ", text.casefold())
    for hyphen_split in (False, True):
        cleaned = low.replace("-", " ") if hyphen_split else low
        tokens = _RATING_TOKEN.sub(" ", cleaned).split()
        if not tokens:
            return None
        padded = " " + " ".join(re.sub(r"[^\w+]+|_+", " ", cleaned).split()) + " "
        # A phrase says more than the words in it: "Young Adult" is Teen though "adult"
        # alone is Explicit, "R - Restricted" Mature though "Restricted" alone is
        # Explicit. So the words of a phrase found are not read again on their own; the
        # highest tier of what remains ("NC-17 mature audiences") still wins.
        tiers = _rating_tiers()
        said = {r for r, _, phrases in tiers if any(f" {p} " in padded for p in phrases)}
        inside = {w for _, _, ps in tiers for p in ps if f" {p} " in padded for w in p.split()}
        token_set = set(tokens) - inside
        for rating, words, _ in tiers:
            if rating in said or token_set & words:
                return rating
    return None


_SEGMENTS = re.compile(r"[(),;\[\]]")


@cache
def _reasons() -> re.Pattern[str]:
    words = sorted(load_toml("ratings.toml")["reasons"]["phrases"], key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def _segment_tier(segment: str) -> tuple[str | None, bool]:
    """The tier a segment names and whether it names it only by a reason ("adult
    themes"): "PG-13 for adult themes" is Teen; "(mature themes)" beside "T" is the
    reason for the T, not a rating of its own."""
    bare, found = _reasons().subn(" ", segment)
    tier = _tier(bare)
    if tier is not None or not found:
        return tier, False
    return _tier(segment), True


def map_rating(text: str) -> RatingValue | None:
    """The AO3 rating a legacy rating states, with any announced later rating.

    >>> map_rating("R (will be NC-17 shortly)")
    RatingValue(rating='Mature', announced='Explicit')
    >>> map_rating("FRAO").rating, map_rating("PG-13").rating, map_rating("K+").rating
    ('Explicit', 'Teen And Up Audiences', 'General Audiences')
    """
    if len(text) > 500:
        text = text[:500]
    stated: list[str] = []
    by_reason: list[str] = []
    announced: list[str] = []
    opener = _announce_openers()
    for segment in _SEGMENTS.split(text):
        if not segment.strip():
            continue
        m = opener.search(segment)
        if m is None:
            r, reason = _segment_tier(segment)
            if r is not None:
                (by_reason if reason else stated).append(r)
            continue
        before, after = segment[: m.start()], segment[m.end() :]
        after_tier, before_tier = _tier(after), _tier(before)
        if after_tier is not None:
            announced.append(after_tier)
            if before_tier is not None:
                stated.append(before_tier)
        elif before_tier is not None:
            # "NC-17 overall", "NC-17 eventually": the rating precedes its opener.
            announced.append(before_tier)
    rank = RATINGS.index
    if not stated and not announced:
        # "Mature themes" alone is the rating it names; beside a rating, its reason.
        stated = by_reason
    if not stated and announced:
        # "M for language in later parts", "NC-17 eventually": the only rating named is
        # the one the work will carry; AO3 rates a work by its highest.
        return RatingValue(max(announced, key=rank), None)
    if not stated:
        return None
    best = max(stated, key=rank)
    later = max(announced, key=rank) if announced else None
    if later is not None and rank(later) <= rank(best):
        later = None
    return RatingValue(best, later)


# ---------------------------------------------------------------- warnings


@dataclass(frozen=True)
class WarningValue:
    """One warning item: an AO3 archive warning or a freeform tag."""

    type: str  # "warning" | "freeform"
    name: str
    item: str


@cache
def _warning_rules() -> list[dict[str, Any]]:
    return list(load_toml("warnings.toml")["warning"])


@cache
def _lead_in() -> re.Pattern[str]:
    phrases = sorted(load_toml("warnings.toml")["lead_in"]["phrases"], key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"^\s*(?:{alternation})\b\s*:?\s*", re.IGNORECASE)


def _strip_lead_in(text: str) -> str:
    return _lead_in().sub("", text, count=1)


def _has(padded: str, phrase: str) -> bool:
    p = _norm(phrase)
    return p in padded or p in padded.replace("/", " ")


# A value that repeats its label ("Warnings: None"), and "Abuse / Torture" as two items.
_WARNING_LABEL = re.compile(r"^\s*(?:archive\s+|content\s+)?warnings?\s*:\s*", re.IGNORECASE)
_SPACED_SLASH = re.compile(r"\s+/\s+")
_HEDGE = re.compile(
    r"^(?:mentions?\s+of|mentioned|references?\s+to|referenced|implied|allusions?\s+to|past)\b"
    r"|\((?:implied|mentioned|past)\)$",
    re.IGNORECASE,
)
_ON_PAGE_ONLY = re.compile(r"violen|gore|death|dies|died|dying|mcd|torture", re.IGNORECASE)


@cache
def _absent_openers() -> tuple[str, ...]:
    return tuple(_norm(o) for o in load_toml("warnings.toml")["absent"]["openers"])


def _says_absent(padded: str, phrases: list[str]) -> bool:
    """An item opening with a word of absence ("no", "keine", "sin") that is not the
    start of the warning's own phrase ("no consentido" is non-consensual)."""
    if not padded.startswith(_absent_openers()):
        return False
    return not any(padded.startswith(_norm(p)) for p in phrases)


def map_warnings(text: str) -> list[WarningValue]:
    """Archive warnings and freeform tags from a free-text warning list.

    >>> [(w.type, w.name) for w in map_warnings("This fic will contain: torture, blood play")]
    [('warning', 'Graphic Depictions Of Violence'), ('freeform', 'Torture'), \
('freeform', 'Blood Play')]
    >>> [(w.type, w.name) for w in map_warnings("language, mentions of violence")]
    [('freeform', 'Language'), ('freeform', 'Mentions of Violence')]
    >>> [(w.type, w.name) for w in map_warnings("Abuse / Torture, Extreme violence")]
    [('freeform', 'Abuse'), ('warning', 'Graphic Depictions Of Violence'), \
('freeform', 'Torture'), ('freeform', 'Extreme Violence')]
    >>> [(w.type, w.name) for w in map_warnings("Warnings: None")]
    [('warning', 'No Archive Warnings Apply')]
    """
    out: list[WarningValue] = []
    seen: set[tuple[str, str]] = set()

    def add(type_: str, name: str, item: str) -> None:
        if (type_, name.casefold()) not in seen:
            seen.add((type_, name.casefold()))
            out.append(WarningValue(type_, name, item))

    text = _WARNING_LABEL.sub("", text[:4000], count=1)
    items = [p for item in split_list(_strip_lead_in(text)) for p in _SPACED_SLASH.split(item)]
    for raw_item in items:
        hedged = bool(_HEDGE.search(raw_item.strip(" []!.")))
        item = _strip_lead_in(raw_item).strip(" ()[]!.")
        item = re.sub(r"\s*\((?:implied|mentioned|past|sort of|kind of)\)$", "", item, flags=re.I)
        if not item:
            continue
        if hedged and _ON_PAGE_ONLY.search(item):
            # "mentions of violence", "implied character death": AO3's violence and
            # death warnings are for what happens on the page, so these are notes.
            # Rape and underage warnings stay archive warnings even when "past":
            # a reader filtering them out wants these works gone too.
            add("freeform", tag_case(raw_item.strip(" []!.")), raw_item)
            continue
        padded = _norm(item)
        bare = padded.strip()
        matched = False
        for rule in _warning_rules():
            if rule.get("whole"):
                hit = bare in {_norm(p).strip() for p in rule["phrases"]}
            else:
                hit = any(_has(padded, p) for p in rule["phrases"])
            if not hit or any(_has(padded, x) for x in rule.get("exclude", [])):
                continue
            if not rule.get("whole") and _says_absent(padded, rule["phrases"]):
                matched = True  # "no character death", "keine Gewalt": says what is absent
                break
            add("warning", rule["name"], raw_item)
            for extra in rule.get("freeform", []):
                if _has(padded, extra["phrase"]):
                    add("freeform", extra["name"], raw_item)
            # "Extreme violence", "past rape": the author's words say more than the
            # archive warning does, so they are kept beside it as written.
            said = {_norm(p).strip() for p in [*rule["phrases"], rule["name"]]}
            core = _norm(re.sub(r"\s*\([^()]*\)?\s*$", "", item)).strip()
            if not rule.get("whole") and core not in said:
                add("freeform", tag_case(item), raw_item)
            matched = True
        if not matched:
            add("freeform", tag_case(item), raw_item)
    return out


# ---------------------------------------------------------------- pairings


@dataclass(frozen=True)
class PairingValue:
    """A relationship in AO3 form, as resolved from one stated pairing."""

    name: str
    platonic: bool
    item: str
    qualifier: str | None = None
    members: tuple[str, ...] = field(default_factory=tuple)


_QUALIFIER = re.compile(
    r"^(?P<q>implied|past|mentioned|mentions\s+of|eventual|one[-\s]sided|background|"
    r"hints\s+of|hinted|slight|onesided|established|pre[-\s]|minor|unrequited|former)\s*",
    re.IGNORECASE,
)
_PAREN_QUALIFIER = re.compile(r"\s*\((?P<q>[^()]{1,40})\)\s*$")
_ROMANTIC = re.compile(r"\s*/\s*|\s+[xX×]\s+")
_PLATONIC = re.compile(r"\s*&\s*|\s+\+\s+")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_NO_PAIRING = {"none", "n/a", "na", "gen", "no pairing", "no pairings", "no romance", "nada", "-"}


def _ship(
    members: list[str], platonic: bool, fandoms: Sequence[str] | None
) -> tuple[str, tuple[str, ...]]:
    resolved = sorted(
        {names.resolve_character(m, fandoms) for m in members if m.strip()}, key=str.casefold
    )
    return (" & " if platonic else "/").join(resolved), tuple(resolved)


# A closing full stop that ends an initial ("Tom R.") is the name's, not the list's.
_END_STOP = re.compile(r"(?<!\b[A-Z])\.+$")


@cache
def _platonic_qualifiers() -> frozenset[str]:
    return frozenset(load_toml("header.toml")["pairing_qualifiers"]["platonic"])


def _one_pairing(item: str, fandoms: Sequence[str] | None) -> PairingValue | None:
    text = _END_STOP.sub("", item.strip()).lstrip(".")
    qualifier = None
    m = _QUALIFIER.match(text)
    if m:
        qualifier = " ".join(m.group("q").casefold().split()).rstrip("- ")
        text = text[m.end() :]
    m = _PAREN_QUALIFIER.search(text)
    if m:
        qualifier = qualifier or m.group("q").strip().casefold()
        text = text[: m.start()]
    text = text.strip()
    if not text or _norm(text).strip() in _NO_PAIRING:
        return None
    ship = names.resolve_ship(text, fandoms)
    if ship:
        if qualifier in _platonic_qualifiers() and "/" in ship:
            ship = " & ".join(sorted((m.strip() for m in ship.split("/")), key=str.casefold))
        return PairingValue(ship, " & " in ship, item, qualifier, ())
    if _ROMANTIC.search(text):
        members = [p for p in _ROMANTIC.split(text) if p.strip()]
        if len(members) >= 2:
            # "Hermione/Hagrid (gen)": the slash with a qualifier saying they are no couple.
            platonic = qualifier in _platonic_qualifiers()
            name, resolved = _ship(
                [_PLATONIC.split(p)[0] for p in members], platonic=platonic, fandoms=fandoms
            )
            return PairingValue(name, platonic, item, qualifier, resolved)
    if _PLATONIC.search(text):
        members = [p for p in _PLATONIC.split(text) if p.strip()]
        if len(members) >= 2:
            name, resolved = _ship(members, platonic=True, fandoms=fandoms)
            return PairingValue(name, True, item, qualifier, resolved)
    parts = _AND.split(text)
    if len(parts) == 2 and all(len(p.split()) <= 3 for p in parts):
        name, resolved = _ship(parts, platonic=False, fandoms=fandoms)
        return PairingValue(name, False, item, qualifier, resolved)
    # An unknown ship name ("Spuffy") or a lone name: kept as stated.
    return PairingValue(" ".join(text.split()), False, item, qualifier, ())


# Items of a pairing field: at commas, semicolons, lines, and a sentence's end (not an
# initial's or a title's stop: "Tom R. / Mara V.", "Dr. Vell/Tom").
_PAIRING_CHUNKS = re.compile(
    r"\s*[,;\n]\s*|(?<!\b[A-Z])(?<!\b(?:Dr|Mr|Ms|St|Lt|Jr|Sr))(?<!\bMrs)(?<!\bCpt)(?<!\bCol)"
    r"(?<!\bSgt)(?<!\bGen)(?<!\bCapt)(?<!\bProf)\.\s+(?=\S)"
)
_PAIRING_INTRO = re.compile(
    r"^\s*(?:(?:the|my)\s+)?(?:(?:main|primary|central|endgame|secondary|other|side)\s+)?"
    r"(?:pairings?|ships?|relationships?)\s+(?:is|are|includes?)\s*:?\s*",
    re.IGNORECASE,
)
# A pairing item with no pairing mark is a ship name or one name: a few words at most.
_LONE_NAME_WORDS = 5


def parse_pairings(text: str, fandoms: Sequence[str] | None = None) -> list[PairingValue]:
    """Relationships from a pairing field, in AO3 form with the names sorted.

    Ship names and character names go through the fandom packs
    (:func:`fandex.vocab.names.resolve_ship` / ``resolve_character``), scoped to
    ``fandoms`` when the header states them; what no pack knows is kept as stated.

    >>> [p.name for p in parse_pairings("Corran/Ashby, Wrenna & Fenwick; Oriel/Brack/Calder")]
    ['Ashby/Corran', 'Fenwick & Wrenna', 'Brack/Calder/Oriel']
    """
    if _norm(text).strip() in _NO_PAIRING:
        return []
    out: list[PairingValue] = []
    for chunk in _PAIRING_CHUNKS.split(text[:4000]):
        # "Main pairing is Mara/Tom. Secondary pairings are ...": the names, not the words.
        chunk = _PAIRING_INTRO.sub("", chunk)
        if not chunk.strip() or _norm(chunk).strip() in _NO_PAIRING:
            continue
        marked = _ROMANTIC.search(chunk) or _PLATONIC.search(chunk) or _AND.search(chunk)
        if not marked and len(chunk.split()) > _LONE_NAME_WORDS:
            continue  # "Also includes an ensemble cast": a sentence, not a pairing
        pieces = _AND.split(chunk)
        # "Buffy/Angel and Xander/Anya" is two pairings; "Mulder and Scully" is one.
        if len(pieces) > 1 and all(_ROMANTIC.search(p) or _PLATONIC.search(p) for p in pieces):
            items = pieces
        else:
            items = [chunk]
        for item in items:
            p = _one_pairing(item, fandoms)
            if p and all(q.name != p.name for q in out):
                out.append(p)
    return out


# ---------------------------------------------------------------- categories, genres


@cache
def _categories() -> dict[str, str]:
    table = load_toml("header.toml")["categories"]
    return {_norm(alias).strip(): cat for cat, aliases in table.items() for alias in aliases}


@cache
def _genres() -> frozenset[str]:
    return frozenset(_norm(g).strip() for g in load_toml("header.toml")["genres"]["words"])


@cache
def _no_characters() -> dict[str, str]:
    table = load_toml("header.toml")["no_characters"]
    return {" ".join(w.casefold().split()): kind for kind, words in table.items() for w in words}


def cast_word(item: str) -> str | None:
    """``"ensemble"`` or ``"none"`` when a characters item names no one in particular
    ("Everyone", "Various", "None"); else None.

    >>> cast_word("Everyone!"), cast_word("Other Character(s)"), cast_word("Eve")
    ('ensemble', 'none', None)
    """
    table = _no_characters()
    whole = " ".join(item.casefold().split())
    return table.get(whole) or table.get(" ".join(whole.strip(" .!*()[]").split()))


def category_of(item: str) -> str | None:
    """The AO3 category a legacy word means (``"Slash"`` -> ``"M/M"``), else None."""
    return _categories().get(_norm(item).strip())


def is_genre(item: str) -> bool:
    """True for genre words an eFiction "Category" may hold ("Angst", "Romance")."""
    return _norm(item).strip() in _genres()


def split_categories(text: str) -> tuple[list[str], list[str], list[str]]:
    """``(categories, genres, rest)`` from a Category field; rest is usually fandoms.

    >>> split_categories("Buffy the Vampire Slayer, Slash, Angst")
    (['M/M'], ['Angst'], ['Buffy the Vampire Slayer'])
    """
    cats: list[str] = []
    genres: list[str] = []
    rest: list[str] = []
    # eFiction writes nested categories as "Buffy the Vampire Slayer > Het".
    items = [p for item in split_list(text, on_and=False) for p in re.split(r"\s+>\s+", item)]
    for item in items:
        pieces = [item] if category_of(item) or is_genre(item) else re.split(r"\s*[/&]\s*", item)
        if not all(category_of(p) or is_genre(p) for p in pieces):
            pieces = [item]
        for piece in pieces:
            cat = category_of(piece)
            if cat:
                if cat not in cats:
                    cats.append(cat)
            elif is_genre(piece):
                genres.append(tag_case(piece))
            else:
                rest.append(piece)
    return cats, genres, rest


def resolve_fandom(name: str) -> str:
    """AO3's name for a stated fandom when a fandom pack knows it ("BtVS"), else as stated."""
    from fandex.tag.fandom_family import family_named  # loaded lazily
    from fandex.vocab.packs import all_packs, fandom_key, find_pack

    family = family_named(name)
    named = family.named(name) if family is not None else None
    if named is not None:
        # One AO3 fandom of a canon with several ("Doctor Who (2005)", "Game of Thrones
        # (TV)"), their umbrella, or another name of one ("GoT", "TOS") names which one
        # the author meant: the pack's name would be another fandom of the family.
        return named
    pack = find_pack(name)
    if pack is None and " | " in name:
        # AO3's "Original Title | English Title": either side may be the pack's name.
        pack = next((p for side in name.split(" | ") if (p := find_pack(side.strip()))), None)
    if pack is None:
        # ...and a pack named in that form (one learned from AO3 tags) is either side.
        key = fandom_key(name)
        pack = next(
            (
                p
                for p in all_packs()
                if " | " in p.fandom and key in {fandom_key(s) for s in p.fandom.split(" | ")}
            ),
            None,
        )
    if pack is None or not _same_fandom(name, pack.fandom):
        return name
    return pack.fandom


_FANDOM_STOP = frozenset({"the", "of", "and", "a", "an", "&", "-", "|"})


def _same_fandom(stated: str, canonical: str) -> bool:
    """Whether a pack's name is another name for the stated fandom ("BtVS", "Harry
    Potter" for "Harry Potter - J. K. Rowling"), not a related one it also covers
    ("Torchwood" in the Doctor Who pack, "Avengers" in the Marvel one): an
    abbreviation, or a name sharing a word with the pack's."""
    words = {w for w in re.findall(r"\w+", stated.casefold()) if w not in _FANDOM_STOP}
    theirs = {w for w in re.findall(r"\w+", canonical.casefold()) if w not in _FANDOM_STOP}
    if words & theirs:
        return True
    # A spelling of the same word ("Haikyu!!" for "Haikyuu!!", "Buffyverse").
    if any(
        min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))
        for a in words
        for b in theirs
    ):
        return True
    token = stated.strip()
    return " " not in token and (len(token) <= 6 or sum(c.isupper() for c in token) >= 2)


# "[Harry P., Hermione G.]": FanFiction.net's pairing brackets, which the tools that copy
# its metadata line (FicHub, WebToEpub, FanFicFare) keep.
_BRACKETS = re.compile(r"\[([^\[\]]{1,300})\]")


def split_characters(text: str) -> tuple[list[list[str]], list[str]]:
    """``(pairings, characters)`` from a characters part: ``[A, B] C, D`` is a pairing of
    A and B, and C and D; the old layout's ``A & B`` names two characters. A slash
    inside a name ("Hildagarde/Hilda") is part of the name.

    >>> split_characters("[Naruto U., Mei T.] Kakashi H., OC")
    ([['Naruto U.', 'Mei T.']], ['Naruto U.', 'Mei T.', 'Kakashi H.', 'OC'])
    >>> split_characters("Oga T. & Hildagarde/Hilda")
    ([], ['Oga T.', 'Hildagarde/Hilda'])
    """
    pairings: list[list[str]] = []
    characters: list[str] = []

    def names(s: str) -> list[str]:
        return [n for n in (" ".join(p.split()) for p in re.split(r",|\s&\s", s)) if n]

    for m in _BRACKETS.finditer(text):
        members = names(m.group(1))
        if len(members) >= 2:
            pairings.append(members)
        characters += [n for n in members if n not in characters]
    rest = _BRACKETS.sub(",", text)
    characters += [n for n in names(rest) if n not in characters]
    return pairings, characters


_PAIR_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")


def slash_pair(item: str) -> list[str] | None:
    """The members of ``A/B`` (or ``A/B/C``) written in a characters list, when each is
    a capitalised name of one to three words and no member is another's alias (the
    two start alike: FanFiction.net's "Hildagarde/Hilda" is one person); else None.

    >>> slash_pair("Harry/Ginny"), slash_pair("Hildagarde/Hilda"), slash_pair("Ron")
    (['Harry', 'Ginny'], None, None)
    """
    parts = [p.strip() for p in item.split("/")]
    if not 2 <= len(parts) <= 3 or not all(_PAIR_NAME.fullmatch(p) for p in parts):
        return None
    heads = [p[:3].casefold() for p in parts]
    if len(set(heads)) < len(heads):
        return None
    return parts


def is_known_fandom(name: str) -> bool:
    """Whether a fandom pack knows ``name`` as a fandom or an alias."""
    from fandex.vocab.packs import find_pack

    return find_pack(name) is not None


def _strip_unbalanced(item: str) -> str:
    """Brackets wrapped around an item or dangling at its ends go; "(TV)" stays."""
    for opener, closer in (("(", ")"), ("[", "]")):
        while item.startswith(opener) and item.count(opener) > item.count(closer):
            item = item[1:].strip()
        while item.endswith(closer) and item.count(closer) > item.count(opener):
            item = item[:-1].strip()
        if item.startswith(opener) and item.endswith(closer) and item.count(opener) == 1:
            item = item[1:-1].strip()
    return item


def split_fandoms(text: str) -> list[str]:
    """Fandoms from a fandom field: crossovers split on ``/``, ``x``, commas, semicolons.

    >>> split_fandoms("Buffy the Vampire Slayer / Angel crossover")
    ['Buffy the Vampire Slayer', 'Angel']
    >>> split_fandoms("(The Pitt (TV), Sherlock)")
    ['The Pitt (TV)', 'Sherlock']
    """
    text = re.sub(r"\bcross-?overs?\b", " ", text, flags=re.IGNORECASE)
    out: list[str] = []
    for item in re.split(r"\s*[,;/\n]\s*|\s+[xX×]\s+", text[:4000]):
        item = _strip_unbalanced(" ".join(item.strip(" .").split()))
        if item and item.casefold() not in {f.casefold() for f in out}:
            out.append(item)
    return out
