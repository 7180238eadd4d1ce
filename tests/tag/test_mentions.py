"""The alias scan: one pass, longest alias first, epithets with lead words, context helpers."""

from __future__ import annotations

from fandex.tag.aliases import alias_index, scan_text
from fandex.tag.mentions import in_dialogue, previous_word, sentence_initial


def _found(text: str) -> list[str]:
    hits, _ = scan_text(text, 1, alias_index())
    return [text[h.start : h.end] for h in hits]


def test_longest_alias_wins_and_epithet_with_lead_word_is_found() -> None:
    text = "Later William the Bloody met the Slayer near Sunnydale High."
    assert _found(text) == ["William the Bloody", "the Slayer", "Sunnydale High"]


def test_possessive_and_hyphenated_names_are_found() -> None:
    assert _found("It was Xander's turn and Wyndam-Pryce's book.") == ["Xander", "Wyndam-Pryce"]


def test_lowercase_common_word_is_not_a_name() -> None:
    assert _found("She was an angel and the dawn was near.") == []


def test_name_inside_a_longer_word_is_not_found() -> None:
    assert _found("The Spikeball team met at Buffyland.") == []


def test_plural_of_a_term_is_found_but_not_of_a_name() -> None:
    assert _found("Two Dementors came.") == ["Dementors"]
    assert "Xanders" not in _found("All the Xanders came.")


def test_offsets_point_into_the_text() -> None:
    text = "Oh. Giles sighed."
    hits, _ = scan_text(text, 3, alias_index())
    assert [(h.chapter, h.start, h.end) for h in hits] == [(3, 4, 9)]


def test_sentence_initial_and_dialogue_context() -> None:
    text = 'He left. Angel sat. "Go," Angel said, "now."'
    first = text.index("Angel")
    second = text.index("Angel", first + 1)
    assert sentence_initial(text, first)
    assert not sentence_initial(text, second)
    assert in_dialogue(text, text.index("Go"))
    assert not in_dialogue(text, second)
    assert previous_word("It was an Angel", 10) == "an"


def test_plural_of_a_term_listed_only_in_the_singular_is_found() -> None:
    assert _found("There were two Hellmouths under the town.") == ["Hellmouths"]
