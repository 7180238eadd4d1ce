"""The library: where works live (SQLite by default, PostgreSQL for big libraries)."""

# Full-text index upkeep hooks into every library's writes (fandex/library/fts.py).
from fandex.library import fts as _fts  # noqa: F401

# Loaded works carry their reader's state (fandex/library/reading.py).
from fandex.library import reading as _reading  # noqa: F401

# Signatures and version groups hook into the same writes, and into reads
# (fandex/library/versions.py).
from fandex.library import versions as _versions  # noqa: F401
from fandex.library.store import Library, SaveResult, default_location

__all__ = ["Library", "SaveResult", "default_location"]
