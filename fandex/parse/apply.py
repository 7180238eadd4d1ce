"""Header fields -> the work record and its ``stated`` tags.

Every tag carries ``Evidence(field=<label as written>, quote=<raw value>)`` so a reader
can see which line of the file stated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from fandex.model import Evidence, Tag, Work
from fandex.parse import values
from fandex.parse.combined import split_combined
from fandex.parse.dates import map_language, map_status, parse_date
from fandex.parse.header_block import HeaderField
from fandex.parse.labels import weak_rating_label
from fandex.parse.series import parse_series
from fandex.parse.values import (
    is_genre,
    map_rating,
    map_warnings,
    parse_pairings,
    slash_pair,
    split_categories,
    split_characters,
    split_fandoms,
    split_list,
    tag_case,
)
from fandex.vocab import names

# "sajinn@example.com", and the spelled-out form mailing lists used against harvesters:
# "mvale at example dot net", "mvale [at] example [dot] net".
_AT = r"(?:@|\s*[\[(]at[\])]\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*[\[(]dot[\])]\s*|\s+dot\s+)"
_EMAIL = re.compile(
    rf"\s*[(<\[]?\s*(?:mailto:)?[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+\s*[)>\]]?\s*",
    re.IGNORECASE,
)
_URL = re.compile(r"\s*[(<\[]?\s*https?://\S+\s*[)>\]]?\s*")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’"
# A name that ends in an initial or a suffix ("Mireille D.", "Tom Riddle Jr."): its
# closing point is part of the name, not punctuation after it.
_END_INITIAL = re.compile(r"(?:^|[\s.])(?:[A-Z]|Jr|Sr|St)\.\s*$")
_AKA = re.compile(
    r"\s*[(\[]?\s*(?:\baka\b|\ba\.k\.a\.?|\balso\s+known\s+as\b|\bformerly\b).*$",
    re.IGNORECASE | re.DOTALL,
)
# Announced conventions in notes: "// is thought, ** is emphasis", "*text* = italics".
_CONVENTION = re.compile(
    r"(?P<mark>//|\*\*|\*|/|_|~|<<\s*>>|<\s*>|\[\s*\]|::|'|\")[^\w\n]{0,12}?(?:text|words?)?"
    r"[^\w\n]{0,6}\s*(?:is|are|=|means|mean|indicates?|denotes?|for|marks?)\s+"
    r"(?P<meaning>thoughts?|telepathy|telepathic\s+speech|emphasis|italics?|flashbacks?|"
    r"sign\s+language|signing|mind\s*speak|dreams?|memories|memory|foreign\s+language|"
    r"bold|underlin\w*|letters?|lyrics?)",
    re.IGNORECASE,
)

_PART_COUNT = re.compile(r"\s*[\[(]\s*(?:part\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}\s*[\])]\s*$", re.I)
CONVENTIONS_KEY = "fandex:conventions"
_MAX_REPEATS = 200


_COUNT = re.compile(r"(\d{1,4})\s*/\s*(\d{1,4}|\?)")


def _status_from_count(fields: list[HeaderField]) -> str | None:
    """``Chapters: 5/5`` is complete, ``Chapters: 3/10`` or ``3/?`` a work in progress."""
    for f in fields:
        m = _COUNT.search(f.value)
        if m and f.label.casefold().startswith("chapter"):
            done, total = m.groups()
            return "complete" if total != "?" and int(done) >= int(total) else "wip"
    return None


def _fandom(name: str, f: HeaderField) -> Tag:
    return _stated("fandom", values.resolve_fandom(name), f)


def _category_rest(item: str, f: HeaderField) -> list[Tag]:
    """An eFiction Category item that is neither a category nor a genre.

    Usually the fandom. An item with a slash is a fandom only when the packs know
    every part ("BtVS/AtS"), a pairing when it is two names the packs know as characters
    ("Hermione/Snape"); otherwise it is a label of the archive's own ("Mulder/Scully
    romance") and is kept as a freeform tag rather than guessed into fandoms.
    """
    if "/" not in item or values.is_known_fandom(item) or _title_in_two_scripts(item):
        return [_fandom(item, f)]
    parts = split_fandoms(item)
    if parts and all(values.is_known_fandom(p) for p in parts):
        return [_fandom(p, f) for p in parts]
    pair = slash_pair(item)
    if pair is not None and all(names.known_character(names.resolve_character(m)) for m in pair):
        # "Category: Hermione/Snape": a pairing archive files its stories by the pair.
        return [_stated("relationship", p.name, f) for p in parse_pairings(item)]
    return [_stated("freeform", tag_case(item), f)]


def _latin(text: str) -> bool | None:
    """True when the text's letters are all Latin, False when none is, None when mixed or
    letterless."""
    kinds = {ord(c) < 0x250 for c in text if c.isalpha()}
    return None if len(kinds) != 1 else kinds.pop()


def _title_in_two_scripts(item: str) -> bool:
    """One title written twice, in Latin letters and in its own script, as
    FanFiction.net names fandoms ("Beelzebub/べるぜバブ"): one fandom, not two.

    >>> _title_in_two_scripts("Beelzebub/べるぜバブ"), _title_in_two_scripts("BtVS/AtS")
    (True, False)
    """
    parts = [p.strip() for p in item.split("/")]
    return len(parts) == 2 and {_latin(parts[0]), _latin(parts[1])} == {True, False}


def _rating_as_category(value: str) -> str | None:
    """The AO3 rating of a Category that holds nothing but a rating ("G", "PG-13",
    "Tout public"), else None: not a category, a genre or a known fandom."""
    value = value.strip()
    if not value or len(value.split()) > 3:
        return None
    cats, genres, _ = split_categories(value)
    if cats or genres or values.is_known_fandom(value):
        return None
    rated = values.map_rating(value)
    return rated.rating if rated is not None and rated.announced is None else None


def _evidence(f: HeaderField) -> list[Evidence]:
    return [Evidence(field=f.label, quote=f.value)]


def _stated(type_: str, name: str, f: HeaderField, **attrs: object) -> Tag:
    return Tag(type_, name, source="stated", evidence=_evidence(f), attrs=dict(attrs))


def clean_author(value: str) -> list[str]:
    """Author names from a byline value, without emails, URLs or "by".

    >>> clean_author("Sajinn (sajinn@example.com) & Rook")
    ['Sajinn', 'Rook']
    >>> clean_author("Marguerite Vale (mvale at example dot net)")
    ['Marguerite Vale']
    >>> clean_author("Wren aka Sparrowhawk"), clean_author("Wren (a.k.a. Sparrowhawk) & Rook")
    (['Wren'], ['Wren', 'Rook'])
    >>> clean_author("Rook (Professors' Bookshelf)"), clean_author("[Wren]")
    (["Rook (Professors' Bookshelf)"], ['Wren'])
    >>> clean_author("Mireille D."), clean_author("Wren."), clean_author("Tom Riddle Jr.")
    (['Mireille D.'], ['Wren'], ['Tom Riddle Jr.'])
    """
    text = _URL.sub(" ", _EMAIL.sub(" ", value))
    text = re.sub(r"^\s*(?:written\s+)?by\b[:\s]*", "", text, flags=re.IGNORECASE)
    out: list[str] = []
    for name in _AUTHOR_SPLIT.split(text):
        # "Wren aka Sparrowhawk": one author under another name, not a second author.
        name = _AKA.sub("", name)
        initial = _END_INITIAL.search(name)
        name = " ".join(_strip_brackets(name.strip(" .~*-")).split())
        if initial and name and name[-1].isalpha():
            name += "."  # "Mireille D.", "J.": an initial keeps its point
        if name and name.casefold() not in {a.casefold() for a in out}:
            out.append(name)
    return out


def _strip_brackets(name: str) -> str:
    """``name`` without the brackets and decoration around it, keeping a bracket pair it
    closes: "(Wren)" is "Wren", "Rook (Professors' Bookshelf)" keeps its closing bracket
    (stripping every bracket left "Rook (Professors' Bookshelf")."""
    name = re.sub(r"\(\s*\)|\[\s*\]", " ", name)  # what an email or a URL left
    prev = None
    while name != prev:
        prev = name
        name = name.strip(" .~*-")
        for o, c in ("()", "[]"):
            if name.startswith(o) and name.endswith(c) and name.count(o) == 1:
                name = name[1:-1]
            if name.startswith((o, c)) and name.count(o) != name.count(c):
                name = name[1:]
            if name.endswith((o, c)) and name.count(o) != name.count(c):
                name = name[:-1]
    return name


def clean_title(value: str) -> str:
    """A title without wrapping quotes or decoration."""
    s = " ".join(value.split()).strip(" ~*=#_-")
    # "The Long Way Home (1/3)": the part count is the post's, not the title's.
    s = _PART_COUNT.sub("", s).strip()
    if len(s) >= 2 and s[0] in _QUOTES and s[-1] in _QUOTES:
        s = s[1:-1].strip()
    return s


def conventions(text: str) -> list[str]:
    """Conventions a note announces, as ``"mark=meaning"`` strings.

    >>> conventions("// is thought, ** is emphasis")
    ['//=thought', '**=emphasis']
    """
    out = []
    for m in _CONVENTION.finditer(text[:4000]):
        mark = re.sub(r"\s+", "", m.group("mark"))
        meaning = m.group("meaning").casefold()
        meaning = {"thoughts": "thought", "italic": "italics", "flashback": "flashbacks"}.get(
            meaning, meaning
        )
        item = f"{mark}={meaning}"
        if item not in out:
            out.append(item)
    return out


def _join(values: Iterable[str], sep: str = "\n\n") -> str | None:
    vals = [v.strip() for v in values if v and v.strip()]
    return sep.join(vals) if vals else None


def apply_fields(
    work: Work,
    fields: list[HeaderField],
    *,
    trailing: bool = False,
    scope: Sequence[str] = (),
) -> list[Tag]:
    """Set the work's scalar fields from header fields and return the stated tags.

    Scalars already set on ``work`` are kept (metadata and the top header win over a
    trailing header). Notes in a trailing header are left to the end notes. ``scope``
    names fandoms stated elsewhere (a page's typed fandom) that names resolve within.
    """
    tags: list[Tag] = []
    fields = [g for f in fields for g in split_combined(f)]
    # A field repeated thousands of times (a damaged file) is read a bounded number of times.
    by = {
        name: [f for f in fields if f.field == name][:_MAX_REPEATS]
        for name in {f.field for f in fields}
    }

    def first(name: str) -> HeaderField | None:
        return by.get(name, [None])[0]

    # A labelled Title wins over a line that only looks like one (an archive banner).
    # "Stand by Me by Alice" was split at its last "by" (label "Byline"); a labelled
    # Author elsewhere says that split was wrong and the whole line is the title.
    explicit = [f for f in by.get("author", []) if f.label != "Byline"]
    implied = [f for f in by.get("author", []) if f.label == "Byline"]
    title_field = first("title") or first("title_line")
    if title_field is not None and work.title in ("", "Untitled"):
        title = clean_title(title_field.value)
        if title_field.field == "title_line" and explicit and implied:
            title = f"{title} by {implied[0].value}"
        work.title = title or work.title
    if not work.authors:
        for author_field in explicit or implied:
            work.authors += [a for a in clean_author(author_field.value) if a not in work.authors]
    if work.summary is None:
        work.summary = _join(f.value for f in by.get("summary", []))
    if work.disclaimer is None:
        work.disclaimer = _join(f.value for f in by.get("disclaimer", []))
    if work.spoilers is None:
        work.spoilers = _join((f.value for f in by.get("spoilers", [])), "; ")
    if work.dedication is None:
        work.dedication = _join(f.value for f in by.get("dedication", []))
    notes = _join(f.value for f in by.get("notes", []))
    # A trailing header's notes are already the end notes (the structure keeps them).
    if notes and not trailing and work.notes_begin is None:
        work.notes_begin = notes
    if work.status is None and (f := first("status")):
        work.status = map_status(f.value)
    if work.status is None:
        work.status = _status_from_count(by.get("part", []))
    if work.published is None and (f := first("date")):
        work.published = parse_date(f.value)
    if work.updated is None and (f := first("updated")):
        work.updated = parse_date(f.value)
    if work.language is None and (f := first("language")):
        work.language = map_language(f.value)

    has_fandom_field = "fandom" in by or "category" in by  # eFiction's Category is the fandom
    for f in by.get("series", []):
        if not work.series:
            value = f.value.strip()
            if (
                f.label.casefold() == "series"
                and not has_fandom_field
                and not re.search(
                    r"\b(?:part|book|story|#)\s*\w|\d+\s*(?:of|/)\s*\d+|\[\d+\]\s*$",
                    value,
                    re.IGNORECASE,
                )
            ):
                # "Series: Buffy the Vampire Slayer": a TV series, i.e. the fandom.
                tags += [_fandom(name, f) for name in split_fandoms(value)]
                continue
            work.series = parse_series(value)
    part = next((f for f in by.get("part", []) if f.label.casefold().startswith("part")), None)
    if not work.series and part is not None:
        # "Part 2 of Name" names a place in a series; "Chapters: 3/10" does not.
        work.series = parse_series(part.value)

    # A plain "Rating:" rates before a label that may mean the story's kind.
    rating_fields = sorted(by.get("rating", []), key=lambda f: weak_rating_label(f.label))
    for f in rating_fields:
        # Under a label that may mean the story's kinds, a list of codes ("S, R, MSR")
        # rates only by its first item.
        value = f.value
        if weak_rating_label(f.label):
            value = re.split(r"[,;/]", value, maxsplit=1)[0]
        rating = map_rating(value)
        if rating is not None:
            attrs = {"announced": rating.announced} if rating.announced else {}
            tags.append(_stated("rating", rating.rating, f, **attrs))
            break
    if not any(t.type == "rating" for t in tags):
        # "Classification: Slash": a label that may mean the rating gives the category.
        for f in by.get("rating", []):
            tags += [_stated("category", c, f) for c in split_categories(f.value)[0]]
    for f in by.get("warning", []):
        for w in map_warnings(f.value):
            tags.append(_stated(w.type, w.name, f))
    # Names resolve within the fandoms the header states ("Will" means one person there).
    fandoms = [
        *scope,
        *(t.name for t in tags if t.type == "fandom"),
        *(values.resolve_fandom(n) for f in by.get("fandom", []) for n in split_fandoms(f.value)),
    ]
    known: list[str] | None = fandoms or None
    for f in by.get("relationship", []):
        if re.search(r"\bgen\b", f.value, re.IGNORECASE) and not parse_pairings(f.value):
            tags.append(_stated("category", "Gen", f))  # "Pairing: none (gen)"
        for p in parse_pairings(f.value, known):
            attrs = {"qualifier": p.qualifier} if p.qualifier else {}
            tags.append(_stated("relationship", p.name, f, **attrs))
    for f in by.get("character", []):
        # "[Harry P., Hermione G.] Hedwig": FanFiction.net's brackets (and the tools that
        # copy its line) pair the names inside as a romantic relationship.
        groups, _ = split_characters(f.value)
        for members in groups:
            tags += [
                _stated("relationship", p.name, f) for p in parse_pairings("/".join(members), known)
            ]
        for name in split_list(f.value.replace("[", "").replace("]", ",")):
            if (cast := values.cast_word(name)) is not None:
                # "Characters: Everyone": the whole cast, no one person.
                if cast == "ensemble" and not any(t.name == "Ensemble Cast" for t in tags):
                    tags.append(_stated("freeform", "Ensemble Cast", f))
                continue
            if (pair := slash_pair(name)) is not None:
                # "Characters: Harry/Ginny, Ron" (eFiction archives, journal headers): the
                # pair is a relationship, and each member a character.
                tags += [_stated("relationship", p.name, f) for p in parse_pairings(name, known)]
                tags += [_stated("character", names.resolve_character(m, known), f) for m in pair]
                continue
            resolved = names.resolve_character(name, known)
            if resolved == name and re.search(r"\s\w$", name) and f"{name}." in f.value:
                resolved = f"{name}."  # "Draco M." as FanFiction.net writes it
            tags.append(_stated("character", resolved, f))
    for f in by.get("fandom", []):
        tags += [_fandom(name, f) for name in split_fandoms(f.value)]
    for f in by.get("category", []):
        if "rating" not in by and (rated := _rating_as_category(f.value)) is not None:
            # "Catégorie: G": some archives file a story under its rating.
            tags.append(_stated("rating", rated, f))
            continue
        cats, genres, rest = split_categories(f.value)
        tags += [_stated("category", c, f) for c in cats]
        tags += [_stated("freeform", g, f) for g in genres]
        # eFiction uses "Category" for the fandom; beside a stated Fandom it is the
        # archive's or blog's own filing ("fic", "drabbles"), kept as a tag unless a pack
        # knows it as a fandom.
        for item in rest:
            if not values.is_known_fandom(item) and (cf := names.character_fandom(item)):
                # "Category: Tenth Doctor": an archive filing by character or era names
                # the fandom and one of the story's people, not a fandom of that name.
                tags += [_fandom(cf[0], f), _stated("character", cf[1], f)]
            elif "fandom" in by and "/" not in item and not values.is_known_fandom(item):
                tags.append(_stated("freeform", tag_case(item), f))
            else:
                tags += _category_rest(item, f)
    for f in by.get("genre", []):
        cats, genres, rest = split_categories(f.value)
        tags += [_stated("category", c, f) for c in cats]
        tags += [_stated("freeform", tag_case(g), f) for g in [*genres, *rest] if g]
    return tags


def add_conventions(work: Work, fields: list[HeaderField], marks: Iterable[str] = ()) -> None:
    """Record conventions the notes announce under ``header["fandex:conventions"]``.

    ``marks`` are emphasis marks a reader found in use (``"*"``, ``"//"``); they are
    listed as ``mark=emphasis`` unless a note gave the mark another meaning.
    """
    found: list[str] = []
    for f in fields:
        if f.field in {"notes", "other", "disclaimer", "summary"}:
            found += [c for c in conventions(f.value) if c not in found]
    announced = {c.split("=", 1)[0] for c in found}
    found += [f"{m}=emphasis" for m in marks if m not in announced]
    if found:
        work.header[CONVENTIONS_KEY] = ", ".join(found)


__all__ = [
    "add_conventions",
    "apply_fields",
    "clean_author",
    "clean_title",
    "conventions",
    "is_genre",
]
