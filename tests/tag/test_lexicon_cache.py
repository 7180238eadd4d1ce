"""The built-in cue lexicon kept on disk between processes: what a process loads is the
lexicon a fresh build makes, and a damaged file is made again, never trusted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fandex.tag import cue_terms, cues_lexicon
from fandex.tag.context_rules import default_rules
from fandex.tag.cues_lexicon import Lexicon, build, load_tables


def _fresh() -> Lexicon:
    return build(load_tables(), default_rules().kinds)


def _same(a: Lexicon, b: Lexicon) -> bool:
    parts = ("concepts", "literal", "prefix", "pattern_source", "context")
    return (
        all(getattr(a, p) == getattr(b, p) for p in parts)
        and list(a.concepts) == list(b.concepts)
        and (a.scanner.pattern, a.masks.pattern) == (b.scanner.pattern, b.masks.pattern)
    )


def _loaded() -> Lexicon:
    return cues_lexicon.default_lexicon.__wrapped__()


def _kept() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "fandex" / "lexicon"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_lexicon_from_the_cache_is_the_one_a_build_makes() -> None:
    first = _loaded()  # built, and kept
    assert len(_kept()) == 1
    again = _loaded()  # loaded from the file
    fresh = _fresh()
    assert _same(first, fresh) and _same(again, fresh)
    text = " he didn't stab him; she'd been kidnapped years ago. blood on the floor."
    assert [m.group(1) for m in again.scanner.finditer(text)] == [
        m.group(1) for m in fresh.scanner.finditer(text)
    ]
    assert again.concepts_of("kidnapped") == fresh.concepts_of("kidnapped") != ()


def test_a_damaged_lexicon_file_is_built_again() -> None:
    _loaded()
    (kept,) = _kept()
    kept.write_bytes(b"\x00not marshal data")
    assert _same(_loaded(), _fresh())
    kept.write_bytes(b"\xe9")  # marshal data of another shape (a float marker, cut short)
    assert _same(_loaded(), _fresh())


def test_without_source_files_to_key_on_the_lexicon_is_built_and_not_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cue_terms, "__file__", str(tmp_path / "missing.py"))
    assert _same(_loaded(), _fresh())
    assert _kept() == []
