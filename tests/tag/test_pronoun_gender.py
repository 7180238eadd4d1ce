"""A character's gender from the pronoun the narration gives them next."""

from __future__ import annotations

from relationship_fixtures import with_characters

from fandex.tag.pronoun_gender import pronoun_genders
from fandex.tag.story_people import genders

TEXT = (
    "Voss read the chart at the foot of the bed. She initialled it and moved on.\n\n"
    '"Bed four is stable," said Voss. She did not look up.\n\n'
    "Kell came in with the trolley. He parked it by the window.\n\n"
    "Kell checked the drip. He wrote the time on the board.\n\n"
    "Voss and Kell went out together. She held the door.\n\n"
)


def test_the_pronoun_opening_the_next_sentence_gives_a_gender() -> None:
    work = with_characters(TEXT, "Voss", "Kell")
    assert pronoun_genders(work, ["Voss", "Kell"]) == {"Voss": "F", "Kell": "M"}
    assert genders(work)["Voss"] == "F"


def test_one_sentence_or_a_sentence_naming_two_gives_none() -> None:
    text = "Voss read the chart. She nodded.\n\nVoss and Kell went out. He held the door.\n\n"
    work = with_characters(text, "Voss", "Kell")
    assert pronoun_genders(work, ["Voss", "Kell"]) == {}


def test_a_pronoun_in_a_line_of_dialogue_after_the_name_is_no_vote() -> None:
    text = '"Voss left." She sighed.\n\n"Ask Voss." He shrugged.\n\n'
    work = with_characters(text, "Voss")
    assert pronoun_genders(work, ["Voss"]) == {}
