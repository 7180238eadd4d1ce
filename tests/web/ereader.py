"""Helpers for the e-reader tests: an OPDS/Atom checker, a small library with
fandoms, series and a blocked work, and cheap (but real) argon2 hashing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from argon2 import PasswordHasher
from lxml import etree

from fandex.library import Library, users
from fandex.model import Chapter, Tag, Work
from fandex.parse.series import parse_series

A = "{http://www.w3.org/2005/Atom}"
OPDS = "{http://opds-spec.org/2010/catalog}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"
THR = "{http://purl.org/syndication/thread/1.0}"
ACQ_KIND = "kind=acquisition"
NAV_KIND = "kind=navigation"
_RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with the smallest costs, so tests add users in milliseconds."""
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _one(el: Any, tag: str, where: str) -> Any:
    found = el.findall(tag)
    assert len(found) == 1, f"{where}: expected one {tag}, found {len(found)}"
    return found[0]


def check_feed(data: bytes) -> Any:
    """Parse an OPDS feed and check the Atom / OPDS rules that matter; returns the root.

    - one id (an IRI), title and updated (RFC 3339) on the feed and on every entry,
      entry ids unique;
    - an author on the feed (or on every entry);
    - every link has rel, href and type; a self and a start link;
    - feed metadata before the entries;
    - every entry has content or an alternate link; acquisition entries have an
      acquisition link, navigation entries a link to a catalog feed;
    - paging: first/last always, previous iff not the first page, next iff not the
      last; the OpenSearch counts agree with them;
    - facets carry opds:facetGroup, a title and a count.
    """
    root = etree.fromstring(data)
    assert root.tag == A + "feed", root.tag
    for name in ("id", "title", "updated"):
        _one(root, A + name, "feed")
    assert _IRI.match(root.findtext(A + "id") or ""), root.findtext(A + "id")
    assert _RFC3339.match(root.findtext(A + "updated") or "")
    entries = root.findall(A + "entry")
    if not root.findall(A + "author"):
        assert all(e.findall(A + "author") for e in entries), "author needed on feed or entries"
    seen_entry = False
    for child in root:
        if child.tag == A + "entry":
            seen_entry = True
        else:
            assert not seen_entry, f"{child.tag} after the entries"
    links = root.findall(A + "link")
    for link in [*links, *root.iter(A + "link")]:
        for attr in ("rel", "href", "type"):
            assert link.get(attr), f"link without {attr}: {etree.tostring(link)!r}"
    rels = {link.get("rel") for link in links}
    assert {"self", "start"} <= rels, rels
    kind = next(link.get("type") for link in links if link.get("rel") == "self")
    ids = []
    for e in entries:
        for name in ("id", "title", "updated"):
            _one(e, A + name, f"entry {e.findtext(A + 'title')!r}")
        assert _IRI.match(e.findtext(A + "id") or "")
        assert _RFC3339.match(e.findtext(A + "updated") or "")
        ids.append(e.findtext(A + "id"))
        elinks = e.findall(A + "link")
        assert e.find(A + "content") is not None or any(
            link.get("rel") == "alternate" for link in elinks
        ), "an entry needs content or an alternate link"
        if ACQ_KIND in kind and e.find(A + "summary") is not None:
            assert any(
                (link.get("rel") or "").startswith("http://opds-spec.org/acquisition")
                for link in elinks
            ), "a work entry needs an acquisition link"
        if NAV_KIND in kind:
            assert any("profile=opds-catalog" in (link.get("type") or "") for link in elinks)
    assert len(ids) == len(set(ids)), "entry ids repeat"
    total = root.findtext(OS + "totalResults")
    if total is not None:
        per = int(root.findtext(OS + "itemsPerPage") or 0)
        start = int(root.findtext(OS + "startIndex") or 0)
        page = (start - 1) // per + 1
        pages = max(1, -(-int(total) // per))
        assert {"first", "last"} <= rels
        assert ("previous" in rels) == (page > 1)
        assert ("next" in rels) == (page < pages)
        assert len(entries) == max(0, min(per, int(total) - (start - 1)))
    for link in links:
        if link.get("rel") == "http://opds-spec.org/facet":
            assert link.get(OPDS + "facetGroup") and link.get("title")
            assert (link.get(THR + "count") or "").isdigit()
    return root


def link_of(root: Any, rel: str) -> str | None:
    return next((x.get("href") for x in root.findall(A + "link") if x.get("rel") == rel), None)


def entry_links(entry: Any, rel_start: str) -> list[str]:
    return [
        x.get("href")
        for x in entry.findall(A + "link")
        if (x.get("rel") or "").startswith(rel_start)
    ]


def work_ids(root: Any) -> list[str]:
    """The work ids of a feed's entries (from their EPUB links)."""
    out = []
    for e in root.findall(A + "entry"):
        for href in entry_links(e, "http://opds-spec.org/acquisition"):
            m = re.search(r"/opds/works/([0-9a-f]+)\.epub$", href)
            if m:
                out.append(m.group(1))
    return out


def shelf_work(
    n: int,
    *,
    fandom: str = "Harbour Tales",
    series: str | None = None,
    warning: str | None = None,
    rating: str = "General Audiences",
    complete: bool = True,
) -> Work:
    """A short original work for the catalog tests."""
    w = Work(
        id=f"{n:016x}",
        title=f"Work {n:05d}",
        authors=[f"Author {n % 7}"],
        summary=f"A short tale, number {n}.",
        language="en",
        status="complete" if complete else "wip",
        series=parse_series(series) if series else [],
        chapters=[
            Chapter(1, "One", f"The lamp was lit for the {n}th time."),
            Chapter(2, "Two", "The boats came home.\n\nThe harbour slept."),
        ],
    )
    w.add_tag(Tag("fandom", fandom))
    w.add_tag(Tag("rating", rating))
    w.add_tag(Tag("relationship", "Ana/Bo" if n % 2 else "Cy & Di"))
    if warning:
        w.add_tag(Tag("warning", warning))
    else:
        w.add_tag(Tag("warning", "No Archive Warnings Apply"))
    return w


def shelf(lib: Library) -> dict[str, str]:
    """Fill ``lib`` with a handful of works (a series of four, two fandoms, one with a
    warning); returns name -> id."""
    ids = {}
    ids["first"] = lib.save(shelf_work(1, series="Part 1 of Lantern Cycle")).work_id
    ids["second"] = lib.save(shelf_work(2, series="Lantern Cycle, Book 2")).work_id
    ids["third"] = lib.save(shelf_work(3, series="Lantern Cycle #3", complete=False)).work_id
    ids["other"] = lib.save(shelf_work(4, fandom="Star Harbour", rating="Mature")).work_id
    ids["blocked"] = lib.save(
        shelf_work(5, warning="Major Character Death", series="Lantern Cycle #4")
    ).work_id
    return ids
