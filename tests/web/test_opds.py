"""The OPDS catalog: valid feeds, pages, facets, search, downloads, the blocklist
everywhere, and who may read it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from lxml import etree
from starlette.testclient import TestClient

from fandex.library import Library, blocklist, documents, reading, searches, users
from fandex.web.app import create_app

from .ereader import (
    OPDS,
    OS,
    A,
    cheap_hashing,
    check_feed,
    entry_links,
    link_of,
    shelf,
    work_ids,
)

LOCAL = ("127.0.0.1", 50000)
LAN = ("192.168.1.20", 50000)
# Acquisition feeds of the small shelf (saved search 1 exists in the tests that use it).
WORK_FEEDS = [
    "/opds/recent",
    "/opds/works",
    "/opds/works?sort=title",
    "/opds/search?q=lamp",
    "/opds/series/feed?name=Lantern%20Cycle",
    "/opds/saved/1",
]


@pytest.fixture
def opds_lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Library]:
    cheap_hashing(monkeypatch)
    lib = Library.open(tmp_path / "opds.db")
    shelf(lib)
    yield lib
    lib.close()


def _client(lib: Library, client: tuple[str, int] = LOCAL) -> TestClient:
    return TestClient(
        create_app(lib, facet_wait=None), base_url="http://127.0.0.1:8000", client=client
    )


@pytest.fixture
def local(opds_lib: Library) -> Iterator[TestClient]:
    with _client(opds_lib) as c:
        yield c


def _feed(c: TestClient, url: str) -> etree._Element:
    r = c.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[:200])
    assert r.headers["content-type"].startswith("application/atom+xml;profile=opds-catalog")
    return check_feed(r.content)


def _walk(c: TestClient, start: str) -> list[str]:
    """Every page from ``start`` on, following next links; every page is checked."""
    urls, seen = [start], []
    while urls:
        root = _feed(c, urls.pop())
        seen.append(root)
        nxt = link_of(root, "next")
        if nxt:
            urls.append(nxt)
    return [i for root in seen for i in work_ids(root)]


def test_root_links_every_shelf_and_search(local: TestClient) -> None:
    root = _feed(local, "/opds")
    titles = [e.findtext(A + "title") for e in root.findall(A + "entry")]
    for shelf_name in (
        "Recently added",
        "By fandom",
        "By relationship",
        "By series",
        "Saved searches",
        "Currently reading",
        "Marked for Later",
    ):
        assert shelf_name in titles
    assert link_of(root, "search") == "/opds/opensearch.xml"
    for href in (entry_links(e, "") for e in root.findall(A + "entry")):
        _feed(local, href[0])  # every shelf is a valid feed


def test_every_feed_is_valid(local: TestClient, opds_lib: Library) -> None:
    searches.save(opds_lib, "Long ones", "words:>5")
    nav = ["/opds", "/opds/fandoms", "/opds/relationships", "/opds/series", "/opds/saved"]
    acq = [*WORK_FEEDS, "/opds/works?q=read%3Aprogress", "/opds/works?q=rating%3A%3C%3Dteen"]
    for url in nav:
        assert "kind=navigation" in local.get(url).headers["content-type"]
        _feed(local, url)
    for url in acq:
        assert "kind=acquisition" in local.get(url).headers["content-type"]
        _feed(local, url)


def test_entries_carry_tags_series_words_and_warnings_first(local: TestClient) -> None:
    root = _feed(local, "/opds/series/feed?name=Lantern%20Cycle")
    entry = root.find(A + "entry")
    assert entry is not None
    summary = entry.findtext(A + "summary") or ""
    first_line = summary.splitlines()[0]
    assert first_line.startswith("Archive Warnings: No Archive Warnings Apply")
    assert "Rating: General Audiences" in first_line
    assert "Series: Lantern Cycle, part 1" in summary and "words" in summary
    cats = {(c.get("scheme"), c.get("term")) for c in entry.findall(A + "category")}
    assert ("urn:fandex:tag:fandom", "Harbour Tales") in cats
    assert ("urn:fandex:tag:relationship", "Ana/Bo") in cats
    assert entry.findtext("{http://purl.org/dc/terms/}extent", "").endswith("words")
    assert entry.findtext(A + "author/" + A + "name") == "Author 1"


def test_series_feed_is_in_series_order(local: TestClient, opds_lib: Library) -> None:
    root = _feed(local, "/opds/series/feed?name=lantern%20cycle")
    titles = [e.findtext(A + "title") for e in root.findall(A + "entry")]
    assert titles == ["Work 00001", "Work 00002", "Work 00003", "Work 00005"]


def test_facets_narrow_and_active_ones_widen_again(local: TestClient) -> None:
    root = _feed(local, "/opds/works")
    facets = [x for x in root.findall(A + "link") if x.get("rel") == "http://opds-spec.org/facet"]
    groups = {x.get(OPDS + "facetGroup") for x in facets}
    assert groups == {"Rating", "Fandom", "Completion"}
    mature = next(x for x in facets if x.get("title") == "Mature")
    assert mature.get("{http://purl.org/syndication/thread/1.0}count") == "1"
    narrowed = _feed(local, mature.get("href"))
    assert narrowed.findtext(OS + "totalResults") == "1"
    active = next(
        x
        for x in narrowed.findall(A + "link")
        if x.get("title") == "Mature" and x.get(OPDS + "activeFacet") == "true"
    )
    assert _feed(local, active.get("href")).findtext(OS + "totalResults") == "5"
    done = {x.get("title"): x for x in facets if x.get(OPDS + "facetGroup") == "Completion"}
    assert done["Complete"].get("{http://purl.org/syndication/thread/1.0}count") == "4"
    assert done["Not complete"].get("{http://purl.org/syndication/thread/1.0}count") == "1"


def test_pages_link_first_previous_next_last(local: TestClient) -> None:
    ids = _walk(local, "/opds/works?sort=title&per_page=2")
    assert len(ids) == len(set(ids)) == 5
    page2 = _feed(local, "/opds/works?sort=title&per_page=2&page=2")
    for rel in ("first", "previous", "next", "last"):
        assert link_of(page2, rel)
    assert parse_qs(urlparse(link_of(page2, "last") or "").query)["page"] == ["3"]


def test_fandom_navigation_leads_to_the_fandoms_works(local: TestClient) -> None:
    nav = _feed(local, "/opds/fandoms")
    entries = {e.findtext(A + "title"): e for e in nav.findall(A + "entry")}
    assert set(entries) == {"Harbour Tales", "Star Harbour"}
    href = entry_links(entries["Star Harbour"], "subsection")[0]
    assert [e.findtext(A + "title") for e in _feed(local, href).findall(A + "entry")] == [
        "Work 00004"
    ]


def test_saved_searches_are_navigation_feeds(local: TestClient, opds_lib: Library) -> None:
    searches.save(opds_lib, "Mature only", "rating:M")
    nav = _feed(local, "/opds/saved")
    entry = nav.find(A + "entry")
    assert entry is not None and entry.findtext(A + "title") == "Mature only"
    feed = _feed(local, entry_links(entry, "subsection")[0])
    assert feed.findtext(A + "title") == "Mature only"
    assert [e.findtext(A + "title") for e in feed.findall(A + "entry")] == ["Work 00004"]


def test_opensearch_takes_the_query_language(local: TestClient) -> None:
    r = local.get("/opds/opensearch.xml")
    assert r.headers["content-type"].startswith("application/opensearchdescription+xml")
    osd = etree.fromstring(r.content)
    url = osd.find(OS + "Url")
    assert url is not None and "kind=acquisition" in url.get("type", "")
    template = url.get("template", "")
    assert "{searchTerms}" in template
    target = template.replace("{searchTerms}", "fandom%3A%22Star%20Harbour%22")
    path = urlparse(target).path + "?" + urlparse(target).query
    assert work_ids(_feed(local, path)) == ["0000000000000004"]


def test_a_malformed_search_is_a_feed_that_says_so(local: TestClient) -> None:
    root = _feed(local, "/opds/search?q=rating%3Azz")
    entry = root.find(A + "entry")
    assert entry is not None and "unknown rating" in (entry.findtext(A + "content") or "")


def test_reading_shelves_are_the_readers(local: TestClient, opds_lib: Library) -> None:
    ids = {w.title: w.id for w in opds_lib.iter_works()}
    reading.record_progress(opds_lib, ids["Work 00002"], 40)
    reading.mark(opds_lib, ids["Work 00003"], "toread")
    assert work_ids(_feed(local, "/opds/works?q=read%3Aprogress")) == [ids["Work 00002"]]
    assert work_ids(_feed(local, "/opds/works?q=toread%3Ayes")) == [ids["Work 00003"]]
    summary = _feed(local, "/opds/works?q=read%3Aprogress").findtext(f"{A}entry/{A}summary")
    assert "You: In progress, 40%" in (summary or "")


def test_epub_download_is_cached_and_remembered_for_sync(
    local: TestClient, opds_lib: Library
) -> None:
    wid = work_ids(_feed(local, "/opds/recent"))[0]
    r = local.get(f"/opds/works/{wid}.epub")
    assert r.status_code == 200 and r.headers["content-type"] == "application/epub+zip"
    assert "attachment" in r.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert names[0] == "mimetype" and any(n.endswith("content.opf") for n in names)
    assert local.get(f"/opds/works/{wid}.epub").content == r.content  # from the cache
    assert documents.work_for(opds_lib, documents.partial_md5(r.content)) == (wid, "epub")
    assert local.head(f"/opds/works/{wid}.epub").status_code == 200


def test_original_file_is_served_while_it_is_unchanged(
    tmp_path: Path, local: TestClient, opds_lib: Library
) -> None:
    from fandex.importer import ImportSession

    fic = tmp_path / "kept.txt"
    fic.write_bytes("Title: Kept\nAuthor: Me\n\nThe café was closed.\n".encode("cp1252"))
    ImportSession(opds_lib).run([fic])
    wid = next(w.id for w in opds_lib.iter_works() if w.title == "Kept")
    entry = next(e for e in _feed(local, "/opds/works?q=title%3AKept").findall(A + "entry"))
    assert f"/opds/works/{wid}/original" in entry_links(entry, "http://opds-spec.org/acq")
    r = local.get(f"/opds/works/{wid}/original")
    assert r.status_code == 200 and r.content == fic.read_bytes()
    assert r.headers["content-type"] == "text/plain"  # no charset claimed for cp1252
    fic.write_text("changed", encoding="utf-8")
    assert local.get(f"/opds/works/{wid}/original").status_code == 404


def test_blocked_works_never_appear_anywhere(local: TestClient, opds_lib: Library) -> None:
    blocked = next(w.id for w in opds_lib.iter_works() if w.title == "Work 00005")
    assert blocked in _walk(local, "/opds/works")  # before the block
    blocklist.add(opds_lib, "warning:mcd")
    searches.save(opds_lib, "Everything", "lamp")
    feeds = [*WORK_FEEDS, "/opds/works?q=warning%3Amcd", '/opds/works?q=fandom%3A"Harbour Tales"']
    for url in feeds:
        assert blocked not in _walk(local, url), url
    fandoms = _feed(local, "/opds/fandoms")
    counts = {
        e.findtext(A + "title"): e.findtext(A + "content") for e in fandoms.findall(A + "entry")
    }
    assert counts["Harbour Tales"] == "3 works"
    series_nav = _feed(local, "/opds/series").find(A + "entry")
    assert series_nav is not None and series_nav.findtext(A + "content") == "3 works"
    assert local.get(f"/opds/works/{blocked}.epub").status_code == 404
    assert local.get(f"/opds/works/{blocked}/original").status_code == 404


def test_with_users_the_catalog_needs_a_password(opds_lib: Library) -> None:
    users.add(opds_lib, "ana", "lantern-light")
    with _client(opds_lib) as c:
        r = c.get("/opds")
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
        assert c.get("/opds", auth=("ana", "wrong-one")).status_code == 401
        assert c.get("/opds/works/0000000000000001.epub").status_code == 401
        assert c.get("/opds", auth=("ana", "lantern-light")).status_code == 200
        assert c.get("/opds", auth=("bo", "lantern-light")).status_code == 401


def test_without_users_only_this_machine_reads_the_catalog(opds_lib: Library) -> None:
    with _client(opds_lib, LAN) as c:
        r = c.get("/opds")
        assert r.status_code == 401 and "fandex users add" in r.text
    with _client(opds_lib, LOCAL) as c:
        assert c.get("/opds").status_code == 200


def test_each_user_sees_their_own_shelves(opds_lib: Library) -> None:
    users.add(opds_lib, "ana", "lantern-light")
    users.add(opds_lib, "bo", "harbour-dark")
    first = next(w.id for w in opds_lib.iter_works() if w.title == "Work 00001")
    reading.mark(opds_lib, first, "toread", reader="bo")
    with _client(opds_lib, LAN) as c:
        later = "/opds/works?q=toread%3Ayes"
        bo = check_feed(c.get(later, auth=("bo", "harbour-dark")).content)
        ana = check_feed(c.get(later, auth=("ana", "lantern-light")).content)
    assert work_ids(bo) == [first] and work_ids(ana) == []
