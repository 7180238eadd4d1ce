"""``fandex retag`` runs the taggers again over stored works; a cluster run is refused
(one line, exit 2) where the library cannot take writers from many machines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library
from fandex.model import Tag
from fandex.test.helper import write_fic


def _invoke(lib: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--library", str(lib), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_retag_makes_a_dropped_guess_again_and_keeps_stated_tags(tmp_path: Path) -> None:
    folder = tmp_path / "fics"
    header = {"Title": "Crypt", "Fandom": "Buffy the Vampire Slayer", "Rating": "PG-13"}
    write_fic(folder, "crypt.txt", header, "Buffy and Willow sat in the crypt. Willow read. " * 8)
    db = tmp_path / "lib.db"
    assert _invoke(db, "import", "-j", "1", str(folder))[0] == 0
    lib = Library.open(db)
    work = next(lib.iter_works(with_text=True))
    guessed = [t for t in work.tags if t.source == "inferred" and t.type == "character"]
    assert guessed
    work.tags = [t for t in work.tags if t not in guessed]  # as an older tagger left it
    lib.save(work)
    code, out, _ = _invoke(db, "retag", "--json")
    assert code == 0 and json.loads(out)["counts"] == {"retagged": 1}
    again = lib.get(work.id)
    assert {t.name for t in again.tags_of("character")} == {t.name for t in guessed}
    assert again.find_tag("rating", "Teen And Up Audiences") is not None
    code, out, _ = _invoke(
        db, "retag", "title:Crypt", "--tagger", "fandom", "--tagger", "characters"
    )
    assert code == 0 and "0 retagged, 1 unchanged" in out
    lib.set_tag(work.id, Tag("freeform", "Mine", source="user"))
    assert _invoke(db, "retag")[0] == 0
    assert lib.get(work.id).find_tag("freeform", "Mine") is not None
    lib.close()


def test_a_remote_cluster_needs_a_postgresql_library(tmp_path: Path) -> None:
    code, _, err = _invoke(tmp_path / "x.db", "import", "--cluster", "tcp://sched:8786", ".")
    assert code == 2 and "PostgreSQL library" in err and len(err.strip().splitlines()) == 1
