"""A story saved as the mail or Usenet post it came in: headers on top, maybe encoded.

Mailing lists and newsgroups (alt.startrek.creative, the X-Files lists) carried most
fan fiction of the 1990s, and archives kept many stories as the posts themselves:
``From:``, ``Newsgroups:``, ``Subject: NEW: Title (1/5) [PG]`` and the rest over the
story, the body sometimes quoted-printable (``caf=E9``, ``=`` at a soft line end) or a
MIME part. The headers are the post's, not the story's: they are taken off, the body is
decoded as the post says, and the subject and sender stand as a fallback title and
author when the story's own header names none.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

__all__ = ["unmail"]

# Header names a post's header block is made of (RFC 5322, 5536 and common X- lines).
_MAIL_FIELDS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "newsgroups",
        "message-id",
        "path",
        "organization",
        "lines",
        "references",
        "in-reply-to",
        "reply-to",
        "sender",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "nntp-posting-host",
        "nntp-posting-date",
        "xref",
        "received",
        "return-path",
        "followup-to",
        "keywords",
        "summary",
        "approved",
        "distribution",
        "user-agent",
        "x-newsreader",
        "x-mailer",
        "list-id",
        "delivered-to",
        "status",
        "precedence",
        "errors-to",
        "mailing-list",
    }
)
# What marks the block as a post's, not a story's own "Summary:"/"Keywords:" header:
# every line a mail header, and two or more of these among them.
_POST_FIELDS = frozenset(
    {
        "from",
        "subject",
        "newsgroups",
        "message-id",
        "path",
        "received",
        "return-path",
        "xref",
        "date",
        "mime-version",
        "content-transfer-encoding",
        "nntp-posting-host",
    }
)
_FIELD = re.compile(rb"([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]")
_HEAD_LOOK = 16_384
_BLANK_LINE = re.compile(rb"\n[ \t]*\n")
# A subject's decoration around the title: "NEW:", "FIC:", "Re:", a part count, a rating.
_SUBJECT_LEAD = re.compile(
    r"^\s*(?:(?:re|fwd?|new|fic|repost|story|part)\s*:\s*|\[[^\]]{1,24}\]\s*)+", re.I
)
# A signature: "-- " alone, then a few lines (a name, an address, a list's footer box).
_CONTACT = re.compile(r"@|https?://|www\.", re.I)
_SIGNATURE = re.compile(r"\n--[ \t]?\n(?:.*\n?){1,20}\Z")
_SUBJECT_TAIL = re.compile(
    r"\s*(?:[(\[]\s*(?:part\s*)?\d+\s*(?:/|of)\s*\d+\s*[)\]]|[(\[][^)\]]{1,12}[)\]])\s*", re.I
)


def _header_block(data: bytes) -> bytes | None:
    """The post's header block (up to the first blank line), when ``data`` opens with one:
    every line a ``Name: value`` of a mail header (or its continuation), two or more
    of them the post's own (From, Newsgroups, Message-ID...)."""
    head = data[:_HEAD_LOOK].replace(b"\r\n", b"\n")
    if head.startswith(b"From "):
        head = head.split(b"\n", 1)[1] if b"\n" in head else b""  # an mbox separator
    blank = _BLANK_LINE.search(head)  # a line of spaces ends the block too
    if blank is None or blank.start() <= 0:
        return None
    end = blank.start()
    names: list[str] = []
    for line in head[:end].split(b"\n"):
        if line[:1] in (b" ", b"\t") and names:
            continue  # a folded header's continuation
        m = _FIELD.match(line)
        if m is None:
            return None
        names.append(m.group(1).decode("ascii").casefold())
    known = [n for n in names if n in _MAIL_FIELDS or n.startswith("x-")]
    if len(known) < len(names) or len({n for n in names if n in _POST_FIELDS}) < 2:
        return None
    return head[:end]


def _title_of(subject: str) -> str:
    s = _SUBJECT_LEAD.sub("", subject)
    while (m := _SUBJECT_TAIL.search(s)) is not None and m.end() == len(s):
        s = s[: m.start()]
    return " ".join(s.split())


def unmail(data: bytes) -> tuple[str | None, bytes, dict[str, Any]] | None:
    """``(text or None, body bytes, fallback metadata)`` for a post, else None.

    The text is the decoded body when the post names its charset or transfer encoding;
    otherwise None and the body's bytes are left to the usual encoding guess.

    >>> post = b"From: a@example.org\\nNewsgroups: alt.x\\nSubject: NEW: Rain (1/2)\\n\\nIt rained."
    >>> text, body, meta = unmail(post)
    >>> body, meta["fallback_title"]
    (b'It rained.', 'Rain')
    """
    block = _header_block(data)
    if block is None:
        return None
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    meta: dict[str, Any] = {}
    if subject := _title_of(str(msg.get("subject", "") or "")):
        meta["fallback_title"] = subject
    # "ann@example.org (Ann Writer)", the old form, names the poster in a comment; a bare
    # "halll@saturn.rowan.edu" by its user name, what the list knew the poster by.
    # (Read from the raw line: the parsed header object drops the comment.)
    raw_from = re.search(rb"^from:[ \t]*(.*)$", block, re.I | re.M)
    shown, address = parseaddr(raw_from.group(1).decode("latin-1") if raw_from else "")
    name = shown or address.split("@", 1)[0]
    if name.strip():
        meta["fallback_authors"] = [name.strip()]
    start = data.replace(b"\r\n", b"\n").find(block) + len(block)
    body = data.replace(b"\r\n", b"\n")[start:].lstrip(b"\n")
    part = msg.get_body(preferencelist=("plain",)) if msg.is_multipart() else msg
    declared = part is not None and (
        part.get("content-transfer-encoding") is not None
        or part.get_param("charset") is not None
        or msg.is_multipart()
    )
    if part is None or not declared:
        return None, _unsigned(body), meta
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, KeyError, AttributeError):
        return None, _unsigned(body), meta
    return (_unsigned(text) if isinstance(text, str) else None), _unsigned(body), meta


def _unsigned(body: str | bytes) -> Any:
    """``body`` without the poster's signature (the lines after a closing "-- ")."""
    text = body.decode("latin-1") if isinstance(body, bytes) else body
    m = _SIGNATURE.search(text)
    # A story may close on a "--" rule of its own: a signature gives a way to reach
    # its poster (an address, a site).
    if m is None or not _CONTACT.search(m.group()):
        return body
    out = text[: m.start()] + "\n"
    return out.encode("latin-1") if isinstance(body, bytes) else out
