"""One suite, two backends: every query gives the same works on SQLite and on a real
PostgreSQL server, and the same works as checking each one in Python."""

from __future__ import annotations

import pytest

from fandex.errors import QueryError
from fandex.library import Library, blocklist
from fandex.model import Tag, Work
from fandex.query import facets, parse
from fandex.search import FACET_TYPES, SORTS, context, search

pytestmark = pytest.mark.postgres

QUERIES = [
    "",
    "tattoo",
    "Tattoo",
    '"dragon tattoo"',
    '"tattoo dragon"',
    "tatt*",
    "dragon -tattoo",
    "-dragon",
    "tea OR rain",
    "(tea OR rain) -storm",
    "title:ink",
    'title:"long road"',
    "zoe",
    "Zoë",
    "ship:Spuffy",
    'relationship:"Spike/Buffy"',
    'ship:"Wes/Spike"',
    "-ship:Spuffy",
    "character:Wes",
    "-character:Wes",
    "character:Wesley",
    "character:buffy,willow",
    "fandom:BtVS",
    "fandom:angel",
    "-fandom:btvs -fandom:angel",
    "rating:E",
    "rating:NC-17",
    "rating:<=teen",
    "rating:>M",
    "rating:T..M",
    "rating:NR",
    "-rating:E",
    "warning:noncon",
    "-warning:noncon",
    "warning:underage",
    "warning:mcd",
    "category:slash",
    "category:gen,fm",
    "tag:tattoos",
    "tag:angst",
    "tag:hurt*",
    "words:>5000",
    "words:<20",
    "words:10..200",
    "chapters:>=2",
    "chapters:1",
    "complete:yes",
    "complete:no",
    "lang:en",
    "lang:english",
    "-lang:en",
    "source:inferred",
    "source:user",
    "author:quill",
    "author:élodie",
    "author:mo*",
    "published:2003..2005",
    "published:<2004",
    "published:2003",
    "updated:>=2005-01-01",
    "imported:>2000-01-01",
    "imported:<2000",
    "fandom:btvs rating:>=T -warning:noncon",
    "(fandom:angel OR ship:spuffy) words:>10",
    "NOT (tea OR storm) AND rain",
    "near(a b) or",
    "'; DROP TABLE works; --",
    '" OR 1=1 --',
    "tag:%",
    "author:_",
    "tag:*",
]


def _ids(lib: Library, q: str, **kw: object) -> tuple[list[str], int, object]:
    r = search(lib, q, per_page=1000, **kw)  # type: ignore[arg-type]
    return [w.id for w in r.works], r.total, r.facets


@pytest.mark.parametrize("q", QUERIES)
def test_query_selects_the_same_works_on_sqlite_postgres_and_in_python(
    backends: tuple[Library, Library, list[Work]], q: str, path: str
) -> None:
    sqlite, pg, works = backends
    try:
        parse(q)
    except QueryError:  # a malformed query is refused alike everywhere
        for lib in (sqlite, pg):
            with pytest.raises(QueryError):
                search(lib, q)
        return
    on_sqlite = _ids(sqlite, q, sort="title")
    on_pg = _ids(pg, q, sort="title")
    assert on_sqlite == on_pg
    ctx = context(sqlite)
    in_python = {w.id for w in works if parse(q).match(w, ctx)}
    assert set(on_sqlite[0]) == in_python


@pytest.mark.parametrize("sort", SORTS)
def test_every_sort_orders_alike_on_both_backends(
    backends: tuple[Library, Library, list[Work]], sort: str, path: str
) -> None:
    sqlite, pg, _ = backends
    a = _ids(sqlite, "-tag:nothing", sort=sort)
    b = _ids(pg, "-tag:nothing", sort=sort)
    if sort in ("relevance", "imported"):
        # Without text, relevance is newest first; the two libraries were filled at
        # different moments, so only the set can agree.
        assert set(a[0]) == set(b[0])
    else:
        assert a == b


@pytest.mark.parametrize("q", ["tattoo", "dragon OR tea", '"dragon tattoo" OR garden'])
def test_relevance_finds_the_same_set_on_both_backends(
    backends: tuple[Library, Library, list[Work]], q: str
) -> None:
    # Scores differ (bm25 against ts_rank), so only the set is compared here.
    sqlite, pg, _ = backends
    a, b = _ids(sqlite, q, facets=False), _ids(pg, q, facets=False)
    assert set(a[0]) == set(b[0]) and a[1] == b[1]


def test_relevance_puts_a_title_match_first_on_both_backends(
    backends: tuple[Library, Library, list[Work]],
) -> None:
    sqlite, pg, works = backends
    in_body = [w.title for w in works if "ink" in w.text.lower().split()]
    assert in_body and "Ink and Ash" not in in_body
    for lib in (sqlite, pg):
        titles = [w.title for w in search(lib, "ink", facets=False).works]
        assert titles[0] == "Ink and Ash" and len(titles) == 1 + len(in_body)


def test_paging_is_stable_and_identical(backends: tuple[Library, Library, list[Work]]) -> None:
    sqlite, pg, _ = backends
    for lib in (sqlite, pg):
        pages = [search(lib, "", sort="words", page=p, per_page=7, facets=False) for p in (1, 2, 3)]
        ids = [w.id for r in pages for w in r.works]
        assert len(ids) == len(set(ids)) == 21
    one = [w.id for w in search(sqlite, "", sort="words", page=3, per_page=7).works]
    two = [w.id for w in search(pg, "", sort="words", page=3, per_page=7).works]
    assert one == two


def test_blocklist_hides_the_same_works_on_both_backends(
    backends: tuple[Library, Library, list[Work]], path: str
) -> None:
    sqlite, pg, _ = backends
    for lib in (sqlite, pg):
        for entry in ("warning:noncon", "tag:angst"):
            blocklist.add(lib, entry)
    try:
        a = search(sqlite, "", sort="title", per_page=1000)
        b = search(pg, "", sort="title", per_page=1000)
        assert a.hidden == b.hidden > 0
        assert [w.id for w in a.works] == [w.id for w in b.works]
        assert a.facets == b.facets
    finally:
        for lib in (sqlite, pg):
            for e in blocklist.entries(lib):
                blocklist.remove(lib, e.id)


@pytest.mark.parametrize(
    "q", ["(" * 5000, "a" * 100_000, 'title:"unclosed', "x" * 3 + ")" * 3, "words:>lots"]
)
def test_hostile_queries_fail_alike_and_leave_both_libraries_intact(
    backends: tuple[Library, Library, list[Work]], q: str
) -> None:
    sqlite, pg, works = backends
    for lib in (sqlite, pg):
        with pytest.raises(QueryError):
            search(lib, q)
        assert lib.count() == len(works)


@pytest.mark.parametrize("q", ["", "tea", "fandom:btvs -rating:E", "character:wes", "words:<0"])
def test_fast_facet_counts_equal_the_sql_reference_on_both_backends(
    backends: tuple[Library, Library, list[Work]], q: str
) -> None:
    for lib in backends[:2]:
        ctx = context(lib)
        visible = parse(q).sql(ctx)
        with lib.engine.connect() as conn:
            reference = facets.sql_counts(conn, visible, ctx, FACET_TYPES)
            url = str(lib.engine.url)
            fast = facets.index_counts(conn, url, visible, ctx, FACET_TYPES)
            total = search(lib, q, facets=False, apply_blocklist=False).total
            by_complement = facets.index_counts(conn, url, visible, ctx, FACET_TYPES, total)
        assert fast == reference == by_complement


def test_facet_cache_notices_a_new_tag(backends: tuple[Library, Library, list[Work]]) -> None:
    for lib in backends[:2]:
        before = dict(search(lib, "").facets["freeform"])
        wid = lib.ids()[0]
        lib.set_tag(wid, Tag("freeform", "Zebra Crossing", source="user"))
        try:
            assert dict(search(lib, "").facets["freeform"]).get("Zebra Crossing") == 1
        finally:
            lib.set_tag(
                wid, Tag("freeform", "Zebra Crossing", source="user", attrs={"rejected": True})
            )
        assert dict(search(lib, "").facets["freeform"]) == before
