"""A header written on one line as ``Label - value`` pairs, with no colon: each pair is
a field, and a sentence holding a label word between the same marks is still story."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

from fandex.parse.pairs import split_pairs

STORY = "The ferry left at noon, and Ilse stood at the rail watching the gulls follow it."


def _stated(text: str) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work_of(text).tags if t.source == "stated"}


@pytest.mark.parametrize(
    "line",
    [
        "Rating - PG ~ Pairing - Ilse/Brand ~ Warnings - none",
        "Rating :: PG :: Pairing :: Ilse/Brand :: Warnings :: none",
        "Rating | PG | Pairing | Ilse/Brand | Warnings | none",
        "**Rating** ~ PG ~ **Pairing** ~ Ilse/Brand ~ **Warnings** ~ none",
        "Rating - PG // Pairing - Ilse/Brand // Warnings - none",
    ],
)
def test_one_line_pairs_each_become_a_stated_field(line: str) -> None:
    stated = _stated(f"Ferry\nby Oda\n\n{line}\n\n{STORY}")
    assert ("rating", "General Audiences") in stated
    assert ("relationship", "Brand/Ilse") in stated
    assert ("warning", "No Archive Warnings Apply") in stated


def test_one_line_pairs_leave_the_story_whole() -> None:
    work = work_of(f"Ferry\nby Oda\n\nRating - PG ~ Pairing - Ilse/Brand\n\n{STORY}")
    assert work.chapters[0].text == STORY


def test_value_holding_the_mark_stays_one_value() -> None:
    assert split_pairs("Pairing - None - Gen ~ Rating - G") == ["Pairing: None - Gen", "Rating: G"]


def test_a_status_word_closing_the_line_is_the_status() -> None:
    assert split_pairs("Rating - R ~ Warnings - violence ~ Complete") == [
        "Rating: R",
        "Warnings: violence",
        "Status: Complete",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Title - the one word she hated - hung over the door.",
        "Rating - that was what the judges called it - mattered less than the cake.",
        "Love - Harry thought - was a word. Rating - no.",
        "Summary: the ferry - and the gulls - and the rail",
    ],
)
def test_a_sentence_of_the_same_shape_is_not_pairs(line: str) -> None:
    assert split_pairs(line) is None


def test_story_sentence_with_label_words_between_dashes_stays_story() -> None:
    sentence = "Rating - she had always hated the word - was all the judges cared about."
    work = work_of(f"Ferry\nby Oda\n\n{STORY}\n\n{sentence}")
    assert sentence in work.chapters[0].text
    assert not [t for t in work.tags if t.source == "stated" and t.type == "rating"]
