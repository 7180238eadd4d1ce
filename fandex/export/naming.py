"""File names for exported works: from a template, safe on every file system, no collisions.

A title is data, never a path: ``../../etc/passwd`` or ``CON`` or a 2,000-character
title turns into a plain, short file name. A template may use ``/`` to make folders
(``{fandom}/{author} - {title}.epub``), but every component is cleaned the same way.

>>> render_name("{author} - {title}.epub", {"author": "Ann", "title": "../Up/Out"}, "epub")
'Ann - .._Up_Out.epub'
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping

from fandex.errors import ConfigError
from fandex.model import Work

DEFAULT_TEMPLATE = "{author} - {title}"
# Bytes, not characters: file systems limit names in bytes (255 on ext4, APFS, NTFS-ish).
MAX_COMPONENT_BYTES = 200
TEMPLATE_FIELDS = ("title", "author", "id", "fandom", "rating", "series", "language")
_KNOWN_EXTS = ("epub", "html", "htm", "json", "csv", "zip")

_UNSAFE = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)


def _strip_invisible(text: str) -> str:
    # Control and format characters (NUL, newlines, bidi overrides that make
    # "evil\u202egpj.exe" look like a picture) have no place in a file name.
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


def _truncate_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip()


def safe_component(
    text: str, *, max_bytes: int = MAX_COMPONENT_BYTES, fallback: str = "untitled"
) -> str:
    """One path component that cannot escape a folder or upset a file system.

    >>> safe_component("..")
    'untitled'
    >>> safe_component("nul.txt")
    '_nul.txt'
    """
    text = unicodedata.normalize("NFC", _strip_invisible(text))
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split())
    # Leading dots hide files (and make "..") and trailing dots/spaces vanish on Windows.
    text = text.strip(" .")
    text = _truncate_bytes(text, max_bytes).strip(" .")
    if not text:
        text = fallback
    if _WINDOWS_RESERVED.match(text.split(".", 1)[0]):
        text = "_" + text
    return text


def template_values(work: Work) -> dict[str, str]:
    """The values a name template may use for ``work``."""

    def first(type_: str) -> str:
        tags = work.tags_of(type_)
        return tags[0].name if tags else ""

    return {
        "title": work.title or "Untitled",
        "author": ", ".join(work.authors) or "Anonymous",
        "id": work.id or "",
        "fandom": first("fandom") or "Unknown Fandom",
        "rating": first("rating") or "Not Rated",
        "series": work.series[0].name if work.series else "",
        "language": work.language or "",
    }


def check_template(template: str) -> None:
    """Raise :class:`ConfigError` if ``template`` names an unknown field or is malformed."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ConfigError(f"bad file name template {template!r}: {exc}") from None
    for name in fields:
        if name not in TEMPLATE_FIELDS:
            known = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            raise ConfigError(f"unknown field {{{name}}} in file name template; use {known}")


def render_name(template: str, values: Mapping[str, str], ext: str) -> str:
    """A relative path (``/``-separated) for one file, ending in ``.ext``."""
    check_template(template)
    for known in _KNOWN_EXTS:
        if template.lower().endswith("." + known):
            template = template[: -len(known) - 1]
            break
    # Values are cleaned before substitution, so a "/" in a title is never a folder.
    clean = {k: _UNSAFE.sub("_", _strip_invisible(v)) for k, v in values.items()}
    rendered = template.format_map(clean)
    parts = [p for p in re.split(r"[/\\]", rendered)]
    suffix = "." + ext
    dirs = [safe_component(p, fallback="_") for p in parts[:-1] if p.strip(" .")]
    stem = safe_component(parts[-1], max_bytes=MAX_COMPONENT_BYTES - len(suffix.encode()))
    return "/".join([*dirs, stem + suffix])


class NameAllocator:
    """Hands out names that do not collide, ignoring case (macOS and Windows do)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def reserve(self, name: str) -> str:
        """``name`` itself, or ``name (2)``, ``name (3)``... before the extension."""
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        candidate, n = name, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
        self._taken.add(candidate.casefold())
        return candidate
