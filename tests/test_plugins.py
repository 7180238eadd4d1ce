"""A broken third-party plugin costs its own format or tag, never every import."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from fandex import plugins
from fandex.read import read_bytes


@dataclass
class _FakeEntryPoint:
    """What plugins reads of an entry point: its name, value, group and load()."""

    name: str
    group: str
    error: Exception | None = None
    made: Any = None
    value: str = "fandex_broken_plugin:Thing"

    def load(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.made


def _with(monkeypatch: pytest.MonkeyPatch, extra: list[_FakeEntryPoint]) -> None:
    real = plugins.entry_points

    def fake(*, group: str) -> list[Any]:
        return [*real(group=group), *[ep for ep in extra if ep.group == group]]

    monkeypatch.setattr(plugins, "entry_points", fake)
    plugins._entry_point_readers.cache_clear()
    plugins._entry_point_taggers.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    yield
    plugins._entry_point_readers.cache_clear()
    plugins._entry_point_taggers.cache_clear()


class _NeedsAKey:
    name = "needs-a-key"
    extensions = (".txt",)

    def __init__(self) -> None:
        raise RuntimeError("needs a licence key")


def test_a_reader_that_fails_to_import_is_left_out_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = _FakeEntryPoint("broken-rtf", plugins.READERS_GROUP, ImportError("no module"))
    _with(monkeypatch, [broken])
    with caplog.at_level(logging.WARNING, logger="fandex.plugins"):
        names = set(plugins.readers())
    assert "broken-rtf" not in names
    assert "txt" in names
    assert any("broken-rtf" in r.getMessage() for r in caplog.records)
    # Files still read through the readers that did load.
    doc = read_bytes(b"Title: A\n\nSome story text here, long enough to read.\n", "a.txt")
    assert doc.format == "txt" and doc.blocks


def test_a_reader_class_that_fails_to_construct_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with(monkeypatch, [_FakeEntryPoint("needs-a-key", plugins.READERS_GROUP, made=_NeedsAKey)])
    names = set(plugins.readers())
    assert "needs-a-key" not in names
    assert "txt" in names


def test_a_tagger_that_fails_to_import_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    before = set(plugins.taggers())
    broken = _FakeEntryPoint("broken-mood", plugins.TAGGERS_GROUP, SyntaxError("bad"))
    _with(monkeypatch, [broken])
    assert set(plugins.taggers()) == before
