"""Relatives and friends: never a romantic couple; a platonic "A & B" where the text says
so or two relatives lead the story; kin the text names."""

from __future__ import annotations

import pytest
from relationship_fixtures import rels, romantic, run, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.characters import character_tagger
from fandex.tag.relationships import relationship_tagger

FRIENDS = (
    "Buffy and Willow walked to school. Willow told Buffy about the test. "
    "Buffy laughed at Willow and Xander joined them at the gate."
)
# A mother's kiss and a daughter's love are a relative's affection, not romance.
FAMILY = (
    "Joyce kissed her daughter goodnight. Buffy hugged her mother at the door, and "
    "Joyce kissed Buffy on the forehead. Buffy told her mother she loved her, and "
    "Joyce held her in her arms for a long time."
)


@pytest.mark.parametrize("text", [FRIENDS, FAMILY], ids=["friends", "family"])
def test_friends_or_relatives_without_romance_get_no_romantic_relationship(text: str) -> None:
    assert not romantic(run(text))


def test_friends_without_words_for_it_get_no_relationship() -> None:
    assert rels(run(FRIENDS)) == {}


# Two sisters no pack knows, the text saying so; no romance anywhere.
SISTERS = (
    "Marta Quill opened the bakery at six. Her sister Odile came in at seven with the "
    "flour. Marta said the oven was slow again. Odile laughed and lit it anyway, and "
    "Marta watched her. Odile shaped the loaves while Marta counted the till. By noon "
    "Odile had burned one tray, and Marta said nothing, and Odile thanked her for it."
)


def test_a_story_about_two_relatives_gets_their_platonic_bond() -> None:
    w = run(SISTERS, "Original Work")
    tag = rels(w)["Marta Quill & Odile"]
    assert tag.source == "inferred" and tag.confidence >= 0.6
    assert all("Marta" in e.quote and "Odile" in e.quote for e in tag.evidence)
    assert not romantic(w)


SISTERS_TOGETHER = (
    "Buffy and Dawn walked home from the Bronze. Dawn talked about school; Buffy listened. "
    "Dawn wanted ice cream. Buffy bought her some. Dawn laughed. Buffy laughed too. Dawn "
    "rolled her eyes at Buffy. "
)


def test_two_relatives_of_a_pack_leading_a_story_get_their_platonic_bond() -> None:
    assert "Buffy Summers & Dawn Summers" in rels(run(SISTERS_TOGETHER))


def test_a_relative_beside_a_romance_gets_no_platonic_bond() -> None:
    # A kiss with Spike: romance holds Buffy, so the story is not only about two sisters.
    text = SISTERS_TOGETHER + "At the door Spike kissed Buffy, and Buffy kissed him back."
    assert not [name for name in rels(run(text)) if "&" in name]


SIBLINGS = (
    "Sherlock met Mycroft at the club. Mycroft kissed Sherlock on both cheeks, as their "
    "mother always had, and Sherlock kissed Mycroft back. Later Mycroft told Sherlock he "
    "loved him, brother to brother, and Sherlock embraced Mycroft at the door."
)


def test_no_romance_is_inferred_between_relatives() -> None:
    w = run(SIBLINGS, "Sherlock (TV)")
    assert "Mycroft Holmes/Sherlock Holmes" not in rels(w)


def test_a_stated_platonic_pair_is_never_turned_into_a_romantic_one() -> None:
    text = (
        "John came home late. Greg kissed John in the hall, and John kissed Greg back. "
        "Greg told John he loved him, and John said he loved Greg too."
    )
    w = Work(chapters=[Chapter(1, text=text)])
    w.add_tag(Tag("fandom", "Sherlock (TV)"))
    w.add_tag(Tag("relationship", "Greg Lestrade & John Watson"))
    character_tagger(w)
    relationship_tagger(w)
    assert "Greg Lestrade/John Watson" not in rels(w)
    assert rels(w)["Greg Lestrade & John Watson"].source == "stated"


def test_two_people_no_pack_knows_who_share_a_family_name_are_never_a_couple() -> None:
    text = (
        "Ada and Ben sat in the attic. Ada kissed Ben on the cheek, and Ben kissed Ada "
        "back. Ada told Ben she loved him, and Ben held Ada in his arms."
    )
    w = with_characters(text, "Ada Hart", "Ben Hart")
    assert romantic(w) == []


def test_a_family_word_next_to_the_cue_is_affection_one_further_off_a_bystander() -> None:
    family = (
        "Mara kissed her son Tobin goodnight. Tobin told his mother Mara he loved her, "
        "and Mara kissed her boy Tobin on the forehead."
    )
    assert rels(with_characters(family, "Mara Quell", "Tobin Ashe")) == {}
    couple = (
        "Mara kissed Tobin on the quay, there in the rain by the harbour wall, with her "
        "aunt's neighbours looking on. Tobin kissed Mara back and told Mara he loved her."
    )
    assert "Mara Quell/Tobin Ashe" in rels(with_characters(couple, "Mara Quell", "Tobin Ashe"))


FRIENDS_STATED = (
    "Aled Morgan and Ifan Pryce had been best friends since they were six. The sea was "
    "bad that night. Ifan went in on the line and Aled went in after him. In the station "
    "Ifan leaned on Aled's shoulder, and Aled put his arm round Ifan until the soup came."
)


def test_a_friendship_the_text_states_is_a_platonic_relationship() -> None:
    w = with_characters(FRIENDS_STATED, "Aled Morgan", "Ifan Pryce")
    tag = rels(w)["Aled Morgan & Ifan Pryce"]
    assert tag.source == "inferred" and 0 < tag.confidence <= 1
    assert all("Aled" in ev.quote and "Ifan" in ev.quote for ev in tag.evidence)


def test_no_friendship_is_guessed_from_time_spent_together() -> None:
    text = FRIENDS_STATED.replace("had been best friends since they were six", "met at six")
    assert rels(with_characters(text, "Aled Morgan", "Ifan Pryce")) == {}


def test_friends_who_kiss_or_whom_the_author_paired_get_no_ampersand() -> None:
    kissing = FRIENDS_STATED + " Then Aled kissed Ifan, and Ifan kissed Aled back."
    assert not any("&" in n for n in rels(with_characters(kissing, "Aled Morgan", "Ifan Pryce")))
    w = Work(chapters=[Chapter(1, text=FRIENDS_STATED)])
    w.add_tag(Tag("relationship", "Aled Morgan/Ifan Pryce"))
    for name in ("Aled Morgan", "Ifan Pryce"):
        w.add_tag(Tag("character", name))
    relationship_tagger(w)
    assert [t.name for t in w.tags_of("relationship")] == ["Aled Morgan/Ifan Pryce"]


def test_a_friendship_of_the_past_is_not_tagged() -> None:
    text = FRIENDS_STATED.replace("had been best friends", "used to be best friends")
    assert rels(with_characters(text, "Aled Morgan", "Ifan Pryce")) == {}


# Kinship the text states between two named people (fandex/tag/kinship.py). Each couple
# below kisses, holds hands and declares love in three sentences: enough for a pair.
def kissing(a: str, b: str) -> str:
    return (
        f" Later {a} kissed {b} by the window, and {b} kissed {a} back. {a} told {b} "
        f"she loved her, and {b} held {a} in her arms."
    )


@pytest.mark.parametrize(
    "said",
    [
        "Hattie's sister Clara came to stay.",
        "Her sister Clara came to stay.",
        "Her little sister, Clara, came to stay.",
        "Clara, Hattie's younger sister, came to stay.",
        "Clara, her sister, came to stay.",
        "Clara was her stepsister.",
        "Hattie Vale and Clara were twins.",
        '"My sister Clara is staying," said Hattie.',
    ],
    ids=["possessive", "pronoun", "apposition", "after", "after-pronoun", "step", "pair", "my"],
)
def test_two_people_the_text_calls_sisters_are_never_a_couple(said: str) -> None:
    text = "Hattie Vale opened the door of the flat. " + said + kissing("Clara", "Hattie")
    assert romantic(with_characters(text, "Hattie Vale", "Clara")) == []


@pytest.mark.parametrize(
    "said",
    [
        "Hattie's sister-in-law Clara came to stay.",
        "Her sister's friend Clara came to stay.",
        "Her sister, Clara said, was coming to stay.",
        "Clara and Hattie were sisters in arms.",
        "Mabel Ross came in. Her sister Clara came to stay.",
    ],
    ids=["in-law", "third-party", "clause", "figurative", "someone-elses"],
)
def test_a_kin_word_that_does_not_tie_the_two_leaves_the_couple(said: str) -> None:
    text = "Hattie Vale opened the door of the flat. " + said + kissing("Clara", "Hattie")
    got = rels(with_characters(text, "Hattie Vale", "Clara", "Mabel Ross"))
    assert "Clara/Hattie Vale" in got


def test_a_pronouns_kin_is_the_nearest_person_of_its_gender() -> None:
    couple = (
        " Later Sam kissed Nora by the window, and Nora kissed Sam back. Sam told Nora "
        "he loved her, and Nora held Sam in her arms. Sam kissed Nora again at the door."
    )
    names = ("Tom Reed", "Nora Hale", "Sam")
    # "His brother" is Tom's, the man named before: Sam and Nora stay a couple.
    his = with_characters(
        "Tom Reed waved at Nora Hale. His brother, Sam, laughed." + couple, *names
    )
    assert "Nora Hale/Sam" in rels(his)
    # "Her brother" is Nora's.
    her = with_characters(
        "Tom Reed waved at Nora Hale. Her brother, Sam, laughed." + couple, *names
    )
    assert rels(her) == {}


def test_their_mother_is_the_mother_of_the_two_named_together() -> None:
    text = "Ada Lowe and Ben Moss sat down. Their mother, Ruth, came in." + kissing("Ruth", "Ada")
    assert rels(with_characters(text, "Ada Lowe", "Ben Moss", "Ruth")) == {}


def test_a_narrator_who_says_her_name_is_the_one_whose_sister_it_is() -> None:
    text = "My name is Hattie Vale and I keep a flat. My sister Clara came to stay." + kissing(
        "Clara", "Hattie"
    )
    assert romantic(with_characters(text, "Hattie Vale", "Clara")) == []
    # A narrator who never says her name: "my sister" is nobody's we know.
    unnamed = text.replace("My name is Hattie Vale and I", "I")
    assert "Clara/Hattie Vale" in rels(with_characters(unnamed, "Hattie Vale", "Clara"))


@pytest.mark.parametrize(
    "said",
    [
        "Nora Hale smiled at the girl, who ran to her mother Ruth.",
        "Nora Hale came in. Ruth handed her nephew Nora's coat.",
    ],
    ids=["someone-unnamed", "possessive-after"],
)
def test_a_kin_word_about_someone_else_leaves_the_couple(said: str) -> None:
    text = said + kissing("Ruth", "Nora")
    assert "Nora Hale/Ruth" in rels(with_characters(text, "Nora Hale", "Ruth"))


def test_a_given_name_coordinated_with_a_full_name_shares_its_family_name() -> None:
    # "Clara and Hattie Vale" names two Vales, who are never a couple no pack vouches for.
    opening = "Clara and Hattie Vale opened the door of the flat."
    assert (
        romantic(with_characters(opening + kissing("Clara", "Hattie"), "Hattie Vale", "Clara"))
        == []
    )
    # Two people only walking in together are not one family.
    apart = "Clara came in with Hattie Vale, and they opened the door of the flat."
    got = rels(with_characters(apart + kissing("Clara", "Hattie"), "Hattie Vale", "Clara"))
    assert "Clara/Hattie Vale" in got
