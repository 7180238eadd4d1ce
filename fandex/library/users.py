"""The people who may read the library from other devices (e-readers, phones).

The owner adds them (``fandex users add NAME``). Two secrets are kept per user, each
as an argon2 hash (argon2-cffi): the password, which the OPDS catalog checks (HTTP
Basic), and KOReader's sync key, which is ``md5(password)`` as hex: KOReader never
sends the password itself to a progress-sync server, only that key.

Checking an argon2 hash takes most of a second by design, and an e-reader sends its
credentials with every request, so a successful or failed check is remembered for a
few minutes (keyed by a keyed hash of the secret, never the secret itself, and by the
stored hash, so a changed password or a removed user is never answered from memory).

>>> check_name("ana")
'ana'
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select

from fandex.errors import LibraryError, NotFound
from fandex.library import reading, schema
from fandex.library.migrations import now
from fandex.library.store import Library

# Names go into HTTP headers (kosync's x-auth-user) and Basic credentials ("name:pw"),
# so no colon, no space, nothing a header cannot carry.
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 6
HASHER = PasswordHasher()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    created_at: str


def sync_key(password: str) -> str:
    """The key KOReader sends for ``password``: its MD5, as lowercase hex.

    >>> sync_key("secret")
    '5ebe2294ecd0e0f08eab7690d2a6ee69'
    """
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """``name`` if it can be a user name; :class:`LibraryError` says why not."""
    if not NAME_RE.fullmatch(name):
        raise LibraryError(
            f"{name!r} cannot be a user name: use 1 to 64 letters, digits, '.', '_', '-' or '@',"
            " starting with a letter or digit"
        )
    return name


def add(lib: Library, name: str, password: str) -> User:
    """Add a user; the first one added also becomes the library's own reader and takes
    over the reading state recorded so far."""
    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise LibraryError(f"a password needs at least {MIN_PASSWORD} characters")
    u = schema.users
    row = {
        "name": name,
        "password_hash": HASHER.hash(password),
        "sync_key_hash": HASHER.hash(sync_key(password)),
        "created_at": now(),
    }
    with lib.engine.begin() as conn:
        if conn.execute(select(u.c.id).where(u.c.name == name)).first() is not None:
            raise LibraryError(f"there is already a user {name!r}")
        first = not conn.execute(select(func.count()).select_from(u)).scalar()
        result = conn.execute(u.insert().values(**row))
        if first:
            reading.adopt(conn, name)
        new_id = result.inserted_primary_key[0] if result.inserted_primary_key else 0
    return User(int(new_id or 0), name, row["created_at"])


def entries(lib: Library) -> list[User]:
    """Every user, oldest first (the first is the library's own reader)."""
    u = schema.users
    with lib.engine.connect() as conn:
        rows = conn.execute(select(u.c.id, u.c.name, u.c.created_at).order_by(u.c.id)).all()
    return [User(r.id, r.name, r.created_at) for r in rows]


def count(lib: Library) -> int:
    with lib.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.users)).scalar() or 0)


def remove(lib: Library, name: str) -> User:
    """Remove a user, their synced progress and their reading state (the library's own
    reader's state stays with the library when they were the last user)."""
    u = schema.users
    with lib.engine.begin() as conn:
        rows = conn.execute(select(u).order_by(u.c.id)).all()
        row = next((r for r in rows if r.name == name), None)
        if row is None:
            raise NotFound(f"no user {name!r} (see: fandex users list)")
        conn.execute(delete(u).where(u.c.id == row.id))
        sp = schema.sync_progress
        conn.execute(delete(sp).where(sp.c.user_name == name))
        reading.forget(conn, name, heir="" if len(rows) == 1 else None)
    _CHECKS.clear()
    return User(row.id, row.name, row.created_at)


def check_password(lib: Library, name: str, password: str) -> bool:
    """Whether ``password`` is ``name``'s (HTTP Basic on the OPDS catalog)."""
    return _check(lib, name, password, "password_hash")


def check_sync_key(lib: Library, name: str, key: str) -> bool:
    """Whether ``key`` is ``name``'s KOReader sync key (``md5(password)``)."""
    return _check(lib, name, key.strip().lower(), "sync_key_hash")


def _check(lib: Library, name: str, secret: str, column: str) -> bool:
    if not secret or not NAME_RE.fullmatch(name):
        return False
    u = schema.users
    with lib.engine.connect() as conn:
        stored = conn.execute(select(u.c[column]).where(u.c.name == name)).scalar()
    if stored is None:
        return False
    key = (lib.location, name, column, stored, _fingerprint(secret))
    known = _CHECKS.get(key)
    if known is not None:
        return known
    ok: bool
    try:
        ok = HASHER.verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    _CHECKS.put(key, ok)
    return ok


_SECRET = secrets.token_bytes(32)


def _fingerprint(secret: str) -> str:
    """A keyed hash of a secret: enough to recognise it again, useless to anyone else."""
    return hmac.new(_SECRET, secret.encode("utf-8"), hashlib.sha256).hexdigest()


class _Checks:
    """Recent check results, forgotten after :attr:`ttl` seconds."""

    ttl = 600.0
    limit = 512

    def __init__(self) -> None:
        self._data: dict[tuple[str, ...], tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> bool | None:
        with self._lock:
            hit = self._data.get(key)
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, key: tuple[str, ...], ok: bool) -> None:
        with self._lock:
            if len(self._data) >= self.limit:
                self._data.clear()
            self._data[key] = (time.monotonic(), ok)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_CHECKS = _Checks()

__all__ = [
    "HASHER",
    "User",
    "add",
    "check_name",
    "check_password",
    "check_sync_key",
    "count",
    "entries",
    "remove",
    "sync_key",
]
