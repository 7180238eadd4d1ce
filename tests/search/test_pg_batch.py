"""PostgreSQL: a batch of new works goes into the index with COPY, a batch of stored
ones replaces their vectors; search finds exactly what SQLite finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fresh_pg_library

from fandex.library import Library
from fandex.library.store import prepare
from fandex.model import Work
from fandex.search import search
from fandex.test.helper import make_work

pytestmark = pytest.mark.postgres


def _works(texts: list[str]) -> list[Work]:
    return [make_work(f"Batch {i}", chapters=[t]) for i, t in enumerate(texts)]


def test_pg_batches_index_new_and_replaced_works_like_sqlite(
    pg_server: str, tmp_path: Path
) -> None:
    pg, lite = fresh_pg_library(pg_server), Library.open(tmp_path / "lib.db")
    texts = ["a red kettle sang", "the kettle was blue", "nothing here"]
    try:
        for lib in (pg, lite):
            works = _works(texts)
            lib.save_many(works, [prepare(w, lib.dialect) for w in works])
        for q in ("kettle", '"red kettle"', "nothing"):
            assert search(pg, q).total == search(lite, q).total > 0
        changed = ["a green teapot", "the kettle was blue", "nothing here at all"]
        for lib in (pg, lite):
            lib.save_many(_works(changed))  # stored again: the vectors are replaced
        for q in ("kettle", "teapot", "red", '"here at all"'):
            assert [w.id for w in search(pg, q).works] == [w.id for w in search(lite, q).works]
        assert search(pg, "red").total == 0 and search(pg, "teapot").total == 1
    finally:
        pg.close()
        lite.close()
