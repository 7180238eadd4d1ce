"""One bad file never stops a cluster import: a damaged archive, an unreadable file or
a part whose task fails as a whole (its worker died, a bug outside a file's boundary)
fails alone, with its reason, and every other file is imported."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from fandex.cluster import cluster_import
from fandex.cluster.run import Cluster
from fandex.importer import TaggingOptions
from fandex.library import Library
from fandex.test.helper import write_fic

pytest.importorskip("distributed")


def _damaged_zip() -> bytes:
    """A zip whose only member's deflate stream is noise, and whose directory claims a
    zip version from the future."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inside.txt", "Title: Inside\n\nA story in a damaged zip. " * 40)
    data = bytearray(buf.getvalue())
    data[60:76] = bytes([0xFF] * 16)
    directory = data.find(b"PK\x01\x02")
    data[directory + 6 : directory + 8] = (99).to_bytes(2, "little")
    return bytes(data)


def test_a_cluster_import_fails_bad_files_alone(tmp_path: Path) -> None:
    folder = tmp_path / "fics"
    for i, name in enumerate(("a-rain", "c-snow")):
        write_fic(folder, f"{name}.txt", {"Title": name, "Author": f"w{i}"}, f"{name} fell. " * 30)
    (folder / "b-damaged.zip").write_bytes(_damaged_zip())
    (folder / "b-empty.txt").write_bytes(b"\n\n")
    location = str(tmp_path / "library.db")
    Library.open(location).close()
    report = cluster_import(location, [folder], "local", workers=1, dashboard=False, partition=4)
    assert report.counts["imported"] == 2
    reasons = {Path(f["path"]).name: f["reason"] for f in report.failed}
    assert set(reasons) == {"b-damaged.zip", "b-empty.txt"}
    assert "zip feature fandex cannot read" in reasons["b-damaged.zip"]
    assert reasons["b-empty.txt"] == "the file is empty"
    lib = Library.open(location)
    try:
        assert sorted(w.title for w in lib.iter_works(lib.ids())) == ["a-rain", "c-snow"]
    finally:
        lib.close()


def test_a_part_that_fails_whole_is_retried_unit_by_unit(tmp_path: Path) -> None:
    location = str(tmp_path / "library.db")
    Library.open(location).close()

    def task(_extra: Any, units: list[str]) -> dict[str, Any]:
        if "bad" in units:  # as if this unit took its worker down
            raise RuntimeError("the worker was lost")
        return {"counts": {"imported": len(units)}, "failed": [], "files": len(units)}

    cluster = Cluster("local", location, TaggingOptions(), workers=1, dashboard=False)
    try:
        parts: list[dict[str, Any]] = []
        report = cluster.run(task, [["a", "bad", "c"], ["d"]], None, parts.append)
    finally:
        cluster.close()
    assert report.counts == {"imported": 3, "failed": 1}
    assert report.failed == [
        {
            "path": "bad",
            "status": "failed",
            "reason": "the cluster task reading it failed (RuntimeError: the worker was lost)",
        }
    ]
    assert sum(p["files"] for p in parts) == 4
