"""A big library's search data is built in the background when the web app starts."""

from __future__ import annotations

import threading

import pytest

from fandex.library import Library
from fandex.test.helper import make_work, memory_library
from fandex.web import app as app_module


def _watch(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    called = threading.Event()
    monkeypatch.setattr(app_module, "warm_up", lambda lib: called.set())
    return called


def _library() -> Library:
    lib = memory_library()
    lib.save(make_work("One"))
    return lib


def test_app_warms_search_up_for_a_big_library(monkeypatch: pytest.MonkeyPatch) -> None:
    called = _watch(monkeypatch)
    monkeypatch.setattr(app_module, "_WARM_MIN_WORKS", 1)
    app_module.create_app(_library())
    assert called.wait(5)


def test_app_leaves_a_small_library_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    called = _watch(monkeypatch)
    app_module.create_app(_library())
    assert not called.wait(0.2)


def test_a_failing_warm_up_is_only_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(lib: Library) -> None:
        raise RuntimeError("no")

    monkeypatch.setattr(app_module, "warm_up", broken)
    app_module._warm(_library())
    assert "warm-up failed" in caplog.text
