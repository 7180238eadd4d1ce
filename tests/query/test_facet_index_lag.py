"""The facet index may lag another process's writes in a background count, never this
process's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fandex.library import Library
from fandex.query import facets
from fandex.search import FACET_TYPES, context
from fandex.test.helper import make_work


def _index(lib: Library) -> facets.Index:
    with lib.engine.connect() as conn:
        return facets.index_for(conn, str(lib.engine.url), context(lib), FACET_TYPES)


def test_a_write_by_another_process_is_tolerated_a_while_one_of_ours_never(
    tmp_path: Path,
) -> None:
    lib = Library.open(tmp_path / "lag.db")
    lib.save(make_work("First", tags=[("fandom", "Harbour Tales")]))
    first = _index(lib)
    # Another process adds a work: this one's store hooks do not hear of it.
    script = (
        "import sys; from fandex.library import Library; from fandex.test.helper import "
        "make_work; Library.open(sys.argv[1]).save(make_work('Second', tags=[('fandom', 'Coast')]))"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "lag.db")], check=True)
    with facets.tolerate_stale_index(60):
        assert _index(lib) is first  # reused: counted without a rebuild
    rebuilt = _index(lib)  # outside the block the change is seen at once
    assert rebuilt is not first and ("fandom", "Coast") in rebuilt.names
    lib.save(make_work("Third", tags=[("fandom", "Lighthouse")]))  # a write of our own
    with facets.tolerate_stale_index(60):
        assert ("fandom", "Lighthouse") in _index(lib).names
