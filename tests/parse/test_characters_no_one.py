"""A Characters field that names no one in particular ("Everyone", "Various", "None")
gives no character; the whole cast is AO3's "Ensemble Cast"."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

STORY = "The ferry ran late again, and Ila waited on the slip with the lamp until it came."


@pytest.mark.parametrize("value", ["Everyone", "everybody!", "Various", "Ensemble cast"])
def test_the_whole_cast_is_no_character(value: str) -> None:
    work = work_of(f"Title: Slipway\nCharacters: {value}\n\n{STORY}")
    assert value.strip("!").casefold() not in {n.casefold() for n in tag_names(work, "character")}
    assert "Ensemble Cast" in tag_names(work, "freeform")


def test_no_one_named_and_trailing_others_give_nothing() -> None:
    work = work_of(f"Title: Slipway\nCharacters: Ila Marsh, Oriel Vane, others\n\n{STORY}")
    names = tag_names(work, "character")
    assert "others" not in {n.casefold() for n in names}
    assert len(names) >= 2
    assert "Ensemble Cast" not in tag_names(work, "freeform")
    work = work_of(f"Title: Slipway\nCharacters: None\n\n{STORY}")
    assert "None" not in tag_names(work, "character")
    # An archive's catch-all entry in its character list.
    work = work_of(f"Title: Slipway\nCharacters: Ila Marsh, Other Character(s)\n\n{STORY}")
    assert not any(n.casefold().startswith("other") for n in tag_names(work, "character"))
