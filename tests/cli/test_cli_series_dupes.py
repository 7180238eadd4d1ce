"""``fandex series`` and ``fandex dupes`` as a collector uses them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "library"))
from versions_story import write_copies

from fandex.test.helper import write_fic


def test_series_lists_parts_in_order_and_names_the_gaps(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fics"
    for n, title in ((3, "Ebb"), (1, "Flood")):
        write_fic(
            folder,
            f"{title}.txt",
            {"Title": title, "Series": f"Tidewater, part {n} of 4"},
            f"The water came in for the {n} time and went out again slowly.",
        )
    assert run("import", str(folder))[0] == 0
    code, out, _ = run("series")
    assert code == 0 and "Tidewater  (2 works)" in out
    code, out, _ = run("series", "tidewater")
    assert code == 0
    assert out.index("Flood") < out.index("Ebb")
    assert "missing: 2, 4" in out
    record = json.loads(run("series", "Tidewater", "--json")[1])
    assert [p["position"] for p in record["parts"]] == [1, 3] and record["missing"] == [2, 4]
    code, _, err = run("series", "No Such Series")
    assert code == 1 and "no series called" in err


def test_dupes_lists_groups_and_split_and_merge_change_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copies = write_copies(tmp_path / "fics")
    assert run("import", str(copies["full"].parent))[0] == 0
    code, out, _ = run("dupes")
    assert code == 0 and "The Lamplighter's Road  (4 copies)" in out
    assert "only here: chapter 3" in out
    groups = json.loads(run("dupes", "--json")[1])["groups"]
    assert len(groups) == 1 and groups[0][0]["role"] == "primary"
    snap = next(v["id"] for v in groups[0] if v["source"]["path"].endswith("ch1.txt"))
    assert run("dupes", "split", snap[:10])[0] == 0
    assert len(json.loads(run("dupes", "--json")[1])["groups"][0]) == 3
    ls = json.loads(run("ls", "--json")[1])
    assert len(ls) == 3  # the story, the split snapshot, the unrelated story
    assert run("dupes", "merge", snap[:10], groups[0][0]["id"][:10])[0] == 0
    assert len(json.loads(run("dupes", "--json")[1])["groups"][0]) == 4
    code, out, _ = run("dupes", "rescan")
    assert code == 0 and "1 groups" in out
    code, _, err = run("dupes", "merge", snap[:10], snap[:10])
    assert code == 1 and "two different works" in err
