"""A couple told quietly in a story of two (two domestic lines, their names far off), a
story that names its people only twice each, and a story told as "you": where the same
shapes are no couple (a third lead, romance with someone else, a hand held)."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Work
from fandex.tag.narration import narrated_by_pronoun
from fandex.tag.relationship_two import TWO_LEADS_CONFIDENCE
from fandex.tag.romance import score_pairs
from fandex.tag.unknown_cast import extract_characters

# A story of two, longer than the short length, whose one intimate line names neither.
FLAT = (
    "Kenji Sato came home from the night shift at six. Marcus Obi was already up, "
    "reading the paper at the kitchen table. Kenji made the coffee and Marcus made the "
    "toast, and they ate without talking much. "
    + "The rain went on outside and the kettle ticked as it cooled. " * 10
    + "Kenji washed the cups. Marcus dried them and put them away. "
    + "The radio said the roads were closed on the coast. " * 10
    + "Later they lay in their bed with the curtains drawn and listened to the rain. "
    "Afterwards he fell asleep with his hand on Kenji's arm, and Marcus held him. "
    "Marcus read until noon."
)


def test_a_story_of_two_whose_only_intimacy_is_theirs_is_their_couple() -> None:
    w = with_characters(FLAT, "Kenji Sato", "Marcus Obi")
    got = rels(w)
    assert "Kenji Sato/Marcus Obi" in got
    assert got["Kenji Sato/Marcus Obi"].confidence <= TWO_LEADS_CONFIDENCE


def test_the_same_line_is_no_couple_where_a_third_lead_is_as_present() -> None:
    text = FLAT.replace("Marcus read until noon.", "Dana Ruiz came at noon. " * 8)
    w = with_characters(text, "Kenji Sato", "Marcus Obi", "Dana Ruiz")
    assert "Kenji Sato/Marcus Obi" not in rels(w)


def test_one_quiet_line_of_a_couples_in_a_story_of_two_is_their_couple() -> None:
    text = FLAT.replace("and Marcus held him", "and the rain stopped")
    got = rels(with_characters(text, "Kenji Sato", "Marcus Obi"))
    assert "Kenji Sato/Marcus Obi" in got
    assert got["Kenji Sato/Marcus Obi"].confidence <= TWO_LEADS_CONFIDENCE


def test_one_line_of_affection_in_a_story_of_two_is_no_couple() -> None:
    text = FLAT.replace("lay in their bed with the curtains drawn", "sat on the sofa")
    w = with_characters(text, "Kenji Sato", "Marcus Obi")
    assert score_pairs(w).pairs  # "Marcus held him" is read for the two of them...
    assert not [n for n in rels(w) if "/" in n]  # ...but an embrace is a friend's too


def test_a_hand_held_in_a_story_of_two_is_no_couple() -> None:
    text = FLAT.replace("lay in their bed with the curtains drawn", "held hands on the sofa")
    w = with_characters(text, "Kenji Sato", "Marcus Obi")
    assert not [n for n in rels(w) if "/" in n]


def test_no_couple_of_two_where_one_of_them_kisses_someone_else() -> None:
    text = FLAT.replace(
        "Marcus read until noon.",
        "That evening Marcus kissed Dana Ruiz at the station.",
    )
    w = with_characters(text, "Kenji Sato", "Marcus Obi", "Dana Ruiz")
    assert "Kenji Sato/Marcus Obi" not in rels(w)


# Names said twice each, the rest told in "he" and "she".
SPARSE = (
    "The snow came down over the hot spring in the hills. Efua Mensah laughed at the cold "
    'and pulled her hat down. "You look frozen," she said. He shrugged, and Rhys Lloyd sat down in '
    "the water and closed his eyes. The steam rose round them. She got in beside him. "
    '"It is warm," said Efua. Rhys nodded. They sat there a long time as the light went.'
)


def test_a_story_that_names_its_two_people_twice_each_has_them_both() -> None:
    w = Work(chapters=[Chapter(1, text=SPARSE)])
    names = {t.name for t in extract_characters(w, tagger_name="c")}
    assert {"Efua Mensah", "Rhys Lloyd"} <= names


def test_a_place_said_twice_is_no_person() -> None:
    text = SPARSE.replace("in the hills", "in Hokkaido").replace(
        "as the light went", "and Hokkaido went dark"
    )
    w = Work(chapters=[Chapter(1, text=text)])
    assert "Hokkaido" not in {t.name for t in extract_characters(w, tagger_name="c")}


def test_a_kin_word_said_twice_is_no_person() -> None:
    text = SPARSE.replace("Rhys Lloyd sat", "Mama sat").replace("Rhys nodded", "Mama nodded")
    w = Work(chapters=[Chapter(1, text=text)])
    names = {t.name for t in extract_characters(w, tagger_name="c")}
    assert "Mama" not in names


SECOND = (
    "You carry the last box down the stairs. Henrik Berg is waiting by the van with his "
    "friend Magnus Dahl, who looks at the pavement. You remember the morning the lid "
    "cracked, the time he kissed the back of your neck while you poured the coffee. "
    "Henrik takes the box from you. Magnus starts the van. You go back up the stairs "
    "alone, and you do not look out of the window, and you sit on the floor."
)


def test_a_story_told_as_you_is_told_by_pronoun() -> None:
    assert narrated_by_pronoun(Work(chapters=[Chapter(1, text=SECOND)]))
    assert not narrated_by_pronoun(Work(chapters=[Chapter(1, text=FLAT)]))


def test_the_narrators_kiss_is_not_given_to_the_two_named_near_it() -> None:
    w = with_characters(SECOND, "Henrik Berg", "Magnus Dahl")
    # "he kissed the back of your neck": "your" is the narrator no character stands
    # for, the sentence is read for no pair of the two named near it.
    assert not score_pairs(w).pairs
    assert not [n for n in rels(w) if "/" in n]
