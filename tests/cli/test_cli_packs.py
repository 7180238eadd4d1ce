"""``fandex packs``: list, show, check and learn, through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library
from fandex.model import Chapter, Evidence, Source, Tag, Work
from fandex.vocab.packs import reset_cache


@pytest.fixture
def packs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "mypacks"
    monkeypatch.setenv("FANDEX_PACKS", str(folder))
    reset_cache()
    yield folder
    reset_cache()


def invoke(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.db"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_packs_list_json_names_every_builtin(tmp_path: Path, packs_dir: Path) -> None:
    code, out, _ = invoke(tmp_path, "packs", "list", "--json")
    assert code == 0
    fandoms = {p["fandom"] for p in json.loads(out)}
    assert "Buffy the Vampire Slayer (TV)" in fandoms and len(fandoms) >= 27


def test_packs_show_by_alias_and_unknown_name_fails_in_one_line(
    tmp_path: Path, packs_dir: Path
) -> None:
    code, out, _ = invoke(tmp_path, "packs", "show", "BtVS", "--json")
    assert code == 0 and json.loads(out)["ships"]["Spuffy"] == "Buffy Summers/Spike"
    code, _, err = invoke(tmp_path, "packs", "show", "No Such Fandom")
    assert code == 1 and err.strip().count("\n") == 0 and "no pack" in err


def test_packs_check_reports_a_bad_file_and_exits_1(tmp_path: Path, packs_dir: Path) -> None:
    packs_dir.mkdir()
    (packs_dir / "bad.toml").write_text('fandom = "X"\ncharacters = [{ gender = "M" }]\n')
    code, out, _ = invoke(tmp_path, "packs", "check")
    assert code == 1 and "bad.toml: characters[0]: needs a 'name'" in out
    (packs_dir / "bad.toml").unlink()
    code, _, err = invoke(tmp_path, "packs", "check")
    assert code == 0 and "0 with problems" in err


def test_packs_learn_writes_a_user_pack_the_taggers_then_use(
    tmp_path: Path, packs_dir: Path
) -> None:
    lib = Library.open(tmp_path / "l.db")
    text = "Mara looked at Tobin. Mara laughed. Tobin smiled at Mara. Tobin left. " * 2
    w = Work(title="Harbour", chapters=[Chapter(1, text=text)])
    w.source = Source(path="h.txt", format="txt", sha256="ab" * 32)
    w.id = "ab" * 8
    for type_, name in (
        ("fandom", "Harbour Tales"),
        ("character", "Mara Quell"),
        ("character", "Tobin Ashe"),
    ):
        w.add_tag(Tag(type_, name, evidence=[Evidence(field="tags")]))
    lib.save(w)
    # A second work states only its fandom; re-tagging names its people from the new pack.
    other = Work(title="Ice", chapters=[Chapter(1, text="Tobin waved. Mara laughed. " * 3)])
    other.source = Source(path="i.txt", format="txt", sha256="cd" * 32)
    other.id = "cd" * 8
    other.add_tag(Tag("fandom", "Harbour Tales", evidence=[Evidence(field="tags")]))
    lib.save(other)
    lib.close()
    code, _, err = invoke(tmp_path, "packs", "learn")
    assert code == 0, err
    assert "re-tagged" in err
    lib = Library.open(tmp_path / "l.db")
    retagged = lib.get("cd" * 8)
    lib.close()
    inferred = {t.name for t in retagged.tags_of("character") if t.source == "inferred"}
    assert inferred == {"Mara Quell", "Tobin Ashe"}
    written = packs_dir / "learned-harbour-tales.toml"
    assert written.exists()
    reset_cache()
    code, out, _ = invoke(tmp_path, "packs", "show", "Harbour Tales", "--json")
    assert code == 0
    chars = {c["name"]: c.get("aliases", []) for c in json.loads(out)["characters"]}
    assert chars == {"Mara Quell": ["Mara"], "Tobin Ashe": ["Tobin"]}
