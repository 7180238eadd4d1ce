"""A couple told in pronouns in a story of more than two: "She kissed him." with one of
them named just before and the other earlier in the scene, names no list gives a
gender; and "They had sex" going on about the two the sentence before was read for."""

from __future__ import annotations

from relationship_fixtures import with_characters

from fandex.tag.romance import score_pairs

# About seven hundred characters that name no one: past the look-back for a pronoun's
# partner (600 characters), within a scene.
FILLER = (
    "The theatre had been dark for a year and smelled of it. The plaster in the foyer "
    "was cracked along the stairs, and the tap in the green room coughed brown water for "
    "a full minute before it ran clear. There were boxes on every seat, labelled in two "
    "hands, and a kettle that had come in the car because nobody trusted the van with "
    "it. Outside, a generator ran somewhere down the hill, and a dog barked at it. The "
    "shutters were stiff with paint and took both hands to open. Light came in stripes "
    "across the boards. There was a list on the back of an envelope: glass, fuse, bread, "
    "a man about the roof. The list was long and the afternoon was short. "
)
CAST = ("Dace Orrin", "Mab Tolly", "Wick Sarn")
OPENING = (
    "Wick Sarn locked the stage door and went home. Mab Tolly stayed to fix the last cue. " + FILLER
)


def test_the_other_of_a_man_and_a_woman_is_the_last_other_named() -> None:
    text = OPENING + '"You stayed," said Dace Orrin. She put the cup down and kissed him.'
    pairs = score_pairs(with_characters(text, *CAST)).pairs
    assert ("Dace Orrin", "Mab Tolly") in pairs
    assert not any("Wick Sarn" in p for p in pairs)


def test_no_one_named_just_before_leaves_the_pronouns_to_no_one() -> None:
    # Of three no list gives a gender, who kissed whom the pronouns cannot say.
    text = OPENING + "She put the cup down and kissed him."
    assert not score_pairs(with_characters(text, *CAST)).pairs


def test_they_go_on_about_the_two_the_last_cue_was_read_for() -> None:
    text = (
        OPENING + '"You stayed," said Dace Orrin. She put the cup down and kissed him. '
        "They went back to the flat, which was closer. They had sex, and slept."
    )
    pairs = score_pairs(with_characters(text, *CAST)).pairs
    assert pairs[("Dace Orrin", "Mab Tolly")].sentences == 2


def test_they_go_on_about_no_one_after_someone_else_is_named() -> None:
    text = (
        OPENING + '"You stayed," said Dace Orrin. She put the cup down and kissed him. '
        "Wick Sarn came back for his keys. They had sex, and slept."
    )
    pairs = score_pairs(with_characters(text, *CAST)).pairs
    assert pairs[("Dace Orrin", "Mab Tolly")].sentences == 1
