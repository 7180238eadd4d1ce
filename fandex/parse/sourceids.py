"""Stated identities of a story: the ids the archives gave it, read from URLs.

Two files with the same AO3 work id are one story whatever their text says; two with
different AO3 ids are two stories even when one reposts the other. Kinds:

- ``ao3``: ``archiveofourown.org/works/123`` (chapter URLs too);
- ``ffnet``: ``fanfiction.net/s/123`` (and ``fictionpress`` for fictionpress.com);
- ``efiction``: any ``viewstory.php?sid=N`` as ``host/path:N`` (an eFiction archive);
- ``archive``: an archive dump's record, ``archive name:story id``;
- ``url``: the story URL itself, normalised (scheme, ``www.``, trailing ``/`` dropped).

>>> ids_from_url("https://archiveofourown.org/works/4242/chapters/99?view_adult=true")
{'ao3': '4242', 'url': 'archiveofourown.org/works/4242'}
>>> ids_from_url("http://www.tthfanfic.org/efic/viewstory.php?sid=77&chapter=2")["efiction"]
'tthfanfic.org/efic:77'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, urlsplit

_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_AO3 = re.compile(r"(?:archiveofourown\.org|ao3\.org)/(?:collections/[^/]+/)?works/(\d+)", re.I)
_FFNET = re.compile(r"(fanfiction\.net|fictionpress\.com)/s/(\d+)", re.IGNORECASE)
# Header labels whose value names where the story lives (not a link in its notes).
# FicHub's introduction page says "Original source: <url>".
URL_LABELS = frozenset(
    {
        "url",
        "story url",
        "source",
        "source url",
        "original source",
        "original url",
        "link",
        "archive",
        "original",
        "posted at",
        "location",
    }
)
# AO3's own download preface: the one place a story's notes state its address.
_POSTED = re.compile(r"Posted originally on the Archive of Our Own at\s+(\S+?)\.?(?:\s|$)", re.I)


def ids_from_url(url: str) -> dict[str, str]:
    """The ids one story URL states (empty when it is not a URL)."""
    url = url.strip().rstrip(".,;")
    m = _URL.search(url) or _URL.search("http://" + url) if "." in url else None
    if m is None:
        return {}
    url = m.group(0)
    out: dict[str, str] = {}
    if a := _AO3.search(url):
        out["ao3"] = a.group(1)
        out["url"] = f"archiveofourown.org/works/{a.group(1)}"
        return out
    if f := _FFNET.search(url):
        kind = "ffnet" if f.group(1).lower().startswith("fanfiction") else "fictionpress"
        out[kind] = f.group(2)
        out["url"] = f"{f.group(1).lower()}/s/{f.group(2)}"
        return out
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        return {}
    if parts.path.lower().endswith("viewstory.php"):
        sid = (parse_qs(parts.query).get("sid") or [""])[0]
        if sid.isdigit():
            folder = parts.path.rsplit("/", 1)[0].strip("/")
            out["efiction"] = f"{host}/{folder}:{sid}" if folder else f"{host}:{sid}"
            out["url"] = f"{host}/{parts.path.strip('/')}?sid={sid}"
            return out
    path = parts.path.rstrip("/")
    out["url"] = host + path + (f"?{parts.query}" if parts.query else "")
    return out


def merge_ids(*found: dict[str, str]) -> dict[str, str]:
    """The first value of each kind wins (the most specific source is given first)."""
    out: dict[str, str] = {}
    for ids in found:
        for kind, value in ids.items():
            out.setdefault(kind, value)
    return out


def source_ids_for(
    meta: dict[str, Any], header: dict[str, str], notes: Iterable[str | None] = ()
) -> dict[str, str]:
    """A work's stated ids from its reader's metadata (``url``, ``source_ids``), its
    header fields labelled as a URL, and AO3's "Posted originally at" line.

    >>> source_ids_for({"url": "https://www.fanfiction.net/s/55/1/Dawn"}, {})
    {'ffnet': '55', 'url': 'fanfiction.net/s/55'}
    """
    found: list[dict[str, str]] = []
    stated = meta.get("source_ids")
    if isinstance(stated, dict):
        found.append({str(k): str(v) for k, v in stated.items() if v})
    if isinstance(meta.get("url"), str):
        found.append(ids_from_url(meta["url"]))
    for label, value in header.items():
        if label.casefold().strip() in URL_LABELS and "http" in value.lower():
            found.append(ids_from_url(value))
    if header.get("Archive") and header.get("Story ID"):
        # An archive dump's record (fandex.read.archives): the archive and its story id.
        found.append({"archive": f"{header['Archive']}:{header['Story ID']}"})
    for text in notes:
        if text and (m := _POSTED.search(text[:4000])):
            found.append(ids_from_url(m.group(1)))
    return merge_ids(*found)
