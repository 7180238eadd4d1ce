"""Canonical names for characters and relationships (resolved through fandom packs).

The parse stage calls these to normalise stated names; the tagging work fills them
from the packs. Until then they only tidy whitespace.
"""

from __future__ import annotations


def resolve_character(name: str) -> str:
    """The canonical AO3-style name for a character name or alias."""
    return " ".join(name.split())


def resolve_ship(name: str) -> str | None:
    """The canonical relationship for a ship name ("Spuffy"), or None if unknown."""
    return None
