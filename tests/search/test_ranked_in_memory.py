"""The in-memory answer to a ranked text search (SQLite: best ranks read from FTS5,
the page picked in numpy) gives exactly the pages the SQL ranking gives: ties broken
by id, filters and the blocklist applied, reads cut short and grown again."""

from __future__ import annotations

import pytest

from fandex.library import Library, blocklist
from fandex.query import memory
from fandex.search import search, warm_up
from fandex.test.helper import make_work, memory_library


@pytest.fixture()
def lib() -> Library:
    library = memory_library()
    for i in range(24):
        # Many works with the same text rank exactly alike: their order is the id's.
        text = "The lantern by the harbour." if i % 3 else "A lantern, a lantern, a harbour."
        rating = "Explicit" if i % 4 == 0 else "General Audiences"
        library.save(
            make_work(
                f"Work {i:02d}" + (" lantern" if i % 7 == 0 else ""),
                chapters=[text + (" Rain fell." if i == 23 else "")],
                tags=[("rating", rating), ("fandom", "Harbour Town")],
            )
        )
    library.save(make_work("Unrelated", chapters=["Nothing to see."]))
    return library


def _pages(lib: Library, query: str, *, in_memory: bool, pages: int = 4) -> list[list[str]]:
    out = []
    for page in range(1, pages + 1):
        result = search(lib, query, page=page, per_page=5, facets=in_memory)
        out.append([w.id for w in result.works] + [f"total={result.total}"])
    return out


@pytest.mark.parametrize(
    "query",
    ["lantern", "lantern harbour", "lantern rating:Explicit", "harbour -rating:Explicit"],
)
def test_ranked_pages_from_memory_equal_the_sql_ranking(
    lib: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reads of only 3 best ranks make every page after the first grow the read, and
    # cut it inside a group of equal ranks.
    monkeypatch.setattr(memory, "_FIRST_READ", 3)
    with monkeypatch.context() as m:
        m.setattr(memory, "available", lambda: False)
        expected = _pages(lib, query, in_memory=False)
    assert any(len(p) > 1 for p in expected)  # the query finds works
    calls: list[int] = []
    original = memory.top_ranked

    def counted(*args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(memory, "top_ranked", counted)
    assert _pages(lib, query, in_memory=True) == expected
    assert calls  # the pages did come from the in-memory ranking


def test_ranked_pages_from_memory_respect_the_blocklist(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocklist.add(lib, "rating:Explicit")
    with monkeypatch.context() as m:
        m.setattr(memory, "available", lambda: False)
        expected = _pages(lib, "lantern", in_memory=False)
    got = _pages(lib, "lantern", in_memory=True)
    assert got == expected
    hidden = search(lib, "lantern", facets=True).hidden
    assert hidden == 6  # works 0, 4, 8, 12, 16, 20


def test_plain_word_listing_is_the_same_from_memory_once_warm(lib: Library) -> None:
    expected = [w.id for w in search(lib, "harbour", sort="title", facets=False).works]
    assert len(expected) > 1
    warm_up(lib)  # the index is cached now, so plain words take the in-memory path
    assert [w.id for w in search(lib, "harbour", sort="title", facets=False).works] == expected
