"""Several ``Label - value`` pairs on one header line, with no colon between them.

Old archive headers and journal posts often put the whole header on one line and use
the same kind of mark between a label and its value as between the pairs:
``Rating - PG ~ Pairing - Harry/Ginny ~ Warnings - none``, ``Fandom :: Merlin ||
Rating :: R``, ``Rating | PG | Pairing | Ila/Corran``. The line is cut at every spaced
separator; a piece that is a known label alone (capitalised, as labels are written)
opens a field, and the pieces up to the next such label are its value. A line is read
this way only when it starts with a label and at least two labels each get a value, so
a sentence that happens to hold a label word between dashes stays a sentence.
"""

from __future__ import annotations

import re

from fandex.parse.dates import map_status
from fandex.parse.labels import field_for, match_label

__all__ = ["split_pairs"]

# The spaced marks that may stand between pairs, and between a label and its value.
_SEP = re.compile(r"(\s+(?:[-–—~|•·=]{1,2}|::|//|>>)\s+)")
_DECORATION = "*_[]~<> \t"
# A value longer than this (in words) is prose, not a header value; a summary may run on.
_MAX_VALUE_WORDS = 25
_MAX_SUMMARY_WORDS = 120


def _bare_label(piece: str) -> str | None:
    """The field of a piece that is a label and nothing else (``Rating``, ``**Pairing**``)."""
    label = piece.strip(_DECORATION).rstrip(":").strip()
    if not label or not label[0].isupper() or len(label.split()) > 3:
        return None
    field = field_for(label)
    return field if field not in (None, "other") else None


def split_pairs(line: str) -> list[str] | None:
    """The line's pairs as ``Label: value`` lines, or None when it is not such a line.

    >>> split_pairs("Rating - PG ~ Pairing - Harry/Ginny ~ Warnings - none")
    ['Rating: PG', 'Pairing: Harry/Ginny', 'Warnings: none']
    >>> split_pairs("Title - the one word she hated - hung over the door.") is None
    True
    """
    if len(line) > 2000 or not _SEP.search(line):
        return None
    parts = _SEP.split(line.strip())
    pieces, seps = parts[0::2], parts[1::2]
    fields: list[tuple[str, str, list[str]]] = []  # label, field, value pieces
    for k, piece in enumerate(pieces):
        piece = piece.strip()
        open_label = bool(fields) and not fields[-1][2]
        field = None if open_label else _bare_label(piece)
        if field is not None:
            fields.append((piece.strip(_DECORATION).rstrip(":").strip(), field, []))
            continue
        m = None if open_label else match_label(piece, allow_colonless=True)
        if m is not None and m.value and piece[:1].isupper():
            fields.append((m.label, m.field, [m.value]))  # "Rating: PG" among the pieces
            continue
        if not fields:
            return None  # the line does not open with a label
        values = fields[-1][2]
        if values:
            values.append(seps[k - 1].strip())  # a value holding the mark ("A - B")
        values.append(piece)
    if fields and not fields[-1][2]:
        # A lone last word saying the story's status ("... ~ Complete").
        label = fields.pop()[0]
        if not (fields and map_status(label)):
            return None
        fields.append(("Status", "status", [label]))
    if len(fields) < 2:
        return None
    out = []
    for label, field, values in fields:
        value = " ".join(values)
        limit = _MAX_SUMMARY_WORDS if field in ("summary", "notes") else _MAX_VALUE_WORDS
        if len(value.split()) > limit:
            return None
        out.append(f"{label}: {value}")
    return out
