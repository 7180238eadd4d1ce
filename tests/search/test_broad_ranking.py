"""A text search too broad to rank every match (:mod:`fandex.query.broad`): the works
holding the words in their title or summary come first, then the rest in the listing's
default order; a rarer search is still ranked by bm25, its best match first; the SQL
path and the in-memory path give the same pages."""

from __future__ import annotations

import pytest

from fandex.library import Library
from fandex.query import broad, memory
from fandex.search import search
from fandex.test.helper import make_work, memory_library

# Works whose title or summary holds "lantern" (every body does).
HEADS = {3: "title", 8: "summary", 11: "title", 17: "summary", 20: "title"}


@pytest.fixture()
def lib() -> Library:
    library = memory_library()
    for i in range(24):
        where = HEADS.get(i)
        title = f"Work {i:02d}" + (" lantern" if where == "title" else "")
        summary = "A walk by the lantern." if where == "summary" else "A walk."
        body = "The lantern was lit. " * (1 + i % 4)
        if i in (5, 14, 22):  # the rare word; work 14 has it in the title too
            body += "A heron stood still."
        if i == 14:
            title += " heron"
        library.save(make_work(title, chapters=[body], summary=summary))
    library.save(make_work("Unrelated", chapters=["Nothing to see."]))
    return library


def _ids(lib: Library, query: str, *, in_memory: bool, **kw: object) -> list[str]:
    return [w.id for w in search(lib, query, per_page=30, facets=in_memory, **kw).works]  # type: ignore[arg-type]


def _id_of(lib: Library, i: int) -> str:
    return next(w.id for w in search(lib, f'title:"Work {i:02d}"', per_page=5).works)


def _default_order(lib: Library) -> list[str]:
    return [w.id for w in search(lib, "", per_page=100, facets=False).works]


def test_broad_search_lists_title_and_summary_matches_first_then_the_default_order(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(broad, "RANK_LIMIT", 10)  # 24 matches: broad; 5 heads: ranked
    got = _ids(lib, "lantern", in_memory=True)
    heads = {_id_of(lib, i) for i in HEADS}
    assert len(got) == 24
    assert set(got[: len(heads)]) == heads
    # Title matches outrank summary matches (bm25 weighs the title 10, the summary 4).
    titles = {_id_of(lib, i) for i, where in HEADS.items() if where == "title"}
    assert set(got[:3]) == titles
    rest = [i for i in _default_order(lib) if i in set(got) - heads]
    assert got[len(heads) :] == rest


def test_broad_heads_beyond_the_limit_keep_the_default_order(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(broad, "RANK_LIMIT", 3)  # the 5 heads are broad too
    got = _ids(lib, "lantern", in_memory=True)
    heads = {_id_of(lib, i) for i in HEADS}
    order = _default_order(lib)
    assert got[:5] == [i for i in order if i in heads]
    assert got[5:] == [i for i in order if i in set(got) - heads]


def test_a_rare_word_still_ranks_its_best_match_first(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(broad, "RANK_LIMIT", 10)
    for in_memory in (False, True):
        got = _ids(lib, "heron", in_memory=in_memory)
        assert len(got) == 3
        assert got[0] == _id_of(lib, 14)  # the one with the word in its title


def test_a_field_search_is_ranked_as_asked(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(broad, "RANK_LIMIT", 1)
    got = _ids(lib, "title:lantern", in_memory=True)
    assert set(got) == {_id_of(lib, i) for i, w in HEADS.items() if w == "title"}


@pytest.mark.parametrize("limit", [3, 10])
@pytest.mark.parametrize("query", ["lantern", "lantern walk", "lantern -title:heron"])
def test_broad_pages_are_the_same_from_sql_and_from_memory(
    lib: Library, monkeypatch: pytest.MonkeyPatch, limit: int, query: str
) -> None:
    monkeypatch.setattr(broad, "RANK_LIMIT", limit)
    monkeypatch.setattr(memory, "_FIRST_READ", 2)  # ranked reads cut short and grown
    with monkeypatch.context() as m:
        m.setattr(memory, "available", lambda: False)
        expected = [
            [w.id for w in search(lib, query, page=p, per_page=4, facets=False).works]
            for p in range(1, 8)
        ]
    assert sum(map(len, expected)) > limit  # broad
    got = [
        [w.id for w in search(lib, query, page=p, per_page=4, facets=True).works]
        for p in range(1, 8)
    ]
    assert got == expected
