"""A pair written "A/B" in a Characters field (eFiction archives, journal headers) is a
relationship and two characters; FanFiction.net's "Hildagarde/Hilda" (one person, an
alias) stays one character."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.vocab import names

STORY = "The ferry ran late again, and Ila waited on the slip with the lamp until it came."


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_a_slash_pair_among_characters_is_a_relationship() -> None:
    work = work_of(f"Title: Slipway\nCharacters: Corran/Ila, Oriel\n\n{STORY}")
    assert tag_names(work, "relationship") == ["Corran/Ila"]
    assert sorted(tag_names(work, "character")) == ["Corran", "Ila", "Oriel"]


def test_an_alias_after_a_slash_stays_one_character() -> None:
    work = work_of(f"Title: Slipway\nCharacters: Hildagarde/Hilda, Oga T.\n\n{STORY}")
    assert tag_names(work, "relationship") == []
    assert "Hildagarde/Hilda" in tag_names(work, "character")
