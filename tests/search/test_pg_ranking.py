"""PostgreSQL relevance ranking: pages ranked by the database from the text index and
picked with the in-memory mask equal the SQL page query's, the small rank vector is
the title and summary of the full one, and text searches read the GIN index."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from fandex.library import Library, blocklist, fts
from fandex.query import memory, parse
from fandex.search import search
from fandex.test.helper import fresh_pg_library, make_work

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_lib(pg_server: str) -> Iterator[Library]:
    library = fresh_pg_library(pg_server)
    for i in range(24):
        # Many works with the same text rank exactly alike: their order is the id's.
        body = "The lantern by the harbour." if i % 3 else "A lantern, a lantern, a harbour."
        rating = "Explicit" if i % 4 == 0 else "General Audiences"
        library.save(
            make_work(
                f"Work {i:02d}" + (" lantern" if i % 7 == 0 else ""),
                chapters=[body + (" Rain fell." if i == 23 else "")],
                tags=[("rating", rating), ("fandom", "Harbour Town")],
                summary="A harbour story." if i % 5 == 0 else None,
            )
        )
    library.save(make_work("Unrelated", chapters=["Nothing to see."]))
    yield library
    library.close()


def _pages(lib: Library, query: str, *, in_memory: bool, pages: int = 4) -> list[list[str]]:
    out = []
    for page in range(1, pages + 1):
        result = search(lib, query, page=page, per_page=5, facets=in_memory)
        out.append([w.id for w in result.works] + [f"total={result.total}"])
    return out


@pytest.mark.parametrize(
    "query",
    [
        "lantern",
        "harbour",
        "lantern harbour",
        '"the harbour"',
        "title:lantern",
        "lan*",
        "lantern rating:Explicit",
        "harbour -rating:Explicit",
    ],
)
def test_pg_ranked_pages_from_memory_equal_the_sql_page_query(
    pg_lib: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(memory, "available", lambda: False)
        expected = _pages(pg_lib, query, in_memory=False)
    assert any(len(p) > 1 for p in expected)  # the query finds works
    calls: list[int] = []
    original = memory.top_ranked_pg

    def counted(*args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(memory, "top_ranked_pg", counted)
    assert _pages(pg_lib, query, in_memory=True) == expected
    assert calls  # the pages did come from the ranks read with the matches


def test_pg_ranked_pages_respect_the_blocklist(
    pg_lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocklist.add(pg_lib, "rating:Explicit")
    try:
        with monkeypatch.context() as m:
            m.setattr(memory, "available", lambda: False)
            expected = _pages(pg_lib, "lantern", in_memory=False)
        assert _pages(pg_lib, "lantern", in_memory=True) == expected
        result = search(pg_lib, "lantern", facets=True)
        assert result.hidden == 6  # works 0, 4, 8, 12, 16, 20
        assert not {w.title for w in result.works} & {"Work 00", "Work 04"}
    finally:
        for entry in blocklist.entries(pg_lib):
            blocklist.remove(pg_lib, entry.id)


@pytest.mark.parametrize("facets", [False, True])
def test_pg_title_then_summary_matches_rank_before_body_matches(
    pg_lib: Library, facets: bool
) -> None:
    titles = [w.title for w in search(pg_lib, "lantern", per_page=100, facets=facets).works]
    in_title = [t for t in titles if t.endswith("lantern")]
    assert titles[: len(in_title)] == in_title and len(in_title) == 4  # works 0, 7, 14, 21
    works = search(pg_lib, "harbour", per_page=100, facets=facets).works
    with_summary = [w.title for w in works if w.summary]
    assert [w.title for w in works[: len(with_summary)]] == with_summary
    assert len(works) == 24


def test_pg_rank_vector_is_the_title_and_summary_of_the_full_vector(pg_lib: Library) -> None:
    with pg_lib.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT count(*), count(*) FILTER (WHERE rank_tsv = ts_filter(tsv, '{a,b}')) "
                "FROM works_fts"
            )
        ).one()
    assert rows[0] == pg_lib.count() and rows[1] == rows[0]


@pytest.mark.parametrize(
    "query",
    ['"the harbour"', '"a harbour"', "lantern harbour", "harbour story", "title:lantern", "lan*"],
)
def test_pg_one_read_gives_every_match_with_the_rank_the_page_query_sorts_by(
    pg_lib: Library, query: str
) -> None:
    texts = fts.any_of(parse(query).text_queries())
    with pg_lib.engine.connect() as conn, fts.index_scans(conn):
        groups = fts.matches_and_ranks(conn, texts)
        literal = fts.tsquery_literal(texts)
        expected = conn.execute(
            text(
                "SELECT work_id, -coalesce(ts_rank(rank_tsv, CAST(:q AS tsquery)), 0) "
                "FROM works_fts WHERE tsv @@ CAST(:q AS tsquery)"
            ),
            {"q": literal},
        ).all()
    got = {i: r for r, joined in groups for i in joined.split(",")}
    assert got == {i: float(r) for i, r in expected} and got


def test_pg_text_search_plans_read_the_gin_index_and_restore_the_setting(
    pg_lib: Library,
) -> None:
    explain = "EXPLAIN SELECT work_id FROM works_fts WHERE tsv @@ CAST('lantern' AS tsquery)"
    with pg_lib.engine.connect() as conn:
        with fts.index_scans(conn):
            inside = conn.execute(text("SHOW enable_seqscan")).scalar()
            plan = "\n".join(conn.execute(text(explain)).scalars())
        after = conn.execute(text("SHOW enable_seqscan")).scalar()
    assert inside == "off" and after == "on"
    assert "ix_works_fts_tsv" in plan and "Seq Scan" not in plan
