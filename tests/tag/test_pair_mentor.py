"""Teacher and pupil: a sentence naming both with a word that makes one the other's
(``fandex/tag/pair_mentor.py``) keeps the learned second chance from reading the two
leads of a story of two as a couple; a bond told otherwise is still the model's to read."""

from __future__ import annotations

import pytest
from relationship_fixtures import rels, with_characters
from test_relationships_learned import FILLER, _always

from fandex.tag import relationship_learned
from fandex.tag.pair_mentor import mentor_bond

NAMES = [(0, 4, "Maro"), (10, 14, "Ilse")]


@pytest.mark.parametrize(
    "text",
    [
        "Maro took Ilse on as his apprentice that spring.",
        "Maro, Ilse's old mentor, sent word.",
        "Maro had tutored Ilse for three winters.",
    ],
)
def test_a_teachers_word_in_a_sentence_naming_both(text: str) -> None:
    names = [(text.index("Maro"), text.index("Maro") + 4, "Maro")]
    names.append((text.index("Ilse"), text.index("Ilse") + 4, "Ilse"))
    assert mentor_bond(text, sorted(names), ("Ilse", "Maro"))


def test_no_bond_without_the_word_or_without_both_in_the_sentence() -> None:
    assert not mentor_bond("Maro took Ilse to the fair.", NAMES, ("Ilse", "Maro"))
    text = "Maro took Ilse to the fair. The apprentice stayed home."
    assert not mentor_bond(text, NAMES, ("Ilse", "Maro"))


def _story(bond: str) -> str:
    return (
        f"In her second winter in the city, Oriane Sask took Tomas Vell on {bond}. "
        + FILLER
        + "Tomas swept the workshop floor and Oriane banked the furnace. "
        + FILLER
        + '"Again," Oriane said, and Tomas laughed and did it again.'
    )


def test_the_learned_guess_makes_no_couple_of_a_master_and_apprentice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.97, 0.9))
    names = ("Oriane Sask", "Tomas Vell")
    assert list(rels(with_characters(_story("at the workshop"), *names))) == [
        "Oriane Sask/Tomas Vell"
    ]
    assert rels(with_characters(_story("as her apprentice"), *names)) == {}
