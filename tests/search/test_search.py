"""The public search API on SQLite: the result contract, facets, paging, the blocklist,
index upkeep and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from fandex.errors import NotFound, QueryError
from fandex.library import Library, blocklist, fts
from fandex.model import Tag
from fandex.search import FACET_TYPES, SearchResult, search
from fandex.test.helper import make_work


def titles(result: SearchResult) -> list[str]:
    return [w.title for w in result.works]


def test_result_carries_the_contract_fields(lib: Library) -> None:
    r = search(lib, "tattoo", sort="title", page=1, per_page=20)
    assert titles(r) == ["Ink and Ash", "Watcher's Diary"]
    assert (r.total, r.hidden, r.page, r.per_page, r.query) == (2, 0, 1, 20, "tattoo")
    assert r.description == "the text contains “tattoo”"
    assert set(r.facets) == set(FACET_TYPES)
    assert all(c.text == "" for w in r.works for c in w.chapters)  # no chapter text


def test_facets_count_the_current_result_set(lib: Library) -> None:
    r = search(lib, "fandom:angel")
    assert dict(r.facets["fandom"]) == {"Angel: the Series": 2}
    # Inferred Mature at 0.8 counts; the rejected "Angst" does not.
    assert dict(r.facets["rating"]) == {"Mature": 1, "Teen And Up Audiences": 1}
    assert "Angst" not in dict(r.facets["freeform"])
    assert search(lib, "fandom:angel", facets=False).facets == {}


def test_facets_are_ordered_by_count_then_name(lib: Library) -> None:
    counts = search(lib, "").facets["fandom"]
    assert counts == sorted(counts, key=lambda p: (-p[1], p[0]))
    assert counts[0] == ("Angel: the Series", 2)


def test_min_confidence_overrides_the_per_type_threshold(lib: Library) -> None:
    assert titles(search(lib, "warning:violence")) == []
    assert titles(search(lib, "warning:violence", min_confidence=0.25)) == ["Zoë's Garden"]
    assert titles(search(lib, "character:wes", min_confidence=0.95)) == ["Ink and Ash"]
    with pytest.raises(QueryError):
        search(lib, "", min_confidence=1.5)


def test_pages_split_the_results(lib: Library) -> None:
    first = search(lib, "", sort="title", per_page=4)
    second = search(lib, "", sort="title", per_page=4, page=2)
    assert first.total == second.total == 6 and first.pages == 2
    assert len(first.works) == 4 and len(second.works) == 2
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.parametrize(
    ("sort", "first"),
    [("title", "Ink and Ash"), ("words", "Long Road"), ("published", "Long Road"),
     ("updated", "Patrol")],
)  # fmt: skip
def test_sort_keys_put_the_expected_work_first(lib: Library, sort: str, first: str) -> None:
    assert titles(search(lib, "", sort=sort))[0] == first


def test_author_sort_uses_the_first_author_and_puts_authorless_works_last(lib: Library) -> None:
    got = titles(search(lib, "", sort="author"))
    assert got[0] == "Patrol"  # Moss
    assert got[1] == "Ink and Ash"  # Quill
    assert got[-1] == "Watcher's Diary"  # no author


def test_unknown_sort_is_a_query_error(lib: Library) -> None:
    with pytest.raises(QueryError, match="unknown sort"):
        search(lib, "", sort="colour")


def test_relevance_ranks_title_matches_above_body_matches(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "r.db")
    lib.save(make_work("Rain", chapters=["Nothing about the weather."]))
    lib.save(make_work("Other", chapters=["It rained. Rain, rain, rain all day."]))
    assert titles(search(lib, "rain")) == ["Rain", "Other"]


def test_blocklist_hides_works_and_counts_them(lib: Library) -> None:
    blocklist.add(lib, 'warning:"Rape/Non-Con"')
    r = search(lib, "", sort="title")
    assert "Patrol" not in titles(r) and r.hidden == 1 and r.total == 5
    shown = search(lib, "", sort="title", apply_blocklist=False)
    assert "Patrol" in titles(shown) and shown.hidden == 0
    # The inferred warning on "Long Road" (0.45) is below the threshold.
    assert "Long Road" in titles(r)


def test_blocklist_honours_synonyms_and_inferred_tags(lib: Library) -> None:
    blocklist.add(lib, "character:Wes")
    r = search(lib, "")
    assert {"Ink and Ash", "Watcher's Diary"}.isdisjoint(titles(r)) and r.hidden == 2


def test_blocklist_ignores_a_searchs_lower_min_confidence(lib: Library) -> None:
    blocklist.add(lib, "warning:noncon")
    r = search(lib, "", min_confidence=0.1)
    assert "Long Road" in titles(r) and r.hidden == 1


def test_blocklist_persists_and_entries_can_be_removed(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    lib = Library.open(path)
    entry = blocklist.add(lib, "tag:spiders")
    assert blocklist.add(lib, "tag:spiders").id == entry.id  # no duplicates
    lib.close()
    again = Library.open(path)
    assert [e.query for e in blocklist.entries(again)] == ["tag:spiders"]
    blocklist.remove(again, entry.id)
    assert blocklist.entries(again) == []
    with pytest.raises(NotFound):
        blocklist.remove(again, entry.id)


def test_blocklist_refuses_malformed_or_empty_queries(lib: Library) -> None:
    with pytest.raises(QueryError):
        blocklist.add(lib, 'warning:"Rape')
    with pytest.raises(QueryError):
        blocklist.add(lib, "   ")


def test_index_follows_updates_and_removals(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "u.db")
    w = make_work("Lamp", chapters=["A lamp in the window."])
    lib.save(w)
    assert titles(search(lib, "window")) == ["Lamp"]
    w.chapters[0].text = "A lamp by the door."
    lib.save(w)
    assert titles(search(lib, "window")) == [] and titles(search(lib, "door")) == ["Lamp"]
    lib.remove(w.id)
    assert search(lib, "door").total == 0
    with lib.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM works_fts")).scalar() == 0


def test_user_tag_set_later_is_searchable(lib: Library) -> None:
    wid = lib.ids()[0]
    lib.set_tag(wid, Tag("freeform", "Rainy Days", source="user"))
    assert [w.id for w in search(lib, 'tag:"rainy days"').works] == [wid]


def test_old_library_without_an_index_is_indexed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    lib = Library.open(path)
    lib.save(make_work("Lantern", chapters=["The lantern swung."]))
    with lib.engine.begin() as conn:
        conn.execute(text("DROP TABLE works_fts"))
    lib.close()
    assert titles(search(Library.open(path), "lantern")) == ["Lantern"]


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE works; --",
        "\" OR 1=1 --'",
        "title:\"x' OR '1'='1\"",
        "NEAR(dragon tattoo, 5)",
        "dragon AND NOT tattoo",
        "{title body}: dragon",
        "^dragon",
        "dragon*",
        "tag:%",
        "tag:_",
        "author:%' --",
        'fandom:"\'); DELETE FROM tags; --"',
        "\x00",
        "𝔡𝔯𝔞𝔤𝔬𝔫 🐉",
    ],
)
def test_hostile_queries_are_harmless(lib: Library, q: str) -> None:
    before = (lib.count(), search(lib, "", facets=False).total)
    try:
        search(lib, q)
    except QueryError:
        pass
    assert (lib.count(), search(lib, "", facets=False).total) == before
    assert search(lib, "tattoo").total == 2


def test_sql_and_fts_operators_are_searched_as_words(lib: Library) -> None:
    assert titles(search(lib, "NEAR(a b)")) == ["Untagged"]
    assert titles(search(lib, '"mentions near"')) == ["Untagged"]
    assert search(lib, "tag:%").total == 0  # % is a literal character, not a wildcard


def test_a_100_kb_query_is_refused_with_a_message(lib: Library) -> None:
    with pytest.raises(QueryError, match="too long") as info:
        search(lib, "x" * 100_000)
    assert len(info.value.query) < 11_000


def test_tokens_strip_every_fts_operator() -> None:
    assert fts.tokens('"a" NEAR(b c)* -d ^e {f}: g OR h') == [
        "a", "near", "b", "c", "d", "e", "f", "g", "or", "h",
    ]  # fmt: skip
