"""Status, dates and languages as old headers write them -> the work record's values."""

from __future__ import annotations

import re
from functools import cache

from fandex.parse.values import _norm
from fandex.vocab.ao3 import load_toml


@cache
def _status_words() -> dict[str, str]:
    table = load_toml("header.toml")["status"]
    return {_norm(w).strip(): status for status, words in table.items() for w in words}


def map_status(text: str) -> str | None:
    """``"complete"`` or ``"wip"`` from a Status field, else None.

    >>> map_status("Complete!"), map_status("WIP (3/10 chapters)"), map_status("maybe")
    ('complete', 'wip', None)
    """
    low = _norm(text).strip()
    table = _status_words()
    if low in table:
        return table[low]
    padded = f" {low} "
    for word in ("incomplete", "in progress", "wip", "unfinished", "ongoing", "hiatus"):
        if f" {word} " in padded:
            return "wip"
    for word in ("complete", "completed", "finished", "one shot", "oneshot", "one-shot"):
        if f" {word} " in padded:
            return "complete"
    return None


_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in ms
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})\b"),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I
    ),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)\b"),
]


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 1900 if n >= 70 else 2000
    return n


def parse_date(text: str) -> str | None:
    """An ISO date (or ``YYYY-MM`` / ``YYYY`` when that is all it says), else None.

    >>> parse_date("Posted May 3rd, 2002"), parse_date("12/25/99"), parse_date("soon")
    ('2002-05-03', '1999-12-25', None)
    """
    text = text[:200]
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        year = _year(g["y"])
        if g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            # Slashes read month first (the US habit of most old archives); dots and
            # a first number over 12 read day first.
            month, day = (b, a) if (g["sep"] == "." or a > 12) else (a, b)
        else:
            month = int(g["m"]) if g.get("m") else _MONTHS.get((g.get("mon") or "").casefold(), 0)
            day = int(g["d"]) if g.get("d") else 0
        if (month and not 1 <= month <= 12) or (day and not 1 <= day <= 31):
            continue
        if day:
            iso = f"{year:04d}-{month:02d}-{day:02d}"
        elif month:
            iso = f"{year:04d}-{month:02d}"
        else:
            iso = f"{year:04d}"
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
        if day:
            break  # the most precise pattern that matched wins
    return best[1] if best else None


@cache
def _languages() -> dict[str, str]:
    table: dict[str, list[str]] = load_toml("languages.toml")["languages"]
    out = {code.casefold(): code for code in table}
    for code, names in table.items():
        out.update((n.casefold(), code) for n in names)
    return out


_CODE = re.compile(r"([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?")


def map_language(text: str) -> str | None:
    """An ISO 639-1 code for a stated language, in English, in the language itself, as
    AO3 names it, or as a code, else None.

    >>> map_language("English"), map_language("Français"), map_language("中文-普通话 國語")
    ('en', 'fr', 'zh')
    >>> map_language("en-GB"), map_language("English (UK)"), map_language("Klingon")
    ('en-GB', 'en', None)
    """
    table = _languages()
    s = " ".join(text.strip().strip(".").split()).casefold()
    if not s or len(s) > 80:
        return None
    if s in table:
        return table[s]
    m = _CODE.fullmatch(s)
    if m and m.group(1) in table and table[m.group(1)] == m.group(1):
        return m.group(1) + (f"-{m.group(2).upper()}" if m.group(2) else "")
    for candidate in (re.sub(r"\s*[(\[].*?[)\]]", "", s), re.split(r"\s*[,/;|]\s*", s)[0]):
        if candidate.strip() in table:
            return table[candidate.strip()]
    return None
