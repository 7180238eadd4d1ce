"""Header fields -> the work record and its ``stated`` tags.

Every tag carries ``Evidence(field=<label as written>, quote=<raw value>)`` so a reader
can see which line of the file stated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fandex.model import Evidence, Tag, Work
from fandex.parse.dates import map_language, map_status, parse_date
from fandex.parse.header import HeaderField
from fandex.parse.values import (
    is_genre,
    map_rating,
    map_warnings,
    parse_pairings,
    split_categories,
    split_fandoms,
    split_list,
    tag_case,
)
from fandex.vocab import names

_EMAIL = re.compile(r"\s*[(<\[]?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)>\]]?\s*")
_URL = re.compile(r"\s*[(<\[]?\s*https?://\S+\s*[)>\]]?\s*")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’"
# Announced conventions in notes: "// is thought, ** is emphasis", "*text* = italics".
_CONVENTION = re.compile(
    r"(?P<mark>//|\*\*|\*|/|_|~|<<\s*>>|<\s*>|\[\s*\]|::|'|\")[^\w\n]{0,12}?(?:text|words?)?"
    r"[^\w\n]{0,6}\s*(?:is|are|=|means|mean|indicates?|denotes?|for|marks?)\s+"
    r"(?P<meaning>thoughts?|telepathy|telepathic\s+speech|emphasis|italics?|flashbacks?|"
    r"sign\s+language|signing|mind\s*speak|dreams?|memories|memory|foreign\s+language|"
    r"bold|underlin\w*|letters?|lyrics?)",
    re.IGNORECASE,
)

CONVENTIONS_KEY = "fandex:conventions"
_MAX_REPEATS = 200


def _evidence(f: HeaderField) -> list[Evidence]:
    return [Evidence(field=f.label, quote=f.value)]


def _stated(type_: str, name: str, f: HeaderField, **attrs: object) -> Tag:
    return Tag(type_, name, source="stated", evidence=_evidence(f), attrs=dict(attrs))


def clean_author(value: str) -> list[str]:
    """Author names from a byline value, without emails, URLs or "by".

    >>> clean_author("Sajinn (sajinn@example.com) & Rook")
    ['Sajinn', 'Rook']
    """
    text = _URL.sub(" ", _EMAIL.sub(" ", value))
    text = re.sub(r"^\s*(?:written\s+)?by\b[:\s]*", "", text, flags=re.IGNORECASE)
    out: list[str] = []
    for name in _AUTHOR_SPLIT.split(text):
        name = " ".join(name.strip(" .~*-()[]").split())
        if name and name.casefold() not in {a.casefold() for a in out}:
            out.append(name)
    return out


def clean_title(value: str) -> str:
    """A title without wrapping quotes or decoration."""
    s = " ".join(value.split()).strip(" ~*=#_-")
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


def apply_fields(work: Work, fields: list[HeaderField], *, trailing: bool = False) -> list[Tag]:
    """Set the work's scalar fields from header fields and return the stated tags.

    Scalars already set on ``work`` are kept (metadata and the top header win over a
    trailing header). Notes in a trailing header are left to the end notes.
    """
    tags: list[Tag] = []
    # A field repeated thousands of times (a damaged file) is read a bounded number of times.
    by = {
        name: [f for f in fields if f.field == name][:_MAX_REPEATS]
        for name in {f.field for f in fields}
    }

    def first(name: str) -> HeaderField | None:
        return by.get(name, [None])[0]

    # A labelled Title wins over a line that only looks like one (an archive banner).
    if (f := first("title") or first("title_line")) and work.title in ("", "Untitled"):
        work.title = clean_title(f.value) or work.title
    if not work.authors:
        for f in by.get("author", []):
            work.authors += [a for a in clean_author(f.value) if a not in work.authors]
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
    if work.published is None and (f := first("date")):
        work.published = parse_date(f.value)
    if work.updated is None and (f := first("updated")):
        work.updated = parse_date(f.value)
    if work.language is None and (f := first("language")):
        work.language = map_language(f.value)

    has_fandom_field = "fandom" in by
    for f in by.get("series", []):
        if work.series is None:
            value = f.value.strip()
            if (
                f.label.casefold() == "series"
                and not has_fandom_field
                and not re.search(
                    r"\b(?:part|book|story|#)\s*\w|\d+\s*(?:of|/)\s*\d+", value, re.IGNORECASE
                )
            ):
                # "Series: Buffy the Vampire Slayer": a TV series, i.e. the fandom.
                tags += [_stated("fandom", name, f) for name in split_fandoms(value)]
                continue
            work.series = value
    part = next((f for f in by.get("part", []) if f.label.casefold().startswith("part")), None)
    if work.series is None and part is not None:
        # "Part 2 of 3" names a place in a series; "Chapters: 3/10" does not.
        work.series = part.value

    for f in by.get("rating", []):
        rating = map_rating(f.value)
        if rating is not None:
            attrs = {"announced": rating.announced} if rating.announced else {}
            tags.append(_stated("rating", rating.rating, f, **attrs))
            break
    for f in by.get("warning", []):
        for w in map_warnings(f.value):
            tags.append(_stated(w.type, w.name, f))
    # Names resolve within the fandoms the header states ("Will" means one person there).
    fandoms = [t.name for t in tags if t.type == "fandom"] + [
        name for f in by.get("fandom", []) for name in split_fandoms(f.value)
    ]
    scope = fandoms or None
    for f in by.get("relationship", []):
        for p in parse_pairings(f.value, scope):
            attrs = {"qualifier": p.qualifier} if p.qualifier else {}
            tags.append(_stated("relationship", p.name, f, **attrs))
    for f in by.get("character", []):
        for name in split_list(f.value):
            tags.append(_stated("character", names.resolve_character(name, scope), f))
    for f in by.get("fandom", []):
        tags += [_stated("fandom", name, f) for name in split_fandoms(f.value)]
    for f in by.get("category", []):
        cats, genres, rest = split_categories(f.value)
        tags += [_stated("category", c, f) for c in cats]
        tags += [_stated("freeform", g, f) for g in genres]
        # eFiction uses "Category" for the fandom.
        tags += [_stated("fandom", name, f) for item in rest for name in split_fandoms(item)]
    for f in by.get("genre", []):
        cats, genres, rest = split_categories(f.value)
        tags += [_stated("category", c, f) for c in cats]
        tags += [_stated("freeform", tag_case(g), f) for g in [*genres, *rest] if g]
    return tags


def add_conventions(work: Work, fields: list[HeaderField]) -> None:
    """Record conventions the notes announce under ``header["fandex:conventions"]``."""
    found: list[str] = []
    for f in fields:
        if f.field in {"notes", "other", "disclaimer", "summary"}:
            found += [c for c in conventions(f.value) if c not in found]
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
