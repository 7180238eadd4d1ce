"""A reader's state of one work: read or not, how far, marked for later, rated, noted.

The field names follow AO3's reading history (``last_viewed``, ``view_count``,
``toread``) so an AO3 history can be imported into them later. ``status`` is one of
``never``, ``progress`` (started, ``progress`` percent read) and ``finished``.

>>> s = ReadState(status="progress", progress=42.5, chapter=3)
>>> ReadState.from_dict(s.to_dict()) == s
True
>>> s.summary()
'In progress, 42%'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

STATUSES: tuple[str, ...] = ("never", "progress", "finished")


@dataclass
class ReadState:
    """One reader's state of one work (``reader`` is a user name, "" for the owner
    of a library with no users yet)."""

    status: str = "never"
    progress: float = 0.0  # percent read, 0..100
    chapter: int | None = None  # where the reader stopped: a chapter index...
    position: float | None = None  # ...and how far into it, 0..1
    started_at: str | None = None
    finished_at: str | None = None
    last_viewed: str | None = None
    view_count: int = 0
    toread: bool = False  # AO3's "Marked for Later"
    rating: int | None = None  # a personal rating, 1..5
    notes: str | None = None  # private notes
    reader: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown reading status {self.status!r}")

    @property
    def started(self) -> bool:
        return self.status != "never"

    @property
    def empty(self) -> bool:
        """True when nothing at all is recorded (a work never touched)."""
        return self == ReadState(reader=self.reader)

    def summary(self) -> str:
        """The state in a few words, for a badge or a terminal.

        >>> ReadState(status="finished", finished_at="2024-05-01T10:00:00+00:00").summary()
        'Finished 2024-05-01'
        """
        if self.status == "finished":
            return "Finished" + (f" {self.finished_at[:10]}" if self.finished_at else "")
        if self.status == "progress":
            return f"In progress, {int(self.progress)}%"
        return "Marked for Later" if self.toread else "Unread"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReadState:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


__all__ = ["STATUSES", "ReadState"]
