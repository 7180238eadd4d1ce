"""A couple a story of two tells as "they" past someone else's name, as "She kisses him."
in a scene that names its leads only after it, and a lead whose name is two letters long
("Jo"); and the same shapes where no couple is read (a third lead as present, the leads
named only long before, two women's names for "she" and "him")."""

from __future__ import annotations

from relationship_fixtures import with_characters

from fandex.tag.romance import score_pairs

# Over six hundred characters that name no one: past the look-back for a pronoun's
# partner (600 characters).
FILLER = (
    "The yard was white with frost and the pump had frozen again in the night. The "
    "bucket stood where it had been left, a skin of ice across it. Smoke went straight "
    "up from the chimneys of the row, and the road out of the town was empty as far as "
    "the bridge. The bread was a day old and the coal was nearly gone. The clock in the "
    "hall had stopped at ten past four and no one had wound it. Somewhere a shutter "
    "banged, and went on banging, and the wind brought the smell of the river up the "
    "lane. The list on the table was short: coal, oil, bread, and the window in the "
    "back room, which would not close. "
)
# Someone else's name opens a sentence between the leads' names and the cue.
MARRIED = (
    "Tomas Reiner had taken the cart. Nela Brandt and Oskar Wehl walked back from the "
    'well with the last of the water. "Tomas\'s boy needs it for the stove," she said. '
    "He nodded. They have been married for six years and he stopped arguing about "
    "water in the first winter."
)


def test_they_in_a_story_of_two_are_its_leads_past_another_s_name() -> None:
    pairs = score_pairs(with_characters(MARRIED, "Nela Brandt", "Oskar Wehl")).pairs
    assert pairs[("Nela Brandt", "Oskar Wehl")].strong == 1


def test_they_is_no_one_s_where_a_third_lead_is_as_present() -> None:
    text = MARRIED.replace("Oskar Wehl walked", "Oskar Wehl and Lise Marr walked")
    w = with_characters(text, "Nela Brandt", "Oskar Wehl", "Lise Marr")
    assert not score_pairs(w).pairs


def test_they_past_another_s_name_needs_the_leads_named_just_before() -> None:
    text = MARRIED.replace("\"Tomas's", FILLER + "\"Tomas's")
    assert not score_pairs(with_characters(text, "Nela Brandt", "Oskar Wehl")).pairs


def test_a_two_letter_name_is_found_where_a_cue_is() -> None:
    text = "Asel Dar and Jo climbed the ridge in the rain. At the top Jo kissed Asel Dar."
    pairs = score_pairs(with_characters(text, "Asel Dar", "Jo")).pairs
    assert pairs[("Asel Dar", "Jo")].named == 1


# A scene that tells its kiss in pronouns and names its two people only after it.
SCENE = (
    'The kitchen was cold and smelled of smoke. "Tell me to go," she said. He did not. '
    "She kisses him. Later Orla Venn slept, and Tavi Rusk watched the rain.\n\n* * *\n\n"
    "The boats went out at dawn. Orla Venn and Tavi Rusk mended the nets on the wall."
)


def test_a_scene_s_pronouns_are_the_leads_it_names_after_them() -> None:
    pairs = score_pairs(with_characters(SCENE, "Orla Venn", "Tavi Rusk")).pairs
    assert pairs[("Orla Venn", "Tavi Rusk")].strong == 1


def test_a_scene_naming_a_third_character_gives_its_pronouns_to_no_one() -> None:
    text = SCENE.replace("watched the rain", "watched Pell Quist in the rain")
    w = with_characters(text, "Orla Venn", "Tavi Rusk", "Pell Quist")
    w.tags = [t for t in w.tags if t.type == "character"]
    w.tags[-1].source = "inferred"
    w.tags[-1].attrs["share"] = 0.1  # a passer-by: the story is still the two leads'
    assert not score_pairs(w).pairs


def test_she_and_him_are_not_two_women_s_pronouns() -> None:
    text = SCENE.replace("Tavi Rusk", "Maria Rusk").replace("Orla Venn", "Anna Venn")
    assert not score_pairs(with_characters(text, "Anna Venn", "Maria Rusk")).pairs
