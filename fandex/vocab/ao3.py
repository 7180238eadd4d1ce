"""AO3's vocabulary (ratings, archive warnings, categories) and the legacy mappings.

The constants are AO3's names exactly. The legacy mappings (what old archives wrote
for a rating or a warning) are data in ``ratings.toml`` and ``warnings.toml`` beside
this module; :func:`load_toml` reads them once.

>>> canonical_warning("underage")
'Underage Sex'
>>> "Explicit" in RATINGS
True
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

RATING_NOT_RATED = "Not Rated"
RATING_GENERAL = "General Audiences"
RATING_TEEN = "Teen And Up Audiences"
RATING_MATURE = "Mature"
RATING_EXPLICIT = "Explicit"

#: AO3 ratings, lowest first.
RATINGS: tuple[str, ...] = (
    RATING_NOT_RATED,
    RATING_GENERAL,
    RATING_TEEN,
    RATING_MATURE,
    RATING_EXPLICIT,
)
#: The ratings that order a work, lowest first ("Not Rated" sits outside the order).
RATING_ORDER: tuple[str, ...] = RATINGS[1:]

WARNING_CNTW = "Choose Not To Use Archive Warnings"
WARNING_NONE = "No Archive Warnings Apply"
WARNING_VIOLENCE = "Graphic Depictions Of Violence"
WARNING_MCD = "Major Character Death"
WARNING_NONCON = "Rape/Non-Con"
WARNING_UNDERAGE = "Underage Sex"

#: AO3 archive warnings (the 2024 names).
ARCHIVE_WARNINGS: tuple[str, ...] = (
    WARNING_CNTW,
    WARNING_NONE,
    WARNING_VIOLENCE,
    WARNING_MCD,
    WARNING_NONCON,
    WARNING_UNDERAGE,
)

#: Older or variant spellings of archive warnings, read as the current name. AO3 renamed
#: "Underage" to "Underage Sex" in 2024; files and exports from before say "Underage".
WARNING_ALIASES: dict[str, str] = {
    "underage": WARNING_UNDERAGE,
    "creator chose not to use archive warnings": WARNING_CNTW,
    "author chose not to use archive warnings": WARNING_CNTW,
    "graphic depictions of violence": WARNING_VIOLENCE,
}

#: AO3 categories.
CATEGORIES: tuple[str, ...] = ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")


def canonical_warning(name: str) -> str | None:
    """AO3's current name for an archive warning written either way, else None.

    >>> canonical_warning("Underage"), canonical_warning("Underage Sex")
    ('Underage Sex', 'Underage Sex')
    """
    folded = " ".join(name.split()).casefold()
    for warning in ARCHIVE_WARNINGS:
        if warning.casefold() == folded:
            return warning
    return WARNING_ALIASES.get(folded)


def canonical_rating(name: str) -> str | None:
    """AO3's rating name for an exact (case-insensitive) AO3 rating, else None."""
    folded = " ".join(name.split()).casefold()
    if folded == "teen and up":
        return RATING_TEEN
    return next((r for r in RATINGS if r.casefold() == folded), None)


def canonical_category(name: str) -> str | None:
    """AO3's category for an exact (case-insensitive) AO3 category, else None."""
    folded = name.strip().casefold()
    return next((c for c in CATEGORIES if c.casefold() == folded), None)


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Read a vocabulary file shipped in ``fandex/vocab`` (e.g. ``"ratings.toml"``)."""
    data = resources.files("fandex.vocab").joinpath(name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))
