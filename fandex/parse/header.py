"""The story header: labelled fields at the top of a file (``Title:``, ``Rating:`` ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z' /]{0,30}?)\s*:\s*(.*)$")

FIELD_ALIASES: dict[str, str] = {
    "title": "title",
    "author": "author",
    "by": "author",
    "rating": "rating",
    "rated": "rating",
    "pairing": "pairing",
    "pairings": "pairing",
    "relationship": "pairing",
    "summary": "summary",
    "fandom": "fandom",
    "warning": "warnings",
    "warnings": "warnings",
}


@dataclass
class Header:
    """Fields found in a header: ``raw`` as written, ``fields`` by canonical name."""

    raw: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    end: int = 0  # index of the first block after the header


def parse_header(paragraph_texts: list[str]) -> Header:
    """Read labelled lines from the first paragraphs until prose starts."""
    header = Header()
    for i, para in enumerate(paragraph_texts[:10]):
        lines = para.split("\n")
        found = False
        for line in lines:
            m = _LABEL.match(line)
            if m and m.group(1).strip().lower() in FIELD_ALIASES:
                label, value = m.group(1).strip(), m.group(2).strip()
                header.raw[label] = value
                header.fields[FIELD_ALIASES[label.lower()]] = value
                found = True
        if found:
            header.end = i + 1
        elif header.raw:
            break
    return header
