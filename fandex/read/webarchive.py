"""Web pages saved by Safari (``.webarchive``, Safari's "Web Archive" format).

A web archive is a binary property list: the page's own bytes under ``WebMainResource``
(``WebResourceData``, with its text encoding and address), its images and style sheets
under ``WebSubresources``, its frames under ``WebSubframeArchives``. The standard
library's ``plistlib`` reads it; the page then goes to the reader the same page saved
as HTML gets (:func:`fandex.read.mhtml.read_saved_page`), its address kept as the
browser's ``saved from url`` comment.
"""

from __future__ import annotations

import plistlib
from typing import Any

from fandex.errors import ReadError
from fandex.read.document import RawDocument
from fandex.read.mhtml import in_declared_charset, read_saved_page, with_address

_MAGIC = b"bplist00"


def looks_webarchive(head: bytes) -> bool:
    """Whether ``head`` starts a Safari web archive (a binary property list naming a
    main resource).

    >>> looks_webarchive(b"bplist00\\xd1\\x01\\x02_\\x10\\x0fWebMainResource")
    True
    >>> looks_webarchive(b"bplist00\\xd1\\x01\\x02ZSomething")
    False
    """
    return head.startswith(_MAGIC) and b"WebMainResource" in head


def page_html(data: bytes) -> bytes:
    """The saved page's HTML (UTF-8 with a byte-order mark where the page names no
    charset of its own), its address in a comment first; ReadError when there is none."""
    try:
        archive = plistlib.loads(data, fmt=plistlib.FMT_BINARY)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError) as exc:
        raise ReadError(f"a damaged Safari web archive ({type(exc).__name__})") from None
    main: Any = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise ReadError("a Safari web archive with no page in it")
    body = main.get("WebResourceData")
    kind = str(main.get("WebResourceMIMEType") or "text/html").lower()
    if not isinstance(body, bytes) or not body.strip():
        raise ReadError("a Safari web archive whose page is empty")
    if "html" not in kind and "xml" not in kind:
        raise ReadError(f"a Safari web archive of {kind}, not a web page")
    # As in an MHTML file: the archive's word on the encoding is what Safari went by.
    body = in_declared_charset(body, str(main.get("WebResourceTextEncodingName") or ""))
    address = str(main.get("WebResourceURL") or "")
    return with_address(body, address if address.startswith(("http://", "https://")) else None)


class WebArchiveReader:
    """Reader component: a page Safari saved as a web archive, read as the page would be."""

    name = "webarchive"
    extensions = (".webarchive",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.99 for a binary property list with a main web resource in its first bytes,
        or one named ``.webarchive`` (a writer may put the page before the key names);
        0 otherwise."""
        if not head.startswith(_MAGIC):
            return 0.0
        named = filename.lower().endswith(self.extensions)
        return 0.99 if named or looks_webarchive(head) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the saved page with the reader its HTML calls for. (The page cannot be
        another web archive: its bytes no longer start with the property list's magic
        once its address or byte-order mark is put first, and without them a page that
        does is refused.)"""
        html = page_html(data)
        if html.startswith(_MAGIC):
            raise ReadError("a Safari web archive nested inside another")
        return read_saved_page(html, filename)


__all__ = ["WebArchiveReader", "looks_webarchive", "page_html"]
