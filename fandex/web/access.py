"""Who is asking: the reader behind an e-reader's request.

E-readers cannot carry the web UI's cookie token, so the OPDS catalog uses HTTP Basic
authentication and progress sync uses KOReader's ``x-auth-user`` / ``x-auth-key``
headers, both against the users the owner added (:mod:`fandex.library.users`).

- With users defined, every OPDS and sync request needs one of them.
- With none, a request from this machine (loopback) reads the catalog as the
  library's own reader, as the CLI would; one from elsewhere is told to add a user.

The checks run in a worker thread: an argon2 verification takes most of a second.
"""

from __future__ import annotations

import base64
import binascii

from starlette.requests import Request

from fandex.library import Library, users
from fandex.web.security import is_loopback

REALM = "fandex"
NO_USERS = (
    "this library has no users yet; e-readers on other machines sign in as one "
    "(on the server: fandex users add NAME)"
)


class Refused(Exception):
    """The request may not read the catalog; ``str()`` says why."""


def from_loopback(request: Request) -> bool:
    """Whether the request comes from this machine."""
    return bool(request.client) and is_loopback(request.client.host if request.client else "")


def basic_credentials(request: Request) -> tuple[str, str] | None:
    """``(name, password)`` from an ``Authorization: Basic`` header, if well formed."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    name, sep, password = decoded.partition(":")
    return (name, password) if sep else None


def catalog_reader(library: Library, request: Request) -> str | None:
    """The reader an OPDS request reads as: a user's name, or None for the library's
    own reader (no users, and the request is from this machine). Raises
    :class:`Refused` otherwise."""
    creds = basic_credentials(request)
    if not users.count(library):
        if from_loopback(request):
            return None
        raise Refused(NO_USERS)
    if creds is None:
        raise Refused("sign in with a user name and password")
    name, password = creds
    if not users.check_password(library, name, password):
        raise Refused("wrong user name or password")
    return name


def sync_user(library: Library, request: Request) -> str | None:
    """The user a progress-sync request is from (KOReader's headers), or None."""
    name = request.headers.get("x-auth-user", "")
    key = request.headers.get("x-auth-key", "")
    if not name or not key:
        return None
    return name if users.check_sync_key(library, name, key) else None


def challenge_headers() -> dict[str, str]:
    """What a 401 from the catalog carries, so a reader asks for the password."""
    return {"www-authenticate": f'Basic realm="{REALM}", charset="UTF-8"'}


__all__ = [
    "NO_USERS",
    "REALM",
    "Refused",
    "basic_credentials",
    "catalog_reader",
    "challenge_headers",
    "from_loopback",
    "sync_user",
]
