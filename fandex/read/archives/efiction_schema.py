"""eFiction's tables across its versions, and the forms its values take.

Which table a dump's table is (any prefix), the column order of a table whose dump
states none (eFiction's own backup page writes bare ``INSERT ... VALUES``; the row's
width tells eFiction 3.x from 1.x/2.x layouts), the Python codec of a MySQL character
set, and the value forms: comma-separated id lists, ids quoted or not, dates as
``DATETIME`` text (eFiction 1.x-3.3) or Unix timestamps (3.5's ``int(10)`` columns).
The layouts are data: ``efiction_tables.toml``.
"""

from __future__ import annotations

import codecs
import tomllib
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "archive_date",
    "codec_of",
    "default_columns",
    "family_of",
    "id_forms",
    "id_list",
    "table_parts",
    "text_of",
]

# Longest suffix first: "coauthors" before "authors", "inseries" before "series".
SUFFIXES = (
    "classtypes",
    "categories",
    "characters",
    "coauthors",
    "inseries",
    "chapters",
    "settings",
    "warnings",
    "stories",
    "authors",
    "classes",
    "ratings",
    "genres",
    "series",
)
# Unix timestamps of archive dates: after 1973 (nine digits), so a year or an id is not one.
_MIN_TIMESTAMP = 100_000_000


def table_parts(name: str) -> tuple[str, str] | None:
    """``(prefix, table)`` for an eFiction table name, None for any other table.

    >>> table_parts("fanfiction_coauthors"), table_parts("efic_stories"), table_parts("x_log")
    (('fanfiction_', 'coauthors'), ('efic_', 'stories'), None)
    """
    low = name.lower()
    for suffix in SUFFIXES:
        if low.endswith(suffix):
            return name[: len(name) - len(suffix)], suffix
    return None


@cache
def _schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("efiction_tables.toml").read_text("utf-8")
    return tomllib.loads(text)


def default_columns(table: str, width: int) -> list[str] | None:
    """The columns of ``table`` for rows of ``width`` values that name none: the layout
    of that width (eFiction 3.x, else 1.x/2.x), the first ``width`` columns of a table
    that grew over versions, else the 3.x layout (the rows are then reported as not
    fitting it).

    >>> len(default_columns("fanfiction_stories", 21)), default_columns("x_stories", 22)[1]
    (21, 'psid')
    >>> default_columns("fanfiction_settings", 3)
    ['sitekey', 'sitename', 'slogan']
    """
    parts = table_parts(table)
    if parts is None:
        return None
    schema = _schema()
    layouts = [s[parts[1]] for s in (schema["columns"], schema["older"]) if parts[1] in s]
    if not layouts:
        return None
    for cols in layouts:
        if len(cols) == width:
            return list(cols)
    if parts[1] in schema["growing"]["tables"] and width < len(layouts[0]):
        return list(layouts[0][:width])
    return list(layouts[0])


def codec_of(mysql_charset: str | None) -> str | None:
    """The Python codec of a MySQL character set, None when unknown.

    >>> codec_of("latin1"), codec_of("utf8mb4"), codec_of("klingon")
    ('cp1252', 'utf-8', None)
    """
    if not mysql_charset:
        return None
    found = _schema()["charsets"].get(mysql_charset.lower())
    return str(found) if found else None


def family_of(codec: str) -> str:
    """The script family of an encoding (``latin``, ``cyrillic``...), else the codec."""
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    for family, names in _schema()["families"].items():
        if name in names:
            return str(family)
    return name


def text_of(value: Any) -> str:
    """A value as stripped text ('' for NULL)."""
    return "" if value is None else str(value).strip()


def id_list(value: Any) -> list[str]:
    """A comma-separated list as eFiction stores it ("3,10,16"; 1.x stored names,
    "Angst, Drama"), without the 0 and -1 that mean none, each once."""
    out = []
    for part in text_of(value).split(","):
        part = part.strip()
        if part and part not in ("0", "-1") and part not in out:
            out.append(part)
    return out


def id_forms(value: Any) -> tuple[Any, str]:
    """An id as a number and as text: dumps quote ids in some tables and not others."""
    text = text_of(value)
    return (int(text) if text.lstrip("-").isdigit() else text), text


def archive_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a ``DATETIME`` text or a Unix timestamp; None for zero dates.

    >>> archive_date("2006-02-09 22:21:35"), archive_date(1139523695), archive_date("0")
    ('2006-02-09', '2006-02-09', None)
    """
    text = text_of(value)
    if text.isdigit():
        seconds = int(text)
        if seconds < _MIN_TIMESTAMP or seconds > 2**32:
            return None
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    text = text[:10]
    if len(text) == 10 and text[4] == "-" and not text.startswith("0000"):
        return text
    return None
