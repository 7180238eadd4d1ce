"""A Dask LocalCluster (two worker processes) imports into PostgreSQL the same library a
local import makes: same works, tags and sources; a second run changes nothing; a run
cut short and started again finishes the job; re-tagging on the cluster keeps it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from fandex.cluster import cluster_import, cluster_retag
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.test.helper import fresh_pg_library, write_fic

pytest.importorskip("distributed")
pytestmark = pytest.mark.postgres

STORIES = [
    ("Lanterns", "Buffy the Vampire Slayer", "Buffy Summers/Spike", "PG-13",
     "Buffy watched Spike light the lanterns along the crypt wall, one by one."),
    ("Tea at Four", "Doctor Who", "", "G",
     "The Doctor made tea badly and Rose drank it anyway, laughing at the TARDIS."),
    ("The Long Road", "Supernatural", "Dean Winchester & Sam Winchester", "R",
     "Dean drove through the night while Sam slept; the road hummed under the Impala."),
    ("Paper Boats", "Harry Potter - J. K. Rowling", "", "G",
     "Hermione folded paper boats in the common room and Ron sank every one of them."),
    ("Snowfall", "Sherlock (TV)", "John Watson/Sherlock Holmes", "NC-17",
     "Snow fell on Baker Street. John said nothing; Sherlock played the violin till dawn."),
]  # fmt: skip


def corpus(root: Path) -> Path:
    """Seven files: five fics, a copy of one under another name, a zip of two more."""
    folder = root / "fics"
    for i, (title, fandom, pairing, rating, text) in enumerate(STORIES):
        header = {"Title": title, "Author": f"writer{i}", "Fandom": fandom, "Rating": rating}
        if pairing:
            header["Pairing"] = pairing
        write_fic(folder, f"{i:02d}-{title.lower().replace(' ', '_')}.txt", header, text * 6)
    (folder / "00-copy.txt").write_bytes((folder / "00-lanterns.txt").read_bytes())
    with zipfile.ZipFile(folder / "more.zip", "w") as zf:
        zf.writestr("a.txt", "Title: Inside A\nAuthor: zipper\n\nA story kept in a zip file.\n")
        zf.writestr("b.txt", "Title: Inside B\nAuthor: zipper\n\nAnother story in the zip.\n")
    return folder


def records(lib: Library) -> dict[str, dict[str, object]]:
    out = {}
    for work in lib.iter_works(lib.ids(), with_text=True):
        rec = work.to_dict(with_text=True)
        rec.pop("source")  # which copy was met first differs; every source is compared below
        out[work.id] = rec
    return out


def sources(lib: Library) -> set[tuple[str, str, str]]:
    from sqlalchemy import select

    from fandex.library import schema

    s = schema.sources
    with lib.engine.connect() as conn:
        rows = conn.execute(select(s.c.path, s.c.work_id, s.c.sha256)).all()
    return {(Path(r[0]).name, r[1], r[2]) for r in rows}


def test_cluster_import_into_postgresql_equals_a_local_import(
    tmp_path: Path, pg_server: str
) -> None:
    folder = corpus(tmp_path)
    local, remote = fresh_pg_library(pg_server), fresh_pg_library(pg_server)
    try:
        ImportSession(local, jobs=1).run([folder])
        # Cut short: only the zip made it before the job was killed.
        first = cluster_import(remote.location, [folder / "more.zip"], "local", workers=2,
                               dashboard=False, partition=2)  # fmt: skip
        assert first.counts["imported"] == 2
        report = cluster_import(remote.location, [folder], "local", workers=2,
                                dashboard=False, partition=2)  # fmt: skip
        assert report.partitions >= 3 and not report.failed
        assert report.counts["imported"] == 5 and report.counts["unchanged"] == 3  # zip + copy
        assert records(remote) == records(local)
        assert (
            sources(remote) == sources(local) and len(sources(local)) == 8
        )  # a copy met in the same run is one more source of its work
        again = cluster_import(remote.location, [folder], "local", workers=2, dashboard=False)
        assert dict(again.counts) == {"unchanged": 8}
        retagged = cluster_retag(remote.location, remote.ids(), "local", workers=2,
                                 names=("fandom", "characters", "relationships"),
                                 dashboard=False)  # fmt: skip
        assert retagged.counts["unchanged"] == 7 and not retagged.failed
        assert records(remote) == records(local)
    finally:
        local.close()
        remote.close()
