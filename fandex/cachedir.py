"""Where fandex keeps what it can make again: ``$XDG_CACHE_HOME/fandex`` (``~/.cache``
when unset). Deleting it loses nothing."""

from __future__ import annotations

import os
from pathlib import Path


def cache_home() -> Path:
    """``$XDG_CACHE_HOME/fandex`` (``~/.cache/fandex`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fandex"


__all__ = ["cache_home"]
