"""A combined label's value shared out among the fields it names.

Some headers join two labels into one line: ``Characters/Pairings: Ila, Corran,
Ila/Corran``, ``Genre/Rating: Angst / PG-13``. The label reads as a combined field
(``character+relationship``, see :func:`fandex.parse.labels.field_for`); here its value
becomes one field per part, each item going where it reads as belonging:

- by position, when the value has as many `` / `` (or `` | ``, `` - ``) slots as the label
  has parts and every slot reads as its field (``Angst / PG-13``);
- else item by item: a field with a test for its values (a rating, a pairing, a status, a
  category, an archive warning, a genre word) takes the items that pass it, and the rest
  go to the field without one (characters, fandoms), or to the first part.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fandex.parse.dates import map_language, map_status
from fandex.parse.header_block import HeaderField
from fandex.parse.labels import COMBINED, parts_of
from fandex.parse.values import category_of, is_genre, map_rating, map_warnings, split_list

_SLOTS = re.compile(r"\s+(?:/|\||-|–|—)\s+")
_SPACED_SLASH = re.compile(r"\s+/\s+")
# "violence. Thanks to Ned": a sentence's end (after a word, not an initial or "Dr.").
_SENTENCE_END = re.compile(r"(?<=[a-z]{4})\.\s+")
_PAIRED = re.compile(r"\S\s*(?:/|&|\s[xX×]\s)\s*\S")
# A value that is a code is a few words at most ("PG-13", "Work in progress").
_CODE_WORDS = 4


def _short(item: str) -> bool:
    return len(item.split()) <= _CODE_WORDS


_TESTS: dict[str, Callable[[str], bool]] = {
    "rating": lambda s: _short(s) and map_rating(s) is not None,
    "relationship": lambda s: _PAIRED.search(s) is not None,
    "status": lambda s: _short(s) and map_status(s) is not None,
    "category": lambda s: category_of(s) is not None,
    "language": lambda s: _short(s) and map_language(s) is not None,
    "warning": lambda s: any(w.type == "warning" for w in map_warnings(s)),
    "genre": lambda s: is_genre(s) or category_of(s) is not None,
}


def split_combined(f: HeaderField) -> list[HeaderField]:
    """The fields a combined field stands for, each with its share of the value; any
    other field as it is.

    >>> [(g.field, g.value) for g in split_combined(
    ...     HeaderField("Characters/Pairings", "character+relationship", "Ila, Bex, Ila/Bex"))]
    [('character', 'Ila, Bex'), ('relationship', 'Ila/Bex')]
    >>> [(g.field, g.value) for g in split_combined(
    ...     HeaderField("Genre/Rating", "genre+rating", "Angst / PG-13"))]
    [('genre', 'Angst'), ('rating', 'PG-13')]
    """
    if COMBINED not in f.field:
        return [f]
    parts = parts_of(f.field)
    value = f.value.strip()
    if not any(p in _TESTS for p in parts):
        return [_part(f, parts[0], [value])]  # "Summary/Notes": one text, the first part's
    slots = _SLOTS.split(value)
    if len(slots) == len(parts) and all(
        p not in _TESTS or _TESTS[p](s.strip()) for p, s in zip(parts, slots, strict=True)
    ):
        return [_part(f, p, [s.strip()]) for p, s in zip(parts, slots, strict=True)]
    items = [p for item in split_list(value, on_and=False) for p in _SENTENCE_END.split(item)]
    if "relationship" not in parts:
        items = [p for item in items for p in _SPACED_SLASH.split(item)]
    shares: dict[str, list[str]] = {p: [] for p in parts}
    open_parts = [p for p in parts if p not in _TESTS]
    for item in items:
        home = next((p for p in parts if p in _TESTS and _TESTS[p](item)), None)
        shares[home or (open_parts[0] if open_parts else parts[0])].append(item)
    return [_part(f, p, shares[p]) for p in parts if shares[p]]


def _part(f: HeaderField, field: str, items: list[str]) -> HeaderField:
    return HeaderField(f.label, field, ", ".join(items), f.block, f.unlabelled)


__all__ = ["split_combined"]
