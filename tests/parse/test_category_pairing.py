"""A pairing archive files its stories by the pair ("Category: Hermione/Snape"): two
names the packs know as characters are a relationship; a slash label of the archive's
own stays a freeform tag."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.vocab import names

STORY = "The ledger had been wrong for three weeks, and she checked the columns again."
PACK = {"Ila": "Ila Marsh", "Corran": "Corran Vane"}


@pytest.fixture(autouse=True)
def _a_small_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: PACK.get(n, n))
    monkeypatch.setattr(names, "known_character", lambda n: n in PACK.values())


def test_a_category_naming_two_known_characters_is_their_relationship() -> None:
    w = work_of(f"Title: The Ledger\nRating: PG\nCategory: Ila/Corran\n\n{STORY}")
    assert tag_names(w, "relationship") == ["Corran Vane/Ila Marsh"]
    assert "Ila/Corran" not in tag_names(w, "freeform")


def test_a_category_of_unknown_names_stays_the_archives_label() -> None:
    w = work_of(f"Title: The Ledger\nRating: PG\nCategory: Ilsa/Corrander\n\n{STORY}")
    assert tag_names(w, "relationship") == []
    assert "Ilsa/Corrander" in tag_names(w, "freeform")
