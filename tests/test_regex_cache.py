"""Large patterns compiled once per machine: the cached pattern matches exactly as
``re.compile`` does, and a damaged cache file is ignored, never trusted."""

from __future__ import annotations

import marshal
import re
import shutil
from pathlib import Path

import pytest

from fandex import regex_cache
from fandex.tag.cues_lexicon import default_lexicon

_TEXT = (
    "He didn't stab him. She'd been kidnapped years ago, and the blood on the floor "
    "was old; they killed time at the station, bored to death, then fought in the rain."
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "fandex" / "regex"


def _matches(p: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in p.finditer(text)]


def test_the_cue_scanner_from_the_cache_matches_as_compiled(cache: Path) -> None:
    source = default_lexicon().scanner.pattern
    shutil.rmtree(cache, ignore_errors=True)  # whatever building the lexicon kept
    fresh = regex_cache.compile_cached(source)
    assert len(list(cache.iterdir())) == 1  # compiled and kept
    again = regex_cache.compile_cached(source)
    text = " " + _TEXT.lower() * 3
    assert _matches(again, text) == _matches(re.compile(source), text) == _matches(fresh, text)
    assert _matches(again, text)  # the text does hold cues
    assert (again.groups, again.flags, again.pattern) == (fresh.groups, fresh.flags, source)


def test_named_groups_survive_the_cache(cache: Path) -> None:
    source = "(?P<word>" + "|".join(f"w{i}x" for i in range(2000)) + r")\b"
    regex_cache.compile_cached(source)
    again = regex_cache.compile_cached(source)
    m = again.search("a w1999x b")
    assert m is not None and m.group("word") == "w1999x"
    assert again.groupindex == {"word": 1}


def test_a_damaged_cache_file_is_ignored(cache: Path) -> None:
    source = r"\b(?:" + "|".join(f"term{i}" for i in range(1500)) + r")\b"
    regex_cache.compile_cached(source)
    (kept,) = cache.iterdir()
    kept.write_bytes(b"\x00not marshal data")
    assert regex_cache.compile_cached(source).findall("a term77 b") == ["term77"]
    kept.write_bytes(marshal.dumps((32, [1, 2, 3], 0, {}, [None])))  # bad code
    assert regex_cache.compile_cached(source).findall("term1499") == ["term1499"]


def test_small_patterns_are_not_cached(cache: Path) -> None:
    assert regex_cache.compile_cached(r"\bsnow\b").search("snow") is not None
    assert not cache.exists()
