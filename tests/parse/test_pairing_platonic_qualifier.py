"""A pairing written with a slash but qualified as no couple ("Ila/Corran (gen)",
"(friendship)") is platonic, AO3's "A & B"; other qualifiers keep the slash."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

STORY = "The ferry ran late again, and Ila waited on the slip with the lamp until it came."


@pytest.mark.parametrize("qualifier", ["gen", "friendship", "Platonic"])
def test_a_gen_qualifier_makes_the_pair_platonic(qualifier: str) -> None:
    w = work_of(f"Title: Slipway\nPairing: Ila/Corran ({qualifier})\n\n{STORY}")
    assert tag_names(w, "relationship") == ["Corran & Ila"]


@pytest.mark.parametrize("qualifier", ["implied", "pre-slash", "past"])
def test_other_qualifiers_keep_the_couple(qualifier: str) -> None:
    w = work_of(f"Title: Slipway\nPairing: Ila/Corran ({qualifier})\n\n{STORY}")
    assert tag_names(w, "relationship") == ["Corran/Ila"]
