"""PostgreSQL: a page of works read in one round trip (the driver's pipeline) comes
back exactly as SQLite gives it, every table a work spans included."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import fresh_pg_library

from fandex.library import Library
from fandex.model import Evidence, Footnote, SeriesEntry, Source, Tag, Work
from fandex.search import search
from fandex.test.helper import make_work

pytestmark = pytest.mark.postgres


def _works() -> list[Work]:
    out = []
    for i in range(3):
        work = make_work(
            f"Loaded {i}",
            authors=["First Author", "Second Author"][: i + 1],
            chapters=["One line.", "Another line, longer."][: i + 1],
            tags=[("rating", "Mature"), ("fandom", "Harbour Town")],
            summary="A summary." if i else None,
            status="complete",
            published="2020-01-0" + str(i + 1),
            series=[SeriesEntry("Frost Cycle", 1.5 + i, 4)],
            source_ids={"ao3": str(1000 + i)},
            footnotes=[Footnote("1", "A note.")],
        )
        work.add_tag(
            Tag(
                "warning",
                "Graphic Depictions Of Violence",
                source="inferred",
                confidence=0.75,
                evidence=[Evidence(chapter=1, start=0, end=3, quote="One")],
            )
        )
        work.source = Source(f"/fics/{i}.txt", "txt", f"{i}" * 64)
        out.append(work)
    return out


def _dicts(works: Iterable[Work], with_text: bool = False) -> list[dict[str, Any]]:
    out = [w.to_dict(with_text=with_text) for w in works]
    for d in out:  # the import time is the clock's
        d["source"].pop("imported", None)
    return out


@pytest.mark.parametrize("with_text", [False, True])
def test_pg_loaded_works_equal_sqlites(pg_server: str, tmp_path: Path, with_text: bool) -> None:
    pg, lite = fresh_pg_library(pg_server), Library.open(tmp_path / "lib.db")
    try:
        for lib in (pg, lite):
            lib.save_many(_works())
        ids = sorted(w.id for w in _works())
        got = _dicts(pg.iter_works(ids, with_text=with_text), with_text)
        assert got == _dicts(lite.iter_works(ids, with_text=with_text), with_text)
        assert len(got) == 3 and got[2]["tags"] and got[2]["chapters"]
        assert got[2]["series"] == [{"name": "Frost Cycle", "position": 3.5, "total": 4}]
        # A search's page is read the same way.
        page = sorted(search(pg, "line").works, key=lambda w: w.id)
        assert _dicts(page) == _dicts(lite.iter_works(ids))
    finally:
        pg.close()
        lite.close()
