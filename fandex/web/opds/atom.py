"""Atom / OPDS 1.2 building blocks, made with lxml (never by string concatenation).

>>> feed = new_feed("urn:x", "Test", "2024-01-02T03:04:05+00:00", "/opds", NAVIGATION)
>>> _ = add_link(feed, "start", "/opds", NAVIGATION)
>>> serialize(feed)[:38]
b"<?xml version='1.0' encoding='utf-8'?>"
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
OPDS = "http://opds-spec.org/2010/catalog"
DC = "http://purl.org/dc/terms/"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
THREAD = "http://purl.org/syndication/thread/1.0"
NSMAP = {None: ATOM, "opds": OPDS, "dc": DC, "opensearch": OPENSEARCH, "thr": THREAD}

NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPENSEARCH_TYPE = "application/opensearchdescription+xml"
ACQUIRE = "http://opds-spec.org/acquisition"
FACET = "http://opds-spec.org/facet"
SORT_NEW = "http://opds-spec.org/sort/new"
SUBSECTION = "subsection"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def timestamp(value: str | None = None) -> str:
    """An RFC 3339 date-time for atom:updated (now when ``value`` is empty; a bare
    date becomes its midnight UTC).

    >>> timestamp("2004-05-06")
    '2004-05-06T00:00:00Z'
    >>> timestamp("2026-01-02T03:04:05+00:00")
    '2026-01-02T03:04:05Z'
    """
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(parent: Any, ns: str, name: str, value: str, **attrs: str) -> Any:
    """A child element holding ``value`` as text."""
    el = etree.SubElement(parent, _q(ns, name), attrs)
    el.text = xml_safe(value)
    return el


# Characters XML 1.0 cannot carry (a fic's text may hold them, from a broken encoding).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry.

    >>> xml_safe("a" + chr(0) + "b" + chr(27) + "c")
    'abc'
    """
    return _NOT_XML.sub("", value)


def new_feed(feed_id: str, title: str, updated: str, self_href: str, kind: str) -> Any:
    """An OPDS feed with its id, title, updated, author and ``self`` link."""
    feed = etree.Element(_q(ATOM, "feed"), nsmap=NSMAP)
    text(feed, ATOM, "id", feed_id)
    text(feed, ATOM, "title", title)
    text(feed, ATOM, "updated", updated)
    add_author(feed, "fandex")
    add_link(feed, "self", self_href, kind)
    return feed


def add_link(parent: Any, rel: str, href: str, type_: str, **extra: str) -> Any:
    """An atom:link; ``extra`` keys may be ``title`` or ``ns:name`` (opds:, thr:)."""
    attrs: dict[str, str] = {"rel": rel, "href": href, "type": type_}
    for key, value in extra.items():
        if ":" in key:
            prefix, name = key.split(":", 1)
            attrs[_q(NSMAP[prefix] or ATOM, name)] = value
        else:
            attrs[key] = xml_safe(value)
    return etree.SubElement(parent, _q(ATOM, "link"), attrs)


def add_entry(parent: Any, entry_id: str, title: str, updated: str) -> Any:
    """An atom:entry with its required id, title and updated."""
    entry = etree.SubElement(parent, _q(ATOM, "entry"))
    text(entry, ATOM, "title", title)
    text(entry, ATOM, "id", entry_id)
    text(entry, ATOM, "updated", updated)
    return entry


def add_author(parent: Any, name: str) -> Any:
    """An atom:author with its name."""
    author = etree.SubElement(parent, _q(ATOM, "author"))
    text(author, ATOM, "name", name)
    return author


def add_category(parent: Any, scheme: str, term: str, label: str) -> Any:
    """An atom:category."""
    attrs = {"scheme": scheme, "term": xml_safe(term), "label": xml_safe(label)}
    return etree.SubElement(parent, _q(ATOM, "category"), attrs)


def serialize(root: Any) -> bytes:
    """The document as UTF-8 XML with a declaration."""
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return data


__all__ = [
    "ACQUIRE",
    "ACQUISITION",
    "ATOM",
    "DC",
    "FACET",
    "NAVIGATION",
    "OPDS",
    "OPENSEARCH",
    "OPENSEARCH_TYPE",
    "SORT_NEW",
    "SUBSECTION",
    "THREAD",
    "add_author",
    "add_category",
    "add_entry",
    "add_link",
    "new_feed",
    "serialize",
    "text",
    "timestamp",
    "xml_safe",
]
