"""Stated wins in search, facets and the blocklist, alike on SQLite, on PostgreSQL, through
the in-memory index and in Python: a guessed rating or warning never counts where the
author's word decides the type, and ``suspect:`` / ``flagged:`` opt in to the guesses.

The corpus holds guesses the library reconciled into flags when it stored them, and
guesses written straight into the tags table, as a library imported before "stated
wins" holds them (the query layer must not count those either)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fresh_pg_library
from search_corpus import I, S, _work
from sqlalchemy import insert

from fandex.library import Library, blocklist, schema
from fandex.model import Tag, Work
from fandex.query import facets, parse
from fandex.search import FACET_TYPES, context, search

pytestmark = pytest.mark.postgres

BODY = ["They walked to the harbour and talked about the weather."]


def _user(type_: str, name: str, **attrs: object) -> Tag:
    return Tag(type_, name, source="user", attrs=dict(attrs))


def stated_wins_corpus() -> list[Work]:
    def w(n: int, title: str, tags: list[Tag]) -> Work:
        return _work(f"{n:016x}", title, BODY, tags)

    return [
        # The author said no warnings apply; fandex read Underage Sex at 0.79.
        w(
            1,
            "Nawa",
            [
                S("warning", "No Archive Warnings Apply"),
                S("rating", "Explicit"),
                I("warning", "Underage Sex", 0.79),
            ],
        ),
        # The author rated it Mature; fandex read it as Explicit: one level, the model's
        # own error, so no flag either.
        w(2, "Rated Mature", [S("rating", "Mature"), I("rating", "Explicit", 0.9)]),
        # Nothing stated: the guesses are all a reader has, and they count.
        w(3, "Unsaid", [I("warning", "Underage Sex", 0.8), I("rating", "Explicit", 0.8)]),
        # The author declined to warn or rate: the guesses count.
        w(
            4,
            "Declined",
            [
                S("warning", "Creator Chose Not To Use Archive Warnings"),
                S("rating", "Not Rated"),
                I("warning", "Rape/Non-Con", 0.7),
                I("rating", "Mature", 0.7),
            ],
        ),
        # A person rejected the stated warning: the guess counts again.
        w(
            5,
            "Overruled",
            [
                _user("warning", "No Archive Warnings Apply", rejected=True),
                I("warning", "Graphic Depictions Of Violence", 0.8),
            ],
        ),
        # A person rated it: that decides.
        w(
            6,
            "Person Rated",
            [_user("rating", "General Audiences"), I("rating", "Mature", 0.9)],
        ),
        # A guess below the warning threshold, against the author.
        w(
            7,
            "Unsure",
            [S("warning", "No Archive Warnings Apply"), I("warning", "Rape/Non-Con", 0.3)],
        ),
        # Stated warning and opt-out together leave the list open.
        w(
            8,
            "Open List",
            [
                S("warning", "Major Character Death"),
                S("warning", "Choose Not To Use Archive Warnings"),
                I("warning", "Underage Sex", 0.6),
            ],
        ),
        # No guesses at all.
        w(
            9,
            "Plain",
            [S("warning", "No Archive Warnings Apply"), S("rating", "General Audiences")],
        ),
        # Stored before "stated wins" (see _old_rows): guesses beside the author's word.
        w(
            10,
            "Old Library",
            [S("warning", "No Archive Warnings Apply"), S("rating", "Teen And Up Audiences")],
        ),
        # The author rated it Teen; fandex read it as Explicit, two levels above: a flag.
        w(11, "Rated Teen", [S("rating", "Teen And Up Audiences"), I("rating", "Explicit", 0.9)]),
    ]


# Guesses written straight into the tags table, past the store's reconciling.
OLD_ROWS = [
    ("000000000000000a", I("warning", "Major Character Death", 0.9)),
    ("000000000000000a", Tag("rating", "Explicit", "learned", 0.95, tagger="learned")),
]


def _fill(lib: Library) -> Library:
    for work in stated_wins_corpus():
        lib.save(work)
    with lib.engine.begin() as conn:
        for work_id, tag in OLD_ROWS:
            conn.execute(
                insert(schema.tags).values(
                    work_id=work_id,
                    type=tag.type,
                    name=tag.name,
                    source=tag.source,
                    confidence=tag.confidence,
                    tagger=tag.tagger,
                    evidence_json="[]",
                    attrs_json=json.dumps(tag.attrs),
                )
            )
    return lib


@pytest.fixture(scope="module")
def libs(
    tmp_path_factory: pytest.TempPathFactory, pg_server: str
) -> Iterator[tuple[Library, Library]]:
    sqlite = _fill(Library.open(Path(tmp_path_factory.mktemp("stated")) / "lib.db"))
    pg = _fill(fresh_pg_library(pg_server))
    yield sqlite, pg
    sqlite.close()
    pg.close()


EXPECTED = {
    'warning:"Underage Sex"': {"Unsaid", "Open List"},
    "warning:underage": {"Unsaid", "Open List"},
    "warning:noncon": {"Declined"},
    "warning:mcd": {"Open List"},
    "warning:violence": {"Overruled"},
    'warning:"No Archive Warnings Apply"': {"Nawa", "Unsure", "Plain", "Old Library"},
    "rating:E": {"Nawa", "Unsaid"},
    "rating:M": {"Rated Mature", "Declined"},
    "rating:T": {"Old Library", "Rated Teen"},
    "rating:G": {"Person Rated", "Plain"},
    'suspect:"Underage Sex"': {"Nawa", "Unsaid", "Open List"},
    "suspect:E": {"Nawa", "Rated Teen", "Unsaid", "Old Library"},
    "suspect:mcd": {"Open List", "Old Library"},
    "suspect:noncon": {"Declined"},  # Unsure's guess is below the threshold
    "suspect:>=T": {
        "Nawa",
        "Rated Mature",
        "Unsaid",
        "Declined",
        "Person Rated",
        "Old Library",
        "Rated Teen",
    },
    "flagged:warning": {"Nawa"},
    "flagged:rating": {"Rated Teen", "Person Rated"},
    "flagged:yes": {"Nawa", "Rated Teen", "Person Rated"},
    "source:learned": set(),
}
ALL = {w.title for w in stated_wins_corpus()}


def _titles(lib: Library, q: str, **kw: object) -> set[str]:
    result = search(lib, q, per_page=1000, **kw)  # type: ignore[arg-type]
    return {w.title for w in result.works}


@pytest.mark.parametrize("q", sorted(EXPECTED))
def test_guesses_never_count_against_the_author_on_either_backend(
    libs: tuple[Library, Library], q: str, path: str
) -> None:
    sqlite, pg = libs
    assert _titles(sqlite, q) == _titles(pg, q) == EXPECTED[q]
    works = list(sqlite.iter_works(sqlite.ids()))
    assert {w.title for w in works if parse(q).match(w, context(sqlite))} == EXPECTED[q]


@pytest.mark.parametrize(
    ("q", "included"),
    [
        ("-rating:E", "rating:E"),
        ('-warning:"Underage Sex"', "warning:underage"),
        ("-suspect:E", "suspect:E"),
        ("flagged:no", "flagged:yes"),
    ],
)
def test_an_exclusion_is_the_complement_alike_everywhere(
    libs: tuple[Library, Library], q: str, included: str, path: str
) -> None:
    sqlite, pg = libs
    assert _titles(sqlite, q) == _titles(pg, q) == ALL - _titles(sqlite, included)


def test_excluding_explicit_keeps_the_work_its_author_rated_mature(
    libs: tuple[Library, Library],
) -> None:
    for lib in libs:
        assert "Rated Mature" in _titles(lib, "-rating:explicit")


def test_facets_count_the_authors_word_not_the_guess(
    libs: tuple[Library, Library], path: str
) -> None:
    for lib in libs:
        counts = search(lib, "", apply_blocklist=False).facets
        warnings, ratings = dict(counts["warning"]), dict(counts["rating"])
        assert warnings["Underage Sex"] == 2  # Unsaid and Open List, not Nawa
        assert "Major Character Death" in warnings and warnings["Major Character Death"] == 1
        assert ratings["Explicit"] == 2  # Nawa (stated) and Unsaid; not Rated Teen
        assert ratings["Teen And Up Audiences"] == 2  # Old Library, Rated Teen
        assert ratings.get("Mature") == 2  # Rated Mature, Declined; not Person Rated


@pytest.mark.parametrize("q", ["", "rating:>=T", "-warning:underage"])
def test_fast_facet_counts_equal_the_sql_reference(libs: tuple[Library, Library], q: str) -> None:
    for lib in libs:
        ctx = context(lib)
        visible = parse(q).sql(ctx)
        with lib.engine.connect() as conn:
            reference = facets.sql_counts(conn, visible, ctx, FACET_TYPES)
            fast = facets.index_counts(conn, str(lib.engine.url), visible, ctx, FACET_TYPES)
        assert fast == reference


def test_a_warning_block_never_hides_a_work_on_a_guess_against_its_author(
    libs: tuple[Library, Library], path: str
) -> None:
    for lib in libs:
        entry = blocklist.add(lib, 'warning:"Underage Sex"')
        try:
            result = search(lib, "", per_page=1000)
            shown = {w.title for w in result.works}
            assert "Nawa" in shown and "Unsaid" not in shown and result.hidden == 2
        finally:
            blocklist.remove(lib, entry.id)


def test_a_suspected_block_also_hides_the_flagged_work(
    libs: tuple[Library, Library], path: str
) -> None:
    for lib in libs:
        entry = blocklist.add(lib, 'warning:"Underage Sex"', suspected=True)
        assert entry.query == 'suspect:"Underage Sex"'
        try:
            shown = _titles(lib, "")
            assert not {"Nawa", "Unsaid", "Open List"} & shown and "Plain" in shown
        finally:
            blocklist.remove(lib, entry.id)
