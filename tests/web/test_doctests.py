"""The examples in the web and review modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "fandex.review",
    "fandex.web.app",
    "fandex.web.charts",
    "fandex.web.imports",
    "fandex.web.querystate",
    "fandex.web.render",
    "fandex.web.security",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
