"""One story of a dump as discovery sees it (its own module: the package and the dump
readers that make items both use it, and must not import each other)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class ArchiveItem:
    """One story of a dump for discovery: its path (``dump!story/ID``) and how to get
    its record's bytes, or why it cannot be had."""

    path: str
    opener: Callable[[], bytes] | None = None
    error: str | None = None
