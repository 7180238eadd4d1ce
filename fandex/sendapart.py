"""Sending an object over a :class:`~multiprocessing.connection.Connection` with its
long strings apart, a piece at a time.

``conn.send(obj)`` pickles the whole object into one bytes first: for an import
worker's answer (the work read from a 45 MB one-line text: its chapter and the words of
its index entry, 45 MB each) that is some 90 MB more, held beside the work while it is
sent (the worker's peak), and the parent holds the same 90 MB beside the work it
unpickles. Here each string longer than :data:`APART` is left out of the pickle (a
persistent id, :mod:`pickle`'s own hook, stands in its place) and sent after it as its
UTF-8 in pieces of :data:`PIECE` characters, which the receiver decodes as they come and
joins once: beside the strings themselves, a sender holds one piece and a receiver the
pieces of one string.

:func:`receive` reads what :func:`send` sends and what ``conn.send`` sends alike.
"""

from __future__ import annotations

import io
import pickle
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any, cast

# Strings longer than this (characters) go apart: a long chapter, not a paragraph.
APART = 1 << 20
# Characters of a string sent at once.
PIECE = 1 << 20


class _Pickler(ForkingPickler):
    """Pickles an object leaving out its long strings, listed in ``apart``."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.apart: list[str] = []
        self._seen: dict[int, int] = {}  # id of a string apart -> its place in ``apart``

    def persistent_id(self, obj: Any) -> tuple[int, int] | None:
        if type(obj) is not str or len(obj) <= APART:
            return None
        # (its place, how many pieces follow): a string met again is not sent again,
        # and is one string again at the other end.
        place = self._seen.get(id(obj))
        if place is None:
            place = self._seen[id(obj)] = len(self.apart)
            self.apart.append(obj)
        return place, -(-len(obj) // PIECE)


class _Unpickler(pickle.Unpickler):
    """Unpickles what :class:`_Pickler` made, reading the strings apart off ``conn``."""

    def __init__(self, file: io.BytesIO, conn: Connection) -> None:
        super().__init__(file)
        self.conn = conn
        self.apart: list[str] = []

    def persistent_load(self, pid: Any) -> str:
        place, count = cast(tuple[int, int], pid)
        if place < len(self.apart):
            return self.apart[place]
        # Decoded piece by piece (one is cut between characters, never inside one).
        parts = [self.conn.recv_bytes().decode("utf-8", "surrogatepass") for _ in range(count)]
        text = "".join(parts)
        self.apart.append(text)
        return text


def send(conn: Connection, obj: Any) -> None:
    """Send ``obj`` over ``conn``, its strings longer than :data:`APART` apart."""
    buf = io.BytesIO()
    pickler = _Pickler(buf)
    pickler.dump(obj)
    apart = pickler.apart
    del pickler
    conn.send_bytes(buf.getbuffer())
    del buf
    for text in apart:
        for at in range(0, len(text), PIECE):
            conn.send_bytes(text[at : at + PIECE].encode("utf-8", "surrogatepass"))


def receive(conn: Connection) -> Any:
    """What :func:`send` (or ``conn.send``) sent over ``conn``."""
    return _Unpickler(io.BytesIO(conn.recv_bytes()), conn).load()
