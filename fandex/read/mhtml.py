"""Web pages saved as one file: MHTML (Chrome's and Edge's "Webpage, Single File",
``.mhtml``) and Internet Explorer's web archives (``.mht``).

Such a file is a MIME message: the page's HTML is one part (quoted-printable or base64,
in its own charset) beside its images and style sheets. The standard library's ``email``
parser takes it apart; the page's HTML then goes to whichever reader would read the same
page saved as HTML (AO3's, FanFiction.net's, a journal's...), with the address the file
was saved from as the browser's ``saved from url`` comment, which the site readers read
as they do on a page saved by Internet Explorer. The other parts (images, style sheets,
frames) are never decoded.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import Message

from fandex.errors import ReadError
from fandex.read import read_bytes
from fandex.read.document import RawDocument

# The message's own headers come first: "MIME-Version" and a multipart/related type
# (Blink writes "From: <Saved by Blink>" before them, Internet Explorer its own "From").
_MIME_HEAD = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){0,20}", re.I)
_RELATED = re.compile(rb"content-type:\s*multipart/related", re.I)
_VERSION = re.compile(rb"(?:^|\n)mime-version:", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}charset", re.I)
_LOCATIONS = ("Snapshot-Content-Location", "Content-Location")
# A page of parts beyond these is not a saved page but a hostile file.
MAX_PARTS = 5000


def looks_mhtml(head: bytes) -> bool:
    """Whether ``head`` starts with a MIME message's headers of a saved web page.

    >>> looks_mhtml(b"MIME-Version: 1.0\\nContent-Type: multipart/related;\\n\\tboundary=x\\n\\n")
    True
    >>> looks_mhtml(b"<html><body>Content-Type: multipart/related</body></html>")
    False
    """
    headers = _MIME_HEAD.match(head.lstrip(b"\xef\xbb\xbf"))
    block = headers.group(0) if headers else b""
    return bool(_RELATED.search(block) and _VERSION.search(b"\n" + block))


def _page_part(message: Message) -> Message | None:
    """The part holding the page: the one at the address the page was saved from, else
    the first HTML part (the frames and iframes of a page come after it)."""
    address = message.get("Snapshot-Content-Location")
    html: list[Message] = []
    for n, part in enumerate(message.walk()):
        if n > MAX_PARTS:
            raise ReadError("a saved web page of more parts than any page has")
        if part.get_content_type() == "text/html" and not part.is_multipart():
            html.append(part)
    if address:
        for part in html:
            if part.get("Content-Location") == address:
                return part
    return html[0] if html else None


def _address(message: Message, part: Message) -> str | None:
    for where in (message, part):
        for key in _LOCATIONS:
            value = str(where.get(key) or "").strip()
            if value.lower().startswith(("http://", "https://")):
                return value
    return None


def page_html(data: bytes) -> bytes:
    """The saved page's HTML as bytes, with the address it was saved from (if any) in a
    ``saved from url`` comment first; ReadError when the file holds no page."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _page_part(message)
    if part is None:
        raise ReadError("a saved web page (MHTML) with no HTML page in it")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("a saved web page (MHTML) whose page is empty")
    payload = in_declared_charset(payload, part.get_content_charset())
    return with_address(payload, _address(message, part))


def in_declared_charset(html: bytes, charset: str | None) -> bytes:
    """``html`` as the saved file's own header declares its charset (what the browser
    went by): a page with no charset of its own would be left to a guess, so it goes on
    as UTF-8 with a byte-order mark (which the HTML readers' decoding honours first). A
    page that names its charset keeps its bytes: the browser wrote both from it."""
    if not charset or _META_CHARSET.search(html[:4096]):
        return html
    try:
        return codecs.BOM_UTF8 + html.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return html


def with_address(html: bytes, address: str | None) -> bytes:
    """``html`` with the address its page was saved from (if any) in the browser's
    ``saved from url`` comment first, which the site readers read."""
    if not address:
        return html
    comment = f"<!-- saved from url=({len(address):04d}){address} -->\n".encode()
    bom = codecs.BOM_UTF8 if html.startswith(codecs.BOM_UTF8) else b""
    return bom + comment + html[len(bom) :]  # the byte-order mark stays first


def read_saved_page(html: bytes, filename: str) -> RawDocument:
    """Read a saved page's HTML with the reader the same page saved as HTML gets."""
    if looks_mhtml(html[:65536]):
        raise ReadError("a saved web page (MHTML) nested inside another")
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return read_bytes(html, stem + ".html")


class MhtmlReader:
    """Reader component: a web page saved as one MIME file, read as the page would be."""

    name = "mhtml"
    extensions = (".mhtml", ".mht")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.99 for a MIME message of a saved web page (above every HTML reader, which
        may see the page's tags in it, and the text reader); 0 otherwise."""
        return 0.99 if looks_mhtml(head) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the saved page with the reader its HTML calls for."""
        return read_saved_page(page_html(data), filename)


__all__ = [
    "MAX_PARTS",
    "MhtmlReader",
    "in_declared_charset",
    "looks_mhtml",
    "page_html",
    "read_saved_page",
    "with_address",
]
