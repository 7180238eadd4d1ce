"""The catalog over a 10,000-work library: every page of the big feeds is valid Atom,
the pages together hold each visible work exactly once, and no work the blocklist
hides (by a stated or an inferred tag) appears in any feed or download."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from fandex.library import Library, blocklist, searches
from fandex.model import Tag, Work
from fandex.query import Context, default_thresholds
from fandex.search import blocked_query
from fandex.test.helper import store_many
from fandex.web.app import create_app

from .ereader import OS, A, check_feed, entry_links, link_of, shelf_work, work_ids

N = 10_000


def _work(i: int, rng: random.Random) -> Work:
    fandom = f"Fandom {min(int(rng.paretovariate(1.1)), 40)}"
    series = f"Part {i % 5 + 1} of Saga {i % 300}" if i % 3 == 0 else None
    rating = rng.choice(["General Audiences", "Teen And Up Audiences", "Mature", "Explicit"])
    w = shelf_work(
        i,
        fandom=fandom,
        series=series,
        rating=rating,
        complete=rng.random() < 0.7,
        warning="Major Character Death" if rng.random() < 0.04 else None,
    )
    if rng.random() < 0.05:  # read in the text, not stated: the blocklist must still hide it
        # (where the author stated warnings, their word would win over the guess)
        w.tags = [t for t in w.tags if t.type != "warning"]
        w.add_tag(
            Tag(
                "warning",
                "Graphic Depictions Of Violence",
                source="inferred",
                confidence=0.97,
                tagger="warnings",
            )
        )
    return w


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, set[str], set[str]]]:
    lib = Library.open(Path(tmp_path_factory.mktemp("big")) / "big.db")
    rng = random.Random(18)
    store_many(lib, [_work(i, rng) for i in range(N)])
    blocklist.add(lib, "warning:mcd")
    blocklist.add(lib, "warning:violence")
    searches.save(lib, "Fandom 4, finished", 'fandom:"Fandom 4" complete:yes')
    # Which works are hidden, worked out in Python from each work (not by the SQL).
    blocked = blocked_query(lib)
    assert blocked is not None
    ctx = Context(thresholds=default_thresholds())
    hidden = {w.id for w in lib.iter_works() if blocked.match(w, ctx)}
    every = set(lib.ids())
    assert 500 < len(hidden) < 1500
    yield lib, every - hidden, hidden
    lib.close()


@pytest.fixture(scope="module")
def client(big: tuple[Library, set[str], set[str]]) -> Iterator[TestClient]:
    app = create_app(big[0], facet_wait=None)
    with TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 9)) as c:
        yield c


def _walk(c: TestClient, url: str) -> tuple[list[str], list[Any]]:
    ids: list[str] = []
    roots = []
    nxt: str | None = url
    while nxt:
        r = c.get(nxt)
        assert r.status_code == 200, (nxt, r.text[:300])
        root = check_feed(r.content)
        roots.append(root)
        ids += work_ids(root)
        nxt = link_of(root, "next")
    return ids, roots


def test_every_page_of_all_works_is_valid_and_pages_add_up(client: TestClient, big: Any) -> None:
    _lib, visible, hidden = big
    ids, roots = _walk(client, "/opds/works?sort=title&per_page=100")
    assert len(ids) == len(set(ids)) == len(visible)
    assert set(ids) == visible and not set(ids) & hidden
    assert roots[0].findtext(OS + "totalResults") == str(len(visible))
    assert link_of(roots[-1], "last") == link_of(roots[0], "last")


def test_recent_feed_pages_at_the_default_size(client: TestClient, big: Any) -> None:
    visible = big[1]
    pages = -(-len(visible) // 25)
    first = check_feed(client.get("/opds/recent").content)
    assert link_of(first, "last") == f"/opds/recent?page={pages}"
    seen: list[str] = []
    for n in (1, 2, pages // 2, pages - 1, pages):
        root = check_feed(client.get(f"/opds/recent?page={n}").content)
        assert len(work_ids(root)) == (25 if n < pages else len(visible) - 25 * (pages - 1))
        seen += work_ids(root)
    assert len(seen) == len(set(seen)) and set(seen) <= visible


def test_fandom_navigation_counts_and_feeds(client: TestClient, big: Any) -> None:
    lib, visible, _hidden = big
    fandom_of = {w.id: w.tags_of("fandom")[0].name for w in lib.iter_works()}
    expected: dict[str, int] = {}
    for wid in visible:
        expected[fandom_of[wid]] = expected.get(fandom_of[wid], 0) + 1
    listed: dict[str, int] = {}
    hrefs = {}
    nxt: str | None = "/opds/fandoms"
    while nxt:
        root = check_feed(client.get(nxt).content)
        for e in root.findall(A + "entry"):
            name = e.findtext(A + "title") or ""
            listed[name] = int((e.findtext(A + "content") or "0").split()[0])
            hrefs[name] = entry_links(e, "subsection")[0]
        nxt = link_of(root, "next")
    assert listed == expected
    ids, _ = _walk(client, hrefs["Fandom 3"])
    assert set(ids) == {w for w in visible if fandom_of[w] == "Fandom 3"}


def test_series_saved_searches_and_text_search_hide_blocked_works(
    client: TestClient, big: Any
) -> None:
    lib, visible, hidden = big
    series = check_feed(client.get("/opds/series?page=2").content)
    for e in series.findall(A + "entry")[:5]:
        ids, roots = _walk(client, entry_links(e, "subsection")[0])
        assert ids and not set(ids) & hidden
        titles = [x.findtext(A + "title") for r in roots for x in r.findall(A + "entry")]
        parts = [int(t.split()[1]) % 5 for t in titles]  # series part = id % 5 + 1
        assert parts == sorted(parts)
    saved = check_feed(client.get("/opds/saved").content)
    ids, _ = _walk(
        client, entry_links(saved.findall(A + "entry")[0], "subsection")[0] + "?per_page=100"
    )
    assert ids and not set(ids) & hidden
    ids, _ = _walk(client, "/opds/search?q=lamp+fandom%3A%22Fandom+2%22&per_page=100")
    fandom_of = {w.id: w.tags_of("fandom")[0].name for w in lib.iter_works()}
    assert set(ids) == {w for w in visible if fandom_of[w] == "Fandom 2"}


def test_no_hidden_work_can_be_downloaded(client: TestClient, big: Any) -> None:
    hidden = sorted(big[2])
    for wid in hidden[:25]:
        assert client.get(f"/opds/works/{wid}.epub").status_code == 404
    shown = sorted(big[1])[0]
    assert client.get(f"/opds/works/{shown}.epub").status_code == 200
