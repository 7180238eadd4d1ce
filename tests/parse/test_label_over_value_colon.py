"""A label alone on its line ("Fandom:") over a value holding a colon ("Star Trek: The
Original Series", as AO3's tag list reads when copied from the page): the line is the
value, not a field of its own."""

from __future__ import annotations

from helpers_parse import tag_names, work_of

STORY = "The storm reached the island at dusk, and the boats pulled at their ropes all night."


def test_a_value_with_a_colon_under_a_bare_label_is_the_value() -> None:
    w = work_of(f"Rating:\nGeneral Audiences\nFandom:\nHarbour Tales: The Series\n\n{STORY}")
    assert tag_names(w, "fandom") == ["Harbour Tales: The Series"]
    assert "Harbour Tales" not in w.header


def test_a_bare_label_over_another_label_stays_two_fields() -> None:
    w = work_of(f"Title: Low Water\nFandom:\nRating: PG\n\n{STORY}")
    assert tag_names(w, "rating") == ["General Audiences"]
