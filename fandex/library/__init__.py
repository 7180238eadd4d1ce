"""The library: where works live (SQLite by default, PostgreSQL for big libraries)."""

from fandex.library.store import Library, SaveResult, default_location

__all__ = ["Library", "SaveResult", "default_location"]
