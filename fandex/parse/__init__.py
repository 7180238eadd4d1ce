"""The parse stage: a :class:`RawDocument` becomes a :class:`Work` with stated tags."""

from fandex.parse.build import build_work

__all__ = ["build_work"]
